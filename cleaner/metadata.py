"""Document facts: trafilatura's metadata for pages, and kinds of credits and appeals."""
from __future__ import annotations

import re

from .lexicons import appeal_kinds_in, lexicons

_META_FIELDS = ("title", "author", "date", "sitename", "url", "hostname", "description",
                "language", "categories", "tags", "image", "pagetype")
_CREDIT_KINDS = (
    ("reporting", re.compile(r"reporting|reported|mit material|avec |con información|за матеріалами|по материалам|agenc|agentur", re.I)),
    ("editing", re.compile(r"edit", re.I)),
    ("video", re.compile(r"v[ií]deo|відео|видео", re.I)),
    ("illustration", re.compile(r"illustra|ilustra|ілюстрац|иллюстрац|zeichnung|visualisierung|colla[gj]|колаж|коллаж", re.I)),
    ("graphic", re.compile(r"graphic|gr[aá]fi[ck]|infogra|графік|график", re.I)),
    ("text", re.compile(r"^\W*(by|von|par|por|di|autor|author|автор|текст|text|words|written|redac)\b", re.I)),
)


def credit_kind(text: str) -> str:
    for kind, pattern in _CREDIT_KINDS:
        if pattern.search(text):
            return kind
    return "photo"


def appeal_kind(text: str) -> str:
    """The first kind of `appeal.json`'s "kinds" whose words the appeal holds; the
    screen names the kinds worth searching for."""
    maybe = appeal_kinds_in(text)
    if not maybe:
        return "other"
    lower = text.lower()
    for kind, pattern in lexicons().appeal_kinds:
        if kind in maybe and pattern.search(lower):
            return kind
    return "other"


_TITLE_PARTS = re.compile(r"\s+[|\-–—»·:]{1,2}\s+")
MAX_SITE_WORDS = 5


def _alnum(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _names_site(part: str, sitename: str | None, hostname: str | None) -> bool:
    """Whether a title part is the site's name: the site name, or a name the hostname spells."""
    words, key = part.split(), _alnum(part)
    if not key or len(words) > MAX_SITE_WORDS:
        return False
    site = _alnum(sitename or "")
    host = _alnum((hostname or "").removeprefix("www.").rsplit(".", 1)[0])
    if site and (key == site or key in site or site in key):
        return True
    core = _alnum(part.split()[0])
    return bool(host) and len(core) >= 3 and (key in host or core in host)


def headline(title: str | None, sitename: str | None, hostname: str | None) -> str | None:
    """The page title without the site's name before or after it:
    "Five Lessons for Business - BusinessWeek" gives "Five Lessons for Business"."""
    if not title:
        return title
    parts = _TITLE_PARTS.split(title)
    seps = _TITLE_PARTS.findall(title)
    if len(parts) < 2:
        return title
    start, end = 0, len(parts)
    if _names_site(parts[-1], sitename, hostname) and ":" not in seps[-1]:
        end -= 1
    elif _names_site(parts[0], sitename, hostname) and ":" not in seps[0]:
        start += 1
    if (start, end) == (0, len(parts)):
        return title
    # Rebuild from the original text, so the headline keeps its own separators.
    kept = title
    if end < len(parts):
        kept = kept[: kept.rfind(seps[-1])]
    if start:
        kept = kept[kept.find(seps[0]) + len(seps[0]):]
    return kept.strip() or title


def html_metadata(extracted, url: str | None) -> dict:
    """The fields trafilatura found, without empty ones."""
    meta = {}
    for name in _META_FIELDS:
        value = getattr(extracted, name, None)
        if value:
            meta[name] = value
    if url and "url" not in meta:
        meta["url"] = url
    if meta.get("title"):
        meta["title"] = headline(meta["title"], meta.get("sitename"), meta.get("hostname"))
    if meta.get("author"):
        # trafilatura joins several authors with "; "; a list is what callers want.
        meta["authors"] = [a.strip() for a in meta["author"].split(";") if a.strip()]
    return meta


# --- plain text ------------------------------------------------------------------

# A date line names a day: a one- or two-digit number close to a year ("3 March
# 2024", "2024-03-03", "8 de mayo de 2024"). A bare year ("Top 10 of 2025") is no
# date line: htmldate would read it as 1 January, and wake its slow all-language parser.
_YEAR = r"\b(?:1[89]|20)\d\d\b"
_DAY = r"(?<!\w)\d{1,2}(?!\d)"
_DAY_AND_YEAR = re.compile(rf"{_DAY}\D{{0,18}}{_YEAR}|{_YEAR}\D{{0,18}}{_DAY}")
_DAYS = re.compile(_DAY)
MAX_DATE_LINE_WORDS = 15
DATE_LINE_WINDOW = 4
# "KYIV, March 3 (Reuters) -", "BERLIN (dpa) –", "WARSAW, Poland —": a place in capitals
# (and perhaps a date and an agency) before a dash at the start of the first paragraph.
_DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-ÞА-ЯІЇЄҐ][A-ZÀ-ÞА-ЯІЇЄҐ'’. -]{1,30}[A-ZÀ-ÞА-ЯІЇЄҐ.])"
    r"(?:,\s*[^()\n–—-]{1,30}?)?\s*(?:\((?P<agency>[^()\n]{1,30})\))?\s*[–—-]{1,2}\s+(?=\S)")


def text_metadata(paragraphs: list[str]) -> dict:
    """What plain text says of itself near its top: a date line and a dateline."""
    meta: dict = {}
    for line in paragraphs[:DATE_LINE_WINDOW]:
        if len(line.split()) <= MAX_DATE_LINE_WORDS and _DAY_AND_YEAR.search(line):
            date = _find_date(line)
            if date:
                meta["date"], meta["date_line"] = date, line
                break
    for line in paragraphs[:DATE_LINE_WINDOW]:
        m = _DATELINE.match(line)
        if m and len(line.split()) > MAX_DATE_LINE_WORDS:
            meta["dateline"] = {k: v.strip() for k, v in m.groupdict().items() if v}
            break
    return meta


def _find_date(line: str) -> str | None:
    """htmldate reads dates in many languages and formats; it wants a page, so it gets one."""
    from html import escape

    from htmldate import find_date

    try:
        date = find_date(f"<html><body><p>{escape(line)}</p></body></html>", extensive_search=True,
                         outputformat="%Y-%m-%d")
    except (ValueError, TypeError):
        return None
    # Where the line gives no day, htmldate fills in the 1st ("March 2025" -> 2025-01-01).
    return date if date and int(date[8:]) in _days(line) else None


def _days(line: str) -> set[int]:
    """The one- and two-digit numbers of a line: the days it may name."""
    return {int(d) for d in _DAYS.findall(line)}
