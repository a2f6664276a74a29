"""Labelled-paragraph data: reading it, and the fixed train / evaluation split.

One JSON object a line, one document each:

    {"id": "en-001", "group": "harbor-ledger", "lang": "en", "source": "fixtures",
     "paragraphs": [{"text": "...", "label": "body"},
                    {"text": "...", "label": "caption", "tag": "figure", "cues": ["html:figcaption"]},
                    {"text": "...", "label": null}]}

Weak-labelled paragraphs also carry `in_gold` (true, false or null: inside the
page's ground-truth main text or not); their label is then recomputed on
reading, so a rule change never leaves stale weak labels behind.

`label` null marks a paragraph whose role is unknown: it is context for its
neighbours but neither trains nor scores. `group` (or `outlet`, or `id`) is
what the split keys on, so one site's template never sits on both sides.
"""
from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .document import Block, Label

EVAL_BUCKETS = 5  # one group in five is held out for evaluation


@dataclass(frozen=True)
class LabelledDoc:
    id: str
    group: str
    source: str
    blocks: tuple[Block, ...]
    labels: tuple[Label | None, ...]
    lang: str | None = None
    doc_kind: str | None = None  # "negative": news about appeals, all body; "flat": a page's visible text
    page_type: str | None = None  # from the corpus, where it says (wcxb: article, forum, product ...)


def is_eval(group: str) -> bool:
    """The fixed split: a stable hash of the group, never of the paragraph."""
    return zlib.crc32(group.encode("utf-8")) % EVAL_BUCKETS == 0


def _label(para: dict, block: Block) -> Label | None:
    """The paragraph's label; weak labels (with `in_gold`) are recomputed with today's rules."""
    if "in_gold" in para:
        from .weaklabel import label_block
        return label_block(block, para["in_gold"])
    return Label(para["label"]) if para.get("label") else None


def _doc(row: dict, source: str) -> LabelledDoc:
    paras = [p for p in row["paragraphs"] if p.get("text", "").strip()]
    blocks = tuple(Block(text=" ".join(p["text"].split()), tag=p.get("tag", "line"),
                         cues=tuple(p.get("cues", ())), link_density=float(p.get("link_density", 0.0)),
                         in_main=bool(p.get("in_main", True))) for p in paras)
    labels = tuple(_label(p, b) for p, b in zip(paras, blocks))
    group = str(row.get("group") or row.get("outlet") or row["id"])
    return LabelledDoc(id=str(row["id"]), group=f"{row.get('source', source)}:{group}",
                       source=row.get("source", source), blocks=blocks, labels=labels,
                       lang=row.get("lang"), doc_kind=row.get("kind"), page_type=row.get("page_type"))


def read_docs(path: str | Path) -> Iterator[LabelledDoc]:
    """Documents from a .jsonl(.gz) file, or from every such file in a folder."""
    path = Path(path)
    if path.is_dir():
        for child in sorted(path.rglob("*.jsonl*")):
            yield from read_docs(child)
        return
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield _doc(json.loads(line), path.parent.name)


def write_docs(docs, path: str | Path) -> int:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as fh:
        for row in docs:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n
