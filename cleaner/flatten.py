"""A page's visible text as plain paragraphs: what a reader gets by selecting the
whole page and copying it. Plain-text evaluation and training documents are made
this way from the corpora's pages (benchmarks/accuracy.py, `cleaner weak-label --flat`).

Deliberately plain: every block-level element (and <br>) starts a new paragraph;
inline text runs on. Paragraphs are joined by blank lines, whitespace is collapsed.
"""
from __future__ import annotations

import lxml.html

from .decode import decode

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
}
DROP_TAGS = {"head", "script", "style", "noscript", "template"}  # never visible
BREAK = "\x00"


def flatten_tree(root, breaks: frozenset[str] | set[str] = BLOCK_TAGS) -> str:
    """Visible text of an lxml tree as paragraphs, one per element of `breaks`;
    iterative, since real pages nest deeper than recursion allows."""
    parts, stack = [], [(root, False)]
    while stack:
        el, closing = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else None  # comments and processing instructions
        if closing:
            parts.append(BREAK if tag in breaks else "")
            parts.append(el.tail or "")
            continue
        if tag is None or tag in DROP_TAGS:
            parts.append(el.tail or "")  # the tail is the parent's visible text
            continue
        if tag in breaks:
            parts.append(BREAK)
        parts.append(el.text or "")
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    paragraphs = (" ".join(p.split()) for p in "".join(parts).split(BREAK))
    return "\n\n".join(p for p in paragraphs if p)


def parse_html(text: str):
    # Bytes, so that an XML encoding declaration in the page does not make lxml refuse the str.
    return lxml.html.fromstring(text.encode("utf-8", "replace"),
                                parser=lxml.html.HTMLParser(encoding="utf-8"))


def flatten(raw: bytes) -> str:
    text, _ = decode(raw)
    return flatten_tree(parse_html(text))
