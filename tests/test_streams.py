"""Documents in streams: JSON Lines on stdin and in files, WARC archives, line outputs."""
import gzip
import io
import json
import subprocess
import sys
import threading

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaner import Cleaner
from cleaner.batch import run
from cleaner.sources import Fields, read_jsonl, read_path, read_warc

STORY = ("The harbour authority approved a new breakwater on Tuesday after three winters of storm damage "
         "to the fishing fleet.\n\nConstruction starts in April and should take two years, the authority said.")
APPEAL = ("Independent reporting like this costs money. If you value it, please donate today and "
          "become a supporter: every contribution keeps our journalism free for all.")
PAGE = ("<html><head><title>Breakwater approved</title></head><body><article><h1>Breakwater approved</h1>"
        "<p>The harbour authority approved a new breakwater on Tuesday after three winters of storm damage "
        "to the fishing fleet, which lost eleven boats last year.</p>"
        "<p>Construction starts in April and should take two years, the authority said on Tuesday evening.</p>"
        "</article></body></html>")


def jsonl(*rows) -> bytes:
    return b"".join((r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in rows)


def test_jsonl_records_keep_their_line_numbers_and_bad_lines_become_errors():
    data = jsonl({"id": 7, "text": STORY}, b"{oops", b"", {"id": "x", "html": PAGE, "url": "https://e.org/a"},
                 [1, 2], {"id": 9}, {"id": 10, "text": 5})
    records = list(read_jsonl(io.BytesIO(data)))
    assert [r.position for r in records] == [1, 2, 4, 5, 6, 7]
    assert (records[0].id, records[0].kind, records[0].data) == (7, "text", STORY)
    assert (records[2].kind, records[2].url) == ("html", "https://e.org/a")
    assert [r.error["error"] if r.error else None for r in records] == [None, "bad_record", None, "bad_record",
                                                                          "bad_record", "bad_record"]
    assert records[4].id == 9 and "no 'html' or 'text' field" in records[4].error["message"]


def test_jsonl_field_names_are_configurable_and_long_lines_are_refused_without_holding_them():
    data = jsonl({"doc": "a", "body": STORY}, {"doc": "b", "body": "x" * 5000}, {"doc": "c", "body": STORY})
    records = list(read_jsonl(io.BytesIO(data), fields=Fields(id="doc", text="body"), max_bytes=1000))
    assert [r.id for r in records] == ["a", None, "c"]
    assert records[1].error["error"] == "too_large" and records[2].data == STORY


def warc_file(path, records, *, gzip_members=True):
    """Write a WARC with warcio's own writer; `records` are (uri, status, content type, body, type)."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip_members)
        for uri, status, ctype, body, rtype in records:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(uri, rtype, payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(rec)
    return path


def test_warc_html_responses_are_documents_and_the_rest_is_skipped_with_a_reason(tmp_path):
    cyrillic = ("<html><body><article><p>Міська рада ухвалила рішення про ремонт мосту через річку, "
                "роботи почнуться навесні й триватимуть два роки.</p></article></body></html>")
    path = warc_file(tmp_path / "crawl.warc.gz", [
        ("https://e.org/a", "200 OK", "text/html; charset=utf-8", PAGE.encode(), "response"),
        ("https://e.org/logo.png", "200 OK", "image/png", b"\x89PNG....", "response"),
        ("https://e.org/gone", "404 Not Found", "text/html", b"<html>no</html>", "response"),
        ("https://e.org/a", "200 OK", "text/html", b"", "revisit"),
        ("https://e.org/ua", "200 OK", "text/html; charset=windows-1251", cyrillic.encode("cp1251"), "response"),
    ])
    records = list(read_path(path))
    assert [r.skip.split(":")[0] if r.skip else "doc" for r in records] == [
        "doc", "not HTML", "HTTP status 404", "revisit", "doc"]
    first = records[0]
    assert first.url == "https://e.org/a" and first.meta["warc_target_uri"] == "https://e.org/a"
    assert first.meta["warc_record_id"].startswith("<urn:uuid:") and first.meta["warc_date"]
    # Decoded per the HTTP header: the page itself declares nothing.
    doc = Cleaner().clean(records[4].data, kind="html", charset=records[4].charset)
    assert "Міська рада ухвалила" in doc.text


def test_a_truncated_warc_keeps_the_whole_records_and_reports_the_cut_one(tmp_path):
    body = " ".join(f"word{i}" for i in range(3000)).encode()
    path = warc_file(tmp_path / "cut.warc.gz", [
        (f"https://e.org/{i}", "200 OK", "text/html", b"<html><body><p>" + body + b"</p></body></html>", "response")
        for i in range(3)])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 5 // 6])  # cut inside the third gzip member
    records = list(read_warc(open(path, "rb")))
    assert [r.url for r in records[:2]] == ["https://e.org/0", "https://e.org/1"]
    assert all(r.data for r in records[:2])
    assert records[-1].skip and records[-1].skip.startswith("broken")


def test_folder_with_streams_gets_numbered_outputs_and_counts_what_is_not_a_document(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    warc_file(src / "crawl.warc.gz", [
        ("https://e.org/a", "200 OK", "text/html", PAGE.encode(), "response"),
        ("https://e.org/x.css", "200 OK", "text/css", b"body{}", "response"),
        ("https://e.org/b", "200 OK", "text/html", PAGE.replace("Tuesday", "Monday").encode(), "response"),
    ])
    with gzip.open(src / "feed.jsonl.gz", "wb") as fh:
        fh.write(jsonl({"id": "s1", "text": STORY + "\n\n" + APPEAL}, {"id": "s2", "text": ""}))
    summary = run(src, tmp_path / "out")
    out = tmp_path / "out"
    assert sorted(p.name for p in (out / "crawl.warc.gz").glob("*.json")) == ["000001.json", "000003.json"]
    record = json.loads((out / "crawl.warc.gz" / "000003.json").read_text())
    assert record["source"] == "crawl.warc.gz:3" and record["metadata"]["warc_target_uri"] == "https://e.org/b"
    assert record["metadata"]["url"] == "https://e.org/b" and "Monday" in record["text"]
    story = json.loads((out / "feed.jsonl.gz" / "000001.json").read_text())
    assert story["id"] == "s1" and APPEAL not in story["text"] and story["appeals"]
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert errors == [{"source": "feed.jsonl.gz:2", "id": "s2", "line": 2, "error": "empty",
                       "message": "the document is empty"}]
    assert summary.documents == 4 and summary.failed == 1 and summary.not_documents == {"not HTML": 1}
    assert json.loads((out / "summary.json").read_text())["not_documents"] == {"not HTML": 1}
    # A rerun finds every output done.
    again = run(src, tmp_path / "out")
    assert again.skipped == 3 and again.failed == 1


def test_a_single_warc_file_can_be_the_input(tmp_path):
    path = warc_file(tmp_path / "one.warc", [("https://e.org/a", "200 OK", "text/html", PAGE.encode(), "response")],
                     gzip_members=False)
    summary = run(path, tmp_path / "out")
    assert summary.cleaned == 1 and (tmp_path / "out" / "one.warc" / "000001.txt").is_file()


def test_jsonl_format_writes_ordered_parts_with_errors_in_place(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(5):
        (src / f"d{i}.txt").write_text(STORY.replace("April", f"April {i + 1}") if i != 2 else "")
    summary = run(src, tmp_path / "out", fmt="jsonl", part_size=2, jobs=2)
    parts = sorted((tmp_path / "out").glob("part-*.jsonl"))
    assert [p.name for p in parts] == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    rows = [json.loads(line) for p in parts for line in p.read_text().splitlines()]
    assert [r["source"] for r in rows] == [f"d{i}.txt" for i in range(5)]
    assert [r["status"] for r in rows] == ["ok", "ok", "error", "ok", "ok"] and rows[2]["error"] == "empty"
    assert "April 4 " in rows[3]["text"] and summary.failed == 1
    assert not list((tmp_path / "out").glob("*.txt")) and not list((tmp_path / "out").glob(".*tmp"))


def run_stream(data: bytes, *args, **kwargs):
    return subprocess.run([sys.executable, "-m", "cleaner", "run", "-", "-", "--jobs", "2", *args],
                          input=data, capture_output=True, **kwargs)


def test_stdin_to_stdout_keeps_order_puts_errors_in_place_and_equals_the_library():
    rows = [{"id": i, "text": STORY.replace("April", f"April {i}") + ("\n\n" + APPEAL if i % 3 == 0 else "")}
            for i in range(12)]
    data = jsonl(*rows[:5], b"[broken", *rows[5:])
    done = run_stream(data)
    assert done.returncode == 1, done.stderr  # one line failed
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert len(out) == 13 and [o.get("id") for o in out] == [0, 1, 2, 3, 4, None, *range(5, 12)]
    assert out[5]["status"] == "error" and out[5]["error"] == "bad_record" and out[5]["line"] == 6
    library = Cleaner()
    for o, row in zip([o for o in out if o["status"] == "ok"], rows):
        doc = library.clean(row["text"], kind="text")
        assert o["text"] == doc.text and [p["label"] for p in o["paragraphs"]] == [p.label.value for p in doc.paragraphs]
    assert APPEAL not in out[0]["text"] and out[0]["appeals"]


def test_stream_field_options_and_the_stream_command():
    data = jsonl({"key": "k1", "page": PAGE, "link": "https://e.org/p"})
    done = subprocess.run([sys.executable, "-m", "cleaner", "stream", "--id-field", "key", "--html-field", "page",
                           "--url-field", "link"], input=data, capture_output=True)
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["id"] == "k1" and record["kind"] == "html" and record["metadata"]["url"] == "https://e.org/p"


def test_a_reader_that_stops_early_gets_no_traceback():
    data = jsonl(*[{"id": i, "text": STORY} for i in range(400)])
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "run", "-", "-", "--jobs", "1"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Fed from a thread: the cleaner reads lazily, so a blocking write here would deadlock.
    feeder = threading.Thread(target=_feed, args=(proc.stdin, data))
    feeder.start()
    first = proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    code = proc.wait(timeout=60)
    stderr = proc.stderr.read().decode()
    assert json.loads(first)["id"] == 0
    feeder.join(timeout=10)
    assert code == 141 and "Traceback" not in stderr and "BrokenPipe" not in stderr


def _feed(pipe, data: bytes) -> None:
    try:
        pipe.write(data)
        pipe.close()
    except BrokenPipeError:
        pass  # the cleaner stopped reading once its output was closed


@pytest.mark.parametrize("bad", [b"", b"\n\n"])
def test_empty_stdin_is_an_empty_stream(bad):
    done = run_stream(bad)
    assert done.returncode == 0 and done.stdout == b""


def test_a_broken_gzip_stream_ends_with_an_error_record_and_the_batch_goes_on(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    good = gzip.compress(jsonl(*[{"id": i, "text": STORY} for i in range(50)]))
    (src / "cut.jsonl.gz").write_bytes(good[: len(good) // 2])   # truncated
    (src / "junk.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"not gzip at all" * 10)
    (src / "fine.txt").write_text(STORY)
    summary = run(src, tmp_path / "out")
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert {e["source"].split(":")[0] for e in errors} == {"cut.jsonl.gz", "junk.jsonl.gz"}
    assert all(e["error"] == "io" for e in errors)
    assert (tmp_path / "out" / "fine.json").is_file() and summary.failed == 2
