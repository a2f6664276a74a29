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


def detect_language(texts: Iterable[str], declared: str | None = None) -> str | None:
    """ISO 639-1 code (or CLD2's code where there is none), or None when nothing tells."""
    sample, size = [], 0
    for text in texts:
        sample.append(text)
        size += len(text)
        if size >= SAMPLE_CHARS:
            break
    hint = _primary(declared)
    # Lone surrogates (from broken pages) cannot go to CLD2 as UTF-8.
    data = "\n".join(sample)[:SAMPLE_CHARS].encode("utf-8", "replace")
    try:
        reliable, _, details = pycld2.detect(data, isPlainText=True, bestEffort=True)
    except pycld2.error:  # CLD2 refuses some byte sequences it calls invalid
        return hint
    code = details[0][1] if details else "un"
    if code in ("un", "xx") or (not reliable and hint):
        return hint or (None if code in ("un", "xx") else code)
    return code


def _primary(tag: str | None) -> str | None:
    """'de' from 'de-DE' or 'de_AT'; None for what is not a language tag."""
    if not tag:
        return None
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None
