"""Resource limits: each has its own error code, and compressed bombs cost bounded memory."""
import gzip
import io
import tracemalloc

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaner import CleanerError
from cleaner.pipeline import Cleaner, Limits
from cleaner.sources import read_jsonl, read_warc

STORY = "The council approved the new bridge on Tuesday after a long debate about its cost.\n\n"


@pytest.mark.parametrize("limits, source, code", [
    (Limits(max_bytes=100), STORY * 3, "too_large"),
    (Limits(max_paragraphs=5), STORY * 6, "too_many_paragraphs"),
    (Limits(max_paragraph_chars=1000), "word " * 1000, "paragraph_too_long"),
])
def test_each_limit_has_its_own_code(limits, source, code):
    with pytest.raises(CleanerError) as err:
        Cleaner(limits=limits).clean(source, kind="text")
    assert err.value.code == code
    assert Cleaner().clean(STORY * 2, kind="text").text  # the defaults let a normal story through


def test_the_default_limits_are_generous_and_documented():
    limits = Limits()
    assert (limits.max_bytes, limits.max_paragraphs, limits.max_paragraph_chars) == (20_000_000, 20_000, 1_000_000)


def _peak(fn) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_gzip_bomb_in_json_lines_is_refused_with_flat_memory():
    line = b'{"id": 1, "text": "' + b"a" * 60_000_000 + b'"}\n'
    bomb = gzip.compress(line + b'{"id": 2, "text": "after the bomb"}\n', compresslevel=9)
    assert len(bomb) < 200_000
    records = []
    peak = _peak(lambda: records.extend(read_jsonl(gzip.open(io.BytesIO(bomb)), max_bytes=1_000_000)))
    assert [r.error["error"] if r.error else r.data for r in records] == ["too_large", "after the bomb"]
    assert peak < 12_000_000  # a few chunks of the cap, never the 60 MB line


def _warc_bomb(size: int) -> io.BytesIO:
    body = gzip.compress(b"<html><body><p>" + b"a" * size + b"</p></body></html>", compresslevel=9)
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                               protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://e.org/bomb", "response", payload=io.BytesIO(body),
                                                  http_headers=headers))
    buf.seek(0)
    return buf


def test_a_compressed_http_body_in_a_warc_is_read_only_up_to_the_cap():
    peaks = []
    for size in (40_000_000, 200_000_000):
        records = []
        buf = _warc_bomb(size)
        peaks.append(_peak(lambda: records.extend(read_warc(buf, max_bytes=1_000_000))))
        assert [r.error["error"] for r in records] == ["too_large"] and records[0].url == "https://e.org/bomb"
    # warcio inflates a block of compressed input at a time (up to ~1000x its size for
    # such a bomb), so memory is bounded by that, not by the body: five times the bomb,
    # the same peak.
    assert peaks[0] < 64_000_000 and peaks[1] < peaks[0] + 8_000_000


def test_an_attribute_flood_is_refused_before_parsing_whatever_the_separators():
    for sep in (" ", "\n", "\t"):
        page = "<html><body><p " + sep.join(f"a{i}=1" for i in range(3000)) + ">x</p><p>" + STORY + "</p>"
        with pytest.raises(CleanerError) as err:
            Cleaner().clean(page, kind="html")
        assert err.value.code == "too_many_attributes"
    # A long tag with few attributes (an inline SVG path) is fine.
    svg = "<html><body><svg><path d='" + "M0 0 L1 1 " * 2000 + "'/></svg><p>" + STORY * 2 + "</p>"
    assert Cleaner().clean(svg, kind="html").status == "ok"


def test_script_between_a_less_than_and_a_greater_than_is_no_attribute_flood():
    # Real pages (4,779 in the corpora, none refused) hold stretches like this.
    script = "<script>for (var i=0; i<n; i++) { total = total + values[i] * 2; } " * 800 + "</script>"
    page = "<html><head>" + script + "</head><body><article><p>" + STORY * 2 + "</p></article></body></html>"
    assert Cleaner().clean(page, kind="html").status == "ok"
    comment = "<!-- " + "a=1 " * 5000 + " -->"
    assert Cleaner().clean("<html><body>" + comment + "<p>" + STORY * 2 + "</p></body></html>").status == "ok"
