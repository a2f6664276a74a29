"""Paragraph features for the model: the same function serves training and scoring.

A feature is a (name, value) pair. Names carry words, word bigrams and word
prefixes (so inflected forms in other languages share weight), the shape of
the text, lexicon hits, page cues, position, and the same cues of the
neighbouring paragraphs, since an appeal rarely stands alone.
"""
from __future__ import annotations

import math
import re
import string
from collections.abc import Sequence
from functools import lru_cache

from .document import Block
from .lexicons import MAX_SCAN, WE, YOU, hits, voice
from .rules import Verdict, is_quoted, word_count

_WORD = re.compile(r"[^\W_]+", re.U)
_RUN = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")  # as str.isdecimal
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_NON_ASCII_WORD = re.compile(r"[^\W\x00-\x7f]")  # a word character (str.isalnum or "_") that is not ASCII
_ASCII_LETTERS = string.ascii_letters.encode()
_ASCII_CAPITALS = string.ascii_uppercase.encode()
_ASCII_DIGITS = string.digits.encode()
_ASCII_NON_WORD_TO_SPACE = bytes(c if chr(c).isalnum() or c == ord("_") else ord(" ") for c in range(128)) + b" " * 128
PREFIX_LEN = 5
MAX_TOKENS = 120  # a long paragraph's role shows in its first words
# Past this many words a paragraph's word features weigh less, by the square root
# of its length: summed unscaled, a long paragraph's many small word weights
# outvoted its length and shape, and long prose was lost (MODEL_CARD.md, version 6).
TEXT_WEIGHT_TOKENS = 20
# The version of the features below. A model records the version it was trained
# with, and one trained with other features is refused, not scored wrongly.
FEATURES = 2


def addresses_reader(text: str) -> bool:
    """The text says "you" or "we"/"our": an outlet talking to its readers, or a quote."""
    lower = text.lower()
    return bool(YOU.search(lower) or WE.search(lower))


def _bucket(n: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


# The length cue of a paragraph of n words, n up to one past the last edge.
_LENGTHS = [f"len={_bucket(n, (1, 3, 7, 15, 30, 60))}" for n in range(62)]


def block_cues(block: Block, verdict: Verdict | None, lang: str | None = None) -> dict[str, float]:
    """Cheap cues of one block, shared with its neighbours' feature sets."""
    text = block.text
    cues = {_LENGTHS[min(word_count(text), len(_LENGTHS) - 1)]: 1.0}
    found = hits(text, lang)
    if found.appeal:
        cues["lex:appeal"] = 1.0
    if found.topic:
        cues["lex:appeal-topic"] = 1.0
    if found.cues:
        cues["lex:appeal-cue"] = min(found.cues, 3) / 3
    if found.agency:
        cues["lex:agency"] = 1.0
    if verdict is not None:
        cues[f"rule={verdict.label.value}"] = 1.0
    for cue in block.cues:
        cues[cue] = 1.0
    return cues


@lru_cache(maxsize=16)   # asked for by tokens and shape_features, one paragraph after the other
def _head_words(text: str) -> tuple[str, list[str]]:
    """A paragraph's lower-cased head and its runs of word characters (`\\w+`). Where
    its only word characters are ASCII, those are [0-9a-z_]: every other character
    becomes a space in C ("?" first, if not ASCII) and the text is split there, twice
    as fast as the regex. So go most English paragraphs, curly quotes and dashes included."""
    lower = text[:MAX_SCAN].lower()
    if lower.isascii() or not _NON_ASCII_WORD.search(lower):
        raw = lower.encode("ascii", "replace")
        return lower, raw.translate(_ASCII_NON_WORD_TO_SPACE).decode("ascii").split()
    return lower, _RUN.findall(lower)


def tokens(block: Block) -> list[str]:
    """The lower-cased words of a paragraph's head: its role shows in its first words."""
    lower, runs = _head_words(block.text)
    # A word holds no "_": where the head has none, its runs of \w are its words.
    return (runs if "_" not in lower else _WORD.findall(lower))[:MAX_TOKENS]


def text_weight(n_tokens: int) -> float:
    """The value of each word feature of a paragraph of `n_tokens` words."""
    return 1.0 if n_tokens <= TEXT_WEIGHT_TOKENS else math.sqrt(TEXT_WEIGHT_TOKENS / n_tokens)


def token_features(toks: Sequence[str]) -> dict[str, float]:
    """Words, their prefixes (inflected forms share weight) and word pairs, each
    `text_weight` (1.0 up to TEXT_WEIGHT_TOKENS words)."""
    feats: dict[str, float] = {}
    value = text_weight(len(toks))
    for i, tok in enumerate(toks):
        feats["w=" + tok] = value
        if len(tok) > PREFIX_LEN:
            feats["p=" + tok[:PREFIX_LEN]] = value
        if i:
            feats["b=" + toks[i - 1] + "_" + tok] = value
    if toks:
        feats["first=" + toks[0]] = value
    return feats


def shape_features(block: Block) -> dict[str, float]:
    """The paragraph's length, characters, voice and markup."""
    text = block.text[:MAX_SCAN]
    lower, runs = _head_words(block.text)
    n = max(1, len(text))
    letters, capitals, digits = _letters_capitals_digits(text)
    feats = {"log_words": math.log1p(word_count(block.text)), "digits": min(1.0, 5 * digits / n)}
    if letters:
        feats["caps"] = capitals / letters
    stripped = text.rstrip()
    feats["end=" + (stripped[-1] if stripped and not stripped[-1].isalnum() else "alnum")] = 1.0
    if is_quoted(text, titles=True):
        feats["quoted"] = 1.0
    you, we, reported = voice(lower, runs)
    if reported:
        feats["reported"] = 1.0
    if you:
        feats["you"] = min(3, you) / 3
    if we:
        feats["we"] = min(3, we) / 3
    for ch, name in (("©", "copy"), ("/", "slash"), ("|", "pipe"), ("!", "bang"), ("@", "at")):
        if ch in text:
            feats["has:" + name] = 1.0
    # Plain-text lines carry no tag: "line" would only say "from the fixtures".
    if block.tag != "line":
        feats["tag=" + block.tag] = 1.0
    if block.link_density:
        feats["links"] = block.link_density
    if not block.in_main:
        feats["outside-main"] = 1.0
    return feats


def _letters_capitals_digits(text: str) -> tuple[int, int, int]:
    """How many characters are letters (str.isalpha), capitals (str.isupper) and
    digits (str.isdecimal, as `\\d`). The ASCII characters are counted in C by
    deleting bytes; in text that is mostly ASCII (English with curly quotes and
    dashes, French with its accents) only the others are counted one by one."""
    if text.isascii():
        return _ascii_counts(text.encode("ascii"))
    raw = text.encode("ascii", "ignore")
    if 2 * len(raw) < len(text):  # Cyrillic, say: one by one is as quick
        return sum(map(str.isalpha, text)), sum(map(str.isupper, text)), len(_DIGIT.findall(text))
    letters, capitals, digits = _ascii_counts(raw)
    rest = _NON_ASCII.findall(text)
    return (letters + sum(map(str.isalpha, rest)), capitals + sum(map(str.isupper, rest)),
            digits + sum(map(str.isdecimal, rest)))


def _ascii_counts(raw: bytes) -> tuple[int, int, int]:
    return (len(raw) - len(raw.translate(None, _ASCII_LETTERS)),
            len(raw) - len(raw.translate(None, _ASCII_CAPITALS)),
            len(raw) - len(raw.translate(None, _ASCII_DIGITS)))


def own_features(block: Block) -> dict[str, float]:
    return {**token_features(tokens(block)), **shape_features(block)}


NEIGHBOURS = ((-1, "prev"), (1, "next"), (-2, "prev2"), (2, "next2"))


def place_features(i: int, n: int) -> dict[str, float]:
    """Where the paragraph sits: tenth of the document, and paragraphs left after it."""
    return {f"pos={_bucket(int(10 * i / max(1, n)), (0, 2, 5, 7, 8, 9))}": 1.0,
            f"from_end={_bucket(n - 1 - i, (0, 1, 2, 4))}": 1.0}


def document_features(blocks: Sequence[Block], verdicts: Sequence[Verdict | None],
                      lang: str | None = None) -> list[dict[str, float]]:
    """One feature dict per block, with its position and its neighbours' cues.

    `cleaner.scoring` computes the same features straight into weight columns
    for speed; tests/test_scoring.py holds the two to the same probabilities.
    """
    cues = [block_cues(b, v, lang) for b, v in zip(blocks, verdicts)]
    n = len(blocks)
    out = []
    for i, block in enumerate(blocks):
        feats = own_features(block)
        # A paragraph's own rule verdict is left out: the model must learn from the text
        # what the rules know, to catch the wordings they miss. Neighbours' verdicts stay.
        feats.update({k: v for k, v in cues[i].items() if not k.startswith("rule=")})
        feats.update(place_features(i, n))
        # A missing neighbour adds nothing: the edges are already told by `pos` and
        # `from_end`, and a "none" feature per side taught the model that a page of one
        # or two paragraphs is boilerplate (a lone prose paragraph scored 0.99).
        for offset, tag in NEIGHBOURS:
            j = i + offset
            if 0 <= j < n:
                feats.update({f"{tag}:{k}": v for k, v in cues[j].items()})
        out.append(feats)
    return out
