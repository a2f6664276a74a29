"""The RE2 screen may name a list that does not match, but never miss one that does."""
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import lexicons, rules
from cleaner.dataset import read_docs
from cleaner.document import Block
from cleaner.lexicons import screen as screen_module
from cleaner.lexicons.screen import Screen, Untranslatable, widen
from cleaner.metadata import appeal_kind

re2 = pytest.importorskip("re2")
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
LANGS = (None, "en", "de", "fr", "es", "it", "pl", "uk", "ru", "zh")


@pytest.mark.parametrize("pattern, matching, wider, neither", [
    # A word boundary at either end is kept next to ASCII letters; next to other
    # letters the screen cannot tell, so it lets the word through.
    (r"\b(you|your)\b", ["you", "see you.", "your call"], [], ["youth", "bayou", "yours"]),
    (r"\b(вас|ваш)\b", ["для вас", "ваш голос"], ["вашего", "привас"], ["наш"]),
    # A boundary before a non-word character cannot be spelt in RE2, so it is dropped.
    (r"\b[$€]\d+", ["a$5", "x9€5"], ["$5"], ["five dollars"]),
    # Lookarounds are dropped: wider, never narrower.
    (r"(?<![\w-])AP(?![\w-])", ["AP", "(AP)"], ["APPLE"], ["ap"]),
    # Python's $ also matches before a final newline.
    (r"credit$", ["photo credit", "photo credit\n"], [], ["credit line"]),
    # Python's \w, \d and \s are Unicode.
    (r"^\w\w\s\d", ["żó\u00a0٣", "dí 5"], [], ["- 5"]),
    # A pattern ends before its first long repeat, whose counting would swell RE2's automaton.
    (r"\bsign up for .{0,40}newsletter\b", ["sign up for our newsletter"], ["sign up for nothing"],
     ["design up for it"]),
    (r"(?i)cookies", ["COOKIES", "Cookies"], [], ["cookie"]),
    # Inner boundaries are dropped.
    (r"\bsegui\b.{0,40}\bsu (telegram)\b", ["segui su telegram", "segui il canale su telegram"],
     ["seguici su telegram"], ["su telegram"]),
    # An optional start that would be cut is left out: every match holds what follows it.
    (r"([\w ]{0,40}reprints?:\s*)?this article is\b", ["this article is", "Reuters reprints: this article is",
     "see this article is"], [], ["that article is", "reprints: this"]),
    # A long repeat held to the text's start is kept: RE2 runs it from there only.
    (r"^\W*read more\b", ["read more", "— read more", "  ** read more: x"], [], ["we read more", "x read more"]),
    # A repeat whose round is cut short keeps one round's head only: two heads
    # back to back would miss the words between them.
    (r"^\W*((share|tweet|facebook|twitter)\W*){2,}$", ["twitter facebook", "share: facebook | twitter"],
     ["facebook"], ["news"]),
    (r"(a.{0,9}b){2,3}", ["a-ba-b", "a--ba b"], ["a"], ["bbb"]),
    # After an anchor it is not: "^news" would miss the second.
    (r"^([\w ]{0,40}: )?news\b", ["news", "Local desk: news"], ["old news", "newsletter"], []),
])
def test_widened_pattern_matches_where_python_does(pattern, matching, wider, neither):
    wide = re2.compile(widen(pattern))
    for text in matching:
        assert re.search(pattern, text) and wide.search(text), text
    for text in wider:
        assert not re.search(pattern, text) and wide.search(text), text
    for text in neither:
        assert not re.search(pattern, text) and not wide.search(text), text


def test_what_re2_cannot_say_is_refused_not_narrowed():
    with pytest.raises(Untranslatable):
        widen(r"(a)\1")
    with pytest.raises(Untranslatable):
        widen(r"x[^\W\d]")
    with pytest.raises(Untranslatable):
        widen(r"(?m)^x")
    # Such a list is named for every text, so its exact pattern always runs.
    screen = Screen({"refs": [r"(a)\1"], "plain": [r"\bdonate\b"]})
    assert screen("nothing here") == {"refs"}
    assert screen("please donate") == {"refs", "plain"}


def _all_screens():
    """Every screen, with the text it screens: the lower-cased head or the text as written."""
    (lower, cased), kinds = lexicons.screens(), lexicons.kind_screen()
    others = lexicons.language_screen(lexicons._other_languages(None))
    return ((lower, str.lower), (others, str.lower), (cased, str), (kinds, str))


def test_every_lexicon_list_is_screened():
    screens = [screen for screen, _ in _all_screens()]
    assert all(screen.always == frozenset() for screen in screens)
    lower, others = screens[0], screens[1]
    assert {"topic", "cue", "you", "we", "reported", "strong:en", "channels:en"} <= set(lower.names)
    appeal = lexicons._load("appeal")
    assert set(lower.names) | set(others.names) >= {f"{key}:{lang}" for key in ("strong", "channels")
                                                    for lang in appeal[key]}
    assert set(screens[3].names) == set(appeal["kinds"])
    # A German document's paragraphs are screened for German and English phrases.
    assert set(lexicons.language_screen(lexicons._other_languages("de")).names) == {"strong:de", "channels:de"}
    assert lexicons._other_languages("en") == ()


def test_no_list_is_named_for_every_text():
    """A list held to a paragraph's start whose entry opens with an optional long part
    ("([\\w ]{0,40}reprints:)?this copy is for ...") is screened with that entry on its
    own, anywhere in the text: whole, the screen would cut it at that part and name the
    list for every paragraph, and the rule would search it every time."""
    neutral = "The council met on Tuesday to discuss the new timetable for the ferry."
    for patterns in lexicons.rule_lists().values():
        for pattern in patterns:
            assert re.search(pattern, neutral, re.I) is None
    assert lexicons.cased_candidates(neutral) == frozenset()
    notice = lexicons.rule_lists()["notice"]
    # The whole list, then its three entries with such a head: reprints, licences, registrations.
    assert len(notice) == 4 and notice[1].startswith("([\\w.&' -]{0,40}reprints")
    assert notice[2].startswith("[^.!?]{0,80}?") and notice[3].startswith("([^.!?]{0,40}")
    for text in ("Dow Jones Reprints: This copy is for your personal, non-commercial use only.",
                 "Materials of the Harbour Ledger are published under the licence Creative Commons BY 4.0.",
                 "Gazzetta del Porto - Testata giornalistica registrata presso il Tribunale di Ancona."):
        assert "notice" in lexicons.cased_candidates(text), text
        assert rules.boilerplate_rule(text).why == "rule:copy-notice", text


def _texts():
    texts = [b.text for d in read_docs(FIXTURES / "labelled") for b in d.blocks]
    assert len(texts) > 1000
    return texts


_CACHES = (lexicons.hits, lexicons.pleads, lexicons.candidates, lexicons.language_candidates,
           lexicons.cased_candidates)
_SCREENS = (lexicons.screens, lexicons.language_screen, lexicons.kind_screen)


def _answers(texts):
    for cache in _CACHES:
        cache.cache_clear()
    return [([lexicons.hits(t, lang) for lang in LANGS], lexicons.voice(t[:lexicons.MAX_SCAN].lower()),
             lexicons.cookie_notice(t), appeal_kind(t)) for t in texts]


def _unscreened(self, lists, ignore_case=frozenset()):
    """A screen as it is without RE2: every list a candidate."""
    self.names, self._set, self._owner = tuple(lists), None, []
    self.always = frozenset(self.names)


def test_lexicon_answers_are_the_same_without_the_screen(monkeypatch):
    texts = _texts()
    monkeypatch.setattr(Screen, "__init__", _unscreened)
    for screens in _SCREENS:
        screens.cache_clear()
    without = _answers(texts)
    monkeypatch.undo()
    for screens in _SCREENS:
        screens.cache_clear()
    assert all(screen._set is not None for screen, _ in _all_screens())
    assert _answers(texts) == without
    # The fixtures hold appeals, topics, cues, agencies, voices and cookie notices.
    assert sum(any(h.appeal for h in a[0]) for a in without) > 150
    assert sum(any(h.topic for h in a[0]) for a in without) > 300
    assert sum(a[0][1].cues > 0 for a in without) > 20
    assert sum(a[0][1].agency for a in without) > 20 and sum(a[2] for a in without) > 5
    assert all(sum(bool(a[1][k]) for a in without) > 20 for k in range(3))
    kinds = Counter(a[3] for a in without)
    assert all(kinds[k] > 3 for k in lexicons._load("appeal")["kinds"]), kinds


def test_rule_verdicts_are_the_same_without_the_screen(monkeypatch):
    # The rules search a list only where the screen names it (lexicons.may_match).
    blocks = [b for d in read_docs(FIXTURES / "labelled") for b in d.blocks]
    blocks += [Block(t) for t in ("Photo: AFP", "Reporting by Jane Roe; editing by Tom Poe", "Donate now",
                                  "Sign up for our newsletter", "This article is for personal, non-commercial use only",
                                  "Crowds gathered at dawn in the square. Photo: Getty Images", "Twitter Facebook",
                                  "Advertisement - Continue Reading Below", "March (12)")]

    def verdicts():
        for cache in _CACHES:
            cache.cache_clear()
        return [rules.first_verdict(b, lang) for b in blocks for lang in (None, "en")]

    monkeypatch.setattr(Screen, "__init__", _unscreened)
    for screens in _SCREENS:
        screens.cache_clear()
    without = verdicts()
    monkeypatch.undo()
    for screens in _SCREENS:
        screens.cache_clear()
    assert lexicons.screens()[1]._set is not None
    assert verdicts() == without
    whys = Counter(v.why for v in without if v)
    for why in ("rule:credit-reporting", "rule:credit-prefix", "rule:caption-credit", "rule:appeal-button",
                "rule:boilerplate-lexicon", "rule:copy-notice", "rule:cookie-notice"):
        assert whys[why] > 0, why


_ALPHABET = st.sampled_from(list("aeiouy rnst.,!?$€5-'\"«»\n") + ["you", "our", "us", "donate", "support",
                            "newsletter", "ваш", "вас", "AFP", "AP", "Getty Images", "cookies", "said",
                            "jetzt spenden", "sign up for our", "€5 a month", "telegram", "segui", "su ",
                            "App", "MEMBER", "Abonnez", "Don", "Patreon", "Inbox", "ПОДПИСК"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=30).map("".join))
def test_screen_never_misses_a_list_that_matches(text):
    for screen, case in _all_screens():
        subject = case(text)
        named = screen(subject)
        for name, patterns in _lists_of(screen):
            matching = [p for p in patterns if re.search(p, subject, 0 if case is str.lower or name == "agency" else re.I)]
            if matching:
                assert name in named, (name, subject)
            # Nor an entry of a list: `pleads` searches only the entries it names.
            assert set(matching) <= set(screen.entries(subject, frozenset({name}))), (name, subject)


def _lists_of(screen):
    appeal = lexicons._load("appeal")
    for name in screen.names:
        key, _, lang = name.partition(":")
        if name in appeal["kinds"]:
            yield name, [appeal["kinds"][name]]
        elif lang:
            yield name, appeal[key][lang]
        elif name in ("topic", "cue"):
            yield name, appeal["topic" if name == "topic" else "cues"]
        elif name == "agency":
            yield name, [lexicons.lexicons().agency.pattern]
        elif name in lexicons.rule_lists():
            yield name, lexicons.rule_lists()[name]
        else:
            yield name, [getattr(lexicons, name.upper()).pattern]


def test_screen_module_without_re2_names_every_list(monkeypatch):
    monkeypatch.setattr(screen_module, "re2", None)
    screen = Screen({"a": [r"\bdonate\b"], "b": ["x"]})
    assert screen("anything") == {"a", "b"}


def test_a_set_re2_cannot_compile_leaves_every_list_named(monkeypatch):
    class TooBig:
        def Add(self, pattern):
            return 0

        def Compile(self):
            raise re2.error("failed to compile Set")

    monkeypatch.setattr(screen_module.re2.Set, "SearchSet", lambda options: TooBig())
    screen = Screen({"a": [r"\bdonate\b"], "b": ["x"]})
    assert screen("nothing to see") == {"a", "b"}
