"""High-precision rules. Each has a stable id that becomes the paragraph's `why`.

A rule answers only when it is nearly sure; everything else goes to the model.
Ids are documented in README.md ("Why a paragraph went where it went").
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .document import Block, Label
from .lexicons import MAX_SCAN, PARAGRAPH_CACHE, cookie_notice, hits, lexicons, may_match, pleads, voice

MAX_CREDIT_WORDS = 16
MAX_BYLINE_WORDS = 12
MAX_BOILERPLATE_WORDS = 25
MAX_CAPTION_WORDS = 80
MAX_NOTICE_WORDS = 80
MIN_INLINE_CAPTION_WORDS = 4
# An agency credit line: "AFP/Getty Images", "(AP Photo/J. Scott Applewhite)".
MAX_AGENCY_CREDIT_WORDS = 8
MAX_TAIL_CHARS = 100  # how far from a caption's end its closing credit may start
_SENTENCE_IN_CREDIT = re.compile(r"(?<!\b\w)[.!?]\s+\w")
_CREDIT_PARTS = re.compile(r"[\s/|,;:·•]+")
_CREDIT_JOINERS = frozenset(("via", "and", "und", "et", "y", "i", "і", "и", "photo", "foto", "фото"))
_TAIL_START = re.compile(r"(?<!\b\w)[.!?…][\"”’»]?\s+(?=\S)")
# "Jane Roe/The Gazette", "Jane Roe for The Gazette": a name of two to four words
# and the outlet's, all capitalised.
_MAKER_AND_OUTLET = re.compile(r"(?:[A-ZÀ-Þ][\w.'’-]*\s+){1,3}[A-ZÀ-Þ][\w.'’-]*\s*(?:/|\s(?:for|für|pour|para|per)\s)\s*"
                               r"(?:(?:[A-ZÀ-Þ]|the\s)[\w.'’-]*\s*){1,4}")
# A photographer's or writer's line with the outlet: "Jane Roe/The Harbour Ledger", "Jane
# Roe | The Ledger", "Олена Мельник / «Черкаський Ранок»", "Елена Кузнецова, специально для
# «Репортёра»". A name of two or three words in capitals, then the outlet's: "The" and its
# words in capitals, or its name in quote marks (any words in capitals would take a
# specification row, "Power Source | Internal Battery"; " for " a headline, "Best Laptops
# for Students").
_NAME = r"[A-ZÀ-ÞА-ЯІЇЄҐ][\w'’-]+(?:\s+[A-ZÀ-ÞА-ЯІЇЄҐ][\w'’-]+){1,2}"
_OUTLET = r"(?:[«\"“„][^«»\"“”„]{2,40}[»\"”“]|The\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})"
# A station's or paper's initials before its photographer, in brackets: "... Friday. (WNQT/Kayla Brandt)".
_INITIALS_AND_MAKER = re.compile(r"[A-Z]{2,6}\s*/\s*" + _NAME)
_MAKER_LINE = re.compile(_NAME + r"\s*(?:[/|]|,\s+(?i:специально для|спеціально для|especial para|spécialement pour))\s*"
                         + _OUTLET)
# A stock or file picture's mark closing its caption: "... im Frühjahr. (Symbolbild)",
# "... dimanche. (Photo d'illustration)", "Наслідки обстрілу. Фото ілюстративне".
_FILE_PHOTO_TAIL = re.compile(
    r"(?:(?<!\b\w)[.!?…][\"”’»]?\s+|\s(?=[(\[]))([(\[]?(?i:file photo|archive photo|stock photo|symbolbild|symbolfoto|"
    r"archivbild|archivfoto|photo d'illustration|photo d'archives?|image d'illustration|foto d'archivio|"
    r"foto di archivio|imagen de archivo|foto de archivo|foto ilustrativa|zdjęcie ilustracyjne|fot\. ilustracyjne|"
    r"фото иллюстративное|иллюстративное фото|фото из открытых источников|фото ілюстративне|ілюстративне фото|"
    r"фото з відкритих джерел)[)\]]?\.?)$")
# Every mark above holds one of these, which credit_tail looks for before it searches
# ("lustra" for both "illustration" and "ilustracyjne").
_FILE_PHOTO_STEMS = ("photo", "bild", "foto", "archiv", "imagen", "lustra", "zdjęcie", "фото", "ілюстр")
# A photographer's name in capitals after a slash, as Spanish papers print it: "... en su
# obrador de Nuñomoral. / INÉS BARRADO".
_SLASH_NAME_TAIL = re.compile(r"(?<!\b\w)[.!?…][\"”’»]?\s+(/\s*[A-ZÀ-Þ][A-ZÀ-Þ'’.-]+(?:\s+[A-ZÀ-Þ][A-ZÀ-Þ'’.-]+){1,3})$")
_MAKER_TAIL = re.compile(r"(?<!\b\w)[.!?…][\"”’»]?\s+(" + _MAKER_LINE.pattern + r")$")
# "(Foto: Jane Roe, 14.01.2022).", "(Picture by Jane Roe.)": only the photo's own words,
# as "(Source: Eurostat)" and "(Video: ...)" end sentences of the body too.
_BRACKETED_PHOTO_CREDIT = re.compile(r"(?<=\s)[(\[](?i:photos?|photograph|pictures?|fotos?|bild|fot\.|zdjęcie|imagen|фото)"
                                     r"(?:\s*[:：]|\s+(?i:by|von|di|de|par|por)\s|(?<=\.)\s|\s+(?=[A-ZÀ-ÞА-ЯІЇЄҐ]))"
                                     r"[^()\[\]]{1,80}[)\]]\.?$")
# "... samedi soir. © Rade Info": a copyright sign and names after a sentence's end,
# with no year ("© 2024 The Gazette" closes a page, not a photo's caption); with no
# stop before it, names only ("... для детей © Елена Кузнецова").
_COPYRIGHT_TAIL = re.compile(r"(?:(?<!\b\w)[.!?…][\"”’»]?\s+(©\s*(?=[A-ZÀ-ÞА-ЯІЇЄҐ])[^\d.!?©]{1,60})"
                             r"|\s(©\s*[A-ZÀ-ÞА-ЯІЇЄҐ][\w'’-]*(?:\s+[A-ZÀ-ÞА-ЯІЇЄҐ][\w'’-]*){0,3}))$")
# A video's or gallery's title under its label: "VÍDEO | Así celebró la afición el
# ascenso", "WIDEO: Tak wygląda nowa trasa", "VIDÉO – Les images ...". A name after the label is a credit
# ("Video: Jane Roe"); words in lower case make a sentence.
_MEDIA_TITLE = re.compile(r"^\W*(?i:v[ií]d[eé]o|wideo|відео|видео|fotos|photos|galer[ií]a|galerie|gallery)"
                          r"(?:\s*[|:：–—]|\s+-)\s*(.+)$")
_LOWER_WORD = re.compile(r"(?<![\w/.@-])[a-zß-ÿа-яёіїєґ][a-zß-ÿа-яёіїєґ'’-]{3,}(?![\w/.@])")
MIN_MEDIA_TITLE_LOWER_WORDS = 3
_PHOTO_OR_SECOND_SOURCE = re.compile(r"(?i:photo|foto|фото|bild|zdj)|/|\bvia\b")
# Quoted speech can contain a plea ("'Donate now,' she urged") and stays body.
# Speech is three or more words between quote marks, or a quote closed after
# punctuation; a short name in quotes («Free Shore») is not speech, and neither
# is a title in capitals (a film's “The Last Rehearsal”, a newsletter's «La Lettre du Matin»).
_OPEN_QUOTE = re.compile(r"[\"“„«‚‘]")
_CLOSE_QUOTE = re.compile(r"[\"”“»’‘]")
_CLOSED_AFTER_PUNCT = re.compile(r"[,.!?…][\"”“»’]")
MAX_QUOTE_CHARS = 600
_QUOTE_MARKS = "“„«‚‘”»’"  # with '"', every mark the three patterns above hold
_RIGHTS = re.compile(r"all rights reserved|alle rechte|tous droits|todos los derechos|tutti i diritti|wszelkie prawa"
                     r"|всі права|усі права|все права|riproduzione riservata|reproduction interdite"
                     r"|prohibida (?:la|su) reproducción|передрук|перепечатка|vervielfältigung"
                     r"|использовании материалов|використанні матеріалів|использование материалов|використання матеріалів", re.I)
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}|:|by\b))", re.I)
_NAME_WORD = re.compile(r"^[^\W\d_][\w.'’-]*$")
_JOINED = re.compile(r"\s+[·•]\s+")
MAX_NAME_QUOTE_WORDS = 6
_QUOTE_PUNCT = re.compile(r"[.!?,;:…]")
_SPEECH_AFTER = re.compile(r"\s*,")  # «...», — сказал он; “...”, she said (a dash alone is a copula: «X» — издание)


@dataclass(frozen=True)
class Verdict:
    label: Label
    score: float
    why: str


@lru_cache(maxsize=PARAGRAPH_CACHE)
def word_count(text: str) -> int:
    """Words in a paragraph: the rules, the features and the context pass each ask,
    and a string keeps its hash, so asking again costs a lookup, not a split."""
    return len(text.split())


def is_quoted(text: str, titles: bool = False) -> bool:
    """Whether the text quotes speech; with `titles`, a quoted title counts too (the
    model's `quoted` feature, which it learned that way)."""
    speech, quoted = _quoting(text[:MAX_SCAN])
    return quoted if titles else speech


@lru_cache(maxsize=PARAGRAPH_CACHE)
def _quoting(head: str) -> tuple[bool, bool]:
    """Whether the head quotes speech, and whether it quotes speech or a title: the
    rules ask the one and the features the other of each paragraph. Most paragraphs
    hold no quote mark at all, which `in` tells without a regex's scan."""
    if '"' not in head and (head.isascii() or not any(q in head for q in _QUOTE_MARKS)):
        return False, False
    if _CLOSED_AFTER_PUNCT.search(head):
        return True, True
    titled = False
    for inside, _ in _quotes(head):
        words = inside.split()
        if len(words) >= 3:
            if not is_title(words):
                return True, True
            titled = True
    return False, titled


def _quotes(head: str) -> Iterator[tuple[str, int]]:
    """(what stands between the marks, where the closing mark ends) of each quote: an
    opening mark and the next closing one at most MAX_QUOTE_CHARS on."""
    for opening in _OPEN_QUOTE.finditer(head):
        closing = _CLOSE_QUOTE.search(head, opening.end(), opening.end() + MAX_QUOTE_CHARS)
        if closing is not None:
            yield head[opening.end():closing.start()], closing.end()


def is_title(words: list[str]) -> bool:
    """Words of a name in capitals: none starts in lower case but short joining words
    ("of", "the", "and", "de"). Speech runs as a sentence, in lower case after its first word."""
    return not words[0][:1].islower() and all(not w[:1].islower() or len(w) <= 3 for w in words)


def _names_only(rest: str) -> bool:
    """True when `rest` reads as a list of names ('Jane Doe and John Roe, Staff')."""
    words = [w.strip(",;()") for w in rest.split()]
    words = [w for w in words if w]
    if not words or len(words) > MAX_BYLINE_WORDS:
        return False
    alpha = [w for w in words if _NAME_WORD.match(w)]
    capital = [w for w in alpha if w[0].isupper()]
    return len(alpha) == len(words) and len(capital) >= max(1, 0.6 * len(words)) and words[0][0].isupper()


def credit_rule(text: str) -> Verdict | None:
    lex = lexicons()
    words = word_count(text)
    if words > MAX_CREDIT_WORDS * 2:
        return None
    if may_match("credit_reporting", text) and lex.credit_reporting.search(text):
        return Verdict(Label.CREDIT, 0.96, "rule:credit-reporting")
    if words > MAX_CREDIT_WORDS:
        return None
    if may_match("credit_prefix", text) and lex.credit_prefix.search(text) and not media_title(text):
        return Verdict(Label.CREDIT, 0.97, "rule:credit-prefix")
    if _copyright_notice(text):
        return Verdict(Label.BOILERPLATE, 0.9, "rule:copyright-notice")
    stripped = text.strip("()[] .")
    if _COPYRIGHT.match(stripped):
        return Verdict(Label.CREDIT, 0.93, "rule:credit-copyright")
    if words <= MAX_AGENCY_CREDIT_WORDS and may_match("agency", text) and _agency_credit(stripped) is not None:
        return Verdict(Label.CREDIT, 0.92, "rule:credit-agency")
    m = lex.credit_byline.match(text)
    if m and words <= MAX_BYLINE_WORDS and _names_only(text[m.end():]):
        return Verdict(Label.CREDIT, 0.9, "rule:byline")
    if words <= MAX_AGENCY_CREDIT_WORDS and _MAKER_LINE.fullmatch(text):
        return Verdict(Label.CREDIT, 0.9, "rule:credit-maker")
    # Two credits on one line: "Texto: Javi Prieto · Fotos: Marisa Cubero".
    if "·" in text or "•" in text:
        parts = _JOINED.split(text)
        if len(parts) > 1:
            verdicts = [credit_rule(part) for part in parts]
            if all(v is not None and v.label is Label.CREDIT for v in verdicts):
                return verdicts[0]
    return None


def _agency_credit(stripped: str) -> list[str] | None:
    """The words besides agency names of a short line made of agency names, slashes
    and names ("AFP/Getty Images", "AP Photo/J. Scott Applewhite"), else None. An
    initial's stop is no sentence end."""
    rest = lexicons().agency.sub(" ", stripped)
    if rest == stripped or _SENTENCE_IN_CREDIT.search(stripped):
        return None
    leftover = [w for w in _CREDIT_PARTS.split(rest) if w and w.lower() not in _CREDIT_JOINERS]
    return leftover if all(w[:1].isupper() for w in leftover) and len(leftover) <= 4 else None


def credit_tail(text: str) -> int | None:
    """Where the agency credit that closes a caption starts: "... after the verdict on
    Thursday. (AP Photo/Sam Whitfield)", "... in Kyiv. REUTERS/Jane Roe". The credit
    follows a sentence's end and names a person, a photo or a second source besides
    the agency: a news text may close with its source alone ("... mit. (dpa)").
    A paper's own photographer is named with the paper in brackets: "... (Jane
    Roe/The Gazette)", "(Jane Roe for The Gazette)", "(WNQT/Jane Roe)". A photo's credit in brackets
    needs no stop before it: "... en el Congreso (Foto: Jane Roe/Pool via REUTERS).".
    A copyright sign with names after a stop closes one too: "... samedi soir. © Rade Info",
    and so does a name with its outlet: "... on Tuesday. Jane Roe/The Gazette", a name in
    capitals after a slash, "... de Nuñomoral. / INÉS BARRADO", or a file picture's mark:
    "... im Frühjahr. (Symbolbild)"."""
    start = max(0, len(text) - MAX_TAIL_CHARS)
    end = text[-40:].lower()
    if any(stem in end for stem in _FILE_PHOTO_STEMS):  # most paragraphs hold none: skip the search
        m = _FILE_PHOTO_TAIL.search(text, start)
        if m:
            return m.start(1)
    if "©" in text:
        m = _COPYRIGHT_TAIL.search(text, start)
        if m:
            return m.start(1) if m.group(1) else m.start(2)
    if text.endswith(("»", '"', "”")) or text.find("/", start) >= 0 or text.find("|", start) >= 0:
        m = _MAKER_TAIL.search(text, start) or _SLASH_NAME_TAIL.search(text, start)
        if m:
            return m.start(1)
    bracketed = text.endswith(")")
    if bracketed or text.endswith((").", "].")):
        photo = _BRACKETED_PHOTO_CREDIT.search(text, start)
        if photo:
            return photo.start()
    if not bracketed and not may_match("agency", text):
        return None
    for stop in _TAIL_START.finditer(text, start):
        tail = text[stop.end():]
        if word_count(tail) > MAX_AGENCY_CREDIT_WORDS:
            continue
        inner = tail.strip("()[] .")
        leftover = _agency_credit(inner)
        if leftover is not None and (leftover or _PHOTO_OR_SECOND_SOURCE.search(tail)):
            return stop.end()
        if bracketed and tail.startswith("(") and (_MAKER_AND_OUTLET.fullmatch(tail, 1, len(tail) - 1)
                                                   or _INITIALS_AND_MAKER.fullmatch(tail, 1, len(tail) - 1)):
            return stop.end()
    return None


def media_title(text: str) -> bool:
    """Whether the line is a video's or gallery's title under its label (_MEDIA_TITLE)."""
    m = _MEDIA_TITLE.match(text)
    return m is not None and len(_LOWER_WORD.findall(m.group(1))) >= MIN_MEDIA_TITLE_LOWER_WORDS


def caption_rule(text: str) -> Verdict | None:
    """A short description that ends with its photo credit is a caption, credit included;
    so is a line that opens with a caption's label ("Image caption, ..."), a figure's or
    table's number ("Figure 3. ..."), or a video's label."""
    words = word_count(text)
    if words <= MAX_CAPTION_WORDS and lexicons().caption_label.match(text):
        return Verdict(Label.CAPTION, 0.95, "rule:caption-label")
    if words <= MAX_CAPTION_WORDS and may_match("figure_label", text) and lexicons().figure_label.match(text):
        return Verdict(Label.CAPTION, 0.9, "rule:figure-label")
    if words <= MAX_CREDIT_WORDS * 2 and media_title(text):
        return Verdict(Label.CAPTION, 0.9, "rule:media-title")
    if MIN_INLINE_CAPTION_WORDS <= words <= MAX_CAPTION_WORDS:
        quoted = is_quoted(text)
        m = may_match("credit_prefix", text) and lexicons().inline_credit.search(text)
        if quoted and not m:
            return None  # the tails are searched only in texts that quote no one: most quoted ones are speech
        start = m.start() if m else credit_tail(text)
        # A quote in the credit is the outlet's name ("Фото: Илья Греков / «Открытая редакция»"),
        # not speech: only the description must quote no one.
        if start is not None and len(text[:start].split()) >= MIN_INLINE_CAPTION_WORDS \
                and not (quoted and is_quoted(text[:start])):
            return Verdict(Label.CAPTION, 0.9, "rule:caption-credit")
    return None


def appeal_rule(text: str, lang: str | None = None) -> Verdict | None:
    lex = lexicons()
    if may_match("appeal_button", text) and lex.appeal_button.search(text):
        return Verdict(Label.APPEAL, 0.95, "rule:appeal-button")
    # A plea in quoted speech is reported ("'Donate now,' she urged"), but an outlet's
    # name of a few words in sentence case is no speech ("Подпишитесь на «Невскую сводку
    # дня» за 1 рубль").
    if pleads(text, lang) and (not is_quoted(text) or _quotes_are_names(text)):
        return Verdict(Label.APPEAL, 0.96, "rule:appeal-lexicon")
    return None


def _quotes_are_names(text: str) -> bool:
    """Whether every quote in the text is a short name: at most MAX_NAME_QUOTE_WORDS words,
    no punctuation inside or just after it, and no one said to speak. A thought or speech
    of a sentence ("... to yourself, “After all the food ..., the least I can do is give.”")
    keeps a plea around it the writer's report."""
    head = text[:MAX_SCAN]
    for inside, end in _quotes(head):
        if len(inside.split()) > MAX_NAME_QUOTE_WORDS or _QUOTE_PUNCT.search(inside) or _SPEECH_AFTER.match(head, end):
            return False
    return not voice(head.lower())[2]


def boilerplate_rule(text: str) -> Verdict | None:
    lex = lexicons()
    words = word_count(text)
    if words <= 3 and text.strip(" :|•·-–—").casefold() in lex.boilerplate_exact:
        return Verdict(Label.BOILERPLATE, 0.95, "rule:boilerplate-exact")
    if words <= MAX_BOILERPLATE_WORDS and may_match("boilerplate_opening", text) and lex.boilerplate_opening.search(text):
        return Verdict(Label.BOILERPLATE, 0.95, "rule:boilerplate-lexicon")
    if words <= MAX_NOTICE_WORDS and cookie_notice(text):
        return Verdict(Label.BOILERPLATE, 0.93, "rule:cookie-notice")
    # A wire service's or site's rights notice, longer than a credit line ("© 2024 The
    # Wire. All rights reserved. This material may not be published, broadcast ..."):
    # credit_rule takes only the short ones.
    if MAX_CREDIT_WORDS < words <= MAX_NOTICE_WORDS and _copyright_notice(text):
        return Verdict(Label.BOILERPLATE, 0.9, "rule:copyright-notice")
    # A notice is never quoted nor reported speech: "'We may earn a commission on the sale,'
    # she said.", "The museum said its photos were licensed under Creative Commons terms".
    # An outlet's name in quote marks is neither: "Материалы «Открытой редакции» распространяются ...".
    if words <= MAX_NOTICE_WORDS and may_match("notice", text) and lex.notice.search(text) \
            and not _CLOSED_AFTER_PUNCT.search(text, 0, MAX_SCAN) and not voice(text[:MAX_SCAN].lower())[2]:
        return Verdict(Label.BOILERPLATE, 0.9, "rule:copy-notice")
    return None


def _copyright_notice(text: str) -> bool:
    return bool(_COPYRIGHT.match(text.strip("()[] .")) and _RIGHTS.search(text))


def html_rule(block: Block, lang: str | None = None) -> Verdict | None:
    """Page structure: a figcaption is a caption, a donate box is an appeal."""
    cues = block.cues
    if not cues:  # plain text, and most of a page's paragraphs
        return None
    words = word_count(block.text)
    if "html:figcaption" in cues or ("html:caption-class" in cues and words <= MAX_CAPTION_WORDS):
        credit = credit_rule(block.text)
        if credit and credit.label is Label.CREDIT:
            return Verdict(Label.CREDIT, 0.97, credit.why)
        return Verdict(Label.CAPTION, 0.95, "html:figcaption" if "html:figcaption" in cues else "html:caption-class")
    if "html:credit-class" in cues and words <= MAX_CREDIT_WORDS:
        return Verdict(Label.CREDIT, 0.93, "html:credit-class")
    # Inside a donate or newsletter box: an appeal if it says so, or if the extractor
    # left it out of the text anyway (the box's heading, its small print).
    if "html:appeal-class" in cues and (not block.in_main or hits(block.text, lang).topic) \
            and not is_quoted(block.text):
        return Verdict(Label.APPEAL, 0.93, "html:appeal-class")
    return None


# No caption, credit, appeal or boilerplate line is this long; a block this long
# is an extractor's whole article run together, and dropping it loses the page.
LONG_BLOCK_WORDS = 300


def long_block_rule(text: str) -> Verdict | None:
    if text.count(" ") >= LONG_BLOCK_WORDS and len(text.split()) >= LONG_BLOCK_WORDS:
        return Verdict(Label.BODY, 0.9, "rule:long-block")
    return None


def code_rule(block: Block) -> Verdict | None:
    """A line of a code listing the extractor kept (<pre>, <code>) is body: a command or
    a line of source reads like navigation to the model, and no appeal sits in one."""
    if block.tag == "code":
        return Verdict(Label.BODY, 0.9, "rule:code-block")
    return None


def first_verdict(block: Block, lang: str | None = None) -> Verdict | None:
    """The first rule that fires, in order of how rarely each is wrong; `lang` picks lexicons."""
    return (long_block_rule(block.text) or code_rule(block) or html_rule(block, lang) or credit_rule(block.text)
            or caption_rule(block.text) or appeal_rule(block.text, lang) or boilerplate_rule(block.text))
