from concurrent.futures import ThreadPoolExecutor

import pytest

import cleaner
from cleaner import Cleaner, CleanerError, Document, Label
from cleaner.pipeline import sniff_kind

ARTICLE = """Council approves new tram line
The city council voted 31 to 12 on Thursday to build a tram line linking the harbour to the university.
“This is the biggest investment in public transport in forty years,” the mayor, Lena Ortiz, told reporters.
Construction is due to start next spring and cost an estimated 240 million euros.
Photo: Reuters/KARL BENN
Support independent local journalism: become a member today for the price of a coffee a month.
"""

PAGE = """<!doctype html><html lang="en"><head><title>Tram line approved | City Herald</title>
<meta property="og:site_name" content="City Herald"><meta name="author" content="Paula Grey"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Tram line approved</h1>
<figure><img src="tram.jpg"><figcaption>A tram prototype on show at the depot on Wednesday.</figcaption></figure>
<p>The city council voted 31 to 12 on Thursday to build a tram line linking the harbour to the university, ending a debate that has run for a decade.</p>
<p>“This is the biggest investment in public transport in forty years,” the mayor, Lena Ortiz, told reporters after the vote in the council chamber.</p>
<p>Construction is due to start next spring and will cost an estimated 240 million euros, most of it from a regional fund set up for transport projects.</p>
<p>Opposition councillors said the route ignored the northern districts, where bus services were cut last year, and promised to keep fighting for a second line.</p>
<div class="donate-box"><p>Support independent local journalism. Become a member today.</p></div>
</article><footer>© 2026 City Herald</footer></body></html>"""


def test_clean_text_returns_a_typed_document():
    doc = cleaner.clean(ARTICLE)
    assert isinstance(doc, Document)
    assert doc.kind == "text" and doc.title == "Council approves new tram line"
    assert doc.text.split("\n\n") == ARTICLE.splitlines()[1:4]
    assert [c.text for c in doc.credits] == ["Photo: Reuters/KARL BENN"]
    assert len(doc.appeals) == 1 and "member" in doc.appeals[0].text
    for p in doc.paragraphs:
        assert 0.0 <= p.score <= 1.0 and p.why


def test_clean_html_bytes_lifts_caption_and_appeal():
    doc = cleaner.clean(PAGE.encode("utf-8"), url="https://herald.example/tram")
    assert doc.kind == "html"
    assert doc.title.startswith("Tram line approved")
    assert "31 to 12" in doc.text and "second line" in doc.text
    assert [c.text for c in doc.captions] == ["A tram prototype on show at the depot on Wednesday."]
    assert "Become a member" not in doc.text
    assert doc.metadata["sitename"] == "City Herald"
    assert doc.metadata["url"] == "https://herald.example/tram"


def test_to_dict_holds_every_field():
    d = cleaner.clean(ARTICLE).to_dict()
    assert {"source", "title", "text", "paragraphs", "captions", "credits", "appeals", "metadata", "model"} <= set(d)
    assert set(d["paragraphs"][0]) >= {"text", "label", "score", "why"}
    assert d["model"]["name"] and d["model"]["version"]
    labels = {p["label"] for p in d["paragraphs"]}
    assert labels <= {l.value for l in Label}


def test_kind_overrides_sniffing():
    assert sniff_kind(PAGE) == "html" and sniff_kind(ARTICLE) == "text"
    story = ("The court heard that the defendant typed <script> tags into the council's feedback form, "
             "which then showed them to every visitor for three days.\n"
             "He was fined 400 euros and ordered to pay costs, the court said.")
    assert sniff_kind("<p>" + story + "</p>") == "html"
    doc = cleaner.clean("<p>" + story + "</p>", kind="text")
    assert doc.kind == "text" and "</p>" in doc.text  # taken as text: the tags stay characters
    assert "<script> tags" in cleaner.clean(story, kind="text").text


@pytest.mark.parametrize("source,code", [
    ("", "empty"), (b"   ", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300), "binary"),
])
def test_bad_input_raises_cleaner_error(source, code):
    with pytest.raises(CleanerError) as info:
        cleaner.clean(source)
    assert info.value.code == code


def test_wrong_argument_types_are_usage_errors():
    with pytest.raises(CleanerError) as info:
        cleaner.clean(ARTICLE, kind="pdf")
    assert info.value.code == "usage"
    with pytest.raises(CleanerError):
        cleaner.clean(42)


def test_one_cleaner_is_safe_across_threads():
    c = Cleaner()
    inputs = [ARTICLE, PAGE, ARTICLE.encode(), PAGE.encode()] * 6
    expected = [c.clean(x).to_dict() for x in inputs]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(lambda x: c.clean(x).to_dict(), inputs)) == expected


LISTING = "<html><body><main>" + "".join(
    f"<div class='teaser'><h3><a href='/news/{i}'>Council story number {i} about the new budget plans</a></h3>"
    f"<p><a href='/news/{i}'>Read the full report on the council's decision {i} today</a></p></div>"
    for i in range(8)) + "</main></body></html>"


@pytest.mark.parametrize("page, says", [
    ("<html><body><script>var a = 1;</script></body></html>", "no text found"),
    ("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>", ""),
    (LISTING, ""),
])
def test_pages_without_an_article_say_so_with_a_reason(page, says):
    doc = cleaner.clean(page)
    assert doc.status == "not_article" and doc.text == "" and says in doc.reason
    assert doc.to_dict()["status"] == "not_article" and doc.to_dict()["reason"] == doc.reason


def test_an_article_with_links_is_still_an_article():
    story = ("<html><body><article>" + "".join(
        f"<p>The council met on day {i} and, as <a href='/x'>we reported</a>, argued for hours about "
        f"the budget, the new school and the bridge, the chairman said afterwards.</p>" for i in range(6))
        + "</article></body></html>")
    doc = cleaner.clean(story)
    assert doc.status == "ok" and doc.reason is None and "day 5" in doc.text


def test_a_page_that_declares_itself_an_article_is_never_a_listing():
    from cleaner.document import Block, Paragraph
    from cleaner.items import not_article_reason

    deals = [f"Laptop number {i} with 8GB RAM for $499 with free shipping at the shop" for i in range(8)]
    blocks = [Block(t, link_density=0.8) for t in deals]
    paragraphs = [Paragraph(t, Label.BODY, 0.9, "model") for t in deals]
    assert not_article_reason(paragraphs, blocks).startswith("a listing")
    assert not_article_reason(paragraphs, blocks, declared="article") is None


def test_a_link_post_signed_by_its_writer_is_an_article_and_teasers_signed_each_are_a_listing():
    from cleaner.document import Block, Paragraph
    from cleaner.items import not_article_reason

    links = ["Storm closes the coast road again", "Why the ferry timetable keeps slipping",
             "The harbour dredging bill, explained", "Parents question the school bus cuts",
             "A bakery that opens at four", "What the new bypass means for the market"]
    blocks = [Block("Weekend reading for the storm"), Block("Written by: Mara Quist")]
    blocks += [Block(t, link_density=1.0) for t in links]
    labels = [Label.BODY, Label.CREDIT] + [Label.BODY] * len(links)
    paragraphs = [Paragraph(b.text, label, 0.9, "model") for b, label in zip(blocks, labels)]
    assert not_article_reason(paragraphs, blocks) is None
    # The same links each signed by its own writer: a section front.
    signed_blocks, signed = [], []
    for i, t in enumerate(links):
        signed_blocks += [Block(t, link_density=1.0), Block(f"By Writer Number{i}")]
        signed += [Paragraph(t, Label.BODY, 0.9, "model"), Paragraph(f"By Writer Number{i}", Label.CREDIT, 0.9, "rule:byline")]
    assert not_article_reason(signed, signed_blocks).startswith("a listing")
    # Unsigned, as before.
    unsigned = [p for p in paragraphs if p.label is Label.BODY]
    assert not_article_reason(unsigned, [b for b in blocks if b.text != "Written by: Mara Quist"]).startswith("a listing")


def test_a_long_paragraph_needs_a_surer_model_to_be_boilerplate():
    import numpy as np

    from cleaner.document import Block

    c = Cleaner()
    labels = c.model.labels
    body, boiler, appeal = (labels.index(x) for x in (Label.BODY, Label.BOILERPLATE, Label.APPEAL))

    def row(**probs):
        r = np.zeros(len(labels))
        for name, p in probs.items():
            r[labels.index(Label(name))] = p
        return r

    long_text = Block(" ".join(["word"] * 25))
    short_text = Block("Home News Sport Weather")
    # The same uncertain model: a long paragraph stays body, a short line goes.
    assert c._model_label(row(body=0.04, boilerplate=0.96), long_text)[0] == body
    assert c._model_label(row(body=0.04, boilerplate=0.96), short_text)[0] == boiler
    # Sure enough, or an appeal: the relaxed floor does not apply.
    assert c._model_label(row(body=0.01, boilerplate=0.99), long_text)[0] == boiler
    assert c._model_label(row(body=0.04, appeal=0.96), long_text)[0] == appeal


def test_no_caption_is_longer_than_the_rules_allow_one():
    import numpy as np

    from cleaner.document import Block
    from cleaner.rules import MAX_CAPTION_WORDS

    c = Cleaner()
    labels = c.model.labels
    r = np.zeros(len(labels))
    r[labels.index(Label.CAPTION)], r[labels.index(Label.BODY)] = 0.99, 0.01
    caption_box = Block(" ".join(["word"] * MAX_CAPTION_WORDS), tag="figure")
    assert c._model_label(r, caption_box) == (labels.index(Label.CAPTION), 0.99)
    # One word more: what the model saw as caption counts for body.
    label, score = c._model_label(r, Block(caption_box.text + " more", tag="figure"))
    assert label == labels.index(Label.BODY) and abs(score - 1.0) < 1e-9


LEAD = ("The harbour bridge will close to all traffic for six months from April so that engineers can replace "
        "its corroded steel cables, the regional transport authority said on Monday.")
TRAFFIC = ("About 30,000 vehicles cross the bridge every day. Drivers will be diverted through the tunnel, where "
           "tolls will be waived during the closure.")
COPIED = "\n\n".join([
    "Harbour bridge to close for six months", "By Ana Ruiz", "3 March 2026", "4 min read", LEAD,
    "Workers inspect the cables at the north tower on Sunday. (Photo by Jan Weber/Getty Images)", TRAFFIC,
    "Download our app and never miss breaking news from the coast.", "The works are expected to cost 48 million euros."])


def test_an_article_copied_with_its_furniture_keeps_every_sentence_of_its_own():
    """A headline over its byline, date and reading time; a caption ending with a Getty-style
    credit; a plug in mid-text; and the article's short last sentence after it."""
    doc = cleaner.clean(COPIED)
    assert doc.title == "Harbour bridge to close for six months"
    assert doc.text.split("\n\n") == [LEAD, TRAFFIC, "The works are expected to cost 48 million euros."]
    assert [c.text for c in doc.captions] == ["Workers inspect the cables at the north tower on Sunday."]
    assert "(Photo by Jan Weber/Getty Images)" in [c.text for c in doc.credits]
    assert [a.text for a in doc.appeals] == ["Download our app and never miss breaking news from the coast."]


def test_a_bold_label_inside_a_kept_appeal_is_listed_once():
    # The extractor keeps the paragraph; its "<strong>Newsletter:</strong>" is also read
    # as a text it left out. The paragraph's appeal item holds it, so it is not listed again.
    page = """<html><body><article><h1>Bridge reopens after repairs</h1>
<p>The old bridge reopened on Saturday after two years of repairs, the city said in a statement on Friday.</p>
<p>Engineers replaced the deck and strengthened the piers, which had been damaged in the floods of 2021.</p>
<p><strong>Newsletter:</strong> Sign up for our morning briefing and get the city's news in your inbox every day.</p>
<p>The bridge will close again for one night in March for a final inspection, officials said on Friday.</p>
</article></body></html>"""
    doc = cleaner.clean(page, kind="html")
    assert [a.text for a in doc.appeals] == [
        "Newsletter: Sign up for our morning briefing and get the city's news in your inbox every day."]
    assert "Newsletter" not in doc.text and "final inspection" in doc.text
