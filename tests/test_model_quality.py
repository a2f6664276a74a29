"""The shipped model on labelled fixture articles it was not trained on.

The held-out documents are those whose outlet falls in the evaluation bucket
(`cleaner.dataset.is_eval`); training skips them, so these figures are honest.
Floors are pinned in quality_floors.toml: raising one is a normal commit,
lowering one needs its reason written next to it.
"""
from pathlib import Path

import pytest
import tomllib

from cleaner import Label
from cleaner.dataset import is_eval, read_docs
from cleaner.evaluate import body_words_kept, confusion, scores
from cleaner.model import Model
from cleaner.model_files import model_folder
from cleaner.model_files import text_part as text_part_folder

from .conftest import FIXTURES

FLOORS = tomllib.loads((Path(__file__).parent / "quality_floors.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def held_out():
    docs = [d for d in read_docs(FIXTURES / "labelled") if is_eval(d.group)]
    assert len(docs) >= 30 and len({d.lang for d in docs}) >= 4
    return docs


@pytest.fixture(scope="module")
def figures(cleaner, held_out):
    return scores(confusion(cleaner, held_out))


def test_no_held_out_document_was_trained_on(cleaner, held_out):
    text_part = Model.load(text_part_folder(model_folder(None)))
    for model in (cleaner.model, text_part):
        trained = set(model.info.get("train_groups", []))
        assert trained, "the model records the groups it trained on"
        assert not trained & {d.group for d in held_out}, model.name


def test_body_words_are_kept(cleaner, held_out):
    assert body_words_kept(cleaner, held_out) >= FLOORS["body_words_kept"]


@pytest.mark.parametrize("label", [label.value for label in Label])
def test_per_label_f1_floors(figures, label):
    assert figures[label]["f1"] >= FLOORS["f1"][label], (label, figures[label])


@pytest.mark.parametrize("label", sorted(FLOORS["precision"]))
def test_per_label_precision_floors(figures, label):
    assert figures[label]["precision"] >= FLOORS["precision"][label], (label, figures[label])


@pytest.mark.parametrize("label", sorted(FLOORS["recall"]))
def test_per_label_recall_floors(figures, label):
    assert figures[label]["recall"] >= FLOORS["recall"][label], (label, figures[label])


def test_news_about_donations_stays_body(cleaner, held_out):
    """Hard negatives: reports on fundraisers, subscriptions and memberships are body."""
    negatives = [d for d in held_out if d.doc_kind == "negative"]
    assert len(negatives) >= 5
    gold = [l for d in negatives for l in d.labels]
    got = [p.label for d in negatives for p in cleaner.label(list(d.blocks))]
    body = [g is Label.BODY and p is Label.BODY for g, p in zip(gold, got) if g is Label.BODY]
    assert sum(body) >= 0.95 * len(body)
