from cleaner.segment import looks_like_headline, segment_text, text_paragraphs


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
