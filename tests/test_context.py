from cleaner import Label, Paragraph
from cleaner.context import revise


def P(label, why="model", score=0.6, text="x"):
    return Paragraph(text, label, score, why, label)


def test_paragraph_inside_an_appeal_block_joins_it():
    paras = [P(Label.BODY, score=0.9), P(Label.APPEAL, "rule:appeal-lexicon", 0.96), P(Label.BODY), P(Label.APPEAL, "rule:appeal-button", 0.95)]
    out = revise(paras, [0.0, 0.9, 0.4, 0.9])
    assert out[2].label is Label.APPEAL and out[2].why == "context:appeal-run"
    assert out[2].first_label is Label.BODY
    assert out[0].label is Label.BODY


def test_run_grows_to_the_end_but_needs_some_appeal_probability():
    paras = [P(Label.APPEAL, "rule:appeal-lexicon", 0.96), P(Label.BODY), P(Label.BODY)]
    assert [p.label for p in revise(paras, [0.9, 0.3, 0.3])] == [Label.APPEAL] * 3
    assert [p.label for p in revise(paras, [0.9, 0.3, 0.01])][2] is Label.BODY


def test_lone_model_appeal_between_body_is_body():
    paras = [P(Label.BODY, score=0.9), P(Label.APPEAL, score=0.55), P(Label.BODY, score=0.9)]
    out = revise(paras, [0.0, 0.55, 0.0])
    assert out[1].label is Label.BODY and out[1].why == "context:lone-appeal"


def test_rule_decisions_are_never_revised():
    paras = [P(Label.BODY, score=0.9), P(Label.APPEAL, "rule:appeal-lexicon", 0.96), P(Label.BODY, score=0.9)]
    assert revise(paras, [0.0, 0.96, 0.0])[1].label is Label.APPEAL
