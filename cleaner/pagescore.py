"""Main-text accuracy of whole pages: the clean text against a corpus's gold main text,
side by side with trafilatura's `extract` on the same pages (`cleaner eval --corpora`).

Words are lower-cased `\\w+` multisets; precision, recall and F1 are taken per page,
then averaged over pages. A page a tool returns nothing for scores 0. Pages of the
sets the shipped model trains on count only in the held-out split (by `set:host`,
as training splits them) unless every page is asked for.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlparse

from .dataset import is_eval
from .errors import CleanerError

WORDS = re.compile(r"\w+")
# The shipped model learns from these sets (models/MODEL_CARD.md); the others are never trained on.
TRAINED_ON = {"wcxb", "trafilatura_eval", "newspaper", "newspaper4k"}
# The sets whose ground truth is the whole main text of a page (weaklabel._ground_truth).
MAIN_TEXT_SETS = ("wcxb", "dragnet", "cleanportaleval", "newspaper", "newspaper4k")


def word_prf(output: str, gold: Counter) -> dict[str, float]:
    """Word-multiset precision, recall and F1 of `output` against `gold`; empty output scores 0."""
    out = Counter(WORDS.findall(output.lower()))
    overlap = sum((out & gold).values())
    if not overlap:
        return {"p": 0.0, "r": 0.0, "f": 0.0}
    p, r = overlap / sum(out.values()), overlap / sum(gold.values())
    return {"p": p, "r": r, "f": 2 * p * r / (p + r)}


def page_group(row: dict) -> str:
    """The split key as training builds it: `set:host` (weaklabel.label_page, dataset._doc)."""
    host = urlparse(row.get("url") or "").hostname or row["id"]
    return f"{row['set']}:{host.removeprefix('www.')}"


def gold_pages(root: Path, sets: Iterable[str], all_splits: bool = False,
               limit: int | None = None) -> Iterator[tuple[dict, bytes, Counter]]:
    """(manifest row, page bytes, gold word counts) of every scored page."""
    from .weaklabel import _ground_truth, _read, page_rows

    taken: Counter = Counter()
    for row in page_rows(root, set(sets)):
        if not all_splits and row["set"] in TRAINED_ON and not is_eval(page_group(row)):
            continue
        if limit is not None and taken[row["set"]] >= limit:
            continue
        text, _ = _ground_truth(root, row)
        gold = Counter(WORDS.findall((text or "").lower()))
        if gold:
            taken[row["set"]] += 1
            yield row, _read(root, row["html"]), gold


def score_pages(cleaner, pages: Iterable[tuple[dict, bytes, Counter]]) -> dict[str, dict[str, dict[str, float]]]:
    """Mean P, R, F1 per set for cleaner and for trafilatura's default extract."""
    import warnings

    import trafilatura

    warnings.simplefilter("ignore")  # date parsers warn about odd time zones on real pages
    sums: dict[str, dict[str, Counter]] = {}
    for row, html, gold in pages:
        try:
            ours = cleaner.clean(html, url=row.get("url"), kind="html").text
        except CleanerError:
            ours = ""
        theirs = trafilatura.extract(html, url=row.get("url"), include_comments=False) or ""
        per_set = sums.setdefault(row["set"], {"cleaner": Counter(), "trafilatura": Counter(), "pages": Counter()})
        per_set["pages"]["n"] += 1
        per_set["cleaner"].update(word_prf(ours, gold))
        per_set["trafilatura"].update(word_prf(theirs, gold))
    return {name: {tool: {k: v / s["pages"]["n"] for k, v in s[tool].items()} | {"pages": s["pages"]["n"]}
                   for tool in ("cleaner", "trafilatura")} for name, s in sums.items()}


def render(scores: dict) -> str:
    lines = [f"{'set':<18}{'pages':>6}  {'cleaner P/R/F1':>22}  {'trafilatura P/R/F1':>22}"]
    for name, tools in sorted(scores.items()):
        cells = ["/".join(f"{tools[t].get(k, 0.0):.3f}" for k in ("p", "r", "f")) for t in ("cleaner", "trafilatura")]
        lines.append(f"{name:<18}{tools['cleaner']['pages']:>6}  {cells[0]:>22}  {cells[1]:>22}")
    return "\n".join(lines)
