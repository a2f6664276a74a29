"""The document's language: Google's CLD2 (pycld2) over its own text.

CLD2 loads in milliseconds and reads a page in well under one, so every
document gets a language without slowing a one-document call. A page's declared
language (``<html lang>``, as trafilatura reports it) decides only when the
text is too short or mixed for CLD2 to be sure.
"""
from __future__ import annotations

from collections.abc import Iterable

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
        sure = _detect(joined[:FIRST_LOOK_CHARS])
        if sure and sure[0] and sure[2][0][2] >= SURE_PERCENT and sure[2][0][1] not in ("un", "xx"):
            return sure[2][0][1]
    found = _detect(joined[:SAMPLE_CHARS])
    if found is None:
        return hint
    reliable, _, details = found
    code = details[0][1] if details else "un"
    if code in ("un", "xx") or (not reliable and hint):
        return hint or (None if code in ("un", "xx") else code)
    return code


def _detect(text: str) -> tuple | None:
    """CLD2's (reliable, bytes, details), or None where it refuses the bytes."""
    try:
        # Lone surrogates (from broken pages) cannot go to CLD2 as UTF-8.
        return pycld2.detect(text.encode("utf-8", "replace"), isPlainText=True, bestEffort=True)
    except pycld2.error:  # CLD2 refuses some byte sequences it calls invalid
        return None


def _primary(tag: str | None) -> str | None:
    """'de' from 'de-DE' or 'de_AT'; None for what is not a language tag."""
    if not tag:
        return None
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None
