"""Metadata accuracy, field by field: cleaner against trafilatura alone, on the same pages.

    python benchmarks/metadata.py --corpora ../shared/corpora

Ground truth: newspaper4k's `metadata/*.json` (title, authors, publish date,
site name, language) and goose3's `expected/*.json` (title, description,
language). A field counts only on pages whose ground truth has it. Matching:
titles and site names and descriptions equal after case-folding and collapsing
spaces; authors: the same set of names; dates: the same calendar day;
languages: the same primary code. trafilatura's side is
`bare_extraction(page, with_metadata=True)` with the page URL, as cleaner calls it.

    python benchmarks/metadata.py --corpora ../shared/corpora --flat

scores instead the title of WCXB's article pages read as plain text.

    python benchmarks/metadata.py --corpora ../shared/corpora --dates

scores instead the publish date on WCXB's pages (`publish_date`) and
trafilatura's evaluation pages (`evaldata.json`'s `date`): on pages with a
date, how often each tool gives the same day, another one, or none; on pages
whose ground truth has no date, how often each gives one anyway (and how many
of those are January 1st, what a bare year becomes).
"""
from __future__ import annotations

import argparse
import ast
import gzip
import json
import logging
import re
import warnings
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIELDS = ("title", "authors", "date", "sitename", "language", "description")


def _norm(text) -> str:
    return " ".join(str(text).split()).casefold()


def _names(value) -> set[str]:
    if isinstance(value, str):
        value = re.split(r"\s*[;,]\s*|\s+and\s+", value)
    return {_norm(v) for v in value or () if _norm(v)}


def _match(field: str, got, want) -> bool:
    if got in (None, "", []):
        return False
    if field == "authors":
        return _names(got) == _names(want)
    if field == "date":
        return str(got)[:10] == str(want)[:10]
    if field == "language":
        return _norm(got).split("-")[0] == _norm(want).split("-")[0]
    return _norm(got) == _norm(want)


def _present(value) -> bool:
    return value not in (None, "", "None", "[]", [], "['']")


def ground_truth(corpora: Path):
    """(page bytes, url, {field: expected}) for every page with metadata ground truth."""
    for line in open(corpora / "manifest.jsonl", encoding="utf-8"):
        row = json.loads(line)
        if "duplicate_of" in row or row["set"] not in ("newspaper4k", "goose3"):
            continue
        if row["set"] == "newspaper4k" and not row.get("metadata"):
            continue  # a text without a metadata file
        html = gzip.decompress((corpora / row["html"]).read_bytes())
        if row["set"] == "newspaper4k":
            meta = json.loads((corpora / row["metadata"]).read_text(encoding="utf-8"))
            authors = meta.get("authors")
            authors = ast.literal_eval(authors) if isinstance(authors, str) else authors
            want = {"title": meta.get("title"), "authors": authors, "date": meta.get("publish_date"),
                    "sitename": meta.get("meta_site_name"), "language": meta.get("meta_lang") or meta.get("language")}
        else:
            exp = json.loads((corpora / row["gold"]).read_text(encoding="utf-8"))["expected"]
            want = {"title": exp.get("title"), "description": exp.get("meta_description"),
                    "language": exp.get("meta_lang")}
        yield row["set"], html, row.get("url"), {k: v for k, v in want.items() if _present(v)}


def trafilatura_fields(html: bytes, url: str | None) -> dict:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return {}
    return {"title": doc.title, "authors": doc.author and doc.author.split("; "), "date": doc.date,
            "sitename": doc.sitename, "language": doc.language, "description": doc.description}


def cleaner_fields(cleaner, html: bytes, url: str | None) -> dict:
    from cleaner import CleanerError

    try:
        doc = cleaner.clean(html, url=url, kind="html")
    except CleanerError:
        return {}
    meta = doc.metadata
    return {"title": doc.title, "authors": meta.get("authors"), "date": meta.get("date"),
            "sitename": meta.get("sitename"), "language": meta.get("language"),
            "description": meta.get("description")}


def flat_titles(corpora: Path, cleaner) -> None:
    """The title cleaner gives WCXB's article pages read as plain text (`cleaner.flatten`):
    the gold title, another line, or none."""
    from cleaner import CleanerError
    from cleaner.flatten import flatten
    from cleaner.weaklabel import page_rows

    counts = {"gold title": 0, "another line": 0, "none": 0}
    for row in page_rows(corpora, {"wcxb"}):
        gt = json.loads((corpora / row["gold"]).read_text(encoding="utf-8"))
        want = gt["ground_truth"].get("title")
        if not want or gt.get("_internal", {}).get("page_type", {}).get("primary") != "article":
            continue
        try:
            title = cleaner.clean(flatten(gzip.decompress((corpora / row["html"]).read_bytes())), kind="text").title
        except (CleanerError, ValueError):
            title = None
        counts["none" if not title else "gold title" if _norm(title) == _norm(want) else "another line"] += 1
    print(f"WCXB article pages read as plain text ({sum(counts.values())}), title: "
          + ", ".join(f"{k} {v}" for k, v in counts.items()))


def date_pages(corpora: Path):
    """(set, page bytes, url, gold date or None) for WCXB's and trafilatura's evaluation pages."""
    from cleaner.weaklabel import evaldata_by_file, evaldata_of, page_rows

    evaldata = evaldata_by_file(corpora)
    for row in page_rows(corpora, {"wcxb", "trafilatura_eval"}):
        if row["set"] == "wcxb":
            want = json.loads((corpora / row["gold"]).read_text(encoding="utf-8"))["ground_truth"].get("publish_date")
        else:
            want = (evaldata_of(evaldata, row) or {}).get("date")
        yield row["set"], gzip.decompress((corpora / row["html"]).read_bytes()), row.get("url"), want


def dates(corpora: Path, cleaner) -> None:
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for name, html, url, want in date_pages(corpora):
        for tool, got in (("cleaner", cleaner_fields(cleaner, html, url).get("date")),
                          ("trafilatura", trafilatura_fields(html, url).get("date"))):
            row = counts[name, tool]
            if want:
                row["dated"] += 1
                row["same day" if _match("date", got, want) else "another" if got else "none"] += 1
            else:
                row["undated"] += 1
                row["given"] += bool(got)
                row["given: Jan 1"] += bool(got) and str(got)[5:10] == "01-01"
    columns = ("dated", "same day", "another", "none", "undated", "given", "given: Jan 1")
    print(f"{'set':<18}{'tool':<13}" + "".join(f"{c:>14}" for c in columns))
    for (name, tool), row in sorted(counts.items()):
        print(f"{name:<18}{tool:<13}" + "".join(f"{row[c]:>14}" for c in columns))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=HERE.parent.parent / "shared" / "corpora")
    ap.add_argument("--flat", action="store_true",
                    help="Instead: the title of WCXB's article pages read as plain text.")
    ap.add_argument("--dates", action="store_true",
                    help="Instead: publish dates on WCXB's and trafilatura's evaluation pages.")
    args = ap.parse_args()
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    from cleaner import Cleaner

    cleaner = Cleaner()
    if args.flat:
        flat_titles(args.corpora, cleaner)
        return
    if args.dates:
        dates(args.corpora, cleaner)
        return
    hits: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])  # (set, field) -> ours, theirs, n
    for name, html, url, want in ground_truth(args.corpora):
        ours, theirs = cleaner_fields(cleaner, html, url), trafilatura_fields(html, url)
        for field, expected in want.items():
            row = hits[name, field]
            row[0] += _match(field, ours.get(field), expected)
            row[1] += _match(field, theirs.get(field), expected)
            row[2] += 1
    print(f"{'set':<12}{'field':<13}{'pages':>6}{'cleaner':>9}{'trafilatura':>13}")
    for (name, field), (ours, theirs, n) in sorted(hits.items(), key=lambda kv: (kv[0][0], FIELDS.index(kv[0][1]))):
        flag = "" if ours >= theirs else "   <- behind"
        print(f"{name:<12}{field:<13}{n:>6}{ours / n:>9.2f}{theirs / n:>13.2f}{flag}")


if __name__ == "__main__":
    main()
