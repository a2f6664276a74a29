"""A model folder's text part (model_files.TEXT_PART): which model labels what."""
import shutil

import numpy as np
import pytest
from typer.testing import CliRunner

from cleaner import Cleaner, CleanerError, Label
from cleaner.cli import app
from cleaner.document import Block
from cleaner.model import Model
from cleaner.model_files import DEFAULT_MODEL, check_model, models_dir, text_part
from cleaner.segment import reads_as_copied_page
from cleaner.train import model_name

from .conftest import FIXTURES

ARTICLE = ("The council approved the new bridge on Tuesday after a two-hour debate.\n\n"
           "Work is due to start in the spring and will take about eighteen months, officials said.\n\n"
           "Residents near the river had asked for a footpath on both sides of the crossing.")
PAGE = ("<html><body><article><h1>Bridge approved</h1>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")) + "</article></body></html>")
# The same article as a whole page copied as text: menus above it, links and a footer below.
MENU = ["Home", "City", "Politics", "Business", "Sport", "Culture", "Weather", "Podcasts", "Events", "Search"]
FOOTER = ["Most read", "Tram line closes for repairs", "Market hall reopens", "Contact us",
          "Terms of use", "Privacy", "Advertise with us", "Careers"]
COPIED_PAGE = "\n\n".join(MENU + ARTICLE.split("\n\n") + FOOTER)


def _main_part(folder):
    """A copy of the shipped model's main part (without its own text part) in `folder`."""
    folder.mkdir(parents=True)
    for name in ("model.json", "weights.npz"):
        shutil.copy(models_dir() / DEFAULT_MODEL / name, folder / name)
    return folder


def _all_boilerplate_part(folder):
    """A text part that calls every paragraph no rule decides boilerplate, whatever its words."""
    model = Model.load(_main_part(folder.parent / "main-copy"))
    intercept = np.full(len(model.labels), -30.0, dtype=np.float32)
    intercept[list(model.labels).index(Label.BOILERPLATE)] = 30.0
    Model(name="mine/text", version="9", labels=model.labels, vocabulary=model.vocabulary,
          coef_t=np.zeros_like(model.coef_t), intercept=intercept, info={}).save(folder)


@pytest.fixture
def with_text_part(tmp_path):
    folder = _main_part(tmp_path / "mine")
    _all_boilerplate_part(folder / "text")
    return folder


def test_a_copied_page_is_labelled_by_the_text_part_articles_and_pages_by_the_main_one(with_text_part):
    cleaner = Cleaner(with_text_part)
    copied = cleaner.clean(COPIED_PAGE, kind="text")
    assert copied.model == {"name": "mine/text", "version": "9"}
    assert {p.label for p in copied.paragraphs if p.why == "model"} == {Label.BOILERPLATE}
    for doc in (cleaner.clean(ARTICLE, kind="text"), cleaner.clean(PAGE, kind="html")):
        assert doc.model["name"] != "mine/text"
        assert [p.label for p in doc.paragraphs] == [Label.BODY] * 3


def test_label_picks_the_model_by_the_blocks(with_text_part):
    cleaner = Cleaner(with_text_part)
    lines = [Block(p, tag="line") for p in COPIED_PAGE.split("\n\n")]       # plain-text lines
    tagged = [Block(p, tag="p") for p in COPIED_PAGE.split("\n\n")]
    article = [b for b in lines if len(b.text.split()) > 6]
    assert cleaner.model_for(lines)[0].name == "mine/text"
    assert cleaner.model_for(tagged)[0] is cleaner.model
    assert cleaner.model_for(lines, kind="html")[0] is cleaner.model
    assert cleaner.model_for(article)[0] is cleaner.model
    assert {p.label for p in cleaner.label(article, "en")} == {Label.BODY}


def test_the_text_part_is_loaded_only_for_a_copied_page(with_text_part):
    cleaner = Cleaner(with_text_part)
    cleaner.clean(PAGE, kind="html")
    cleaner.clean(ARTICLE, kind="text")
    assert cleaner._text is None
    cleaner.clean(COPIED_PAGE, kind="text")
    assert cleaner._text is not None


def test_without_a_text_part_one_model_labels_both(tmp_path):
    folder = _main_part(tmp_path / "single")
    assert text_part(folder) is None
    cleaner = Cleaner(folder)
    assert cleaner.clean(COPIED_PAGE, kind="text").model == cleaner.clean(PAGE, kind="html").model
    lines = [Block(p, tag="line") for p in COPIED_PAGE.split("\n\n")]
    assert cleaner.model_for(lines)[0] is cleaner.model
    in_memory = Cleaner(Model.load(folder))
    assert in_memory.model_for(lines)[0] is in_memory.model


def test_the_shipped_model_has_a_text_part():
    cleaner = Cleaner()
    text_model = cleaner.model_for([Block(p, tag="line") for p in COPIED_PAGE.split("\n\n")])[0]
    assert text_model is not cleaner.model
    assert text_model.name == f"{DEFAULT_MODEL}/text"
    # It learnt plain text from pages copied whole, besides the fixtures.
    assert any("flat-" in path for path in text_model.info["data"])
    assert any("fixtures" in path for path in text_model.info["data"])


def test_a_broken_text_part_is_a_clear_error(tmp_path):
    folder = _main_part(tmp_path / "broken")
    (folder / "text").mkdir()
    (folder / "text" / "model.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CleanerError, match="cannot load model") as info:
        check_model(folder)
    assert info.value.code == "io"
    cleaner = Cleaner(folder)                       # pages and articles need only the main part
    assert cleaner.clean(PAGE, kind="html").text and cleaner.clean(ARTICLE, kind="text").text
    with pytest.raises(CleanerError, match="cannot load model"):
        cleaner.clean(COPIED_PAGE, kind="text")


def test_a_text_part_is_named_after_its_folder(tmp_path):
    assert model_name(tmp_path / "paragraphs-v3" / "text") == "paragraphs-v3/text"
    assert model_name(tmp_path / "paragraphs-v3") == "paragraphs-v3"


@pytest.mark.parametrize("weight", ["flat", "flat=", "=2", "flat=much", "flat=-1"])
def test_train_refuses_a_malformed_weight(tmp_path, weight):
    result = CliRunner().invoke(app, ["train", "fixtures/labelled", "--out", str(tmp_path / "m"), "--weight", weight])
    assert result.exit_code == 2
    assert "KIND=NUMBER" in result.output
    assert not (tmp_path / "m").exists()


def test_a_copied_page_has_enough_lines_and_enough_short_open_ones():
    prose = "The water board met on Monday and agreed the new prices."

    def lines(short, long):
        return [Block(f"Menu item {i}", tag="line") for i in range(short)] + [Block(prose, tag="line")] * long

    assert reads_as_copied_page(lines(6, 14))           # 20 lines, 30% short
    assert not reads_as_copied_page(lines(5, 15))       # 25% short
    assert not reads_as_copied_page(lines(6, 13))       # 19 lines
    # A short line that ends a sentence is not a menu item.
    assert not reads_as_copied_page([Block("It rained.", tag="line")] * 10 + [Block(prose, tag="line")] * 10)


def test_the_shipped_text_part_on_a_copied_page_of_our_own():
    """fixtures/examples/copied_page_harbour_levy.txt: a news page copied from a browser,
    one line per element. Every article paragraph stays; menus, share links and footer go."""
    text = (FIXTURES / "examples" / "copied_page_harbour_levy.txt").read_text(encoding="utf-8")
    doc = Cleaner().clean(text)
    assert doc.model["name"] == f"{DEFAULT_MODEL}/text"
    article = [line for line in text.splitlines() if len(line.split()) > 15]
    assert len(article) == 6
    assert [p for p in doc.text.split("\n\n") if len(p.split()) > 15] == article
    kept = set(doc.text.split("\n\n"))
    for line in ("Skip to main content", "Home", "Subscribe", "Share this article", "Most read",
                 "Privacy policy", "Cookie settings", "Terms of use", "© 2026 Coastline Courier",
                 "Tide tables for March"):  # a teaser under "Most read" (context:after-article)
        assert line not in kept, line
