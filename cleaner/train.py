"""Training: labelled documents in, a plain-data model folder out.

scikit-learn is imported here only, never on the cleaning path.
"""
from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .dataset import LabelledDoc, is_eval, read_docs
from .document import LABELS, Label
from .evaluate import body_words_kept, confusion, report, scores
from .features import document_features
from .model import Model
from .rules import first_verdict

SEED = 13
MIN_FEATURE_COUNT = 2
C = 1.0
# Hand-written fixtures are few and exact; weak labels are many and noisy.
SOURCE_WEIGHT = {"fixtures": 3.0, "labelled": 3.0}


def _examples(docs: Sequence[LabelledDoc]):
    X, y, w = [], [], []
    for doc in docs:
        if not doc.blocks:
            continue
        feats = document_features(doc.blocks, [first_verdict(b) for b in doc.blocks])
        weight = SOURCE_WEIGHT.get(doc.source, 1.0)
        for f, label in zip(feats, doc.labels):
            if label is not None:
                X.append(f)
                y.append(label.value)
                w.append(weight)
    return X, y, np.asarray(w)


def fit(docs: Sequence[LabelledDoc], *, name: str, version: str, seed: int = SEED, c: float = C) -> Model:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    X, y, w = _examples(docs)
    counts = Counter(k for f in X for k in f)
    X = [{k: v for k, v in f.items() if counts[k] >= MIN_FEATURE_COUNT} for f in X]
    # Balance the labels, so that rare appeals and credits are not drowned by body.
    freq = Counter(y)
    w = w * np.asarray([len(y) / (len(freq) * freq[label]) for label in y])
    vec = DictVectorizer()
    matrix = vec.fit_transform(X)
    clf = LogisticRegression(C=c, max_iter=3000, random_state=seed)
    clf.fit(matrix, y, sample_weight=w)
    order = [list(clf.classes_).index(l.value) if l.value in clf.classes_ else None for l in LABELS]
    coef = np.zeros((len(LABELS), matrix.shape[1]), dtype=np.float32)
    intercept = np.full(len(LABELS), -30.0, dtype=np.float32)  # a label never seen is never predicted
    for row, idx in enumerate(order):
        if idx is not None:
            coef[row] = clf.coef_[idx] if len(clf.classes_) > 2 else 0
            intercept[row] = clf.intercept_[idx] if len(clf.classes_) > 2 else 0
    return Model(name=name, version=version, labels=LABELS,
                 vocabulary={n: i for i, n in enumerate(vec.feature_names_)},
                 coef_t=np.ascontiguousarray(coef.T), intercept=intercept,
                 info={"created": datetime.date.today().isoformat(), "seed": seed, "C": c,
                       "examples": dict(Counter(y))})


def split(paths: Sequence[str | Path]) -> tuple[list[LabelledDoc], list[LabelledDoc]]:
    docs = [d for p in paths for d in read_docs(p)]
    train = [d for d in docs if not is_eval(d.group)]
    held = [d for d in docs if is_eval(d.group)]
    random.Random(SEED).shuffle(train)
    return train, held


def train(paths: Sequence[str | Path], out: str | Path, *, version: str = "1", seed: int = SEED,
          sources: Sequence[str] = ()) -> tuple[Model, str]:
    """Fit on the training split, score the held-out split, write the model. Returns (model, report)."""
    from .pipeline import Cleaner

    train_docs, held = split(paths)
    model = fit(train_docs, name=Path(out).name, version=version, seed=seed)
    cleaner = Cleaner(model)
    counts = confusion(cleaner, held)
    kept = body_words_kept(cleaner, held)
    by_source = {}
    for source in sorted({d.source for d in held}):
        by_source[source] = scores(confusion(cleaner, [d for d in held if d.source == source]))
    model.info.update({
        "trained_on": sorted({f"{d.source}" for d in train_docs}),
        "train_documents": len(train_docs), "heldout_documents": len(held),
        "heldout": scores(counts), "heldout_by_source": by_source, "heldout_body_words_kept": kept,
        "data": [str(p) for p in paths], **({"sources": list(sources)} if sources else {}),
    })
    model.save(out)
    text = report(counts) + f"\n\nbody words kept: {kept:.4f}  (held-out documents: {len(held)})"
    return model, text
