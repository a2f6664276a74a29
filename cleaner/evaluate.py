"""Per-label precision, recall, F1 and a confusion matrix over labelled paragraphs."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .dataset import LabelledDoc
from .document import LABELS, Label, Paragraph
from .language import detect_language

# A labelled paragraph: its document, the gold label (None: unknown), and what the pipeline said.
Prediction = tuple[LabelledDoc, "Label | None", Paragraph]


def predict(cleaner, docs: Iterable[LabelledDoc]) -> list[Prediction]:
    """Every paragraph of `docs` labelled as the pipeline does, once, for all the figures below."""
    out = []
    for doc in docs:
        if doc.blocks:
            paragraphs = cleaner.label(list(doc.blocks), detect_language(b.text for b in doc.blocks))
            out.extend((doc, gold, para) for gold, para in zip(doc.labels, paragraphs))
    return out


def confusion(cleaner, docs: Iterable[LabelledDoc], predictions: list[Prediction] | None = None) -> Counter:
    """(gold, predicted) counts; pass `predictions` to reuse a labelling already done."""
    counts: Counter = Counter()
    for _, gold, para in predictions if predictions is not None else predict(cleaner, docs):
        if gold is not None:
            counts[gold, para.label] += 1
    return counts


def scores(counts: Counter) -> dict[str, dict[str, float]]:
    out = {}
    for label in LABELS:
        tp = counts[label, label]
        predicted = sum(v for (g, p), v in counts.items() if p is label)
        actual = sum(v for (g, p), v in counts.items() if g is label)
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[label.value] = {"precision": precision, "recall": recall, "f1": f1, "support": actual}
    return out


def report(counts: Counter) -> str:
    """A plain-text table of per-label figures and the confusion matrix."""
    lines = [f"{'label':<12}{'precision':>10}{'recall':>8}{'f1':>8}{'support':>9}"]
    for name, s in scores(counts).items():
        lines.append(f"{name:<12}{s['precision']:>10.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}{s['support']:>9}")
    lines.append("")
    lines.append("confusion (rows gold, columns predicted)")
    lines.append(" " * 12 + "".join(f"{l.value[:8]:>9}" for l in LABELS))
    for g in LABELS:
        lines.append(f"{g.value:<12}" + "".join(f"{counts[g, p]:>9}" for p in LABELS))
    return "\n".join(lines)


def body_words_kept(cleaner, docs: Iterable[LabelledDoc], predictions: list[Prediction] | None = None) -> float:
    """Share of gold body words that end up in body paragraphs."""
    kept = total = 0
    for _, gold, para in predictions if predictions is not None else predict(cleaner, docs):
        if gold is Label.BODY:
            n = len(para.text.split())
            total += n
            kept += n if para.label is Label.BODY else 0
    return kept / total if total else 1.0
