"""Training: labelled documents in, a plain-data model folder out.

scikit-learn is imported here only, never on the cleaning path.
"""
from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from .dataset import LabelledDoc, is_eval, read_docs
from .document import LABELS
from .evaluate import body_words_kept, confusion, predict, report, scores
from .features import document_features
from .language import detect_language
from .model import BODY_MIN, Model
from .model_files import TEXT_PART
from .rules import first_verdict

SEED = 13
MIN_FEATURE_COUNT = 3
# Features whose largest weight is below this are dropped from the shipped vocabulary.
MIN_WEIGHT = 0.02
# Inverse regularisation strength. Smaller C keeps more body words and takes out less
# boilerplate (models/MODEL_CARD.md, "Tried and not shipped (session 17)").
C = 0.3
# Hand-written fixtures are few and exact; weak labels are many and noisy.
SOURCE_WEIGHT = {"fixtures": 10.0, "labelled": 10.0}
# Labels are re-weighted by (share of the commonest label / own share) ** BALANCE_POWER:
# 1 balances fully; less keeps some of body's weight, since losing body costs most.
BALANCE_POWER = 0.5


def _examples(docs: Sequence[LabelledDoc], kind_weight: Mapping[str, float]):
    X, y, w = [], [], []
    for doc in docs:
        if not doc.blocks:
            continue
        lang = detect_language(b.text for b in doc.blocks)  # as the pipeline sees it
        feats = document_features(doc.blocks, [first_verdict(b, lang) for b in doc.blocks], lang)
        weight = SOURCE_WEIGHT.get(doc.source, 1.0) * kind_weight.get(doc.doc_kind or "", 1.0)
        for f, label in zip(feats, doc.labels):
            if label is not None:
                X.append(f)
                y.append(label.value)
                w.append(weight)
    return X, y, np.asarray(w)


def fit(docs: Sequence[LabelledDoc], *, name: str, version: str, seed: int = SEED, c: float = C,
        balance: float = BALANCE_POWER, kind_weight: Mapping[str, float] | None = None,
        min_weight: float = MIN_WEIGHT) -> Model:
    """`c` is the logistic regression's inverse regularisation strength, `balance` the power
    of the label re-weighting (BALANCE_POWER); `kind_weight` multiplies the weight of
    documents of a kind ("negative", "flat" ...); features whose largest weight is under
    `min_weight` are left out of the model."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    kind_weight = kind_weight or {}
    X, y, w = _examples(docs, kind_weight)
    counts = Counter(k for f in X for k in f)
    X = [{k: v for k, v in f.items() if counts[k] >= MIN_FEATURE_COUNT} for f in X]
    # Balance the labels, so that rare appeals and credits are not drowned by body.
    freq = Counter(y)
    top = max(freq.values())
    w = w * np.asarray([(top / freq[label]) ** balance for label in y])
    vec = DictVectorizer()
    matrix = vec.fit_transform(X)
    clf = LogisticRegression(C=c, max_iter=3000, random_state=seed)
    clf.fit(matrix, y, sample_weight=w)
    keep = np.flatnonzero(np.abs(clf.coef_).max(axis=0) >= min_weight)
    names = [vec.feature_names_[i] for i in keep]
    weights = clf.coef_[:, keep]
    order = [list(clf.classes_).index(l.value) if l.value in clf.classes_ else None for l in LABELS]
    if len(clf.classes_) < 3:
        raise ValueError(f"training data has only the labels {list(clf.classes_)}: need at least three")
    coef = np.zeros((len(LABELS), len(names)), dtype=np.float32)
    intercept = np.full(len(LABELS), -30.0, dtype=np.float32)  # a label never seen is never predicted
    for row, idx in enumerate(order):
        if idx is not None:
            coef[row], intercept[row] = weights[idx], clf.intercept_[idx]
    return Model(name=name, version=version, labels=LABELS,
                 vocabulary={n: i for i, n in enumerate(names)},
                 coef_t=np.ascontiguousarray(coef.T), intercept=intercept,
                 info={"created": datetime.date.today().isoformat(), "seed": seed, "C": c, "balance": balance,
                       "examples": dict(Counter(y)), "min_weight": min_weight,
                       **({"kind_weight": dict(kind_weight)} if kind_weight else {})})


def split(paths: Sequence[str | Path], page_types: Sequence[str] = ()) -> tuple[list[LabelledDoc], list[LabelledDoc]]:
    """(train, held out). `page_types` keeps only documents of those types where a corpus names one."""
    docs = [d for p in paths for d in read_docs(p) if not page_types or d.page_type in (None, *page_types)]
    train = [d for d in docs if not is_eval(d.group)]
    held = [d for d in docs if is_eval(d.group)]
    random.Random(SEED).shuffle(train)
    return train, held


def model_name(out: str | Path) -> str:
    """A model's name from its folder: "paragraphs-v2", or "paragraphs-v2/text" for a text part."""
    out = Path(out)
    return f"{out.parent.name}/{out.name}" if out.name == TEXT_PART else out.name


def train(paths: Sequence[str | Path], out: str | Path, *, version: str = "1", seed: int = SEED,
          page_types: Sequence[str] = (), kind_weight: Mapping[str, float] | None = None,
          min_weight: float = MIN_WEIGHT, c: float = C, balance: float = BALANCE_POWER) -> tuple[Model, str]:
    """Fit on the training split, score the held-out split, write the model. Returns (model, report)."""
    from .pipeline import Cleaner

    train_docs, held = split(paths, page_types)
    model = fit(train_docs, name=model_name(out), version=version, seed=seed, c=c, balance=balance,
                kind_weight=kind_weight, min_weight=min_weight)
    cleaner = Cleaner(model)
    labelled = predict(cleaner, held)  # once, for every figure below
    counts = confusion(cleaner, held, labelled)
    kept = body_words_kept(cleaner, held, labelled)
    by_source = {}
    for source in sorted({d.source for d in held}):
        by_source[source] = scores(confusion(cleaner, held, [p for p in labelled if p[0].source == source]))
    model.info.update({
        "trained_on": sorted({f"{d.source}" for d in train_docs}),
        "train_documents": len(train_docs), "heldout_documents": len(held),
        "heldout": scores(counts), "heldout_by_source": by_source, "heldout_body_words_kept": kept,
        "data": [str(p) for p in paths], "train_groups": sorted({d.group for d in train_docs}),
        "page_types": list(page_types) or "all", "body_min": BODY_MIN,
    })
    model.save(out)
    text = report(counts) + f"\n\nbody words kept: {kept:.4f}  (held-out documents: {len(held)})"
    return model, text
