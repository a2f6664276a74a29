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

import numpy as np

from .document import Block
from .features import (
    NEIGHBOURS,
    PREFIX_LEN,
    block_cues,
    place_features,
    shape_features,
    tokens,
)
from .model import Model
from .rules import Verdict


class Scorer:
    def __init__(self, model: Model):
        self.model = model
        self.vocab = model.vocabulary
        self.words: dict[str, int] = {}
        self.prefixes: dict[str, int] = {}
        self.firsts: dict[str, int] = {}
        self.pairs: dict[tuple[str, str], int] = {}   # (first word, second word) -> column
        self.neighbour: dict[str, dict[str, int]] = {tag: {} for _, tag in NEIGHBOURS}
        for name, col in self.vocab.items():
            kind, sep, rest = name.partition("=")
            if sep and kind == "w":
                self.words[rest] = col
            elif sep and kind == "p":
                self.prefixes[rest] = col
            elif sep and kind == "first":
                self.firsts[rest] = col
            elif sep and kind == "b":
                first, _, second = rest.partition("_")   # words hold no "_"
                self.pairs[first, second] = col
            tag, sep, cue = name.partition(":")
            if sep and tag in self.neighbour:
                self.neighbour[tag][cue] = col

    def predict_proba(self, blocks: Sequence[Block], verdicts: Sequence[Verdict | None],
                      lang: str | None = None) -> np.ndarray:
        """What `model.predict_proba(document_features(blocks, verdicts, lang))` gives."""
        vocab, n = self.vocab, len(blocks)
        cues = [block_cues(b, v, lang) for b, v in zip(blocks, verdicts)]
        counts: list[int] = []   # features found per paragraph
        cols: list[int] = []
        vals: list[float] = []
        for i, block in enumerate(blocks):
            found = self._text_columns(tokens(block))
            for named in (shape_features(block), place_features(i, n), cues[i]):
                for name, value in named.items():
                    col = vocab.get(name)
                    # Its own rule verdict is no feature (see document_features).
                    if col is not None and not name.startswith("rule="):
                        found[col] = value
            for offset, tag in NEIGHBOURS:
                j, known = i + offset, self.neighbour[tag]
                if not 0 <= j < n:
                    continue
                for cue, value in cues[j].items():
                    col = known.get(cue)
                    if col is not None:
                        found[col] = value
            counts.append(len(found))
            cols.extend(found)
            vals.extend(found.values())
        return self._softmax(n, counts, cols, vals)

    def _text_columns(self, toks: list[str]) -> dict[int, float]:
        """Columns of the word, prefix, word-pair and first-word features present
        (`features.token_features`), looked up by `map` so the loop runs in C."""
        found = set(map(self.words.get, toks))
        found.update(map(self.prefixes.get, [t[:PREFIX_LEN] for t in toks if len(t) > PREFIX_LEN]))
        found.update(map(self.pairs.get, zip(toks, toks[1:])))
        if toks:
            found.add(self.firsts.get(toks[0]))
        found.discard(None)
        return dict.fromkeys(found, 1.0)

    def _softmax(self, n: int, counts: list[int], cols: list[int], vals: list[float]) -> np.ndarray:
        model = self.model
        weighted = model.coef_t[cols] * np.asarray(vals, dtype=np.float32)[:, None]
        row_ids = np.repeat(np.arange(n), counts)  # the paragraph of each found feature
        logits = np.empty((n, len(model.labels)), dtype=np.float64)
        for k in range(logits.shape[1]):
            logits[:, k] = np.bincount(row_ids, weights=weighted[:, k], minlength=n) + model.intercept[k]
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)
