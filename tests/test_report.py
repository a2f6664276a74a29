"""`cleaner.report` and `cleaner show`: the terminal view, the HTML report and its escaping."""
import html
import json
import re

import lxml.html
import pytest
from rich.console import Console
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.report import CSP, LABEL_COLOURS, render_html, render_terminal

runner = CliRunner()
STORY = ("Flood barriers raised\n"
         "Engineers raised the river barriers on Sunday as the water rose for a third day.\n"
         "“We expect the peak tonight,” a spokeswoman for the agency said.\n"
         "Photo: AFP/Getty Images\n")
RECORD = {
    "source": "a.txt", "kind": "text", "title": "Flood barriers raised",
    "text": "Engineers raised the barriers.",
    "paragraphs": [
        {"text": "Engineers raised the barriers.", "label": "body", "score": 0.91, "why": "model"},
        {"text": "Rescuers at the dam on Monday.", "label": "caption", "score": 0.95, "why": "html:figcaption"},
        {"text": "Photo: AFP/Getty Images", "label": "credit", "score": 0.97, "why": "rule:credit-prefix"},
        {"text": "Support our journalism: donate today.", "label": "appeal", "score": 0.6,
         "why": "context:appeal-run", "first_label": "body"},
        {"text": "Read more: storms", "label": "boilerplate", "score": 0.9, "why": "rule:boilerplate-lexicon"},
    ],
    "captions": [{"text": "Rescuers at the dam on Monday.", "why": "html:figcaption"}],
    "credits": [{"text": "Photo: AFP/Getty Images", "kind": "photo", "why": "rule:credit-prefix"}],
    "appeals": [{"text": "Support our journalism: donate today.", "kind": "donation", "why": "context:appeal-run"}],
    "metadata": {"author": "Jane Doe", "url": "https://example.org/story"},
    "model": {"name": "paragraphs-v1", "version": "1"},
}
ATTACKS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
           '<a href="javascript:alert(1)">javascript:alert(1)</a>', '"><svg onload=alert(1)>',
           "' onmouseover='alert(1)", "</title><script>alert(2)</script>", "</style><script>alert(3)</script>")


def hostile_record() -> dict:
    """RECORD with an attack in every string a page controls."""
    record = json.loads(json.dumps(RECORD))
    record["title"] = " ".join(ATTACKS)
    record["source"] = ATTACKS[3]
    for i, p in enumerate(record["paragraphs"]):
        p["text"] = f"{p['text']} {ATTACKS[i % len(ATTACKS)]}"
        p["why"] = ATTACKS[(i + 1) % len(ATTACKS)]
    record["paragraphs"].append({"text": ATTACKS[-1], "label": ATTACKS[1], "score": ATTACKS[0], "why": ATTACKS[2]})
    record["credits"][0]["kind"] = ATTACKS[1]
    record["metadata"] = {ATTACKS[0]: ATTACKS[2], "url": "javascript:alert(1)", "tags": [ATTACKS[3]], "n": {"x": ATTACKS[1]}}
    return record


def terminal(record, label=None, **options) -> Console:
    console = Console(record=True, width=120, color_system="truecolor", **options)
    render_terminal(record, console, label)
    return console


# Terminal view

def test_terminal_shows_label_score_and_why_of_every_paragraph():
    out = terminal(RECORD).export_text()
    assert out.startswith("Flood barriers raised")
    for p in RECORD["paragraphs"]:
        assert p["text"] in out and p["why"] in out and f" {p['label']} " in out
    assert "0.60 context:appeal-run (was body)" in out
    assert "5 of 5 paragraphs shown; body 1 · caption 1 · credit 1 · appeal 1 · boilerplate 1" in out


def test_terminal_filters_by_label():
    out = terminal(RECORD, "appeal").export_text()
    assert "Support our journalism" in out and "Engineers raised" not in out and "Photo:" not in out
    assert "1 of 5 paragraphs shown" in out


def test_terminal_colours_by_label():
    out = terminal(RECORD, force_terminal=True).export_text(styles=True)
    # The appeal tag's background is its HTML colour: #ffb8d0 as a truecolor escape.
    r, g, b = (int(LABEL_COLOURS["appeal"][i:i + 2], 16) for i in (1, 3, 5))
    assert f"48;2;{r};{g};{b}m appeal " in out


def test_terminal_prints_markup_and_control_characters_literally():
    record = {**RECORD, "title": "[bold]T[/bold]",
              "paragraphs": [{"text": "say [red]x[/red] \x1b[31mred\x1b[0m", "label": "body", "score": 1, "why": "[b]w[/b]"}]}
    console = terminal(record, force_terminal=True)
    plain = console.export_text()
    assert "[bold]T[/bold]" in plain and "say [red]x[/red]" in plain and "[b]w[/b]" in plain
    assert "\\x1b[31mred\\x1b[0m" in plain  # the page's escape code is shown, not obeyed
    assert "\x1b[31mred" not in console.export_text(styles=True)


# HTML report

def test_html_shows_title_summary_legend_and_every_paragraph():
    page = render_html(RECORD)
    tree = lxml.html.fromstring(page)
    assert tree.findtext(".//title") == "cleaner: Flood barriers raised"
    assert tree.findtext(".//h1") == "Flood barriers raised"
    assert "body 1 · caption 1 · credit 1 · appeal 1 · boilerplate 1" in page
    blocks = tree.find_class("para")
    assert [b.get("class") for b in blocks] == [f"para l-{p['label']}" for p in RECORD["paragraphs"]]
    for block, p in zip(blocks, RECORD["paragraphs"]):
        assert p["text"] in block.text_content()
        assert p["why"] in block.get("title") and p["label"] in block.get("title")  # hover
        assert p["why"] in block.find_class("tag")[0].text_content()  # and visible
    for name, colour in LABEL_COLOURS.items():  # the legend
        assert f".l-{name} {{ background: {colour}; }}" in page
        assert tree.find_class(f"swatch l-{name}")
    removed = tree.text_content()
    assert "credits (1)" in removed and "appeals (1)" in removed and "captions (1)" in removed
    assert "Jane Doe" in removed


def test_html_is_self_contained_with_a_strict_csp():
    page = render_html(RECORD)
    tree = lxml.html.fromstring(page)
    metas = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]')
    assert [m.get("content") for m in metas] == [CSP]
    assert CSP == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    assert not re.search(r"<script|<link|<img|<a\b|href=|src=|url\(|@import", page, re.IGNORECASE)
    assert "https://example.org/story" in tree.text_content()  # shown, never linked


def test_html_escapes_everything_from_the_page():
    record = hostile_record()
    page = render_html(record)
    assert "<script" not in page.lower() and "<svg" not in page.lower() and "<img" not in page.lower()
    for attack in ATTACKS:
        assert html.escape(attack, quote=True) in page
    tree = lxml.html.fromstring(page)
    allowed = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "div", "span", "p",
               "table", "tr", "th", "td", "ul", "li"}
    assert {el.tag for el in tree.iter()} <= allowed
    attributes = {a for el in tree.iter() for a in el.attrib}
    assert attributes <= {"charset", "http-equiv", "content", "name", "class", "title"}
    assert {el.get("class") for el in tree.find_class("para")} <= {f"para l-{n}" for n in (*LABEL_COLOURS, "unknown")}
    assert tree.findtext(".//title") == "cleaner: " + record["title"]
    texts = tree.text_content()
    for p in record["paragraphs"]:
        assert p["text"] in texts


def test_html_survives_a_sparse_record():
    page = render_html({"paragraphs": [{"text": "x"}]})
    assert "(no title)" in page and "l-unknown" in page


# `cleaner show`

@pytest.fixture
def story(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_show_prints_why_for_a_document(story):
    result = runner.invoke(app, ["show", str(story)])
    assert result.exit_code == 0, result.output
    assert "Flood barriers raised" in result.stdout
    assert "credit" in result.stdout and "rule:credit-prefix" in result.stdout and "Photo: AFP/Getty Images" in result.stdout
    assert "Engineers raised the river barriers" in result.stdout


def test_show_filters_a_json_record_from_cleaner_run(story, tmp_path):
    out = tmp_path / "out"
    assert runner.invoke(app, ["run", str(story), str(out), "--quiet", "--jobs", "1"]).exit_code == 0
    result = runner.invoke(app, ["show", str(out / "story.json"), "--label", "credit"])
    assert result.exit_code == 0, result.output
    assert "Photo: AFP/Getty Images" in result.stdout and "Engineers raised" not in result.stdout


def test_show_writes_an_html_report(story, tmp_path):
    target = tmp_path / "reports" / "story.html"
    result = runner.invoke(app, ["show", str(story), "--html", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(target)
    page = target.read_text(encoding="utf-8")
    assert "Photo: AFP/Getty Images" in page and CSP in page
    assert [p.name for p in target.parent.iterdir()] == ["story.html"]  # no temporary left behind


def test_show_reads_stdin_and_cleans_a_json_that_is_no_record(tmp_path):
    assert "Engineers raised" in runner.invoke(app, ["show", "-"], input=STORY).stdout
    text = tmp_path / "story.json"  # not JSON at all: a document
    text.write_text(STORY, encoding="utf-8")
    assert "Engineers raised" in runner.invoke(app, ["show", str(text)]).stdout
    other = tmp_path / "notes.json"  # JSON, but no paragraphs: a document too, with no article in it
    other.write_text('{"note": "Engineers raised the barriers."}', encoding="utf-8")
    result = runner.invoke(app, ["show", str(other)])
    assert result.exit_code == 0 and "not_article" in result.stdout


def test_show_fails_cleanly(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["show", str(empty)])
    assert result.exit_code == 1 and "empty" in result.stderr and "Traceback" not in result.output
    result = runner.invoke(app, ["show", str(empty), "--label", "nonsense"])
    assert result.exit_code == 2 and "--label" in result.stderr
    assert runner.invoke(app, ["show", str(tmp_path / "missing.txt")]).exit_code == 2


def test_run_with_report_writes_one_page_per_document(tmp_path):
    from cleaner.batch import run

    src = tmp_path / "in"
    src.mkdir()
    (src / "story.txt").write_text("Library reopens\nThe town library reopened on Monday after a year of repairs, "
                                   "the mayor said.\nPlease donate today to keep our reporting free for everyone.\n")
    summary = run(src, tmp_path / "out", report=True)
    page = (tmp_path / "out" / "story.report.html").read_text()
    assert summary.cleaned == 1 and "The town library reopened" in page and "appeal" in page
    assert not (tmp_path / "out" / "story.report.html").with_name(".tmp").exists()
