"""The model's features computed straight into weight columns: the fast path of stage 5.

`features.document_features` builds one dict of named features per paragraph,
which training needs. To score, building those names (a string per word, word
pair and neighbour cue) and looking each up costs more than everything else in
cleaning a plain-text document. `Scorer` splits the vocabulary once into maps
keyed by the parts of a name (a word, a prefix, a word pair as a tuple, a
neighbour's cue), so scoring looks parts up without building names. The shape, cue and
place features are few and come from the same functions as in training.
tests/test_scoring.py holds both paths to the same probabilities.
"""
from __future__ import annotations

from collections.abc import Sequence
from itertools import chain, islice, repeat
from sys import intern

import numpy as np

from .document import Block
from .features import (
    NEIGHBOURS,
    PREFIX_LEN,
    block_cues,
    place_features,
    shape_features,
    text_weight,
    tokens,
)
from .model import Model
from .rules import Verdict


# Tokens outside the vocabulary whose columns are remembered, about 140 bytes each;
# past this the memory starts again. 1,000 seed-sized articles hold 23,000 distinct
# tokens, and the commonest come back at once. A worker's memory counts (issue 4:
# 500 MB for a run): with the vocabulary's words (about 1 MB for the shipped model)
# the memory holds at most what 20,000 tokens of any kind did before (2.8 MB).
MAX_REMEMBERED_TOKENS = 12_000


class _TokenColumns(dict):
    """A token's (word column, prefix column), None for a part the vocabulary lacks,
    found by one lookup. Every vocabulary word is entered at the start and stays: a
    word met for the first time in a run would otherwise cost a call to
    `__missing__`, and most of a new document's first-met tokens are vocabulary
    words. Other tokens can have a prefix column only; they are remembered up to
    MAX_REMEMBERED_TOKENS, since news text repeats its words."""

    def __init__(self, words: dict[str, int], prefixes: dict[str, int]):
        super().__init__((word, (col, self._prefix(word, prefixes))) for word, col in words.items())
        self.prefixes, self.vocabulary_words = prefixes, len(self)

    @staticmethod
    def _prefix(tok: str, prefixes: dict[str, int]) -> int | None:
        return prefixes.get(tok[:PREFIX_LEN]) if len(tok) > PREFIX_LEN else None

    def __missing__(self, tok: str) -> tuple[None, int | None]:
        cols = (None, self._prefix(tok, self.prefixes))
        if len(self) >= self.vocabulary_words + MAX_REMEMBERED_TOKENS:
            # The vocabulary words were entered first, and a dict keeps its order.
            words = dict(islice(self.items(), self.vocabulary_words))
            self.clear()
            self.update(words)
        self[tok] = cols
        return cols


class Scorer:
    def __init__(self, model: Model):
        self.model = model
        self.vocab = model.vocabulary
        words: dict[str, int] = {}
        prefixes: dict[str, int] = {}
        self.firsts: dict[str, int] = {}
        self.pairs: dict[tuple[str, str], int] = {}   # (first word, second word) -> column
        self.neighbour: dict[str, dict[str, int]] = {tag: {} for _, tag in NEIGHBOURS}
        # Interned: a word is in many pairs and in the word lists, and one copy of it
        # serves them all (a worker holds half a dozen megabytes less).
        for name, col in self.vocab.items():
            kind, sep, rest = name.partition("=")
            if sep and kind == "w":
                words[intern(rest)] = col
            elif sep and kind == "p":
                prefixes[intern(rest)] = col
            elif sep and kind == "first":
                self.firsts[intern(rest)] = col
            elif sep and kind == "b":
                first, _, second = rest.partition("_")   # words hold no "_"
                self.pairs[intern(first), intern(second)] = col
            tag, sep, cue = name.partition(":")
            if sep and tag in self.neighbour:
                self.neighbour[tag][cue] = col
        self.token_columns = _TokenColumns(words, prefixes)
        self._places: dict[tuple[int, int], dict[int, float]] = {}

    def predict_proba(self, blocks: Sequence[Block], verdicts: Sequence[Verdict | None],
                      lang: str | None = None, wanted: Sequence[bool] | None = None) -> np.ndarray:
        """What `model.predict_proba(document_features(blocks, verdicts, lang))` gives,
        but for the rows `wanted` marks False: those are left unscored (the model's
        intercept alone). Every paragraph's cues still reach its neighbours."""
        vocab, n = self.vocab, len(blocks)
        cues = [block_cues(b, v, lang) for b, v in zip(blocks, verdicts)]
        counts: list[int] = []   # features found per paragraph
        cols: list[int] = []
        vals: list[float] = []
        for i, block in enumerate(blocks):
            if wanted is not None and not wanted[i]:
                counts.append(0)
                continue
            toks = tokens(block)
            text = self._text_columns(toks)
            found: dict[int, float] = {}   # the other features: no column of theirs is a text one
            # Its own rule verdict ("rule=...") is no feature (see document_features),
            # so the vocabulary holds no such name and the lookup drops it.
            for named in (shape_features(block), cues[i]):
                for name, value in named.items():
                    col = vocab.get(name)
                    if col is not None:
                        found[col] = value
            found.update(self._place_columns(i, n))
            for offset, tag in NEIGHBOURS:
                j, known = i + offset, self.neighbour[tag]
                if not 0 <= j < n:
                    continue
                for cue, value in cues[j].items():
                    col = known.get(cue)
                    if col is not None:
                        found[col] = value
            # The text's columns first, all of one value, as token_features gives them.
            counts.append(len(text) + len(found))
            cols.extend(text)
            vals.extend(repeat(text_weight(len(toks)), len(text)))
            cols.extend(found)
            vals.extend(found.values())
        return self._softmax(n, counts, cols, vals)

    def _place_columns(self, i: int, n: int) -> dict[int, float]:
        """`place_features` as columns, remembered by what decides them: the tenth of
        the document and the paragraphs left after it, counted up to five (60 places at most)."""
        key = (int(10 * i / max(1, n)), min(n - 1 - i, 5))  # as place_features buckets them
        known = self._places.get(key)
        if known is None:
            known = self._places[key] = {self.vocab[name]: value for name, value in place_features(i, n).items()
                                         if name in self.vocab}
        return known

    def _text_columns(self, toks: list[str]) -> set[int]:
        """Columns of the word, prefix, word-pair and first-word features present
        (`features.token_features`), looked up by `map` so the loop runs in C."""
        found = set(chain.from_iterable(map(self.token_columns.__getitem__, toks)))
        found.update(map(self.pairs.get, zip(toks, toks[1:])))
        if toks:
            found.add(self.firsts.get(toks[0]))
        found.discard(None)
        return found

    def _softmax(self, n: int, counts: list[int], cols: list[int], vals: list[float]) -> np.ndarray:
        model = self.model
        weighted = model.coef_t.take(np.array(cols, dtype=np.intp), axis=0)
        weighted *= np.array(vals, dtype=np.float32)[:, None]
        # Each paragraph's features are one run of rows: reduceat sums every run in one
        # call, in float64 and in row order (the same bits as a bincount per label).
        sizes = np.array(counts, dtype=np.intp)
        starts = np.cumsum(sizes) - sizes
        if 0 not in counts:
            logits = np.add.reduceat(weighted.astype(np.float64), starts, axis=0)
        else:  # reduceat gives a run's first row, not 0, where a run is empty
            logits = np.zeros((n, len(model.labels)), dtype=np.float64)
            filled = sizes > 0
            if filled.any():
                logits[filled] = np.add.reduceat(weighted.astype(np.float64), starts[filled], axis=0)
        logits += model.intercept
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)
