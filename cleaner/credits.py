"""Credits and captions as structured data: who made an image, which agency, what kind.

    >>> parse_credit("Foto: PAP/EPA/OLIVIER MATTHYS")
    {'kind': 'photo', 'names': ['Olivier Matthys'], 'agencies': ['PAP', 'EPA']}

The agencies are the list in ``lexicons/credit.json`` (news and photo agencies,
picture libraries), matched as whole words; a name is one to four capitalised
words, and names written in capitals are given their usual case.
"""
from __future__ import annotations

import re

from .lexicons import lexicons
from .metadata import credit_kind
from .rules import credit_tail

# Parts of a credit line: "A/B", "A | B", "A, B", "A and B", "A via B", "Reporting by A; Editing by B".
_SPLIT = re.compile(r"\s*(?:[/|,;·•+]|\(|\)|\s(?:and|und|et|y|e|i|і|и|&|via|for|für|pour|para|per|for the)\s)\s*",
                    re.I)
_NAME_WORD = re.compile(r"^(?:[^\W\d_][\w'’.-]*|[^\W\d_]\.)$")
# Words in credits that are roles or sources, not people.
_NOT_NAMES = {"staff", "photo", "photos", "foto", "fotos", "фото", "handout", "file", "archive", "archiv",
              "archives", "archivo", "архів", "архив", "pool", "courtesy", "supplied", "dpa-bildfunk",
              "private", "privat", "screenshot", "social media", "press office", "reuters tv", "afp tv",
              "symbolbild", "symbolfoto", "archivbild", "archivfoto", "file photo", "stock photo"}
_LABEL = re.compile(r"^\W*[^\W\d_]+(?:[ -][^\W\d_]+){0,2}\s*[:：]\s*")
_COPYRIGHT = re.compile(r"^\W*(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?", re.I)


def parse_credit(text: str, kind: str | None = None) -> dict:
    """`kind`, `names` (people) and `agencies` of one credit line, as far as it says."""
    agencies: list[str] = []
    names: list[str] = []
    for part in _parts(_strip_label(text)):
        agency = _agency(part)
        if agency:
            if agency not in agencies:
                agencies.append(agency)
        elif _is_name(part):
            name = _usual_case(part)
            if name not in names:
                names.append(name)
    return {"kind": kind or credit_kind(text), "names": names, "agencies": agencies}


def split_inline_credit(text: str) -> tuple[str, str] | None:
    """(description, credit) of a caption that ends with its credit, else None.

    "Rescuers at the site on Monday. Photograph: Jane Roe/AFP" gives
    ("Rescuers at the site on Monday.", "Photograph: Jane Roe/AFP"); so does "... on
    Monday. (AP Photo/Jane Roe)", with the credit in its brackets.
    """
    m = lexicons().inline_credit.search(text)
    if m:
        cut = m.start() + 1  # keep the description's closing punctuation, but not a comma
    else:  # "... on Thursday. (AP Photo/Sam Whitfield)"
        cut = credit_tail(text)
        if cut is None:
            return None
    description, credit = text[:cut].strip().removesuffix(","), text[cut:].strip()
    return (description, credit) if description and credit else None


def caption_text(text: str) -> str:
    """A caption without its label: "Image caption, Rescuers at the site" gives
    "Rescuers at the site"."""
    m = lexicons().caption_label.match(text)
    return text[m.end():] if m else text


def _strip_label(text: str) -> str:
    """The credit without its opening label: "Photo:", "Reporting by", "By", "©"."""
    lex = lexicons()
    text = _COPYRIGHT.sub("", text.strip())
    for pattern in (lex.credit_reporting, lex.credit_prefix, lex.credit_byline):
        m = pattern.match(text)  # all three are anchored at the start
        if m:
            text = text[m.end():]
            break
    return _LABEL.sub("", text) if ":" in text[:30] else text


def _parts(text: str) -> list[str]:
    # Later roles ("; Editing by Anna Roe") name people too: drop their labels.
    text = re.sub(r"\b(?:editing|edited|writing|written|reporting|additional reporting|compiled)\s+by\b", "|",
                  text, flags=re.I)
    return [p.strip(" .:-–—\"'«»") for p in _SPLIT.split(text) if p and p.strip(" .:-–—\"'«»")]


def _agency(part: str) -> str | None:
    """The agency a part names, in the list's spelling. Short names that are also
    words ("AP", "PA", "Forum") count only as the agency writes them or in capitals."""
    lex = lexicons()
    found = lex.agencies.get(part.casefold())
    if found and (len(found) >= 6 or part.isupper() or lex.agency.fullmatch(part)):
        return found
    return None


def _is_name(part: str) -> bool:
    words = part.split()
    if not 1 <= len(words) <= 4 or part.casefold() in _NOT_NAMES:
        return False
    return all(_NAME_WORD.match(w) and w[0].isupper() for w in words) and any(len(w) > 2 for w in words)


def _usual_case(name: str) -> str:
    if not name.isupper():
        return name
    return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in name.split())
