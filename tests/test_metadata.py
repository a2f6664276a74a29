"""Document facts from pages: headline without the site's name, authors as a list, encodings."""
import pytest

from cleaner import clean
from cleaner.metadata import headline


@pytest.mark.parametrize("title, site, host, want", [
    ("Five Lessons for Business - BusinessWeek", None, "www.businessweek.com", "Five Lessons for Business"),
    ("TechCrunch | Founder Didn’t Want To Take Over", None, "techcrunch.com", "Founder Didn’t Want To Take Over"),
    ("Takeaways from the testimony | CNN Politics", "CNN", "edition.cnn.com", "Takeaways from the testimony"),
    ("N. Korea warns of consequences | Yonhap News Agency", "Yonhap News Agency", "en.yna.co.kr",
     "N. Korea warns of consequences"),
    # Not the site's name: the separators belong to the headline.
    ("Analysis: The nonstop sparring match", "CNN", "edition.cnn.com", "Analysis: The nonstop sparring match"),
    ("War in Ukraine - Day 3 - live", "The Guardian", "theguardian.com", "War in Ukraine - Day 3 - live"),
    ("Pogoda - prognoza na weekend", None, None, "Pogoda - prognoza na weekend"),
])
def test_the_headline_loses_only_the_site_name(title, site, host, want):
    assert headline(title, site, host) == want


ARTICLE = ("<p>The regional parliament approved the budget on Thursday after a night of talks, "
           "the speaker said.</p><p>Opposition parties voted against it and said they would challenge "
           "parts of it in court next month.</p>")


def test_authors_come_as_a_list_and_the_title_without_the_site():
    page = ("<html><head><title>Budget approved after night of talks | Valley Herald</title>"
            "<meta property='og:site_name' content='Valley Herald'>"
            "<meta name='author' content='Anna Berg; Tom Roe'></head><body><article>"
            + ARTICLE + "</article></body></html>")
    doc = clean(page, kind="html")
    assert doc.title == "Budget approved after night of talks"
    assert doc.metadata["authors"] == ["Anna Berg", "Tom Roe"]


def _dated(head: str = "", top: str = "") -> str:
    return (f"<html><head><title>Budget approved</title>{head}</head><body><article>{top}{ARTICLE}</article>"
            "<footer><p>© 2021 Valley Herald</p><p>Archive: stories since 2019</p></footer></body></html>")


@pytest.mark.parametrize("head, top", [
    ("<meta property='article:published_time' content='2024-03-05T08:00:00Z'>", ""),
    ("", "<p class='published'>Published March 5, 2024</p>"),
    ("", "<time datetime='2024-03-05'>5 March</time>"),
])
def test_a_page_gives_the_date_its_markup_names(head, top):
    assert clean(_dated(head, top), kind="html").metadata["date"] == "2024-03-05"


def test_a_year_in_the_footer_is_no_date():
    # htmldate's search of the whole page's text read the copyright year as 2021-01-01.
    assert "date" not in clean(_dated(), kind="html").metadata


HEADLINE = "Ferry fares rise by a fifth"


def _headed(title: str, headline: str) -> str:
    # In an h2: with one h1, trafilatura takes the h1 for the title, not <title>.
    return (f"<html><head><title>{title}</title></head><body><article><h2>{headline}</h2>{ARTICLE}"
            "</article></body></html>")


@pytest.mark.parametrize("title, want", [
    # Section names after the headline, not the site's name: the page's own headline is the title.
    (f"{HEADLINE} - Transport - News - Breaking News", HEADLINE),
    (f"{HEADLINE}_English_Harbour Wire", HEADLINE),
    # A kicker before a colon stays in the title.
    (f"Harbour Notes: {HEADLINE}", f"Harbour Notes: {HEADLINE}"),
])
def test_the_headline_leaves_the_text_when_the_title_holds_more(title, want):
    doc = clean(_headed(title, HEADLINE), kind="html")
    assert doc.title == want
    assert HEADLINE not in doc.text and doc.text.startswith("The regional parliament")


def test_a_line_that_only_begins_like_the_title_stays_in_the_text():
    line = f"{HEADLINE} from Monday"
    doc = clean(_headed(f"{HEADLINE} - Transport - News - Breaking News", line), kind="html")
    assert doc.title.startswith(f"{HEADLINE} - Transport") and line in doc.text


def test_utf8_bytes_win_over_a_wrong_latin1_declaration():
    page = ("<html><head><meta charset='iso-8859-1'></head><body><article><p>La cúpula de la organización "
            "decidió el martes celebrar una reunión extraordinaria en la sede de Bilbao.</p><p>Según fuentes "
            "próximas, la decisión se tomó por unanimidad después de varias horas.</p></article></body></html>")
    doc = clean(page.encode("utf-8"), kind="html")
    assert "La cúpula de la organización" in doc.text and doc.metadata["encoding"] == "utf-8"
    # A page really in Latin-1 still decodes as it declares.
    doc = clean(page.encode("latin-1"), kind="html")
    assert "La cúpula de la organización" in doc.text and doc.metadata["encoding"] != "utf-8"


def test_plain_text_gives_its_date_line_and_dateline():
    doc = clean("Council approves new bridge\nPublished 3 March 2024, 10:22\n"
                "KYIV, March 3 (Reuters) - The city council approved the new bridge on Tuesday after a long "
                "debate about its cost and the traffic it will bring.\nWork starts in spring, the mayor said.\n",
                kind="text")
    assert doc.title == "Council approves new bridge"
    assert doc.metadata["date"] == "2024-03-03" and doc.metadata["date_line"] == "Published 3 March 2024, 10:22"
    assert doc.metadata["dateline"] == {"place": "KYIV", "agency": "Reuters"}
    assert doc.metadata["language"] == "en"


def test_date_lines_in_other_languages_and_none_where_there_is_none():
    doc = clean("Pożar lasu pod Opolem\n12 maja 2024\nStrażacy od trzech dni gaszą pożar lasu w pobliżu wsi, "
                "poinformowała w środę straż pożarna.\n", kind="text")
    assert doc.metadata["date"] == "2024-05-12" and doc.metadata["language"] == "pl"
    doc = clean("The council met for the 2024 budget on Monday and argued about the bridge for many hours.\n"
                "Work starts in spring, the mayor said.\n", kind="text")
    assert "date" not in doc.metadata and "dateline" not in doc.metadata


def test_a_date_line_must_name_a_day():
    # A year alone, or a month and a year, is no date: htmldate would give the 1st of January.
    for line in ("The ten best trail shoes of 2025", "Edited April 2024", "Former editor (2020–2024)"):
        doc = clean(f"Shoes for the long run\n{line}\nWe tried forty pairs of shoes on rocky trails "
                    "over three months and kept notes on grip and wear.\n", kind="text")
        assert "date" not in doc.metadata, line
    doc = clean("Shoes for the long run\nMarch 1st, 2024\nWe tried forty pairs of shoes on rocky trails.\n",
                kind="text")
    assert doc.metadata["date"] == "2024-03-01"


@pytest.mark.parametrize("text, kind", [
    ("Become a member today and get every story first.", "membership"),
    ("Or you could join our community of readers and help us report from the front line.", "membership"),
    ("Rejoignez notre communauté de lecteurs : votre soutien fait vivre la rédaction.", "membership"),
    ("Sign up for our morning newsletter.", "newsletter"),
    ("Chip in €5 a month to keep this site free.", "donation"),
    ("Subscribe now for full access.", "subscription"),
    ("Follow us on Telegram for the latest.", "other"),
    # Capitals as a button or a headline writes them (the kinds are searched lower-cased).
    ("BECOME A MEMBER", "membership"), ("Sign Up For Our Morning Newsletter", "newsletter"),
    ("ПІДТРИМАЙТЕ НАС ДОНАТОМ", "donation"),
])
def test_an_appeal_gets_the_first_kind_its_words_name(text, kind):
    from cleaner.metadata import appeal_kind

    assert appeal_kind(text) == kind
