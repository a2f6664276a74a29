import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.segment import _normalised_line, ends_open, looks_like_headline, normalise, segment_text, text_paragraphs


def test_single_newlines_and_blank_lines_both_separate_paragraphs():
    assert text_paragraphs("One.\nTwo.\n\nThree.") == ["One.", "Two.", "Three."]


def test_hard_wrapped_text_is_joined_per_blank_line_chunk():
    text = "The council met on Monday and\nvoted to close the bridge.\n\nRepairs start in May and\nwill last a year."
    assert text_paragraphs(text) == ["The council met on Monday and voted to close the bridge.",
                                     "Repairs start in May and will last a year."]


def test_headline_becomes_title():
    title, blocks = segment_text("Storm floods coastal towns\nHeavy rain fell overnight across the region, officials said.")
    assert title == "Storm floods coastal towns"
    assert [b.text for b in blocks] == ["Heavy rain fell overnight across the region, officials said."]


def test_first_sentence_is_not_a_headline():
    assert not looks_like_headline("The mayor resigned on Friday, the city said.", ["More text follows here at length."])
    assert not looks_like_headline("Only line", [])
    assert looks_like_headline("Why are prices rising?", ["Economists point to energy costs and wages in a long paragraph."])


def test_a_headline_over_its_byline_date_and_reading_time_is_the_title():
    lead = "The council voted 31 to 12 on Tuesday night to approve the tram extension to the northern suburbs."
    title, blocks = segment_text("\n".join(["Council approves new tram line after six-hour debate", "By Maria Kovacs",
                                            "March 3, 2024", "5 min read", lead]))
    assert title == "Council approves new tram line after six-hour debate"
    assert [b.text for b in blocks] == ["By Maria Kovacs", "March 3, 2024", "5 min read", lead]
    # A site's name over its menu is no headline: too short to stand over other short lines.
    assert segment_text("\n".join(["Slashdot", "Stories", "Topics", "Polls", lead]))[0] is None


def test_a_headline_may_end_with_a_quote():
    body = ["Wojewoda warmińsko-mazurski odwołał w poniedziałek dyrektora zarządu dróg wojewódzkich w Olsztynie."]
    for headline in ("Wojewoda odwołał dyrektora zarządu dróg. „Utrata zaufania”",
                     "La Società Remiera cerca nuovi soci: «Il fiume è di tutti»"):
        assert looks_like_headline(headline, body), headline
    # ... but a quote closed by its sentence's stop is the article's first paragraph.
    assert not looks_like_headline("„Robimy wszystko, by utrzymać wały.”", body)


def test_a_long_first_line_over_shorter_prose_is_no_headline():
    # The article's first sentence without its stop, over shorter sentences: no short
    # lines stand between, so nothing further on is weighed.
    first = "Today, cloud computing is a fast-paced sector guided by technological innovations and trends"
    rest = ["Nowadays, cloud computing is part of the fabric of the enterprise.", "Spending keeps rising.",
            "Projections suggest end-users will spend far more on it by 2030.",
            "This figure speaks to the place of the cloud in today's economy, and to the one catalyst that drives it "
            "more than any other: artificial intelligence."]
    assert not looks_like_headline(first, rest)
    # A line over a list of short lines with no paragraph after them is no headline either.
    assert not looks_like_headline("Zig has the syntax of Rust", ["the runtime safety of Rust", "the error handling of Go",
                                                                  "the toolchain of Go", "the performance of C", "what's not to like?"])


def test_blocks_of_menu_lines_are_not_read_as_hard_wrapped():
    """A page copied with blank lines between its menu, article and footer: menu lines lack
    sentence ends too, but each starts with a capital, so each stays its own paragraph."""
    text = ("Home\nNews\nSport\nWeather\n\n"
            "The council met on Monday and voted to close the bridge.\n\n"
            "Most read\nFerry timetable changes from Monday\nTide tables for March\n\n"
            "About us\nContact\nPrivacy policy")
    assert text_paragraphs(text) == ["Home", "News", "Sport", "Weather",
                                     "The council met on Monday and voted to close the bridge.",
                                     "Most read", "Ferry timetable changes from Monday", "Tide tables for March",
                                     "About us", "Contact", "Privacy policy"]


def test_a_copied_page_has_no_headline_and_keeps_its_first_line():
    """A page copied whole opens with its site's name or menu: taking that line as the
    title put the site's name, "Coastline Courier", in `title`."""
    menu = ["Coastline Courier", "Local news, sport and weather for the coast",
            "Home", "News", "Local", "Sport", "Weather", "Log in"]
    article = ["The council voted on Thursday to double the visitor levy for cruise passengers."] * 12
    title, blocks = segment_text("\n".join(menu + article))
    assert title is None
    assert [b.text for b in blocks] == menu + article
    # The same first line over an article's own text is its headline.
    title, blocks = segment_text("\n".join(["Coastline Courier"] + article))
    assert title == "Coastline Courier" and len(blocks) == len(article)


# ------------------------------------------------------------- run-together html
MENU = ["Home", "World", "Politics", "Business", "Sport", "Culture"]
ARTICLE = ["The ferry between Port Allen and the northern islands resumed on Tuesday after three days "
           "of storms kept every boat in harbour, the operator said.",
           "About four hundred passengers had waited in the terminal and in nearby guesthouses; the first "
           "crossing left at seven in the morning with every <em>seat</em> taken.",
           "Extra crossings will run until Friday to clear the backlog of freight and cars."]


def _page_and_index(body_html: str):
    from trafilatura.utils import load_html

    from cleaner.segment import index_page

    tree = load_html(f"<html><body>{body_html}</body></html>")
    return tree, index_page(tree)


def _extracted(*paragraphs: str):
    """An extractor's output tree, as trafilatura hands it over."""
    from lxml import etree

    body = etree.Element("body")
    for text in paragraphs:
        etree.SubElement(body, "p").text = text
    return body


def test_a_whole_page_run_into_one_paragraph_is_split_back_into_its_elements():
    from cleaner.segment import segment_html

    menu = "".join(f'<li><a href="/{w}">{w}</a></li>' for w in MENU)
    tree, index = _page_and_index(f"<ul>{menu}</ul>" + "".join(f"<div>{p}</div>" for p in ARTICLE))
    # The extractor's last fallback: every text node of the body, one a line.
    joined = "\n".join(t.strip() for t in tree.find("body").itertext() if t.strip())
    blocks = segment_html(tree, _extracted(joined), index)
    plain = [p.replace("<em>", "").replace("</em>", "") for p in ARTICLE]
    assert [b.text for b in blocks] == MENU + plain
    assert [b.link_density for b in blocks] == [1.0] * len(MENU) + [0.0] * len(ARTICLE)
    # Its only paragraph, joined by spaces, is split the same way.
    blocks = segment_html(tree, _extracted(" ".join(MENU + plain)), index)
    assert [b.text for b in blocks] == MENU + plain


def test_a_paragraph_that_the_page_does_not_make_up_stays_whole():
    from cleaner.segment import segment_html

    # Split by <br> only: a post wrapped by hand keeps its sentences whole.
    wrapped = "<br>".join(ARTICLE)
    tree, index = _page_and_index(f"<div>{wrapped}</div><div>Comments are closed.</div>")
    text = " ".join(p.replace("<em>", "").replace("</em>", "") for p in ARTICLE)
    assert [b.text for b in segment_html(tree, _extracted(text), index)] == [text]
    # A paragraph beside others is the extractor's own, not a run-together page.
    tree, index = _page_and_index("".join(f"<div>{p}</div>" for p in ARTICLE))
    texts = [p.replace("<em>", "").replace("</em>", "") for p in ARTICLE]
    body = _extracted(" ".join(texts), "A second paragraph of the extractor's.")
    assert [b.text for b in segment_html(tree, body, index)][0] == " ".join(texts)


def test_a_post_wrapper_named_after_its_author_is_no_credit_box():
    import lxml.html

    from cleaner.segment import element_cues

    # Typepad names each post's wrapper after its author: its paragraphs are the post.
    page = lxml.html.fromstring(
        '<html><body><div class="entry entry-author-ruth_okonedo entry-type-post">'
        '<div class="entry-body"><p>The ferry has crossed the river since 1927.</p>'
        '<p>Nobody I met wanted it gone.</p></div>'
        '<div class="entry-footer"><span class="author">Posted by Ruth Okonedo</span></div>'
        '</div></body></html>')
    short, byline = page.xpath("//p")[1], page.xpath("//span")[0]
    assert "html:credit-class" not in element_cues(short)
    # A byline box inside that wrapper is still one.
    assert "html:credit-class" in element_cues(byline)
    # So is a credit box that holds a single paragraph.
    box = lxml.html.fromstring('<div class="photo-credit"><p>Photo: Ana Ruiz</p></div>')
    assert "html:credit-class" in element_cues(box.find("p"))



def test_a_text_column_beside_a_picture_is_no_caption_box():
    import lxml.html

    from cleaner.segment import element_cues

    # Page builders name the text half of an image-and-text row after both: its
    # paragraphs are the page's own, not the picture's caption.
    page = lxml.html.fromstring(
        '<html><body><div class="image-text"><img src="catalogue.jpg">'
        '<div class="image-text__text"><p>The catalogue comes in ten sections.</p>'
        '<p>Ask at any branch for a printed copy.</p></div></div>'
        '<div class="image-text"><img src="shop.jpg"><div class="image-text__text">'
        '<p>Our shop on Mill Lane, opened in 1962.</p></div></div></body></html>')
    first, lone = page.xpath("//p")[0], page.xpath("//p")[2]
    assert not {"html:caption-class", "html:caption-word"} & set(element_cues(first))
    # The same box around one line beside a picture is a caption's.
    assert "html:caption-class" in element_cues(lone)

def test_a_post_wrappers_tags_and_categories_are_its_topics_not_its_role():
    import lxml.html

    from cleaner.segment import element_cues

    # WordPress names a post's wrapper after its tags and categories: a post about
    # fundraising is no donate box, nor one filed under social media a share bar.
    page = lxml.html.fromstring(
        '<html><body><div class="post-14 post type-post status-publish hentry category-social-media tag-donations">'
        '<p>Street canvassers asked passers-by for donations all summer.</p>'
        '<div class="share-buttons"><a>Share</a></div></div>'
        '<div class="tag-list"><a>Canvassing</a></div></body></html>')
    post, share, tags = page.xpath("//p")[0], page.xpath("//a")[0], page.xpath("//a")[1]
    assert not {"html:appeal-class", "html:boilerplate-class"} & set(element_cues(post))
    # The wrapper's other names still count, and so do such names elsewhere.
    assert "html:boilerplate-class" in element_cues(share)
    assert "html:boilerplate-class" in element_cues(tags)
    box = lxml.html.fromstring('<div class="donate-box"><p>Give today.</p></div>')
    assert "html:appeal-class" in element_cues(box.find("p"))

@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2009\u2028\u3000")))
def test_normalise_collapses_every_kind_of_whitespace_as_the_regex_would(text):
    from cleaner.segment import normalise

    assert normalise(text) == re.sub(r"\s+", " ", text).strip()


def test_inline_code_stays_inside_its_sentence_and_a_listing_stands_apart():
    from lxml import etree

    from cleaner.segment import _extracted_lines

    body = etree.fromstring(
        "<body><p>The <code>open</code> call returns a <code>Result</code> value, which the caller "
        "must check.</p><item>Call <code>unwrap</code> only in tests.</item>"
        "<p><code>let f = File::open(path)?;\nlet n = f.len();</code></p>"
        "<p>Before it: <code>cargo build</code></p><p><code>cargo test</code></p></body>")
    lines = [(tag, text) for tag, text, _ in _extracted_lines(body)]
    assert lines == [
        ("p", "The open call returns a Result value, which the caller must check."),
        ("item", "Call unwrap only in tests."),
        # A listing of two lines, and a command alone in its paragraph, stay code.
        ("code", "let f = File::open(path)?; let n = f.len();"),
        ("p", "Before it: cargo build"),
        ("code", "cargo test"),
    ]


def test_a_page_on_software_keeps_its_sentences_whole():
    from cleaner import clean

    prose = ("<p>The <code>open</code> function returns a <code>Result</code>: the file on success, "
             "and an <code>Error</code> when the path does not exist or cannot be read.</p>"
             "<p>Most programs pass the error up with the <code>?</code> operator instead of handling "
             "it where it happens, which keeps the happy path short and easy to read.</p>")
    page = (f"<html><head><title>Reading files</title></head><body><article><h1>Reading files</h1>{prose}"
            f"<pre><code>let f = File::open(path)?;</code></pre>{prose.replace('Most', 'Many')}"
            "</article></body></html>")
    doc = clean(page)
    assert "The open function returns a Result: the file on success, and an Error when the path" in doc.text
    assert all(p.label.value == "body" for p in doc.paragraphs), [(p.label, p.text) for p in doc.paragraphs]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list(""".!?…:;)"'”’»,-a1 """) + ["\n", "\t", "\u00a0", "\u2003", "\x1c", "\x85", "word"]),
                max_size=12).map("".join))
def test_a_line_ends_open_as_the_sentence_end_pattern_says(line):
    # ends_open strips with str.rstrip instead of searching [closers]\s*$ through the line.
    assert ends_open(line) == (re.search(r"""[.!?…:;)"'”’»]\s*$""", line) is None), repr(line)


_SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from("ab .,\u00e9\u2019" + _SPACES), max_size=40))
def test_a_line_is_normalised_as_normalise_does(text):
    line = text.strip()
    assert _normalised_line(line) == normalise(line)


def test_every_whitespace_but_the_space_is_unprintable():
    # What lets _normalised_line keep a printable line with no double space as it is.
    assert [c for c in _SPACES if c.isprintable()] == [" "]
