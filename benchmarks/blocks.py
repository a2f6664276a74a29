"""Where each human-labelled block's words end up: cleaner against trafilatura on L3S-GN1.

    python benchmarks/blocks.py --corpora ../shared/corpora --jobs 2 --json /tmp/blocks.json

L3S-GN1's annotators labelled every text block of 621 news pages: full text,
headline, supplemental (captions, datelines, bylines, source lines), related
content, user comments, and not content. Those are the only human labels in the
corpora for what cleaner takes out of the text, so they measure its labels
without the weak labels' rules (the model never learned from this set: its
licence is for research only).

For each page, the words of the labelled blocks (lower-cased `\\w+`, in page
order) are aligned with the words of each tool's output, also in order
(`difflib`), so a word counts where that copy of it went, not wherever the
same word appears. For cleaner the output is the title and every paragraph,
each word tagged with its paragraph's label; for trafilatura, the text of
`trafilatura.extract(page, include_comments=False)`. A gold word no output
word aligns with was not extracted.

Prints, for each human label, the share of its words that each tool keeps in
the text and, for cleaner, where the rest went; then the same for the words
cleaner's paragraphs hold (what its labels decide, the extractor aside), and
the mean word P / R / F1 of each tool's text against the full-text blocks.
"""
from __future__ import annotations

import argparse
import datetime
import gzip
import json
import logging
import sys
import time
import warnings
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from difflib import SequenceMatcher
from pathlib import Path

import trafilatura

from cleaner import Cleaner, CleanerError
from cleaner.pagescore import WORDS, word_prf

REPO = Path(__file__).resolve().parent.parent
HUMAN = ("fulltext", "headline", "supplemental", "related_content", "comments", "not_content")
CLEANER = ("body", "title", "caption", "credit", "appeal", "boilerplate")
GONE = "not extracted"
NOT_ARTICLE = ("related_content", "comments", "not_content")  # what the text should not hold


def tagged_words(pieces) -> tuple[list[str], list[str]]:
    """(words, the tag of each) of (text, tag) pieces in order."""
    words, tags = [], []
    for text, tag in pieces:
        found = WORDS.findall(text.lower())
        words.extend(found)
        tags.extend([tag] * len(found))
    return words, tags


def where_words_went(gold: tuple[list[str], list[str]], out: tuple[list[str], list[str]]) -> Counter:
    """Counts of (human label, output tag) over the gold words, GONE where no output word aligns.

    The output is aligned with one human label's words at a time, in HUMAN's order,
    each time with the output words no earlier label took. Some pages hold the
    article twice (a print or e-mail copy marked not content): its words go to the
    full text, whichever copy the tool read."""
    (gwords, gtags), (owords, otags) = gold, out
    went = [GONE] * len(gwords)
    free = list(range(len(owords)))   # output words not aligned yet, in order
    for human in HUMAN:
        mine = [i for i, tag in enumerate(gtags) if tag == human]
        if not mine or not free:
            continue
        # autojunk off: on a page of 2,000 words it would stop every word used more
        # than 20 times ("the", "of") from starting a match.
        matcher = SequenceMatcher(None, [gwords[i] for i in mine], [owords[j] for j in free], autojunk=False)
        taken = set()
        for a, b, size in matcher.get_matching_blocks():
            for k in range(size):
                went[mine[a + k]] = otags[free[b + k]]
                taken.add(b + k)
        free = [j for k, j in enumerate(free) if k not in taken]
    return Counter(zip(gtags, went))


# ------------------------------------------------------------------ one page, in a worker
STATE: dict = {}


def init_worker(root: str) -> None:
    logging.disable(logging.CRITICAL)  # the libraries warn on many real pages
    warnings.simplefilter("ignore")
    STATE["root"] = Path(root)
    STATE["cleaner"] = Cleaner()


def score_page(page: dict) -> dict:
    raw = gzip.decompress((STATE["root"] / "l3s_gn1" / "original" / f"{page['id']}.html.gz").read_bytes())
    gold = tagged_words((b["text"], b["label"]) for b in page["blocks"])
    fulltext = Counter(w for w, tag in zip(*gold) if tag == "fulltext")
    try:
        doc = STATE["cleaner"].clean(raw, url=page["url"], kind="html")
        ours = [(doc.title or "", "title")] + [(p.text, p.label.value) for p in doc.paragraphs]
        text, error = doc.text, None
    except CleanerError as exc:  # no_content and friends: nothing kept
        ours, text, error = [], "", exc.code
    theirs = trafilatura.extract(raw, url=page["url"], include_comments=False) or ""
    return {"id": page["id"], "error": error,
            "cleaner": {f"{h}|{t}": n for (h, t), n in where_words_went(gold, tagged_words(ours)).items()},
            "trafilatura": {f"{h}|{t}": n for (h, t), n in
                            where_words_went(gold, tagged_words([(theirs, "body")])).items()},
            "prf": {"cleaner": word_prf(text, fulltext), "trafilatura": word_prf(theirs, fulltext)}}


# ------------------------------------------------------------------ the tables


def totals(results: list[dict], tool: str) -> Counter:
    out: Counter = Counter()
    for r in results:
        out.update({tuple(k.split("|")): n for k, n in r[tool].items()})
    return out


def share(counts: Counter, human: str, tags) -> float:
    total = sum(n for (h, _), n in counts.items() if h == human)
    return sum(counts[human, t] for t in tags) / total if total else 0.0


def where_table(ours: Counter, theirs: Counter) -> str:
    """Each human label: its words, the share in each tool's text, where cleaner put the rest."""
    lines = ["| human label | words | trafilatura: in text | cleaner: in text | " + " | ".join(CLEANER[1:]) +
             f" | {GONE} |", "|---|---:|---:|---:|" + "---:|" * len(CLEANER)]
    for human in HUMAN:
        words = sum(n for (h, _), n in ours.items() if h == human)
        cells = [share(ours, human, [t]) for t in CLEANER[1:] + (GONE,)]
        lines.append(f"| {human} | {words:,} | {share(theirs, human, ['body']):.1%} | {share(ours, human, ['body']):.1%} | "
                     + " | ".join(f"{c:.1%}" for c in cells) + " |")
    return "\n".join(lines)


def label_table(ours: Counter) -> str:
    """The words that reached cleaner's paragraphs: what its labels did with them."""
    lines = ["| human label | words in cleaner's paragraphs | left in the text | taken out |", "|---|---:|---:|---:|"]
    for name, humans in [(h, (h,)) for h in HUMAN] + [("not article, together", NOT_ARTICLE)]:
        reached = sum(n for (h, t), n in ours.items() if h in humans and t not in (GONE, "title"))
        kept = sum(ours[h, "body"] for h in humans)
        lines.append(f"| {name} | {reached:,} | {kept / reached:.2%} | {1 - kept / reached:.2%} |" if reached
                     else f"| {name} | 0 | | |")
    return "\n".join(lines)


def prf_line(results: list[dict]) -> str:
    n = len(results) or 1
    cells = []
    for tool in ("cleaner", "trafilatura"):
        mean = {k: sum(r["prf"][tool][k] for r in results) / n for k in ("p", "r", "f")}
        cells.append(f"{tool} P {mean['p']:.3f} R {mean['r']:.3f} F1 {mean['f']:.3f}")
    return "Text against the full-text blocks, mean over pages: " + "; ".join(cells) + "."


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    ap.add_argument("--limit", type=int, default=None, help="Only the first N pages (quick tries).")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", type=Path, help="Also write the per-page counts (no page text) to this file.")
    args = ap.parse_args(argv)
    with gzip.open(args.corpora / "l3s_gn1" / "blocks.jsonl.gz", "rt", encoding="utf-8") as fh:
        pages = [json.loads(line) for line in fh][:args.limit]
    start = time.perf_counter()
    with ProcessPoolExecutor(args.jobs, initializer=init_worker, initargs=(str(args.corpora),)) as pool:
        results = list(pool.map(score_page, pages, chunksize=4))
    wall = time.perf_counter() - start
    ours, theirs = totals(results, "cleaner"), totals(results, "trafilatura")
    empty = sum(1 for r in results if r["error"])
    print(f"L3S-GN1 block labels, {datetime.date.today().isoformat()}: {len(results)} pages "
          f"({empty} where cleaner kept nothing), {wall:.0f} s wall with --jobs {args.jobs}.")
    print()
    print(where_table(ours, theirs))
    print()
    print(label_table(ours))
    print()
    print(prf_line(results))
    if args.json:
        args.json.write_text(json.dumps({"pages": results}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
