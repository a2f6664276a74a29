"""Property-based tests: hostile input cannot hurt the host.

The contract: `Cleaner().clean(source, url=..., kind=...)` returns a `Document` or
raises `CleanerError` with a code in `cleaner.errors.CODES`, for ANY str or bytes,
and never runs unbounded. Hypothesis feeds it random bytes, random text and
random tag soup; any other exception fails, and so does an example slower than
`DEADLINE` (hypothesis' deadline) or one that hangs past `HARD_LIMIT` (a SIGALRM
guard, so a catastrophic backtrack fails the test instead of hanging CI).

The default run is derandomized (the same examples every time, no example
database) and takes well under a minute. For a longer, randomized hunt:

    CLEANER_HYPOTHESIS_EXAMPLES=5000 python -m pytest -q tests/test_properties.py
"""
from __future__ import annotations

import codecs
import contextlib
import json
import os
import signal
import threading
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, CleanerError, Document, Label
from cleaner.errors import CODES

CLEANER = Cleaner()
# The recursive tag-soup strategy has a long repr; hypothesis warns when it prints it.
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")

# --------------------------------------------------------------------- settings
_EXTRA = int(os.environ.get("CLEANER_HYPOTHESIS_EXAMPLES", "0") or 0)
DEADLINE = timedelta(seconds=5)     # a slower example is pathological: the test fails
HARD_LIMIT = 30                     # seconds; past this an example is aborted as a hang


def _settings(examples: int) -> settings:
    """Fixed examples by default (CI is reproducible); random ones, and more, on request."""
    return settings(
        max_examples=_EXTRA or examples,
        derandomize=not _EXTRA,
        database=None,      # no .hypothesis/ folder in the checkout; a failure prints its reproduce blob
        deadline=DEADLINE,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                               HealthCheck.large_base_example, HealthCheck.filter_too_much],
        print_blob=True,
    )


class Hang(BaseException):
    """An example overran HARD_LIMIT. A BaseException, so no `except Exception` in a
    library on the way swallows it."""


@contextlib.contextmanager
def hard_limit(seconds: int):
    """Abort the block after `seconds` (POSIX main thread only; elsewhere a no-op).
    The regex engine and Python code are interrupted; a long C call ends first."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum, frame):
        raise Hang(f"clean() ran for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check_clean(source, *, kind=None, url=None, charset=None) -> Document | None:
    """The contract: a sound Document, or CleanerError with a known code; nothing else."""
    try:
        with hard_limit(HARD_LIMIT):
            doc = CLEANER.clean(source, kind=kind, url=url, charset=charset)
    except CleanerError as e:
        assert e.code in CODES, f"unknown error code {e.code!r}"
        assert isinstance(str(e), str)
        event(f"CleanerError {e.code}")
        return None
    except Hang as e:  # a test failure hypothesis can report and shrink, not a BaseException
        raise AssertionError(str(e)) from None
    assert isinstance(doc, Document), f"clean() returned {type(doc).__name__}"
    assert isinstance(doc.text, str)
    assert doc.title is None or isinstance(doc.title, str)
    assert doc.kind in ("html", "text")
    assert doc.status in ("ok", "not_article")
    for p in doc.paragraphs:
        assert isinstance(p.label, Label), p.label
        assert isinstance(p.text, str)
        assert 0.0 <= p.score <= 1.0, p.score
    json.dumps(doc.to_dict())
    event(f"Document {doc.kind} {doc.status}")
    return doc


# ------------------------------------------------------------------ strategies
KINDS = st.sampled_from([None, "html", "text"])
URLS = st.sampled_from([None, None, "javascript:alert(1)", "http://[::1", "\x00", "", "http://\ud800/",
                        "https://example.org/2024/03/03/story.html", "//x", "http://" + "a" * 3000 + ".com"])

# Text that stresses Unicode handling: NUL, lone surrogates, controls, RTL and
# bidi overrides, combining marks, non-characters, BOMs inside text.
ODD_CHARS = ["\x00", "\ud800", "\udfff", "\udc80", "\x01", "\x07", "\x1b", "\x7f", "\x85", "\u200f", "\u202e",
             "\u2066", "\u0301", "\u0336" * 20, "\ufeff", "\ufffe", "\uffff", "\U0010ffff", "\u2028", "\u2029",
             "\r", "\r\n", "\t", "\x0c", "\x0b", "\u00a0", "\u3000", "\U0001f600", "ﷺ", "ǅ", "ß", "İ"]
odd_text = st.lists(st.one_of(st.sampled_from(ODD_CHARS), st.text(max_size=20)), max_size=30).map("".join)
any_text = st.text(alphabet=st.characters(exclude_categories=()), max_size=400)  # surrogates (Cs) included

SENTENCES = [
    "The council met again on Monday to discuss the budget for the coming year, officials said.",
    "KYIV, March 3 (Reuters) - Rescuers finished clearing the rubble of the building on Wednesday evening.",
    "«Ми перевірили кожен поверх і кожну квартиру», — сказав речник обласної служби порятунку.",
    "Die Stadtwerke erhöhen die Preise zum 1. Januar 2025, teilte ein Sprecher am Dienstag mit.",
    "Le maire a annoncé lundi la réouverture de la piscine municipale après trois ans de travaux.",
    "Photo: Jane Roe/AFP", "Foto: dpa", "© Reuters", "(Getty Images)", "By Jane Doe",
    "Reporting by John Smith; Editing by Jane Roe", "Fot. PAP/EPA/OLIVIER MATTHYS",
    "Support independent journalism: donate today and become a member.", "Subscribe to our newsletter",
    "Read more:", "Share this", "Tags: politics, budget", "We use cookies to improve your experience.",
    "Rescuers at the site on Monday. Photograph: Jane Roe/AFP", "Published 2024-03-03 10:00",
    "Читайте також:", "Jetzt spenden", "Become a Patron!",
]
ENTITIES = ["&amp;", "&lt;", "&gt;", "&quot;", "&nbsp;", "&#0;", "&#x0;", "&#xD800;", "&#xDFFF;", "&#55296;",
            "&#99999999;", "&#x110000;", "&#xFFFE;", "&#128512;", "&#x1F600;", "&#;", "&#x;", "&", "&amp",
            "&unknownentity;", "&#65;", "&#x41", "&copy;", "&NotANamedOne;", "&#-1;", "&#9999999999999999999999;"]

text_piece = st.one_of(
    st.sampled_from(SENTENCES),
    st.sampled_from(ENTITIES),
    odd_text,
    st.text(max_size=60),
    st.builds(lambda e, n: e * n, st.sampled_from(ENTITIES), st.integers(1, 3000)),  # entity flood
)

TAGS = ["p", "div", "span", "a", "figure", "figcaption", "img", "script", "style", "table", "tr", "td", "br",
        "html", "head", "body", "meta", "article", "aside", "nav", "svg", "math", "template", "noscript",
        "iframe", "title", "h1", "h2", "ul", "li", "main", "footer", "section", "blockquote", "pre", "time",
        "b", "i", "em", "picture", "source", "video", "form", "input", "select", "option", "textarea",
        "frameset", "frame", "object", "embed", "plaintext", "xmp", "listing", "base", "link", "button",
        "foreignObject", "mtext", "annotation-xml", "desc", "caption", "font", "center", "marquee", "x-custom"]
VOID = {"img", "br", "meta", "source", "input", "base", "link", "embed", "frame"}
ATTR_NAMES = ["class", "id", "href", "src", "data-src", "alt", "lang", "charset", "content", "property", "name",
              "itemprop", "datetime", "style", "rel", "type", "xmlns", "xml:lang", "onload", "srcdoc", "dir",
              "http-equiv", "a", "x:y", "data-\x00", "\ud800"]
CLASS_WORDS = ["caption", "wp-caption-text", "credit", "byline", "author", "donate", "newsletter", "subscribe",
               "paywall", "share", "related", "nav", "menu", "footer", "cookie", "article-body", "content", "main"]
CHARSETS = ["utf-8", "UTF-8", "utf-16", "utf-16le", "utf-32", "utf-7", "windows-1251", "cp1251", "koi8-r",
            "iso-8859-1", "latin1", "shift_jis", "iso-2022-jp", "gb18030", "big5", "euc-kr", "x-user-defined",
            "bogus", "", "utf-8\x00", "rot13", "base64", "hex", "zlib", "bz2", "uu", "quopri", "unicode-escape",
            "punycode", "idna", "raw-unicode-escape", "mbcs", "undefined", "\ud800"]

attr_value = st.one_of(
    st.sampled_from(CLASS_WORDS),
    st.lists(st.sampled_from(CLASS_WORDS), max_size=5).map(" ".join),
    st.sampled_from(CHARSETS),
    st.sampled_from(["javascript:alert(1)", "http://[::1", "data:image/png;base64,iVBORw0KGgo=", "2024-03-03",
                     "2024-13-45T99:99", '{"@type": "NewsArticle"'] + ENTITIES),
    odd_text,
    st.builds(lambda s, n: s * n, st.sampled_from(["x", "caption ", "&amp;", "\x00", "a\ud800", "é"]),
              st.integers(1000, 100_000)),  # huge attribute values
)


def _quote(value: str, style: int) -> str:
    return ('"{}"', "'{}'", "{}", '"{}')[style].format(value)  # the last one never closes


attribute = st.builds(lambda n, v, q: f"{n}={_quote(v, q)}", st.one_of(st.sampled_from(ATTR_NAMES), st.text(
    alphabet=st.characters(exclude_characters=" =>\"'/", exclude_categories=()), min_size=1, max_size=10)), attr_value,
    st.sampled_from([0, 0, 0, 1, 2, 3]))
attributes = st.one_of(
    st.lists(attribute, max_size=4),
    st.builds(lambda n: [f"a{i}='{i}'" for i in range(n)], st.integers(20, 400)),  # many attributes
)

special = st.one_of(
    st.builds(lambda t: f"<!-- {t} -->", st.text(max_size=40)),
    st.builds(lambda t: f"<!-- {t}", st.text(max_size=40)),  # an unclosed comment swallows the rest
    st.sampled_from(["<!---->", "<!--->", "<!-->", "<!-- -- -->", "--!>", "<!", "<!>", "</>", "<", ">", "<a <b",
                     "</div>", "</p></p></body></html>", "<p/>", "<br/>", "</br>", "<img>", "<?php echo 1; ?>",
                     "<?xml version='1.0' encoding='utf-16'?>", "<?xml-stylesheet href='x'?>", "<?", "?>",
                     "<![CDATA[", "]]>", "<!DOCTYPE html>", "<!doctype html PUBLIC '-//W3C//DTD XHTML 1.0//EN'>",
                     "<!DOCTYPE", "<math><mi>x</mi><annotation-xml encoding='text/html'><p>y</p>",
                     "<svg><foreignObject><p>z</p></foreignObject></svg>", "<template><p>t</p></template>",
                     "<script>document.write('<p>x</p>')</script>", "<script>", "<style>", "</script>",
                     "<noscript><p>n</p></noscript>", "<iframe srcdoc='<p>i</p>'>", "<plaintext>",
                     '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-03-03",'
                     ' "author": {"name": "Jane Doe"}, "headline": "' + "x" * 100 + '"}</script>',
                     '<script type="application/ld+json">{"@graph": [[[[[[{]]]]</script>',
                     '<meta property="og:title" content="A headline | Site">', '<meta name="author" content=";;;">',
                     '<meta http-equiv="content-type" content="text/html; charset=cp1251">',
                     '<html lang="\x00">', '<html lang="zz-ZZ">', '<time datetime="2024-02-30">']),
    st.builds(lambda t: f"<![CDATA[{t}]]>", st.text(max_size=40)),
    st.builds(lambda t: f"<?{t}?>", st.text(max_size=40)),
)


def _element(tag: str, attrs: list[str], children: list[str], close: bool) -> str:
    head = f"<{tag}{''.join(' ' + a for a in attrs)}>"
    if tag in VOID:
        return head + "".join(children)
    return head + "".join(children) + (f"</{tag}>" if close else "")


def _extend(children):
    return st.builds(_element, st.sampled_from(TAGS), attributes, st.lists(children, max_size=6),
                     st.sampled_from([True, True, True, False]))


soup = st.recursive(st.one_of(text_piece, special), _extend, max_leaves=30)


def _nest(tags: list[str], depth: int, inner: str, close: bool) -> str:
    opening = "".join(f"<{tags[i % len(tags)]}>" for i in range(depth))
    closing = "".join(f"</{tags[i % len(tags)]}>" for i in reversed(range(depth))) if close else ""
    return opening + inner + closing


deep = st.builds(_nest, st.lists(st.sampled_from(TAGS), min_size=1, max_size=4), st.integers(1, 3000),
                 st.one_of(st.sampled_from(SENTENCES), soup), st.booleans())


@st.composite
def pages(draw) -> str:
    """A page: maybe a doctype or prolog, maybe a head, and a body of tag soup."""
    parts = [draw(st.sampled_from(["", "", "<!DOCTYPE html>", "<?xml version='1.0'?>", "<!-- x -->", "\ufeff",
                                   "  \n", "<html>", "<html><head><meta charset='utf-8'>"]))]
    if draw(st.booleans()):
        parts.append(f"<head><meta charset=\"{draw(st.sampled_from(CHARSETS))}\"><title>"
                     f"{draw(st.one_of(st.sampled_from(SENTENCES), odd_text))}</title>"
                     + "".join(draw(st.lists(special, max_size=3))) + "</head>")
    parts.append(draw(st.sampled_from(["<body>", "<body><article>", "<body><main>", "", "<body class='x'>"])))
    parts.extend(draw(st.lists(st.one_of(soup, soup, deep,
                                         st.builds(lambda s: f"<p>{s}</p>", st.sampled_from(SENTENCES))),
                               min_size=1, max_size=8)))
    if draw(st.booleans()):
        parts.append("</article></main></body></html>")
    return "".join(parts)


ENCODINGS = ["str", "utf-8", "utf-8-sig", "utf-16", "utf-16-le-nobom", "utf-32", "cp1251-chunk", "lying-charset",
             "latin-1", "cp1252", "koi8-r", "gb18030", "shift_jis"]


def encode(data, text: str) -> str | bytes:
    """The page as str, or as bytes in some encoding, honest or not (choices drawn from `data`;
    a plain function rather than a composite strategy, whose repr would hold the whole page)."""
    how = data.draw(st.sampled_from(ENCODINGS), label="encoding")
    if how == "str":
        return text
    if how == "utf-16-le-nobom":
        return text.encode("utf-16-le", "surrogatepass")
    if how == "cp1251-chunk":  # a UTF-8 page with a windows-1251 paragraph pasted in
        raw = text.encode("utf-8", "surrogatepass")
        at = data.draw(st.integers(0, len(raw)), label="chunk at")
        return raw[:at] + "<p>Рятувальники завершили розбирати завали.</p>".encode("cp1251") + raw[at:]
    if how == "lying-charset":  # declares one charset, is encoded in another
        declared = data.draw(st.sampled_from(CHARSETS), label="declared")
        actual = data.draw(st.sampled_from(["utf-8", "cp1251", "utf-16-le", "latin-1", "shift_jis"]), label="actual")
        errors = "surrogatepass" if actual == "utf-8" else "replace"
        return f'<meta charset="{declared}">{text}'.encode(actual, errors)
    if how in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        return text.encode(how, "surrogatepass")
    return text.encode(how, "replace")


# ---------------------------------------------------------------------- tests
PREFIXES = [b"", b"<html><body><p>", b"<!DOCTYPE html>\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"<p>",
            codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, b"\x89PNG\r\n\x1a\n", b"%PDF-1.4",
            b"\x1f\x8b", b'<meta charset="utf-16">', b'<meta charset="utf-7">', b"\x00", b" \n\t"]


@_settings(300)
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=3000), kind=KINDS, url=URLS)
def test_random_bytes(prefix, body, kind, url):
    check_clean(prefix + body, kind=kind, url=url)


@_settings(150)
@given(body=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass"))),
       kind=KINDS)
def test_random_bytes_as_bytearray(body, kind):
    check_clean(bytearray(body), kind=kind)


@_settings(300)
@given(text=st.one_of(any_text, odd_text, st.lists(st.one_of(st.sampled_from(SENTENCES), odd_text, any_text),
                                                   max_size=12).map("\n".join)),
       kind=KINDS, url=URLS)
def test_random_text(text, kind, url):
    check_clean(text, kind=kind, url=url)


@_settings(400)
@given(data=st.data(), kind=KINDS, url=URLS)
def test_tag_soup(data, kind, url):
    check_clean(encode(data, data.draw(pages(), label="page")), kind=kind, url=url)


@_settings(100)
@given(body=st.sampled_from([b"<p>caf\xe9 na\xefve</p>", "<p>Рятувальники</p>".encode("cp1251"),
                             "<p>café</p>".encode("utf-16-le"), b"\x00\xd8\x00\xdc", b"+AGEAYgBj-", b"plain"]),
       charset=st.one_of(st.sampled_from(CHARSETS), st.text(max_size=20)), kind=KINDS)
def test_transport_charset(body, charset, kind):
    """Cleaner.clean's `charset` (an HTTP header's word) is input from the wire too."""
    check_clean(body, kind=kind, charset=charset)


@_settings(60)
@given(tags=st.lists(st.sampled_from(TAGS), min_size=1, max_size=3), depth=st.integers(500, 3000),
       inner=st.sampled_from(SENTENCES), close=st.booleans(), as_bytes=st.booleans())
def test_deep_nesting(tags, depth, inner, close, as_bytes):
    page = "<html><body>" + _nest(tags, depth, "<p>" + inner + "</p>", close) + "<p>" + SENTENCES[0] + "</p>"
    check_clean(page.encode() if as_bytes else page, kind=None)


@_settings(100)
@given(source=st.one_of(st.none(), st.integers(), st.floats(), st.lists(st.text(max_size=5), max_size=3),
                        st.binary(max_size=20).map(memoryview), st.dictionaries(st.text(max_size=3), st.text(max_size=3))),
       kind=st.one_of(KINDS, st.sampled_from(["HTML", "", "txt", "\x00", 1, b"html"])))
def test_wrong_types_are_usage_errors(source, kind):
    """Not str or bytes, or an unknown kind: CleanerError("usage"), not a TypeError."""
    try:
        CLEANER.clean(source, kind=kind)
    except CleanerError as e:
        assert e.code == "usage", e.code
    else:
        raise AssertionError("clean() accepted a source that is not str or bytes")
