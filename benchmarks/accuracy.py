"""Main-text accuracy of cleaner against trafilatura, readability-lxml and jusText, on the same pages in one run.

    python benchmarks/accuracy.py --corpora ../shared/corpora --jobs 2 --json /tmp/accuracy.json

Prints one table: per corpus set, the mean word precision, recall and F1 of
each tool's main text against the gold main text, and trafilatura's own
must / must-not string accuracy on its evaluation pages. By default only the
held-out split (`cleaner.dataset.is_eval`) of the sets the model trains on is
scored; `--all-splits` scores every page. Needs `pip install readability-lxml justext`.

Columns:
- cleaner: `Cleaner().clean(page bytes, url=..., kind="html")`, body text only;
- + captions, credits: the same document's body, caption and credit paragraphs in
  reading order (what cleaner takes out of the text by design, put back);
- + title: the headline (`Document.title`) above the body text. cleaner moves the
  headline out of the text into `title`; Dragnet's and CleanPortalEval's gold
  keep it in the main text, WCXB's and newspaper's mostly do not;
- cleaner text: the page flattened to plain paragraphs (see `flatten`), then `kind="text"`;
- flattened: that flattened text unchanged, the "no cleaning" baseline for the column before;
- trafilatura / traf. precision: `trafilatura.extract`, default or `favor_precision=True`;
- readability: `readability.Document(page).summary()`, its visible text;
- jusText: the paragraphs it does not call boilerplate, stoplist from the page language.
"""
from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import logging
import platform
import re
import sys
import time
import warnings
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import lxml.etree
import lxml.html

from cleaner import Cleaner, CleanerError
from cleaner.dataset import is_eval
from cleaner.flatten import flatten, flatten_tree
from cleaner.pagescore import MAIN_TEXT_SETS, TRAINED_ON, page_group, word_prf
from cleaner.weaklabel import _ground_truth, _read, evaldata_by_file, evaldata_of, page_rows

REPO = Path(__file__).resolve().parent.parent
TOOLS = ("cleaner", "cleaner_lifted", "cleaner_titled", "cleaner_text", "flattened", "trafilatura", "traf_precision",
         "readability", "justext")
HEADS = ("cleaner", "+ captions, credits", "+ title", "cleaner text", "flattened", "trafilatura", "traf. precision",
         "readability", "jusText")
GOLD_SETS = MAIN_TEXT_SETS  # full main text via _ground_truth
STRING_SETS = ("trafilatura_eval",)  # must / must-not strings only
NO_MAIN_TEXT = ("l3s_gn1", "goose3")  # block labels (benchmarks/blocks.py) / a prefix only: no row here
EXTRACTORS = {"readability": ("readability", "readability-lxml"), "justext": ("justext", "justext")}  # tool: module, package
WORDS = re.compile(r"\w+")

# jusText stoplists are named by language; the manifest has ISO codes (langdetect).
JUSTEXT_LANG = {
    "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan", "cs": "Czech", "cy": "Welsh",
    "da": "Danish", "de": "German", "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian",
    "fa": "Persian", "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian",
    "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ko": "Korean", "lt": "Lithuanian",
    "lv": "Latvian", "nl": "Dutch", "no": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sv": "Swedish",
    "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "vi": "Vietnamese",
}

# ------------------------------------------------------------------ the tools
# Each takes (raw page bytes, row, state) and returns the main text ("" for none).
# The external tools get the page bytes and decode them their own way, as a user would.

def _cleaned(raw: bytes, row: dict, state: dict):
    if "doc" not in state:
        state["doc"] = state["cleaner"].clean(raw, url=row.get("url"), kind="html")
    return state["doc"]


def run_cleaner(raw: bytes, row: dict, state: dict) -> str:
    return _cleaned(raw, row, state).text


def run_cleaner_lifted(raw: bytes, row: dict, state: dict) -> str:
    """The body text with the captions and credits cleaner moved to metadata put back
    in place: the corpora's gold keeps bylines and captions in the main text."""
    doc = _cleaned(raw, row, state)
    if not doc.text:
        return ""
    return "\n\n".join(p.text for p in doc.paragraphs if p.label.value in ("body", "caption", "credit"))


def run_cleaner_titled(raw: bytes, row: dict, state: dict) -> str:
    """The headline above the body text, as a reader of the JSON record gets both."""
    doc = _cleaned(raw, row, state)
    if not doc.text or not doc.title:
        return doc.text
    return f"{doc.title}\n\n{doc.text}"


def run_cleaner_text(raw: bytes, row: dict, state: dict) -> str:
    return state["cleaner"].clean(state["flat"], kind="text").text


def run_flattened(raw: bytes, row: dict, state: dict) -> str:
    return state["flat"]


def run_trafilatura(raw: bytes, row: dict, state: dict) -> str:
    import trafilatura
    return trafilatura.extract(raw, include_comments=False) or ""


def run_traf_precision(raw: bytes, row: dict, state: dict) -> str:
    import trafilatura
    return trafilatura.extract(raw, include_comments=False, favor_precision=True) or ""


def run_readability(raw: bytes, row: dict, state: dict) -> str:
    import readability
    summary = readability.Document(raw).summary()
    # The visible text of the summary, paragraph by paragraph: text_content() alone glues
    # "end.</p><p>Start" into one word where the page has no whitespace between tags.
    return flatten_tree(lxml.html.fromstring(summary)) if summary.strip() else ""


def run_justext(raw: bytes, row: dict, state: dict) -> str:
    import justext
    stoplist = justext.get_stoplist(JUSTEXT_LANG.get((row.get("lang") or "en").split("-")[0], "English"))
    return "\n\n".join(p.text for p in justext.justext(raw, stoplist) if not p.is_boilerplate)


RUNNERS = {"cleaner": run_cleaner, "cleaner_lifted": run_cleaner_lifted, "cleaner_titled": run_cleaner_titled,
           "cleaner_text": run_cleaner_text, "flattened": run_flattened,
           "trafilatura": run_trafilatura, "traf_precision": run_traf_precision,
           "readability": run_readability, "justext": run_justext}

# ------------------------------------------------------------------ measures


def string_counts(output: str, item: dict) -> dict:
    """trafilatura's evaluation: a `with` string found is a tp, missing a fn; a `without` string absent is a tn,
    present a fp. Whitespace is collapsed on both sides, so no-break and edge spaces in 115 of the 5,902
    strings do not penalise tools that normalise whitespace."""
    text = " ".join(output.split())
    found = [" ".join(s.split()) in text for s in item["with"]]
    leaked = [" ".join(s.split()) in text for s in item["without"]]
    return {"tp": sum(found), "fn": len(found) - sum(found), "fp": sum(leaked), "tn": len(leaked) - sum(leaked)}


# ------------------------------------------------------------------ one page, in a worker
STATE: dict = {}


def init_worker(root: str, tools: tuple[str, ...] = TOOLS) -> None:
    logging.disable(logging.CRITICAL)  # the libraries warn on many real pages; the scores say enough
    warnings.simplefilter("ignore")
    # Imported here so that no tool's first page pays for its import; only the tools
    # that run, so a quick try with --tools needs only theirs installed.
    import trafilatura  # noqa: F401
    if "justext" in tools:
        import justext  # noqa: F401
    if "readability" in tools:
        import readability  # noqa: F401
    STATE["root"] = Path(root)
    STATE["tools"] = tools
    STATE["cleaner"] = Cleaner()  # loads the model once per worker


def score_page(task: tuple[dict, dict | None]) -> dict | None:
    """Every tool on one page: its scores, seconds and whether it returned nothing. None: no gold text."""
    row, strings = task
    root = STATE["root"]
    gold = None
    page_type = None
    if strings is None:
        gold_text, page_type = _ground_truth(root, row)
        gold = Counter(WORDS.findall((gold_text or "").lower()))
        if not gold:
            return None
    raw = _read(root, row["html"])
    result = {"set": row["set"], "id": row["id"], "page_type": page_type, "tools": {}}
    state = dict(STATE)
    start = time.perf_counter()
    try:
        state["flat"] = flatten(raw)
    except (CleanerError, ValueError, lxml.etree.LxmlError):
        state["flat"] = ""
    flat_seconds = time.perf_counter() - start
    for tool in STATE["tools"]:
        start = time.perf_counter()
        error = None
        try:
            output = RUNNERS[tool](raw, row, state)
        except CleanerError as exc:  # no_content and friends: the tool found no article
            output, error = "", exc.code
        except Exception as exc:  # noqa: BLE001  one page must not stop the run; it scores 0 for this tool
            output, error = "", type(exc).__name__
        seconds = time.perf_counter() - start + (flat_seconds if tool == "flattened" else 0.0)
        scores = word_prf(output, gold) if gold is not None else string_counts(output, strings)
        result["tools"][tool] = {**scores, "seconds": seconds, "empty": not output.strip(), "error": error}
    return result


# ------------------------------------------------------------------ which pages


def select_tasks(root: Path, sets: list[str], all_splits: bool, limit: int | None) -> list[tuple[dict, dict | None]]:
    evaldata = evaldata_by_file(root) if "trafilatura_eval" in sets else {}
    taken: Counter = Counter()
    tasks = []
    for row in page_rows(root, set(sets)):
        if not all_splits and row["set"] in TRAINED_ON and not is_eval(page_group(row)):
            continue
        if limit is not None and taken[row["set"]] >= limit:
            continue
        strings = None
        if row["set"] in STRING_SETS:
            strings = evaldata_of(evaldata, row)
            if strings is None:
                continue
        taken[row["set"]] += 1
        tasks.append((row, strings))
    return tasks


# ------------------------------------------------------------------ the table


def table_rows(results: list[dict], sets: list[str]) -> list[tuple[str, list[dict]]]:
    """(row name, its pages): each set, and WCXB articles beside all of WCXB."""
    rows = []
    for name in sets:
        pages = [r for r in results if r["set"] == name]
        rows.append((name, pages))
        if name == "wcxb":
            rows.append(("wcxb articles", [r for r in pages if r["page_type"] == "article"]))
    return rows


def summarise(pages: list[dict], strings: bool) -> dict:
    out = {}
    for tool in TOOLS:
        cells = [p["tools"][tool] for p in pages]
        if strings:
            c = {k: sum(x[k] for x in cells) for k in ("tp", "fn", "fp", "tn")}
            total = sum(c.values())
            p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
            r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
            out[tool] = {**c, "accuracy": (c["tp"] + c["tn"]) / total if total else 0.0, "precision": p,
                         "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
        else:
            n = len(cells) or 1
            out[tool] = {"precision": sum(x["p"] for x in cells) / n, "recall": sum(x["r"] for x in cells) / n,
                         "f1": sum(x["f"] for x in cells) / n}
        out[tool]["empty"] = sum(x["empty"] for x in cells)
    return out


def render(summary: dict, seconds: dict) -> str:
    lines = ["| set | pages | measure | " + " | ".join(HEADS) + " |",
             "|---|---:|---|" + "---:|" * len(TOOLS)]
    for name, row in summary.items():
        measures = (("accuracy", "acc."), ("precision", "P"), ("recall", "R"), ("f1", "F1")) if row["strings"] \
            else (("f1", "F1"), ("precision", "P"), ("recall", "R"))
        for i, (key, label) in enumerate(measures):
            values = [row["tools"][t][key] for t in TOOLS]
            best = max(v for t, v in zip(TOOLS, values) if t != "flattened")
            cells = [f"**{v:.3f}**" if key in ("f1", "accuracy") and v == best and t != "flattened" else f"{v:.3f}"
                     for t, v in zip(TOOLS, values)]
            head = f"| {name} | {row['pages']} |" if i == 0 else "| | |"
            lines.append(f"{head} {label} | " + " | ".join(cells) + " |")
        lines.append("| | | empty | " + " | ".join(str(row["tools"][t]["empty"]) for t in TOOLS) + " |")
    lines.append("| all rows | | s/page | " + " | ".join(f"{seconds[t]:.3f}" for t in TOOLS) + " |")
    return "\n".join(lines)


def biggest_losses(results: list[dict], n: int = 10) -> list[str]:
    """Pages with gold text where cleaner keeps far fewer body words than trafilatura."""
    pages = [r for r in results if "r" in r["tools"].get("cleaner", {}) and "r" in r["tools"].get("trafilatura", {})]
    pages.sort(key=lambda r: r["tools"]["cleaner"]["r"] - r["tools"]["trafilatura"]["r"])
    out = []
    for r in pages[:n]:
        c, t = r["tools"]["cleaner"], r["tools"]["trafilatura"]
        if t["r"] - c["r"] < 0.1:
            break
        why = f" ({c['error']})" if c["error"] else ""
        out.append(f"  {r['set']}:{r['id']}{' [' + r['page_type'] + ']' if r['page_type'] else ''}: "
                   f"cleaner R {c['r']:.3f}{why} vs trafilatura R {t['r']:.3f}")
    return out


def versions() -> str:
    from cleaner.pipeline import default_cleaner
    names = ("trafilatura", "readability-lxml", "jusText", "lxml")
    return (f"cleaner {version('cleaner')} (model {default_cleaner().model.name}), "
            + ", ".join(f"{n} {_installed(n)}" for n in names) + f"; Python {platform.python_version()}")


def _installed(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:  # a tool left out with --tools need not be installed
        return "not installed"


def header(args, sets: list[str]) -> str:
    split = ("every page (--all-splits)" if args.all_splits else
             "held-out evaluation split only (cleaner.dataset.is_eval on 'set:host') for the sets the model "
             f"trains on ({', '.join(s for s in sets if s in TRAINED_ON)}); every page of the eval-only sets "
             f"({', '.join(s for s in sets if s not in TRAINED_ON) or 'none'})")
    limit = f"; at most {args.limit} pages a set (--limit)" if args.limit else ""
    return "\n".join([
        f"Main-text accuracy, {datetime.date.today().isoformat()}; {versions()}",
        f"Pages: {split}{limit}.",
        ("Sets with gold main text: mean over pages of word-multiset P / R / F1 (\\w+, lower case; empty output "
         "scores 0). trafilatura_eval: its must / must-not strings, pooled as trafilatura's evaluation counts them."),
        f"Not rows: {', '.join(NO_MAIN_TEXT)} (no full gold main text: block labels / a prefix only).",
    ])


# ------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    global TOOLS, HEADS  # the table shows only the tools that ran (--tools)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    ap.add_argument("--sets", nargs="+", default=list(GOLD_SETS + STRING_SETS))
    ap.add_argument("--limit", type=int, default=None, help="At most N pages per set (quick tries).")
    ap.add_argument("--all-splits", action="store_true", help="Score training pages too, not only the held-out split.")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", type=Path, help="Also write the numbers (no page text) to this file.")
    ap.add_argument("--tools", nargs="+", choices=TOOLS, default=list(TOOLS), help="Run only these tools (quick tries).")
    args = ap.parse_args(argv)
    HEADS = tuple(h for t, h in zip(TOOLS, HEADS) if t in args.tools)
    TOOLS = tuple(t for t in TOOLS if t in args.tools)
    unknown = [s for s in args.sets if s not in GOLD_SETS + STRING_SETS]
    if unknown:
        print(f"skipping {', '.join(unknown)}: no gold main text or must/must-not strings", file=sys.stderr)
    sets = [s for s in args.sets if s in GOLD_SETS + STRING_SETS]
    # A worker that fails to import a tool breaks the whole pool with no word of why: ask first.
    missing = [package for tool, (module, package) in EXTRACTORS.items()
               if tool in TOOLS and importlib.util.find_spec(module) is None]
    if missing:
        print(f"not installed: {', '.join(missing)}. pip install {' '.join(missing)},"
              " or leave those tools out with --tools", file=sys.stderr)
        return 2

    tasks = select_tasks(args.corpora, sets, args.all_splits, args.limit)
    results = []
    start = time.perf_counter()
    with ProcessPoolExecutor(args.jobs, initializer=init_worker, initargs=(str(args.corpora), tuple(args.tools))) as pool:
        for i, res in enumerate(pool.map(score_page, tasks, chunksize=4), 1):
            if res is not None:
                results.append(res)
            if i % 200 == 0:
                print(f"  {i}/{len(tasks)} pages, {time.perf_counter() - start:.0f} s", file=sys.stderr)
    wall = time.perf_counter() - start

    summary = {name: {"pages": len(pages), "strings": name in STRING_SETS,
                      "tools": summarise(pages, name in STRING_SETS)}
               for name, pages in table_rows(results, sets)}
    seconds = {t: sum(r["tools"][t]["seconds"] for r in results) / max(1, len(results)) for t in TOOLS}
    print(header(args, sets))
    print()
    print(render(summary, seconds))
    print()
    print(f"{len(results)} pages in {wall:.0f} s wall with --jobs {args.jobs}. s/page: each tool's own time per "
          "page, summed over all rows (flattened: decode + parse + flatten; cleaner text: cleaning only); "
          "indicative only, other processes may share the CPU. Bold: best F1 / accuracy among the tools "
          "(flattened is the no-cleaning baseline). empty: pages where the tool returned nothing.")
    losses = biggest_losses(results)
    if losses:
        print("Largest body-word losses of cleaner against trafilatura (word recall):")
        print("\n".join(losses))
    if args.json:
        args.json.write_text(json.dumps({"header": header(args, sets), "rows": summary, "seconds_per_page": seconds,
                                         "wall_seconds": wall, "pages": results}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
