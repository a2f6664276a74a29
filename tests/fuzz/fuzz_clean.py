#!/usr/bin/env python3
"""Coverage-guided fuzzing of `cleaner.Cleaner().clean` with atheris (libFuzzer).

The contract under test: for any input, `clean()` returns a `Document` or raises
`CleanerError`; anything else (another exception, a hang past libFuzzer's
``-timeout``, memory past ``-rss_limit_mb``) is a crash that libFuzzer saves.

Input layout: when the first byte is a selector (0x10-0x1f, control bytes no real
document starts with) it is consumed and chooses how the rest is fed:

    bit 0-1  kind: 0 None, 1 "html", 2 "text", 3 None
    bit 2    1: the rest decoded to str (UTF-8 with lone surrogates kept), 0: bytes
    bit 3    1: a junk url (picked by the input's length), 0: url=None

Any other first byte means: the whole input as bytes, kind=None, url=None, so
raw pages from fixtures/ make a seed corpus as they are. See README.md here.
Not a pytest module (tests/fuzz/conftest.py keeps pytest out of this folder).

To look past bugs already known (and filed), set CLEANER_FUZZ_IGNORE to a
comma-separated list of substrings: an exception whose "Type: message" or whose
innermost frame ("file:function") contains one of them is not a crash, e.g.
CLEANER_FUZZ_IGNORE="is not a text encoding,undefined encoding,drop_tree".
"""
import json
import os
import sys
import traceback

import atheris

with atheris.instrument_imports(include=["cleaner", "trafilatura", "htmldate", "courlan", "justext",
                                         "charset_normalizer"]):
    import charset_normalizer  # noqa: F401
    import htmldate  # noqa: F401
    import trafilatura
    import trafilatura.utils  # noqa: F401

    from cleaner import Cleaner, CleanerError, Document, Label
    from cleaner.errors import CODES

KINDS = (None, "html", "text", None)
URLS = ("javascript:alert(1)", "http://[::1", "\x00", "", "https://example.org/story",
        "http://\udcff/x", "//", "http://ex ample.org/%%", "file:///etc/passwd", "http://" + "a" * 5000 + ".com/")

CLEANER = Cleaner()
IGNORE = [s for s in os.environ.get("CLEANER_FUZZ_IGNORE", "").split(",") if s]


def known(exc: BaseException) -> bool:
    """Whether `exc` matches CLEANER_FUZZ_IGNORE (its message or its innermost frame)."""
    if not IGNORE:
        return False
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].name}" if frames else ""
    what = f"{type(exc).__name__}: {exc}"
    return any(s in what or s in where for s in IGNORE)


def split(data: bytes):
    """(source, kind, url) from the fuzzer's bytes (layout in the module docstring)."""
    if not data or not 0x10 <= data[0] <= 0x1F:
        return data, None, None
    sel, rest = data[0], data[1:]
    kind = KINDS[sel & 3]
    url = URLS[len(rest) % len(URLS)] if sel & 8 else None
    if sel & 4:
        try:
            source = rest.decode("utf-8", "surrogatepass")   # keeps encoded lone surrogates
        except UnicodeDecodeError:
            source = rest.decode("utf-8", "surrogateescape")  # bad bytes become \udc80-\udcff
        return source, kind, url
    return rest, kind, url


def check(doc) -> None:
    if not isinstance(doc, Document):
        raise TypeError(f"clean() returned {type(doc).__name__}, not a Document")
    if not isinstance(doc.text, str):
        raise TypeError("Document.text is not a str")
    for p in doc.paragraphs:
        if not isinstance(p.label, Label):
            raise TypeError(f"paragraph label {p.label!r} is not a Label")
    json.dumps(doc.to_dict())  # a TypeError or ValueError here is a crash too


def TestOneInput(data: bytes) -> None:
    source, kind, url = split(data)
    try:
        doc = CLEANER.clean(source, kind=kind, url=url)
    except CleanerError as e:
        if e.code not in CODES:
            raise AssertionError(f"CleanerError with unknown code {e.code!r}") from e
        return
    except Exception as e:  # a crash unless it is a known bug
        if known(e):
            return
        raise
    check(doc)


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
