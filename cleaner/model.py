"""The paragraph model as plain data: a vocabulary and linear weights, scored with numpy.

Files in a model folder:
- ``model.json``: name, version, labels, vocabulary (feature names in column order),
  what it was trained on and its held-out figures.
- ``weights.npz``: ``coef`` (labels x features, float32) and ``intercept``.

Loading reads JSON and arrays with ``allow_pickle=False``: nothing in a model
file can run code. scikit-learn is needed only to train (see train.py).
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .document import Label
from .errors import CleanerError
from .features import FEATURES
from .model_files import model_folder

# The model's label is body from this body probability up: losing a body
# sentence costs more than keeping a stray line (figures in MODEL_CARD.md).
BODY_MIN = 0.15


@dataclass(frozen=True)
class Model:
    name: str
    version: str
    labels: tuple[Label, ...]
    vocabulary: dict[str, int]
    coef_t: np.ndarray  # features x labels, so one row per feature is gathered
    intercept: np.ndarray
    info: dict

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Model":
        folder = model_folder(path)
        try:
            info = json.loads((folder / "model.json").read_text(encoding="utf-8"))
            with np.load(folder / "weights.npz", allow_pickle=False) as arrays:
                coef, intercept = arrays["coef"], arrays["intercept"]
        except (OSError, ValueError, KeyError) as exc:
            raise CleanerError("io", f"cannot load model from {folder}: {exc}",
                               "pass a folder holding model.json and weights.npz") from exc
        trained_with = info.get("features", 1)  # models before version 6 name none
        if trained_with != FEATURES:
            raise CleanerError("io", f"the model in {folder} was trained on features of version {trained_with}; "
                               f"this cleaner computes version {FEATURES}",
                               "train it again with `cleaner train`, or use the model shipped with this cleaner")
        vocab = {name: i for i, name in enumerate(info.pop("vocabulary"))}
        return cls(name=info["name"], version=str(info["version"]),
                   labels=tuple(Label(x) for x in info["labels"]), vocabulary=vocab,
                   coef_t=np.ascontiguousarray(coef.T, dtype=np.float32),
                   intercept=intercept.astype(np.float32), info=info)

    def save(self, folder: str | Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        names = sorted(self.vocabulary, key=self.vocabulary.get)
        # A model made in this process is scored with this process's features.
        info = {"features": FEATURES, **self.info, "name": self.name, "version": self.version,
                "labels": [x.value for x in self.labels], "vocabulary": names}
        (folder / "model.json").write_text(json.dumps(info, ensure_ascii=False, indent=0), encoding="utf-8")
        np.savez_compressed(folder / "weights.npz", coef=self.coef_t.T.astype(np.float32),
                            intercept=self.intercept.astype(np.float32))

    def predict_proba(self, features: Sequence[dict[str, float]]) -> np.ndarray:
        """Probabilities, one row per feature dict, columns in `labels` order."""
        rows, cols, vals = [], [], []
        vocab = self.vocabulary
        for r, feats in enumerate(features):
            for name, value in feats.items():
                c = vocab.get(name)
                if c is not None:
                    rows.append(r)
                    cols.append(c)
                    vals.append(value)
        logits = np.tile(self.intercept, (len(features), 1))
        if rows:
            np.add.at(logits, np.asarray(rows), self.coef_t[cols] * np.asarray(vals, dtype=np.float32)[:, None])
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    @property
    def body_min(self) -> float:
        """The body probability from which the model's label is body (see model.json)."""
        return float(self.info.get("body_min", BODY_MIN))

    def describe(self) -> dict[str, str]:
        return {"name": self.name, "version": self.version}
