"""Cue lists as data: each JSON file here is compiled once into regular expressions.

Adding a language means adding phrases to the JSON files, not code.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .screen import Screen, Untranslatable, re2, widen

HERE = Path(__file__).parent


@lru_cache(maxsize=None)
def _load(name: str) -> dict:
    """A lexicon file, read once per process (the compiled lists, the per-language
    patterns and the screen all start from it); callers only read it."""
    return json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))


def _any(patterns, template: str = "(?:{})", flags: int = re.I) -> re.Pattern:
    return re.compile(template.format(_alternation(list(patterns))), flags)


def _alternation(patterns: list[str]) -> str:
    r"""One alternation of the patterns, with a leading ``\b`` taken out in front.

    ``\b(?:a|b)`` matches exactly what ``\ba|\bb`` does, but Python's engine tries
    every branch at every position of the text for the second, and only at word
    starts for the first: several times faster on the appeal cue list. Runs of
    such patterns are grouped in place, so the branches keep their order.
    """
    parts: list[str] = []
    run: list[str] = []
    for p in patterns + [""]:
        if p.startswith(r"\b") and not _top_level_bar(p):
            run.append(f"(?:{p[2:]})")
            continue
        if run:
            parts.append(r"\b(?:" + "|".join(run) + ")")
            run = []
        if p:
            parts.append(f"(?:{p})")
    return "|".join(parts)


def _top_level_bar(pattern: str) -> bool:
    r"""Whether the pattern has a "|" outside any group or class (then \b binds only its first branch)."""
    depth, in_class, escaped = 0, False, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
    return False


def _lowercase(patterns) -> list[str]:
    """Patterns meant for lower-cased text: matching without re.I is several times faster
    on large alternations, so these lists must hold no capital letters."""
    for p in patterns:
        if re.search(r"(?<!\\)[A-ZÀ-ÞА-ЯІЇЄҐ]", p):
            raise ValueError(f"lexicon pattern with capitals: {p}")
    return list(patterns)


# The lists held to a paragraph's start: (file, key) and the template of their pattern.
_HELD_TO_START = {
    "credit_reporting": (("credit", "reporting"), r"^\W*(?:{})"),
    "appeal_button": (("appeal", "buttons"), r"^\W*(?:{})\W*$"),
    "boilerplate_opening": (("boilerplate", "openings"), r"^\W*(?:{})"),
    "notice": (("boilerplate", "notices"), r"^\W*(?:{})"),
    # The number, then a stop, colon, bar or dash and the caption: "Figure 4-1: ...";
    # "Figure 3 shows ..." is a sentence of the body.
    "figure_label": (("credit", "figure_labels"), r"^\W*(?:{})\s*\d+(?:[-.]\d+)*[a-z]?\s*[.:：|–—-]\s+(?=\w)"),
}

# Lower-case words inside a name: "Gazzetta del Vesuvio", "Jean de La Fontaine", "Ludwig van Beethoven".
_NAME_PARTICLES = r"(?:de|del|della|dei|degli|di|da|do|dos|das|du|des|la|le|van|von|der|den)"
# The word between a credit's label and its name: "Photo by", "Foto von", "Foto di".
_CREDIT_BY = r"(?:by|von|de|di|por|par)"


@dataclass(frozen=True)
class Lexicons:
    appeal_strong: re.Pattern
    appeal_channels: re.Pattern   # strong too, searched only where a channel word is
    channel_word: re.Pattern      # any of the words every channel plug holds
    appeal_topic: re.Pattern
    appeal_button: re.Pattern
    appeal_cue: re.Pattern
    appeal_kinds: tuple[tuple[str, re.Pattern], ...]
    credit_prefix: re.Pattern
    credit_byline: re.Pattern
    credit_reporting: re.Pattern
    agency: re.Pattern
    agencies: dict[str, str]      # case-folded name -> the list's spelling
    boilerplate_opening: re.Pattern
    boilerplate_exact: frozenset[str]
    cookie: re.Pattern
    notice: re.Pattern            # a note about the copy: where it was printed, how it may be used
    inline_credit: re.Pattern
    caption_label: re.Pattern     # "Image caption, ...", "Bildunterschrift: ..."
    figure_label: re.Pattern      # "Figure 3. ...", "Abb. 2: ...", "Таблица 1 — ..."
    comment_mark: re.Pattern      # a reader comment's signature or its own link
    comment_heading: re.Pattern   # a comment section's heading, "closed" lines included
    comment_closed: re.Pattern


# Matched in lower-cased text: case-insensitive matching is several times slower.
# Single words each, so a text says "you" as often as its runs of word characters
# (\w+) are one of YOU_WORDS: features.shape_features counts them that way.
YOU_WORDS = ("you|your|yours|sie|ihr|ihre|ihnen|dich|dein|deine|vous|votre|vos|tu|tú|te|tus|tuo|tua|usted|ty|cię|"
             "twoje|twój|wy|ви|вас|ваш|ваша|ваші|ти|тебе|вы|вам|ваши").split("|")
WE_WORDS = ("we|our|us|wir|uns|unser|unsere|nous|notre|nos|nosotros|nuestro|nuestra|noi|nostro|nostra|my|nas|nasz|"
            "nasza|nam|ми|нас|наш|наша|нам|мы").split("|")
YOU = re.compile(r"\b(" + "|".join(YOU_WORDS) + r")\b")
WE = re.compile(r"\b(" + "|".join(WE_WORDS) + r")\b")
# Reported speech and attribution mark news prose, even when it is about donations.
REPORTED = re.compile(r"\b(said|says|told|according to|announced|reported|sagte|sagt|erklärte|teilte|laut|berichtete|a déclaré|a indiqué|selon|a annoncé|dijo|afirmó|según|explicó|ha detto|ha spiegato|secondo|ha annunciato|powiedział|powiedziała|według|poinformował|сказал|сказала|заявил|заявила|сообщил|по словам|по данным|сказав|сказала|заявив|повідомив|за словами|за даними)\b")

# The paragraphs whose lexicon answers are remembered: a page asks about the same
# texts several times (rules, features, the texts the extractor left out), never
# about thousands, and each entry holds its paragraph (up to MAX_SCAN characters
# for the screen's, the whole paragraph for `hits`) until it is pushed out.
PARAGRAPH_CACHE = 1024

# Lexicon patterns look at the start of a paragraph only: a plea or a credit shows
# itself early, and a 5 MB one-line "paragraph" must not cost seconds per pattern.
MAX_SCAN = 3000


@dataclass(frozen=True)
class Hits:
    appeal: bool
    topic: bool
    cues: int
    agency: bool


@lru_cache(maxsize=PARAGRAPH_CACHE)
def hits(text: str, lang: str | None = None) -> Hits:
    """The lexicon hits of a paragraph, computed once for the rules and the features alike."""
    lex, head = lexicons(), text[:MAX_SCAN]
    lower = head.lower()
    maybe = candidates(lower)
    return Hits(appeal=pleads(text, lang),
                topic="topic" in maybe and _topic(lower),
                cues=sum(1 for _ in lex.appeal_cue.finditer(lower)) if "cue" in maybe else 0,
                agency="agency" in cased_candidates(head) and bool(lex.agency.search(head)))


@lru_cache(maxsize=PARAGRAPH_CACHE)
def pleads(text: str, lang: str | None = None) -> bool:
    """Whether a strong appeal phrase is in the paragraph's head (the appeal rule asks
    only this, of many texts a page's layout holds; the features ask `hits`).

    With the document's language, strong appeal phrases are those of that language
    and English (which turns up on pages of every language); without it, or for a
    language the lexicon lacks, those of every language.
    """
    lower = text[:MAX_SCAN].lower()
    maybe = candidates(lower)
    others = _other_languages(lang)
    if others:
        maybe = maybe | language_candidates(lower, others)
    if not maybe.isdisjoint(_lists(lang, "strong")) and _says(lower, lang, "strong", others):
        return True
    if maybe.isdisjoint(_lists(lang, "channels")) or not lexicons().channel_word.search(lower):
        return False
    return _says(lower, lang, "channels", others)


def _says(lower: str, lang: str | None, key: str, others: tuple[str, ...]) -> bool:
    """Whether the lower-cased head matches the `key` list ("strong" or "channels") of `lang`."""
    named = (screens()[0], language_screen(others)) if others else (screens()[0],)
    return _search_entries(lower, _lists(lang, key), named, lambda: appeal_patterns(lang, key))


def _search_entries(lower: str, lists: frozenset[str], named: tuple[Screen, ...],
                    whole: Callable[[], re.Pattern]) -> bool:
    """Whether the lower-cased head matches an entry of the `lists`, searching only the
    entries the screens name, each alone, or the lists' `whole()` pattern where a screen
    cannot tell. A list is one alternation of hundreds of phrases, which Python's engine
    tries at every word start (about 30 us a paragraph, against a few for the named entries)."""
    entries: list[str] = []
    for screen in named:
        found = screen.entries(lower, lists)
        if found is None:
            return bool(whole().search(lower))
        entries += found
    return any(_entry(pattern).search(lower) for pattern in entries)


@lru_cache(maxsize=None)
def _entry(pattern: str) -> re.Pattern:
    """One entry of a lower-cased list, compiled as its list is (no flags)."""
    return re.compile(pattern)


_TOPIC = frozenset({"topic"})


def _topic(lower: str) -> bool:
    """Whether the lower-cased head names an appeal's topic (`Lexicons.appeal_topic`)."""
    return _search_entries(lower, _TOPIC, screens()[:1], lambda: lexicons().appeal_topic)


_YOU_SET, _WE_SET = frozenset(YOU_WORDS), frozenset(WE_WORDS)


def voice(lower: str, words: list[str] | None = None) -> tuple[int, int, bool]:
    """How often a lower-cased head says "you" and "we", and whether it reports speech.
    A caller that has the head's runs of word characters (`\\w+`) passes them as
    `words`, and they are counted instead of searching the head twice more."""
    maybe = candidates(lower)
    if words is None:
        you = len(YOU.findall(lower)) if "you" in maybe else 0
        we = len(WE.findall(lower)) if "we" in maybe else 0
    else:
        you = _times(_YOU_SET, words) if "you" in maybe else 0
        we = _times(_WE_SET, words) if "we" in maybe else 0
    return you, we, "reported" in maybe and bool(REPORTED.search(lower))


def _times(vocabulary: frozenset[str], words: list[str]) -> int:
    """How many of `words` are in `vocabulary`, counted in C."""
    return sum(map(words.count, vocabulary.intersection(words)))


def cookie_notice(text: str) -> bool:
    return may_match("cookie", text) and bool(lexicons().cookie.search(text))


@lru_cache(maxsize=PARAGRAPH_CACHE)
def candidates(lower: str) -> frozenset[str]:
    """The lower-cased lists (strong:en, channels:en, topic, cue, you, we, reported)
    that may match the lower-cased head of a paragraph: see `screen`."""
    return screens()[0](lower)


@lru_cache(maxsize=PARAGRAPH_CACHE)
def language_candidates(lower: str, codes: tuple[str, ...]) -> frozenset[str]:
    """The strong and channel lists of the languages `codes` that may match."""
    return language_screen(codes)(lower)


@lru_cache(maxsize=PARAGRAPH_CACHE)
def cased_candidates(head: str) -> frozenset[str]:
    """The lists searched in the text as written (agency and `rule_lists`) that may match it."""
    return screens()[1](head)


def _langs(lang: str | None, key: str) -> list[str]:
    """The languages of the `key` list ("strong" or "channels") that a paragraph of a
    `lang` document is searched for: its own and English, or, without a language or
    for one the lexicon lacks, every one. `appeal_patterns` compiles them and the
    screen names them: the two must agree, or the screen would skip a search."""
    appeal = _load("appeal")
    if lang in appeal["strong"]:
        return [code for code in (lang, "en") if code in appeal[key]]
    return list(appeal[key])


@lru_cache(maxsize=64)
def _other_languages(lang: str | None) -> tuple[str, ...]:
    """The languages other than English whose strong or channel lists `pleads` searches."""
    return tuple(sorted({code for key in ("strong", "channels") for code in _langs(lang, key)} - {"en"}))


@lru_cache(maxsize=64)
def _lists(lang: str | None, key: str) -> frozenset[str]:
    """The screen's names of the `key` lists `appeal_patterns(lang, key)` searches."""
    return frozenset(f"{key}:{code}" for code in _langs(lang, key))


def appeal_kinds_in(text: str) -> frozenset[str]:
    """The appeal kinds (`appeal.json`'s "kinds") that may match an appeal's text.
    Each kind is one long case-insensitive alternation, which Python's engine tries
    at every position: over 100 µs for an appeal of 300 characters, all seven."""
    return kind_screen()(text)


@lru_cache(maxsize=1)
def screens() -> tuple[Screen, Screen]:
    """The screens of the lower-cased lists and of the lists searched as written.

    The strong and channel phrases of languages other than English have screens of
    their own (`language_screen`), asked only for a paragraph's appeal phrases: the
    more phrases a screen holds, the more states its automaton goes on building on
    text it has not seen (with every language, 6 us a paragraph, not 3, after 4,000
    paragraphs of news)."""
    appeal = _load("appeal")
    lower = {f"{key}:en": appeal[key]["en"] for key in ("strong", "channels")}
    lower.update(topic=appeal["topic"], cue=appeal["cues"], you=[YOU.pattern], we=[WE.pattern],
                 reported=[REPORTED.pattern])
    cased = {"agency": [lexicons().agency.pattern], **rule_lists()}
    return Screen(lower), Screen(cased, ignore_case=frozenset(cased) - {"agency"})


def rule_lists() -> dict[str, list[str]]:
    """The case-insensitive lists that the rules search in the text as written, by the
    name of their `Lexicons` pattern. Those held to a paragraph's start are screened
    whole, so RE2 runs them from its start only (`_held_to_start`); the credit prefixes
    are screened alone, as inline_credit finds them anywhere (its every match holds one)."""
    credit, boiler = _load("credit"), _load("boilerplate")
    return {"cookie": boiler["cookie"], "credit_prefix": credit["prefixes"],
            **{name: list(_held_to_start(name)) for name in _HELD_TO_START}}


@lru_cache(maxsize=None)
def _held_to_start(name: str) -> list[str]:
    """The screen's patterns of a list held to a paragraph's start: the whole list as its
    `Lexicons` pattern, less the entries that open with an optional or long part
    ("([\\w ]{0,40}reprints:)?this copy is for ..."). Held to the start, the screen
    would cut such an entry short at that part and then name the list for every text;
    each is screened on its own instead, anywhere in the text, where what follows that
    part is found (every match of the entry holds a match of it)."""
    (file, key), template = _HELD_TO_START[name]
    entries = _load(file)[key]
    loose = [e for e in entries if _names_every_text(template.format(e))]
    held = [e for e in entries if e not in loose]
    return ([template.format(_alternation(held))] if held else []) + loose


def _names_every_text(pattern: str) -> bool:
    """Whether the screen's form of `pattern` matches the empty text, so every text."""
    if re2 is None:
        return False
    try:
        return re2.compile(widen(pattern, True)).search("") is not None
    except (Untranslatable, re2.error):
        return False  # the screen names such a list always, whatever is done here


def may_match(name: str, text: str) -> bool:
    """Whether the list `name` of the cased screen ("agency" or one of `rule_lists`)
    may match the text: its head is screened once for every list, and only a text
    longer than the head is searched whatever the screen says."""
    return len(text) > MAX_SCAN or name in cased_candidates(text)


@lru_cache(maxsize=16)
def language_screen(codes: tuple[str, ...]) -> Screen:
    """The screen of the strong and channel lists of the languages `codes`."""
    appeal = _load("appeal")
    return Screen({f"{key}:{code}": appeal[key][code] for key in ("strong", "channels") for code in codes
                   if code in appeal[key]})


@lru_cache(maxsize=1)
def kind_screen() -> Screen:
    """The screen of the appeal kinds: built with the first appeal, since only appeals
    are asked their kind (a document without one does not pay its 4 ms)."""
    kinds = {kind: [pattern] for kind, pattern in _load("appeal")["kinds"].items()}
    return Screen(kinds, ignore_case=frozenset(kinds))


@lru_cache(maxsize=64)
def appeal_patterns(lang: str | None, key: str = "strong") -> re.Pattern:
    """The `key` list ("strong" or "channels") of `lang` and English, compiled as one;
    of every language where `lang` is None or a language the lexicon lacks."""
    if lang not in _load("appeal")["strong"]:  # every language: compiled once already
        return lexicons().appeal_strong if key == "strong" else lexicons().appeal_channels
    by_lang = _load("appeal")[key]
    return _any(_lowercase(dict.fromkeys(p for code in _langs(lang, key) for p in by_lang[code])), flags=0)


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    appeal, credit, boiler = _load("appeal"), _load("credit"), _load("boilerplate")
    strong = [p for phrases in appeal["strong"].values() for p in phrases]
    channels = [p for phrases in appeal["channels"].values() for p in phrases]
    agencies = sorted(credit["agencies"], key=len, reverse=True)
    return Lexicons(
        # Searched in lower-cased text (see hits), so compiled without re.I.
        appeal_strong=_any(_lowercase(strong), flags=0),
        appeal_channels=_any(_lowercase(channels), flags=0),
        channel_word=re.compile("|".join(map(re.escape, _lowercase(appeal["channel_words"])))),
        appeal_topic=_any(_lowercase(appeal["topic"]), flags=0),
        appeal_button=_any(appeal["buttons"], _HELD_TO_START["appeal_button"][1]),
        appeal_cue=_any(_lowercase(appeal["cues"]), flags=0),
        # Searched in lower-cased text (metadata.appeal_kind), so compiled without re.I.
        appeal_kinds=tuple((k, re.compile(v)) for k, v in zip(appeal["kinds"], _lowercase(appeal["kinds"].values()))),
        # Without a colon, only names may follow: words in capitals, with a name's
        # particles between them ("Foto Gazzetta del Vesuvio/Ciro Amodio").
        credit_prefix=_any(credit["prefixes"],
                           r"^[(\[]?\s*(?:{})(?:\s*[:：|/–—]\s*|(?:\.{{2,}}|…)\s*(?=(?-i:[A-ZÀ-ÞА-ЯІЇЄҐ]))|\s+(?:" + _CREDIT_BY + r"|credit)\s+|\s+courtesy(?:\s+of)?\s+(?=(?:the\s+)?(?-i:[A-ZÀ-ÞА-ЯІЇЄҐ]))|(?<=\.)\s*|\s+(?=(?-i:[A-ZÀ-ÞА-ЯІЇЄҐ][\w.-]*(?:[\s/]+(?:" + _NAME_PARTICLES + r"\s+)*[A-ZÀ-ÞА-ЯІЇЄҐ][\w.-]*)*)\s*$))(?=\S)"),
        # "By Jane Doe", "Text: Jane Doe", "Redacción | El Faro"; a label word needs its colon or bar
        # ("Text Only" is a menu item).
        credit_byline=re.compile(r"^(?:(?:{})\s*[:|]?|(?:{})\s*[:|])\s+(?=\S)".format(
            _alternation(credit["bylines"]), _alternation(credit["byline_labels"])), re.I),
        credit_reporting=_any(credit["reporting"], _HELD_TO_START["credit_reporting"][1]),
        # Agencies are case-sensitive: "AP", "PA" and "Forum" are also words.
        agency=re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in agencies) + r")(?![\w-])"),
        # Longest spelling first, so "Getty Images" wins over "Getty" for the same case-fold.
        agencies={a.casefold(): a for a in reversed(agencies)},
        boilerplate_opening=_any(boiler["openings"], _HELD_TO_START["boilerplate_opening"][1]),
        boilerplate_exact=frozenset(boiler["exact"]),
        cookie=_any(boiler["cookie"]),
        notice=_any(boiler["notices"], _HELD_TO_START["notice"][1]),
        # A caption that ends with its own credit: "... on Tuesday. Photo: AFP", "... on
        # Monday. (Photo by Jane Roe/Getty Images)". The credit follows a stop, or a comma
        # with its label's colon or abbreviation ("..., fot. Adam Nowak"): lists of tags
        # run on with ", Video Production". "by" and its kin come only before a name with
        # no lower-case word after it but a short one ("on Unsplash"; "Video von
        # SEC-kritischem Gensler geht viral" is a headline). The credit holds no sentence
        # end, but an initial's or a domain's stop is none ("J. Smith", "Wyborcza.pl").
        inline_credit=_any(credit["prefixes"], r"(?:[.!?…)]\s+[(\[]?(?:{0})(?:\s*[:：|/]|(?<=\.)|\s+(?=(?-i:[A-ZÀ-ÞА-ЯІЇЄҐ]))"
                           r"|\s+" + _CREDIT_BY + r"\s+(?=(?-i:[A-ZÀ-ÞА-ЯІЇЄҐ]))(?![^.!?]*\b(?-i:[a-zß-ÿа-яёіїєґ]{{5,}})\b))"
                           r"|,\s+(?:{0})(?:\s*[:：|/]|(?<=\.)))"
                           r"\s*\S(?:[^.!?]|\.(?=\w)|(?<=\b\w)\.){{0,80}}$"),
        caption_label=_any(credit["caption_labels"], r"^\W*(?:{})\s*[,:：]\s*(?=\S)"),
        figure_label=_any(credit["figure_labels"], _HELD_TO_START["figure_label"][1]),
        # "Posted by: Marta K. at October 3, 2024 9:12 AM" (a time of day: an article's
        # byline gives a date at most), or "Report this comment" alone on its line.
        comment_mark=re.compile(r"^\W*(?:(?:{})(?=.*\d{{1,2}}[:.]\d{{2}})|(?:{})\W*$)".format(
            _alternation(boiler["comment_signed"]), _alternation(boiler["comment_links"])), re.I),
        comment_heading=_any(boiler["comment_headings"] + boiler["comment_closed"], r"^\W*(?:{})\W*$"),
        comment_closed=_any(boiler["comment_closed"], r"^\W*(?:{})\W*$"),
    )
