"""A one-pass screen of a paragraph against every lexicon list: which lists can match.

Python's `re` tries each branch of a long alternation at every word start, so a
paragraph's lexicon searches cost more than the rest of its scoring. RE2
(google-re2) runs a whole set of patterns in one pass. The screen holds, for each
Python pattern, an RE2 pattern that matches wherever the Python one does and
maybe elsewhere (lookarounds dropped, word boundaries kept only where RE2 can
spell them, Python's Unicode classes spelt out). The exact Python pattern then
runs only for the lists the screen names, so every answer is the same with or
without the screen; where RE2 is not installed every list is named.
"""
from __future__ import annotations

try:
    from re import _constants as C
    from re import _parser as sre_parse
except ImportError:  # Python 3.10
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

try:
    import re2
except ImportError:  # no wheel for this platform: every list is a candidate
    re2 = None

# Python's \w, \d and \s on str patterns, in RE2's Unicode classes.
_WORD = r"\pL\pN_"
_DIGIT = r"\p{Nd}"
_SPACE = r"\s\x{0b}\p{Z}\x{1c}-\x{1f}\x{85}"
_CLASSES = {C.CATEGORY_WORD: (_WORD, False), C.CATEGORY_NOT_WORD: (_WORD, True),
            C.CATEGORY_DIGIT: (_DIGIT, False), C.CATEGORY_NOT_DIGIT: (_DIGIT, True),
            C.CATEGORY_SPACE: (_SPACE, False), C.CATEGORY_NOT_SPACE: (_SPACE, True)}


def _char(code: int) -> str:
    return chr(code) if chr(code).isalnum() else rf"\x{{{code:x}}}"


# Where a word starts or ends: a character that is no ASCII word character, or the
# text's edge. Every other character counts as a possible edge, which only widens
# (Cyrillic and accented words are screened less sharply); spelling all of
# Unicode's letters here made the set take half a second to compile, and the
# Latin and Cyrillic blocks alone made its automaton grow twice as slowly.
_EDGE = "[^0-9A-Za-z_]"
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT))


class Untranslatable(ValueError):
    pass


def widen(pattern: str, ignore_case: bool = False) -> str:
    """An RE2 pattern that matches every text the Python `pattern` matches.

    A ``\\b`` at the very start (end) of the pattern, before (after) a word
    character, becomes a non-word character or the text's edge, which RE2 can
    say; any other ``\\b`` and every lookaround is dropped. The pattern ends at
    its first long repeat (``.{0,40}``, ``\\d+``), after that repeat's fewest
    rounds: every match of the pattern starts with a match of that head; a
    repeat held to the text's start (``^\\W*``) is kept whole. An
    optional part at the very start that would be cut so is left out instead
    (``([\\w ]{0,40}reprints:)?this article``): every match holds a match of what
    follows it. Each only widens.
    """
    parsed = sre_parse.parse(pattern)
    if parsed.state.flags & (sre_parse.SRE_FLAG_MULTILINE | sre_parse.SRE_FLAG_DOTALL |
                             sre_parse.SRE_FLAG_VERBOSE):
        raise Untranslatable("only the i flag is translated")
    ignore_case = ignore_case or bool(parsed.state.flags & sre_parse.SRE_FLAG_IGNORECASE)
    return ("(?i)" if ignore_case else "") + _seq(_optional_head_out(list(parsed)), True, True)[0]


def _optional_head_out(items: list) -> list:
    """The pattern's items less an optional first part that `_seq` would cut short,
    which would leave a head that matches anywhere."""
    if items and items[0][0] in _REPEATS and items[0][1][0] == 0 and _seq(items[:1], True, False)[1]:
        return items[1:]
    return items


# Why the head only: a long repeat of any character (".{0,40}", "[\w ]{0,40}")
# keeps a partial match alive across the text, and RE2 builds its automaton's
# states as texts come; the whole lists with such repeats made a fresh process
# screen at 12 to 30 us a paragraph, not 2. A repeat of digits or spaces stays.
LONG_REPEAT = 3


def _seq(items, first: bool, last: bool) -> tuple[str, bool]:
    """The RE2 form of a sequence, and whether it was cut short.

    `first`/`last`: nothing before/after this sequence consumes a character.
    Once a part is cut short, so is everything that holds it: what followed
    the cut can no longer be required next.
    """
    items = list(items)
    out = []
    for k, (op, arg) in enumerate(items):
        at_first = first and not any(_consumes(i) for i in items[:k])
        at_last = last and not any(_consumes(i) for i in items[k + 1:])
        if op is C.AT and arg is C.AT_BOUNDARY:
            if at_first and _word_edge(items[k + 1:], 0):
                out.append(f"(?:^|{_EDGE})")
            elif at_last and _word_edge(items[:k], -1):
                out.append(f"(?:{_EDGE}|$)")
            continue
        if at_first and op in _REPEATS and _long(arg) and any(i in _STARTS for i in items[:k]):
            # Held to the text's start ("^\\W*"), a long repeat runs from there only and
            # keeps no partial match alive across the text: it need not be cut.
            sub, sub_cut = _seq(arg[2], False, False)
            if not sub_cut:
                out.append(f"(?:{sub}){{{arg[0]},}}")
                continue
        text, cut = _item(op, arg, at_first, at_last)
        out.append(text)
        if cut:
            return "".join(out), True
    return "".join(out), False


_STARTS = ((C.AT, C.AT_BEGINNING), (C.AT, C.AT_BEGINNING_STRING))


def _item(op, arg, first: bool, last: bool) -> tuple[str, bool]:
    if op is C.BRANCH:
        ways = [_seq(b, first, last) for b in arg[1]]
        return "(?:" + "|".join(w for w, _ in ways) + ")", any(cut for _, cut in ways)
    if op is C.SUBPATTERN:
        _, add, remove, sub = arg
        flags = ("i" if add & sre_parse.SRE_FLAG_IGNORECASE else "") + \
                ("-i" if remove & sre_parse.SRE_FLAG_IGNORECASE else "")
        text, cut = _seq(sub, first, last)
        return f"(?{flags}:{text})", cut
    if op is getattr(C, "ATOMIC_GROUP", None):
        text, cut = _seq(arg, first, last)
        return f"(?:{text})", cut
    if op in _REPEATS:
        low, high, sub = arg
        if _long(arg) and _narrow(sub):
            return f"(?:{_seq(sub, False, False)[0]}){{{low},}}", False  # "\\d+", "\\s*"
        if _long(arg):
            # Its fewest rounds, then the cut; a round that is itself cut short is
            # only a head, and only the first round's head is sure to come next.
            text, cut = _seq(sub, False, False)
            return (f"(?:{text}){{{1 if cut else low}}}" if low else ""), True
        # A second round does not start (end) the pattern: only an optional part
        # can hold its start (end).
        once = high == 1
        text, cut = _seq(sub, first and once, last and once)
        if cut and low > 1:
            return f"(?:{text})", True
        return f"(?:{text}){{{low},{high}}}", cut
    return _atom(op, arg), False


def _long(repeat) -> bool:
    high = repeat[1]
    return high is C.MAXREPEAT or high > LONG_REPEAT


def _narrow(sub) -> bool:
    """One literal, digit or space class: a repeat of it ends where the text leaves it."""
    if len(sub) != 1:
        return False
    op, arg = sub[0]
    if op is C.CATEGORY:
        return arg in (C.CATEGORY_DIGIT, C.CATEGORY_SPACE)
    if op is C.IN:
        return all(o in (C.LITERAL, C.RANGE) or (o is C.CATEGORY and a in (C.CATEGORY_DIGIT, C.CATEGORY_SPACE))
                   for o, a in arg)
    return op is C.LITERAL


def _atom(op, arg) -> str:
    if op is C.LITERAL:
        return _char(arg)
    if op is C.NOT_LITERAL:
        return f"[^{_char(arg)}]"
    if op is C.ANY:
        return "."
    if op is C.IN:
        return _class(arg)
    if op in (C.ASSERT, C.ASSERT_NOT):
        return ""
    if op is C.AT:
        return {C.AT_BEGINNING: "^", C.AT_BEGINNING_STRING: "^",
                # Python's $ also matches before a final newline.
                C.AT_END: r"(?:\n?$)", C.AT_END_STRING: "$"}.get(arg, "")
    if op is C.CATEGORY:
        cls, negated = _category(arg)
        return f"[{'^' if negated else ''}{cls}]"
    raise Untranslatable(f"{op} has no RE2 form")


def _category(arg) -> tuple[str, bool]:
    if arg not in _CLASSES:
        raise Untranslatable(f"{arg} has no RE2 form")
    return _CLASSES[arg]


def _class(items) -> str:
    if len(items) == 1 and items[0][0] is C.CATEGORY:  # "\\W" alone is parsed as a class of it
        cls, negated = _category(items[0][1])
        return f"[{'^' if negated else ''}{cls}]"
    negated, parts = False, []
    for op, arg in items:
        if op is C.NEGATE:
            negated = True
        elif op is C.LITERAL:
            parts.append(_char(arg))
        elif op is C.RANGE:
            parts.append(f"{_char(arg[0])}-{_char(arg[1])}")
        elif op is C.CATEGORY and not _category(arg)[1]:
            parts.append(_category(arg)[0])
        else:  # a negated class inside a class ([^\W\d]) has no RE2 spelling
            raise Untranslatable(f"{op} {arg} inside a class")
    return f"[{'^' if negated else ''}{''.join(parts)}]"


def _consumes(item) -> bool:
    op = item[0]
    return not (op is C.AT or op in (C.ASSERT, C.ASSERT_NOT))


def _word_edge(items, end: int) -> bool:
    """Whether every way through the sequence starts (end=0) or ends (end=-1) with a word character."""
    return _edge(items, end) is True


def _edge(items, end: int) -> bool | None:
    """True or False as `_word_edge`; None where the sequence may match nothing and
    every way that matches something starts (ends) with a word character."""
    items = [i for i in items if _consumes(i)]
    for op, arg in (items if end == 0 else reversed(items)):
        if op is C.LITERAL:
            found = _is_word(arg)
        elif op is C.IN:
            found = bool(arg) and all(_word_class_item(i) for i in arg)
        elif op is C.CATEGORY:
            found = arg is C.CATEGORY_WORD
        elif op is C.BRANCH:
            ways = [_edge(b, end) for b in arg[1]]
            found = False if False in ways else None if None in ways else True
        elif op is C.SUBPATTERN:
            found = _edge(arg[3], end)
        elif op in _REPEATS:
            inner = _edge(arg[2], end)
            found = inner if inner is False or arg[0] >= 1 else None
        else:
            found = False
        if found is not None:
            return found
    return None


def _is_word(code: int) -> bool:
    return chr(code).isalnum() or code == ord("_")


def _word_class_item(item) -> bool:
    op, arg = item
    if op is C.LITERAL:
        return _is_word(arg)
    if op is C.RANGE:
        return all(chr(c).isalnum() for c in range(arg[0], arg[1] + 1))
    return op is C.CATEGORY and arg is C.CATEGORY_WORD


class Screen:
    """Names the lists of `lists` (name -> Python patterns) that may match a text."""

    def __init__(self, lists: dict[str, list[str]], ignore_case: frozenset[str] = frozenset()):
        self.names = tuple(lists)
        self.always: frozenset[str] = frozenset(self.names)
        self._set, self._compiled, self._owner, self._patterns = None, None, [], []
        if re2 is None:
            return
        options = re2.Options()
        options.log_errors = False
        options.max_mem = 64 << 20
        self._set = re2.Set.SearchSet(options)
        always = set()
        for name, patterns in lists.items():
            for pattern in patterns:
                try:
                    self._set.Add(widen(pattern, name in ignore_case))
                    self._owner.append(name)
                    self._patterns.append(pattern)
                except (Untranslatable, re2.error):
                    always.add(name)
        try:
            self._set.Compile()
        except re2.error:  # over RE2's memory budget: no screen, every list named
            self._set = None
            return
        self.always = frozenset(always)
        self._compiled = getattr(self._set, "_set", None)

    def __call__(self, text: str) -> frozenset[str]:
        if self._set is None:
            return self.always
        found = self._matched(text)
        if not found:
            return self.always
        owner = self._owner
        return self.always.union(owner[i] for i in found)

    def entries(self, text: str, names: frozenset[str]) -> list[str] | None:
        """The Python patterns of the lists `names` that may match the text, or None
        where the screen cannot tell them (a list it names always, or no RE2).
        A text matches an alternation of a list's entries if and only if it matches
        one of the entries: searching these answers as searching the whole list."""
        if self._set is None or not self.always.isdisjoint(names):
            return None
        owner, patterns = self._owner, self._patterns
        return [patterns[i] for i in self._matched(text) if owner[i] in names]

    def _matched(self, text: str) -> list[int]:
        """The indices of the RE2 patterns that match. google-re2's Set.Match is a
        Python method that encodes the text and calls its compiled set: called
        straight, a paragraph is screened without that frame."""
        if self._compiled is not None:
            return self._compiled.Match(text.encode())
        return self._set.Match(text) or []
