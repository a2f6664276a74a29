"""The second pass: revise first labels from their neighbours, as jusText does.

Only the model's decisions are revised, never a rule's. Each change records its
own `why`, and the paragraph keeps its first label.
"""
from __future__ import annotations

from dataclasses import replace

from .document import Label, Paragraph

# A model-made body paragraph with at least this appeal probability joins an
# appeal block that surrounds it.
RUN_APPEAL_MIN = 0.15
# Below this score a model-made appeal between two body paragraphs is body.
LONE_APPEAL_MAX = 0.9


def _candidate(p: Paragraph, appeal_prob: float) -> bool:
    return p.why == "model" and p.label is Label.BODY and appeal_prob >= RUN_APPEAL_MIN


def _grow_appeal_runs(out: list[Paragraph], appeal_probs: list[float]) -> None:
    """Candidates bounded by an appeal before and an appeal (or the end) after become appeals.

    Boilerplate lines between them ("Share", "Read more:") neither break nor join a run.
    """
    i, n = 0, len(out)
    while i < n:
        if out[i].label is not Label.APPEAL:
            i += 1
            continue
        j, run = i + 1, []
        while j < n and (out[j].label is Label.BOILERPLATE or _candidate(out[j], appeal_probs[j])):
            if out[j].label is Label.BODY:
                run.append(j)
            j += 1
        if run and (j == n or out[j].label is Label.APPEAL):
            for k in run:
                out[k] = replace(out[k], label=Label.APPEAL, score=max(appeal_probs[k], 0.5),
                                 why="context:appeal-run", first_label=out[k].label)
        i = j


def _neighbour(paras: list[Paragraph], i: int, step: int) -> Paragraph | None:
    """The nearest paragraph in direction `step` that is not a boilerplate line."""
    j = i + step
    while 0 <= j < len(paras):
        if paras[j].label is not Label.BOILERPLATE:
            return paras[j]
        j += step
    return None


def _drop_lone_appeals(out: list[Paragraph]) -> None:
    """An appeal rarely stands alone between two body paragraphs."""
    for i, p in enumerate(out):
        if p.why != "model" or p.label is not Label.APPEAL or p.score >= LONE_APPEAL_MAX:
            continue
        prev, nxt = _neighbour(out, i, -1), _neighbour(out, i, 1)
        if prev is not None and nxt is not None and prev.label is Label.BODY and nxt.label is Label.BODY:
            out[i] = replace(p, label=Label.BODY, score=1 - p.score, why="context:lone-appeal", first_label=p.label)


def revise(paras: list[Paragraph], appeal_probs: list[float]) -> list[Paragraph]:
    out = list(paras)
    _drop_lone_appeals(out)
    _grow_appeal_runs(out, appeal_probs)
    return out
