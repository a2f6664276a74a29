"""The HTML report in a real headless Chromium: its colours on screen, and no injected script running."""
import os

import lxml.html
import pytest

from cleaner.report import LABEL_COLOURS, render_html

from .browser import dump_dom, find_chromium, screenshot

try:
    from PIL import Image
except ImportError:  # the test extra has Pillow; like Chromium, CI may not go without it
    if os.environ.get("CI"):
        raise
    pytest.skip("Pillow is not installed (pip install -e '.[test]')", allow_module_level=True)

STORY = """Council approves new river bridge
The city council on Tuesday approved plans for a new bridge across the river, ending a decade of debate over how to ease traffic in the old town.
"This is a historic day for the city," the mayor told reporters after the vote, adding that construction could start next spring.
Photo: Jane Roe/Reuters
Our journalism is funded by readers like you. Please support independent reporting with a donation today: every contribution, big or small, keeps our newsroom going.
"""
PWN = "document.title='pwned'"
HOSTILE = f"""Mayor <script>{PWN}</script> opens bridge
The city council on Tuesday approved plans for a new bridge, <script>{PWN}</script> ending a decade of debate over traffic.
Residents gathered by the river <img src=x onerror="{PWN}"> to watch the vote on a large screen outside the hall.
Read the full plan <a href="javascript:{PWN}">javascript:{PWN}</a> on the council website.
"><svg onload="{PWN}"> was written on a banner held by protesters, who said the bridge would cost too much.
"""
# Anti-aliased edges aside, a block's background is exactly its colour; allow a little for colour management.
TOLERANCE = 6
# A legend swatch is 14x14 pixels; a paragraph block is hundreds of pixels wide and 40 or more high.
SWATCH_MAX, BLOCK_MIN = 400, 5_000


@pytest.fixture(autouse=True, scope="module")
def chromium():
    return find_chromium()


def colour_counts(png) -> dict[str, int]:
    """Pixels within TOLERANCE of each label's colour."""
    with Image.open(png) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 24)  # [(count, (r, g, b)), ...]
    targets = {name: tuple(int(hex_[i:i + 2], 16) for i in (1, 3, 5)) for name, hex_ in LABEL_COLOURS.items()}
    return {name: sum(n for n, pixel in colours if max(abs(a - b) for a, b in zip(pixel, rgb)) <= TOLERANCE)
            for name, rgb in targets.items()}


def test_screenshot_shows_each_label_in_its_colour(cleaner, tmp_path):
    record = cleaner.clean(STORY, kind="text").to_dict()
    assert {p["label"] for p in record["paragraphs"]} == {"body", "credit", "appeal"}
    page = tmp_path / "report.html"
    page.write_text(render_html(record), encoding="utf-8")
    counts = colour_counts(screenshot(page, tmp_path / "shot.png"))
    for name in ("body", "credit", "appeal"):
        assert counts[name] >= BLOCK_MIN, counts
    # No caption or boilerplate paragraph: only their legend swatches show those colours.
    for name in ("caption", "boilerplate"):
        assert counts[name] <= SWATCH_MAX, counts
    assert counts["body"] > counts["credit"]  # two body paragraphs against one short credit line


def _dangerous(tree) -> list[str]:
    """Script elements, event handlers and links anywhere in a parsed DOM."""
    found = [el.tag for el in tree.iter("script", "a", "img", "svg", "iframe")]
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        found += [f"{el.tag}@{a}" for a in el.attrib if a.lower().startswith("on") or a.lower() in ("href", "src")]
    return found


def test_injected_markup_stays_text_in_the_browser(cleaner, tmp_path):
    record = cleaner.clean(HOSTILE, kind="text", url=f"javascript:{PWN}").to_dict()
    record["paragraphs"][0]["why"] = f'"><img src=x onerror="{PWN}">'
    page = tmp_path / "report.html"
    page.write_text(render_html(record), encoding="utf-8")
    tree = lxml.html.fromstring(dump_dom(page))
    assert tree.findtext(".//title") == f"cleaner: Mayor <script>{PWN}</script> opens bridge"
    assert _dangerous(tree) == []
    shown = tree.body.text_content()
    assert f'<img src=x onerror="{PWN}">' in shown and f"javascript:{PWN}" in shown


def test_the_browser_check_would_catch_a_leak(tmp_path):
    # Control: the same strings pasted in raw do run in this browser, so the test above means something.
    page = tmp_path / "raw.html"
    page.write_text(f"<!DOCTYPE html><html><head><title>safe</title></head><body>{HOSTILE}</body></html>",
                    encoding="utf-8")
    tree = lxml.html.fromstring(dump_dom(page))
    assert tree.findtext(".//title") == "pwned"
    assert _dangerous(tree)
