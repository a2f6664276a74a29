"""The plain records that flow through the cleaner: labels, paragraphs, documents.

Nothing here imports from the rest of the package, so every floor above can
use these types without cycles.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any


class Label(str, Enum):
    """The five roles a paragraph can play. Only BODY reaches the clean text."""

    BODY = "body"
    CAPTION = "caption"
    CREDIT = "credit"
    APPEAL = "appeal"
    BOILERPLATE = "boilerplate"


LABELS: tuple[Label, ...] = tuple(Label)


@dataclass(frozen=True)
class Block:
    """A paragraph candidate before labelling, with the cues its source gave.

    `cues` are page-structure hints such as ``html:figcaption``; `tag` is the
    element it came from (``p``, ``head``, ``item``, ``line`` for plain text);
    `link_density` is the share of its characters inside links; `in_main` is
    False for a caption, credit or appeal box that the main-content extractor
    left out and the page index brought back; `image` is the picture a caption describes.
    """

    text: str
    tag: str = "p"
    cues: tuple[str, ...] = ()
    link_density: float = 0.0
    in_main: bool = True
    image: tuple[str, str] | None = None   # (src, alt) of the image a caption block describes


@dataclass(frozen=True)
class Paragraph:
    """A labelled paragraph. `why` names the rule that decided, or ``model``.

    `first_label` is what the rules and model said before the context pass, so
    a reader can see what context changed.
    """

    text: str
    label: Label
    score: float
    why: str
    first_label: Label | None = None
    tag: str = "p"

    def to_dict(self) -> dict[str, Any]:
        out = {"text": self.text, "label": self.label.value,
               "score": round(self.score, 4), "why": self.why}
        if self.first_label is not None and self.first_label != self.label:
            out["first_label"] = self.first_label.value
        return out


@dataclass(frozen=True)
class Item:
    """A caption, credit or appeal lifted out of the text into metadata.

    Credits add `names` (people) and `agencies`; captions add the image's `src`
    and `alt` where the page shows them. A caption that ends with its own credit
    is split: the caption keeps the description and `credit`, the index of that
    credit in the document's credits, whose `caption` points back.
    """

    text: str
    kind: str | None = None
    why: str = ""
    names: tuple[str, ...] | None = None      # credits only
    agencies: tuple[str, ...] | None = None   # credits only
    src: str | None = None
    alt: str | None = None
    credit: int | None = None
    caption: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v
                for k, v in asdict(self).items() if v not in (None, "")}


@dataclass(frozen=True)
class Document:
    """The cleaned document: body text plus everything that was taken out."""

    text: str
    title: str | None
    paragraphs: tuple[Paragraph, ...]
    captions: tuple[Item, ...] = ()
    credits: tuple[Item, ...] = ()
    appeals: tuple[Item, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)
    kind: str = "text"
    model: dict[str, str] = field(default_factory=dict)
    source: str | None = None
    status: str = "ok"          # "ok", or "not_article" for a listing, a section front, an empty page
    reason: str | None = None   # why a page is not an article

    def by_label(self, label: Label | str) -> list[Paragraph]:
        label = Label(label)
        return [p for p in self.paragraphs if p.label is label]

    def to_dict(self) -> dict[str, Any]:
        out = {
            "source": self.source,
            "status": self.status,
            "kind": self.kind,
            "title": self.title,
            "text": self.text,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "captions": [c.to_dict() for c in self.captions],
            "credits": [c.to_dict() for c in self.credits],
            "appeals": [a.to_dict() for a in self.appeals],
            "metadata": dict(self.metadata),
            "model": dict(self.model),
        }
        if self.reason:
            out["reason"] = self.reason
        return out
