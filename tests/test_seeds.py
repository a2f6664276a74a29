"""The two seed articles the project started from, read from ../shared/seeds."""
from cleaner import Label


def _lines(text):
    return [" ".join(l.split()) for l in text.splitlines() if l.strip()]


def test_credit_seed_keeps_every_body_line_and_lifts_the_credit(cleaner, seeds):
    text = seeds["seed_ukrinform"]
    lines = _lines(text)
    doc = cleaner.clean(text)
    assert doc.title == lines[0]
    assert lines[0] not in doc.text
    body = lines[1:-1]
    assert [p.text for p in doc.by_label(Label.BODY)] == body  # verbatim, in order, nothing else
    assert doc.text == "\n\n".join(body)
    assert [c.text for c in doc.credits] == ["Photo: PAP/EPA/OLIVIER MATTHYS"]
    assert "OLIVIER MATTHYS" not in doc.text


def test_appeal_seed_drops_read_more_and_the_four_appeal_paragraphs(cleaner, seeds):
    text = seeds["seed_euromaidanpress"]
    lines = _lines(text)
    doc = cleaner.clean(text.encode("utf-8"))
    read_more = lines.index("Read more:")
    body, appeal = lines[:read_more], lines[read_more + 1:]
    assert len(appeal) == 4
    assert doc.title is None  # the long first sentence is body, not a headline
    assert [p.text for p in doc.by_label(Label.BODY)] == body
    assert doc.text.startswith(body[0])
    assert [a.text for a in doc.appeals] == appeal
    (read_more_para,) = [p for p in doc.paragraphs if p.text == "Read more:"]
    assert read_more_para.label is Label.BOILERPLATE
    for paragraph in appeal:
        assert paragraph not in doc.text
