"""The document's language: Google's CLD2 (pycld2) over its own text.

CLD2 loads in milliseconds and reads a page in well under one, so every
document gets a language without slowing a one-document call. A page's declared
language (``<html lang>``, as trafilatura reports it) decides only when the
text is too short or mixed for CLD2 to be sure.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import pycld2

# Enough text to be sure; more only costs time.
SAMPLE_CHARS = 4000
# CLD2 reads about 25 ns a byte. It is sure of most documents from their first
# thousand characters (99% of them in one language, and reliable): then the rest
# of the sample is not read. On the weak-label files and fixtures, 5,665 of 6,970
# documents; 26 of those got another answer from the whole sample, 25 of them
# none at all (bytes further on that CLD2 refuses).
FIRST_LOOK_CHARS = 1000
SURE_PERCENT = 99
_UNKNOWN = ("un", "xx")  # CLD2's codes for no language it knows


def detect_language(texts: Iterable[str], declared: str | None = None) -> str | None:
    """ISO 639-1 code (or CLD2's code where there is none), or None when nothing tells."""
    sample, size = [], 0
    for text in texts:
        sample.append(text)
        size += len(text)
        if size >= SAMPLE_CHARS:
            break
    hint = _primary(declared)
    joined = "\n".join(sample)
    if len(joined) > FIRST_LOOK_CHARS:
        first = _detect(joined[:FIRST_LOOK_CHARS])
        if first and first.reliable and first.percent >= SURE_PERCENT and first.code not in _UNKNOWN:
            return first.code
    found = _detect(joined[:SAMPLE_CHARS])
    if found is None:
        return hint
    if found.code in _UNKNOWN or (not found.reliable and hint):
        return hint or (None if found.code in _UNKNOWN else found.code)
    return found.code



class _Guess(NamedTuple):
    code: str       # CLD2's first language
    percent: int    # the share of the text in it
    reliable: bool


def _detect(text: str) -> _Guess | None:
    """CLD2's first language for `text`, or None where it refuses the bytes."""
    try:
        # Lone surrogates (from broken pages) cannot go to CLD2 as UTF-8.
        reliable, _, details = pycld2.detect(text.encode("utf-8", "replace"), isPlainText=True, bestEffort=True)
    except pycld2.error:  # CLD2 refuses some byte sequences it calls invalid
        return None
    return _Guess(details[0][1], details[0][2], reliable) if details else _Guess("un", 0, reliable)


def _primary(tag: str | None) -> str | None:
    """'de' from 'de-DE' or 'de_AT'; None for what is not a language tag."""
    if not tag:
        return None
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None
