"""Bytes to text: byte-order marks, the page's declared charset, then detection.

Detection is charset_normalizer's job (it ships with trafilatura's stack); this
module only decides the order of the attempts and refuses binary data early.
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from .errors import CleanerError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# File signatures of formats people drop into a folder of pages by mistake.
_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b",
          b"BZh", b"\xfd7zXZ", b"RIFF", b"OggS", b"\x00\x00\x01\x00", b"ID3", b"\x7fELF")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_SNIFF_BYTES = 4096
# Text may hold a stray control character; data where many are is not text.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
MAX_CONTROL_RATIO = 0.05
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32)])
# When detection ties, the commonest encodings of web pages win.
CHAOS_TIE = 0.01
_PREFERRED = ("utf_8", "cp1252", "cp1251", "latin_1", "iso8859_2", "cp1250")


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes, if Python knows it."""
    m = _META_CHARSET.search(data[:_SNIFF_BYTES])
    if not m:
        return None
    try:
        return _known(m.group(1).decode("ascii"))
    except UnicodeDecodeError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of one script repeats a few high bytes (0x00 Latin, 0x04 Cyrillic) in every other byte."""
    head = data[:_SNIFF_BYTES - _SNIFF_BYTES % 2]
    if len(head) < 8 or len(data) % 2:
        return None
    for name, high, low in (("utf-16-le", head[1::2], head[0::2]), ("utf-16-be", head[0::2], head[1::2])):
        if len(set(high)) <= 3 and len(set(low)) > 3 * len(set(high)):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                continue
            if sum(c.isprintable() or c.isspace() for c in text[:2000]) >= 0.95 * min(len(text), 2000):
                return name
    return None


def _check_text(text: str) -> str:
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) > MAX_CONTROL_RATIO * len(sample):
        raise CleanerError("binary", "looks like binary data, not text or HTML",
                           "check the file type")
    return text.replace("\x00", "")


def _detect(data: bytes) -> str | None:
    matches = list(from_bytes(data[:200_000]))
    if not matches:
        return None
    # Short texts fit several code pages equally well; the web's common ones are likelier.
    least = min(m.chaos for m in matches)
    top = [m for m in matches if m.chaos <= least + CHAOS_TIE]
    names = [m.encoding for m in top]
    return next((n for n in _PREFERRED if n in names), names[0])


def _known(charset: str | None) -> str | None:
    """The codec's name if `charset` names a text encoding; a page may declare
    "base64", "rot13" or "undefined", which Python knows but which are no charset."""
    try:
        info = codecs.lookup(charset) if charset else None
    except (LookupError, ValueError, UnicodeError):  # unknown, or a name with NUL or surrogates in it
        return None
    if info is None or not getattr(info, "_is_text_encoding", True) or info.name == "undefined":
        return None
    return info.name


def decode(data: bytes, *, html: bool = True, charset: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used). Raises CleanerError for empty or binary data.

    `charset` is what the transport said (an HTTP header): it is tried after a
    byte-order mark and strict UTF-8, and before the page's own declaration.
    """
    if not data.strip():
        raise CleanerError("empty", "the document is empty")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _check_text(data.decode(name, errors="replace")), name
    if data.startswith(_MAGIC):
        raise CleanerError("binary", "looks like binary data (file signature), not text or HTML",
                           "check the file type")
    guess = _utf16_without_bom(data)
    if guess:
        return _check_text(data.decode(guess, errors="replace")), guess
    head = data[:_SNIFF_BYTES * 2]
    if len(head) - len(head.translate(None, _CONTROL_BYTES)) > MAX_CONTROL_RATIO * len(head):
        raise CleanerError("binary", "looks like binary data, not text or HTML", "check the file type")
    # Bytes that decode as UTF-8 are UTF-8 whatever a header or the page claims: no
    # other encoding yields valid multi-byte sequences by chance, and pages that say
    # ISO-8859-1 while sending UTF-8 are common. Then the transport's word, then the page's.
    attempts = ["utf-8", _known(charset), declared_charset(data) if html else None]
    for name in attempts:
        if not name:
            continue
        try:
            return _check_text(data.decode(name)), name
        except UnicodeDecodeError:
            continue
    best = _detect(data)
    if best is None:
        raise CleanerError("decode", "could not tell the text encoding",
                           "convert the file to UTF-8 or declare its charset")
    return _check_text(data.decode(best, errors="replace")), best
