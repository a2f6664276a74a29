"""Weak labels from real pages with ground truth, for training and evaluation.

Each page is segmented exactly as `clean()` segments it; then each block is
labelled from the set's ground truth:
- sets with full main text (wcxb, dragnet, newspaper, newspaper4k,
  cleanportaleval): a block inside the gold text is body, others are not;
- trafilatura_eval: a block holding a must-have string is body, one holding a
  must-not string is not, the rest stay unlabelled context;
- whatever is not body becomes caption, credit, appeal or boilerplate by the
  page cues and rules. A caption, credit or appeal rule wins over the gold
  text too, since some annotators kept credits and pleas as main content.

Each paragraph also keeps `in_gold` (true, false or null), so that reading the
data again relabels it with the rules of the day (see dataset.py).

Two plain-text readings of the same pages: `flat`, the page's whole visible
text (menus and footers included), and `article_text`, the article as a reader
copies it from the page: the HTML labels from its first body paragraph (with
the photo caption, credit or byline just above it) to its last, as plain lines.
The second keeps the labels the page's markup gave (a figcaption is a caption),
so they are fixed when made: make them again after a rule change.

The corpora stay beside the project: the output goes where `--out` says
(keep it outside the repository), never into fixtures/.
"""
from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlparse

from lxml.etree import LxmlError

from .decode import decode
from .document import Block, Label
from .errors import CleanerError
from .flatten import flatten
from .pipeline import html_blocks
from .rules import first_verdict
from .segment import segment_text

# Which sets may train the shipped model (their licences allow derived work).
TRAINABLE = {"wcxb", "trafilatura_eval", "newspaper", "newspaper4k", "goose3"}
EVAL_ONLY = {"dragnet", "cleanportaleval", "l3s_gn1"}
_WORDS = re.compile(r"\w+")
SHORT_WORDS = 5
MIN_OVERLAP = 0.8


def _norm(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))


class Gold:
    """Main text ground truth, answering 'is this block part of it?'."""

    def __init__(self, text: str):
        self.full = _norm(text)
        self.lines = {_norm(line) for line in text.splitlines() if line.strip()}
        words = self.full.split()
        self.shingles = {tuple(words[i:i + 3]) for i in range(len(words) - 2)}

    def contains(self, text: str) -> bool:
        n = _norm(text)
        if not n:
            return False
        words = n.split()
        if len(words) < SHORT_WORDS:
            return n in self.lines
        if n in self.full:
            return True
        grams = [tuple(words[i:i + 3]) for i in range(len(words) - 2)]
        return sum(g in self.shingles for g in grams) >= MIN_OVERLAP * len(grams)


def label_block(block: Block, in_gold: bool | None) -> Label | None:
    verdict = first_verdict(block)
    if verdict and verdict.label in (Label.CAPTION, Label.CREDIT, Label.APPEAL):
        return verdict.label
    if in_gold is None:
        return None
    if in_gold:
        return Label.BODY
    return verdict.label if verdict else Label.BOILERPLATE


def _read(root: Path, rel: str) -> bytes:
    return gzip.decompress((root / rel).read_bytes())


def _ground_truth(root: Path, row: dict) -> tuple[str | None, str | None]:
    """(gold main text, page type) as far as the page's set gives them."""
    path = root / row["gold"] if row.get("gold") else None
    if row["set"] == "wcxb":
        gt = json.loads(path.read_text(encoding="utf-8"))
        return gt["ground_truth"].get("main_content"), gt.get("_internal", {}).get("page_type", {}).get("primary")
    return _gold_text(path, row["set"]), None


def _gold_text(path: Path | None, name: str) -> str | None:
    if name in ("dragnet", "cleanportaleval", "newspaper", "newspaper4k"):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", "replace")
        if name == "dragnet":
            text = text.partition("!@#$%^&*()  COMMENTS")[0]
        if name == "cleanportaleval":
            text = re.sub(r"<[phl]>", "\n", text.split("\n", 1)[1] if "\n" in text else "")
        return text
    return None


def page_rows(root: Path, sets: set[str]) -> Iterator[dict]:
    with open(root / "manifest.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["set"] in sets and "duplicate_of" not in row:
                yield row


def evaldata_by_file(root: Path) -> dict[str, dict]:
    """trafilatura's evaluation data (must / must-not strings, date ...), keyed by page file name."""
    ev = json.loads((root / "trafilatura_eval/evaldata.json").read_text(encoding="utf-8"))
    return {item["file"]: item for item in ev.values()}


def evaldata_of(evaldata: dict[str, dict], row: dict) -> dict | None:
    """A trafilatura_eval page's entry of `evaldata_by_file`."""
    return evaldata.get(Path(row["html"]).name.removesuffix(".gz"))


def label_page(args: tuple[str, dict, dict | None, bool, bool]) -> dict | None:
    """One page's labelled paragraphs; with `flat`, those of its visible text read as
    plain text, segmented as `clean(kind="text")` segments it; with `article_text`,
    its article's span as plain lines (`article_span`)."""
    root, row, strings, flat, article_text = Path(args[0]), args[1], args[2], args[3], args[4]
    try:
        if flat:
            blocks = segment_text(flatten(_read(root, row["html"])))[1]
        else:
            text, _ = decode(_read(root, row["html"]))
            _, blocks, _ = html_blocks(text, row.get("url"))
    except (CleanerError, ValueError, LxmlError):
        return None
    gold_text, page_type = _ground_truth(root, row)
    gold = Gold(gold_text) if gold_text is not None else None
    paragraphs = []
    for block in blocks:
        if gold is not None:
            in_gold = gold.contains(block.text)
        elif strings is not None:
            low = block.text.casefold()
            if any(s.casefold() in low for s in strings["without"]):
                in_gold = False
            elif any(s.casefold() in low for s in strings["with"]):
                in_gold = True
            else:
                in_gold = None
        else:
            in_gold = None
        label = label_block(block, in_gold)
        paragraphs.append({"text": block.text, "label": label.value if label else None, "in_gold": in_gold,
                           "tag": block.tag,
                           "cues": list(block.cues), "link_density": round(block.link_density, 3),
                           "in_main": block.in_main})
    site = urlparse(row.get("url") or "").hostname or row["id"]
    kind = "flat" if flat else "article-text" if article_text else None
    if article_text:
        paragraphs = article_span(paragraphs)
        if not paragraphs:
            return None
    # The same group (and so the same side of the split) as the page's HTML version.
    return {"id": f"{row['set']}:{row['id']}" + (f":{kind}" if kind else ""), "group": site.removeprefix("www."),
            "source": row["set"], "lang": row.get("lang"), "page_type": page_type, "split": row.get("split"),
            "paragraphs": paragraphs, **({"kind": kind} if kind else {})}


def article_span(paragraphs: list[dict]) -> list[dict]:
    """The article as a reader copies it from its page: from the first body paragraph
    (and the captions, credits and byline right above it) to the last, everything
    between included, as plain lines with the labels the page gave them."""
    body = [i for i, p in enumerate(paragraphs) if p["label"] == Label.BODY.value]
    if not body:
        return []
    start = body[0]
    while start > 0 and paragraphs[start - 1]["label"] in (Label.CAPTION.value, Label.CREDIT.value):
        start -= 1
    return [{"text": p["text"], "label": p["label"], "tag": "line"} for p in paragraphs[start:body[-1] + 1]]



def weak_label(root: str | Path, sets: set[str], jobs: int = 2, flat: bool = False,
               article_text: bool = False) -> Iterator[dict]:
    """Labelled documents for every page of the named sets, in manifest order
    (with `flat`, of each page's visible text read as plain text; with
    `article_text`, of its article's span as plain lines)."""
    root = Path(root)
    evaldata = evaldata_by_file(root) if "trafilatura_eval" in sets else {}
    tasks = []
    for row in page_rows(root, sets):
        strings = None
        if row["set"] == "trafilatura_eval":
            strings = evaldata_of(evaldata, row)
        tasks.append((str(root), row, strings, flat, article_text))
    with ProcessPoolExecutor(jobs) as pool:
        for doc in pool.map(label_page, tasks, chunksize=8):
            if doc is not None:
                yield doc
