import json

import numpy as np

from cleaner import Label
from cleaner.dataset import is_eval, read_docs, write_docs
from cleaner.document import Block
from cleaner.features import document_features
from cleaner.rules import first_verdict
from cleaner.model import Model
from cleaner.train import fit, train

from .conftest import FIXTURES


def test_split_is_by_group_and_stable():
    docs = list(read_docs(FIXTURES / "labelled"))
    by_group = {}
    for d in docs:
        by_group.setdefault(d.group, set()).add(is_eval(d.group))
    assert all(len(sides) == 1 for sides in by_group.values())  # a group never straddles the split
    # One group in five, for names of no one's choosing ...
    names = [f"labelled:Outlet {i}" for i in range(2000)]
    assert 0.17 < sum(map(is_eval, names)) / len(names) < 0.23
    # ... while the fixtures hold out more: the blind sets were written for held-out outlets.
    assert sum(is_eval(g) for g in by_group) / len(by_group) > 0.1
    assert is_eval("labelled:Harbor Ledger") == is_eval("labelled:Harbor Ledger")


def test_null_labels_are_context_only(tmp_path):
    rows = [{"id": "x-1", "group": "g", "paragraphs": [
        {"text": "Menu", "label": None}, {"text": "The river rose overnight.", "label": "body"}]}]
    write_docs(rows, tmp_path / "d.jsonl.gz")
    (doc,) = read_docs(tmp_path / "d.jsonl.gz")
    assert doc.labels == (None, Label.BODY) and doc.group.endswith(":g")


def test_weak_labels_are_recomputed_from_gold(tmp_path):
    rows = [{"id": "w-1", "group": "site", "source": "wcxb", "paragraphs": [
        {"text": "The council met on Monday to discuss the budget.", "label": "boilerplate", "in_gold": True},
        {"text": "Photo: AFP", "label": "body", "in_gold": True},
        {"text": "Sign in", "label": "body", "in_gold": False}]}]
    write_docs(rows, tmp_path / "w.jsonl")
    (doc,) = read_docs(tmp_path / "w.jsonl")
    assert doc.labels == (Label.BODY, Label.CREDIT, Label.BOILERPLATE)


def test_fit_is_reproducible_and_learns():
    docs = list(read_docs(FIXTURES / "labelled" / "en.jsonl"))
    a = fit(docs, name="t", version="1")
    b = fit(docs, name="t", version="1")
    assert a.vocabulary == b.vocabulary and np.array_equal(a.coef_t, b.coef_t)
    # Wordings no rule knows: the model must tell the plea from the report by itself.
    blocks = [Block("Engineers raised the river barriers on Sunday as the water rose for a third day, officials said."),
              Block("Every month, thousands of readers give a small amount so that our newsroom can keep reporting for you.")]
    assert [first_verdict(x) for x in blocks] == [None, None]
    news, plea = a.predict_proba(document_features(blocks, [None, None]))
    appeal = a.labels.index(Label.APPEAL)
    assert news[a.labels.index(Label.BODY)] > 0.9
    assert plea[appeal] > 10 * news[appeal]


def test_train_writes_a_model_with_held_out_figures(tmp_path):
    model, report = train([FIXTURES / "labelled" / "en.jsonl", FIXTURES / "labelled" / "de.jsonl"], tmp_path / "m")
    info = json.loads((tmp_path / "m" / "model.json").read_text())
    assert info["heldout"]["body"]["support"] > 0 and info["train_groups"]
    assert "body words kept" in report
    assert Model.load(tmp_path / "m").vocabulary == model.vocabulary


def _one_page_corpus(tmp_path, page: str, body: list[str]):
    """A corpora folder holding one WCXB article page and its gold main text."""
    import gzip

    root = tmp_path / "corpora"
    (root / "wcxb/dev/html").mkdir(parents=True)
    (root / "wcxb/dev/ground-truth").mkdir(parents=True)
    (root / "wcxb/dev/html/0001.html.gz").write_bytes(gzip.compress(page.encode()))
    gold = {"ground_truth": {"main_content": "\n\n".join(body)}, "_internal": {"page_type": {"primary": "article"}}}
    (root / "wcxb/dev/ground-truth/0001.json").write_text(json.dumps(gold))
    row = {"set": "wcxb", "id": "0001", "html": "wcxb/dev/html/0001.html.gz",
           "gold": "wcxb/dev/ground-truth/0001.json", "url": "https://ferry.example/news/1"}
    (root / "manifest.jsonl").write_text(json.dumps(row) + "\n")
    return root


def test_weak_label_reads_a_corpus_and_labels_from_its_ground_truth(tmp_path):
    from typer.testing import CliRunner

    from cleaner.cli import app

    body = ["The regional council approved the new ferry timetable on Tuesday after a long debate about winter sailings.",
            "Islanders had asked for an earlier morning boat so that pupils could reach the mainland school on time."]
    page = ("<html><head><title>Ferry timetable approved</title></head><body><article><h1>Ferry timetable approved</h1>"
            + "".join(f"<p>{p}</p>" for p in body)
            + "<p>Photo: Reuters/Anna Holm</p><p>Sign up for our morning newsletter to get the news first.</p>"
            + "</article></body></html>")
    root = _one_page_corpus(tmp_path, page, body)
    out = tmp_path / "weak.jsonl.gz"
    result = CliRunner().invoke(app, ["weak-label", "--corpora", str(root), "--set", "wcxb", "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    (doc,) = read_docs(out)
    got = dict(zip((b.text for b in doc.blocks), doc.labels))
    assert [got[p] for p in body] == [Label.BODY, Label.BODY]
    assert got["Photo: Reuters/Anna Holm"] is Label.CREDIT
    assert got["Sign up for our morning newsletter to get the news first."] is Label.APPEAL
    assert doc.group.endswith("ferry.example") and doc.page_type == "article"
    # --flat: the same page's visible text as plain text, in the same group (same side of the split).
    flat = tmp_path / "flat.jsonl.gz"
    result = CliRunner().invoke(app, ["weak-label", "--corpora", str(root), "--set", "wcxb", "--out", str(flat),
                                      "--jobs", "1", "--flat"])
    assert result.exit_code == 0, result.output
    (plain,) = read_docs(flat)
    assert plain.doc_kind == "flat" and plain.group == doc.group and plain.id == doc.id + ":flat"
    assert {b.tag for b in plain.blocks} == {"line"}
    got = dict(zip((b.text for b in plain.blocks), plain.labels))
    assert [got[p] for p in body] == [Label.BODY, Label.BODY] and got["Photo: Reuters/Anna Holm"] is Label.CREDIT


def test_weak_label_article_text_is_the_article_as_a_reader_copies_it(tmp_path):
    from typer.testing import CliRunner

    from cleaner.cli import app

    body = ["The regional council approved the new ferry timetable on Tuesday after a long debate about winter sailings.",
            "Islanders had asked for an earlier morning boat so that pupils could reach the mainland school on time.",
            "The first boat under the new timetable leaves the island pier at ten to seven next Monday."]
    caption = "The morning ferry leaves the island pier in thick fog."
    page = ("<html><head><title>Ferry timetable approved</title></head><body><nav><a href='/'>Home</a></nav>"
            "<article><h1>Ferry timetable approved</h1>"
            f"<figure><img src='ferry.jpg'><figcaption>{caption}</figcaption></figure>"
            f"<p>{body[0]}</p><p>{body[1]}</p><p>Read more: Winter storms cancel three sailings</p><p>{body[2]}</p>"
            "<p>Sign up for our morning newsletter to get the news first.</p></article>"
            "<footer>© Island Courier 2024</footer></body></html>")
    root = _one_page_corpus(tmp_path, page, body)
    out = tmp_path / "article.jsonl.gz"
    result = CliRunner().invoke(app, ["weak-label", "--corpora", str(root), "--set", "wcxb", "--out", str(out),
                                      "--jobs", "1", "--article-text"])
    assert result.exit_code == 0, result.output
    (doc,) = read_docs(out)
    assert doc.doc_kind == "article-text" and doc.id == "wcxb:0001:article-text" and doc.group.endswith("ferry.example")
    assert {b.tag for b in doc.blocks} == {"line"} and not any(b.cues for b in doc.blocks)
    # The photo above the lead keeps the caption its markup gave it, though plain text
    # says nothing of it; the line between paragraphs stays; what follows the article goes.
    assert [(b.text, label) for b, label in zip(doc.blocks, doc.labels)] == [
        (caption, Label.CAPTION), (body[0], Label.BODY), (body[1], Label.BODY),
        ("Read more: Winter storms cancel three sailings", Label.BOILERPLATE), (body[2], Label.BODY)]
    both = CliRunner().invoke(app, ["weak-label", "--corpora", str(root), "--set", "wcxb", "--out", str(out),
                                    "--flat", "--article-text"])
    assert both.exit_code == 2 and "ask for one" in both.output


def test_kind_weights_and_min_weight_change_what_is_learnt():
    docs = list(read_docs(FIXTURES / "labelled" / "en.jsonl"))
    plain = fit(docs, name="t", version="1")
    no_negatives = fit(docs, name="t", version="1", kind_weight={"negative": 0.0})
    assert no_negatives.info["kind_weight"] == {"negative": 0.0} and "kind_weight" not in plain.info
    shared = sorted(set(plain.vocabulary) & set(no_negatives.vocabulary))
    a = plain.coef_t[[plain.vocabulary[n] for n in shared]]
    b = no_negatives.coef_t[[no_negatives.vocabulary[n] for n in shared]]
    assert not np.allclose(a, b)
    small = fit(docs, name="t", version="1", min_weight=0.1)
    assert set(small.vocabulary) < set(plain.vocabulary) and small.info["min_weight"] == 0.1
    assert np.abs(small.coef_t).max(axis=1).min() >= 0.1


def test_regularisation_and_balance_change_what_is_learnt():
    docs = list(read_docs(FIXTURES / "labelled" / "en.jsonl"))
    plain = fit(docs, name="t", version="1", min_weight=0.0)
    assert (plain.info["C"], plain.info["balance"]) == (0.3, 0.5)
    # Smaller C: every weight is held closer to zero.
    tight = fit(docs, name="t", version="1", c=0.03, min_weight=0.0)
    assert tight.info["C"] == 0.03 and np.abs(tight.coef_t).max() < np.abs(plain.coef_t).max()
    # No re-weighting: body, the commonest label, weighs more against the rare ones, so
    # the model leaves it more of the probability on the rare labels' paragraphs.
    unbalanced = fit(docs, name="t", version="1", balance=0.0, min_weight=0.0)
    assert unbalanced.info["balance"] == 0.0
    feats, rare = [], []
    for d in docs:
        feats += document_features(d.blocks, [first_verdict(b, "en") for b in d.blocks], "en")
        rare += [g not in (Label.BODY, None) for g in d.labels]
    body_mass = [m.predict_proba(feats)[np.array(rare), m.labels.index(Label.BODY)].mean() for m in (unbalanced, plain)]
    assert body_mass[0] > 1.5 * body_mass[1]
