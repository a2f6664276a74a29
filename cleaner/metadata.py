"""Document facts: trafilatura's metadata for pages, and kinds of credits and appeals."""
from __future__ import annotations

import re

from .lexicons import lexicons

_META_FIELDS = ("title", "author", "date", "sitename", "url", "hostname", "description",
                "language", "categories", "tags", "image", "pagetype")
_CREDIT_KINDS = (
    ("reporting", re.compile(r"reporting|reported|mit material|avec |con información|за матеріалами|по материалам|agenc|agentur", re.I)),
    ("editing", re.compile(r"edit", re.I)),
    ("video", re.compile(r"video|відео|видео", re.I)),
    ("illustration", re.compile(r"illustra|ілюстрац|иллюстрац|zeichnung|colla[gj]|колаж|коллаж", re.I)),
    ("graphic", re.compile(r"graphic|grafik|infogra|графік|график", re.I)),
    ("text", re.compile(r"^\W*(by|von|par|por|di|autor|автор|текст|text|words|written|redac)\b", re.I)),
)


def credit_kind(text: str) -> str:
    for kind, pattern in _CREDIT_KINDS:
        if pattern.search(text):
            return kind
    return "photo"


def appeal_kind(text: str) -> str:
    for kind, pattern in lexicons().appeal_kinds:
        if pattern.search(text):
            return kind
    return "other"


def html_metadata(extracted, url: str | None) -> dict:
    """The fields trafilatura found, without empty ones."""
    meta = {}
    for name in _META_FIELDS:
        value = getattr(extracted, name, None)
        if value:
            meta[name] = value
    if url and "url" not in meta:
        meta["url"] = url
    return meta
