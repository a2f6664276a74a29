"""What one document may hold before it is refused, each limit with its own error code.

The checks run before the expensive work they protect: attributes before the
HTML is parsed, paragraphs before they are labelled.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Block
from .errors import CleanerError

MAX_BYTES = 20_000_000


@dataclass(frozen=True)
class Limits:
    """What one document may hold before it is refused, each with its own error code.

    The time one document may take is the caller's (`clean_many(timeout=...)`,
    `cleaner run --timeout`), since only another process can stop a stuck one.
    """

    max_bytes: int = MAX_BYTES                 # too_large
    max_paragraphs: int = 20_000               # too_many_paragraphs
    max_paragraph_chars: int = 1_000_000       # paragraph_too_long
    max_tag_attributes: int = 1_000            # too_many_attributes


# Only tags this long can hold an attribute flood; shorter ones are never counted.
LONG_TAG_CHARS = 8_000


def check_attributes(text: str, limit: int) -> None:
    """Refuse a tag with more than `limit` attributes before parsing: the parsers'
    time grows with the square of one tag's attributes (50,000 take ~30 s).
    One pass over the text: each tag is looked at once, only the long ones counted."""
    if max(map(len, text.split(">"))) <= LONG_TAG_CHARS:
        return  # no stretch between two ">" is long enough to hold a long tag (most pages)
    pos = 0
    while (start := text.find("<", pos)) >= 0:
        end = text.find(">", start)
        end = len(text) if end < 0 else end
        if end - start > LONG_TAG_CHARS:
            if _attributes(text[start:end]) > limit:
                raise CleanerError("too_many_attributes", f"a tag with over {limit:,} attributes",
                                   "no real page needs that many; it would take minutes to parse")
        pos = end + 1


_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
_ATTRIBUTE = re.compile(r"[A-Za-z_:][\w:.-]*(?:=\S*)?")
# A real tag is made of attributes; a stretch of script between a "<" and a ">"
# ("i<n; i++) { ... }") is not, and must not count as one.
MIN_ATTRIBUTE_SHARE = 0.9


def _attributes(tag: str) -> int:
    """Attributes in a tag (quoted values, like an SVG path's, are not looked into);
    0 when the stretch is not shaped like a tag at all."""
    if not tag[1:2].isalpha():
        return 0  # a comment, a doctype, or "< " in script
    tokens = _QUOTED.sub("", tag).split()[1:]
    named = sum(1 for t in tokens if _ATTRIBUTE.fullmatch(t))
    return named if named >= MIN_ATTRIBUTE_SHARE * len(tokens) else 0


def check_blocks(blocks: list[Block], limits: Limits) -> None:
    if len(blocks) > limits.max_paragraphs:
        raise CleanerError("too_many_paragraphs", f"{len(blocks):,} paragraphs, over the limit of "
                           f"{limits.max_paragraphs:,}", "is this one document?")
    longest = max((len(b.text) for b in blocks), default=0)
    if longest > limits.max_paragraph_chars:
        raise CleanerError("paragraph_too_long", f"a paragraph of {longest:,} characters, over the limit of "
                           f"{limits.max_paragraph_chars:,}", "a text with no line breaks at all?")
