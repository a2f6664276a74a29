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
"""
import json
import sys

import atheris

with atheris.instrument_imports(include=["cleaner", "trafilatura", "htmldate", "courlan", "justext",
                                         "charset_normalizer"]):
    import charset_normalizer  # noqa: F401
    import htmldate  # noqa: F401
    import trafilatura  # noqa: F401  (imported lazily by the pipeline; here so it is instrumented)
    import trafilatura.utils  # noqa: F401

    from cleaner import Cleaner, CleanerError, Document, Label
    from cleaner.errors import CODES

KINDS = (None, "html", "text", None)
URLS = ("javascript:alert(1)", "http://[::1", "\x00", "", "https://example.org/story",
        "http://\udcff/x", "//", "http://ex ample.org/%%", "file:///etc/passwd", "http://" + "a" * 5000 + ".com/")

CLEANER = Cleaner()


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
        raise AssertionError(f"clean() returned {type(doc).__name__}, not a Document")
    if not isinstance(doc.text, str):
        raise AssertionError("Document.text is not a str")
    for p in doc.paragraphs:
        if not isinstance(p.label, Label):
            raise AssertionError(f"paragraph label {p.label!r} is not a Label")
    json.dumps(doc.to_dict())  # a TypeError or ValueError here is a crash too


def TestOneInput(data: bytes) -> None:
    source, kind, url = split(data)
    try:
        doc = CLEANER.clean(source, kind=kind, url=url)
    except CleanerError as e:
        if e.code not in CODES:
            raise AssertionError(f"CleanerError with unknown code {e.code!r}") from e
        return
    check(doc)


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
