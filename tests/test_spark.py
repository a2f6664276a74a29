"""The Spark integration gives, row for row, what `Cleaner.clean` gives in-process.

Needs pyspark and Java 17. Skipped without them, except on CI, where their
absence fails: CI must not pass without having run Spark.
"""
import io
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def _missing() -> str | None:
    try:
        import pandas  # noqa: F401
        import pyarrow  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError as exc:
        return f"the Spark extra is not installed ({exc.name})"
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        return "Java is not installed"
    return None


if reason := _missing():
    if os.environ.get("CI"):
        pytest.fail(f"{reason} on CI", pytrace=False)
    pytest.skip(reason, allow_module_level=True)

from pyspark.errors import AnalysisException
from pyspark.sql import SparkSession

from cleaner import CleanerError
from cleaner import spark as cs

HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Harbour ferry timetable cut to two sailings a day</title>
<meta name="author" content="Jane Roe"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Harbour ferry timetable cut to two sailings a day</h1>
<p>The island ferry will run only twice a day from next month, the regional transport authority said on Tuesday, citing a shortage of qualified crew and rising fuel costs.</p>
<figure><img src="ferry.jpg" alt=""><figcaption>The ferry leaves the harbour on Monday morning.</figcaption></figure>
<p>Photo: Harbour Ledger/John Smith</p>
<p>Residents say the change will make it impossible for many of them to commute to jobs on the mainland, and the local council has called an emergency meeting for Thursday evening.</p>
<p>"We were told about this by letter, with three weeks' notice," said Maria Lind, who runs the bakery near the pier. "Half of my staff live on the other side."</p>
<p>The authority said it hoped to restore the full timetable by the summer once new crew members finish their training, but gave no firm date.</p>
</article>
<footer>Share this article</footer></body></html>"""

TEXT = """School breakfasts to be free for all pupils from September

Every primary school pupil in the county will be offered a free breakfast from September, the education committee decided on Monday after a long debate.

The scheme will cost about 2.4 million a year and is paid for by a rise in the tourist tax, which the council approved last spring.

Head teachers welcomed the decision. "Children who have eaten learn better, it is as simple as that," said Tom Berg, head of the harbour school.

Parents will not need to register; schools will open their canteens half an hour before lessons start.

If you value our reporting, please donate today. Every contribution, big or small, keeps our journalism free for everyone to read.
"""

NOISE = bytes(random.Random(7).randrange(256) for _ in range(2000))
JUNK = b"\x89PNG\r\n\x1a\n" + NOISE

# id, text, bytes, url, kind
ROWS = [
    ("page", HTML, None, "https://example.org/ferry", None),
    ("page-bytes", None, HTML.encode("utf-8"), None, "html"),
    ("article", TEXT, None, None, None),
    ("article-as-text", TEXT, None, None, "text"),
    ("empty", "", None, None, None),
    ("junk", None, JUNK, None, None),
    ("noise", None, NOISE, None, None),
    ("null", None, None, None, None),
]


@pytest.fixture(scope="module")
def spark():
    # Workers must import this venv's cleaner, whatever `python3` is on PATH.
    before = os.environ.get("PYSPARK_PYTHON")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (SparkSession.builder.master("local[2]").appName("cleaner-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    if before is None:
        os.environ.pop("PYSPARK_PYTHON")
    else:
        os.environ["PYSPARK_PYTHON"] = before


@pytest.fixture(scope="module")
def results(spark):
    df = spark.createDataFrame(ROWS, "id string, text string, raw binary, url string, kind string")
    out = cs.clean_dataframe(df, ["text", "raw"], url_column="url", kind_column="kind")
    return {r["id"]: r for r in out.collect()}


def expected(cleaner, data, url=None, kind=None, **extra):
    """What the library says in-process: the Document, or the error code."""
    if data is None:
        return "empty"
    try:
        return cleaner.clean(data, url=url, kind=kind, **extra)
    except CleanerError as exc:
        return exc.code


def assert_same(row, doc):
    if isinstance(doc, str):
        assert (row["clean_status"], row["clean_text"], row["clean_paragraphs"]) == (doc, None, [])
        assert row["clean_error"]
        return
    assert (row["clean_status"], row["clean_error"]) == (doc.status, doc.reason)  # "ok" or "not_article"
    assert row["clean_text"] == doc.text
    assert row["clean_title"] == doc.title
    assert [(p["text"], p["label"], p["why"]) for p in row["clean_paragraphs"]] == \
        [(p.text, p.label.value, p.why) for p in doc.paragraphs]
    assert [p["score"] for p in row["clean_paragraphs"]] == pytest.approx([p.score for p in doc.paragraphs])
    for name in ("captions", "credits", "appeals"):
        assert row["clean_" + name] == [i.text for i in getattr(doc, name)]
    assert json.loads(row["clean_metadata"]) == doc.metadata


def test_every_row_equals_in_process_cleaning(results, cleaner):
    assert set(results) == {r[0] for r in ROWS}
    for rid, text, raw, url, kind in ROWS:
        assert_same(results[rid], expected(cleaner, text if text is not None else raw, url, kind))


def test_rows_say_what_went_wrong(results):
    status = {rid: r["clean_status"] for rid, r in results.items()}
    assert status["page"] == status["article"] == status["page-bytes"] == "ok"
    assert (status["empty"], status["junk"], status["null"]) == ("empty", "binary", "empty")
    assert results["article"]["clean_appeals"][0].startswith("If you value our reporting")
    assert results["page"]["clean_captions"] and results["page"]["clean_credits"]


def test_bad_arguments_fail_on_the_driver(spark):
    df = spark.createDataFrame([("x", 1)], "clean_text string, n long")
    with pytest.raises(CleanerError, match="already has clean_text"):
        cs.clean_dataframe(df, "clean_text")
    with pytest.raises(CleanerError, match="string or binary"):
        cs.clean_dataframe(df, "n")
    with pytest.raises(CleanerError, match="bad kind"):
        cs.clean_dataframe(df.withColumnRenamed("clean_text", "t"), "t", kind="pdf")


def test_model_loads_once_per_worker():
    assert cs._cleaner(None) is cs._cleaner(None)


def _jsonl(path: Path) -> list[dict]:
    lines = [{"id": "page", "html": HTML, "url": "https://example.org/ferry"},
             {"id": 7, "text": TEXT}, {"id": "blank", "text": ""}, {"id": "nothing"}]
    path.write_text("\n".join([json.dumps(x) for x in lines] + ["{not json"]) + "\n", encoding="utf-8")
    return lines


def _warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for uri, ctype, body in (("https://example.org/ferry", "text/html; charset=utf-8", HTML.encode()),
                                 ("https://example.org/logo.png", "image/png", JUNK)):
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=http))


def test_clean_files_reads_jsonl_and_warc(spark, cleaner, tmp_path):
    pytest.importorskip("warcio")
    _jsonl(tmp_path / "a.jsonl")
    _warc(tmp_path / "b.warc.gz")
    inputs = [str(tmp_path / name) for name in ("a.jsonl", "b.warc.gz", "missing.jsonl")]
    counts = cs.clean_files(spark, inputs, str(tmp_path / "out"), partitions=3)
    assert counts == {"ok": 3, "empty": 1, "bad_record": 2, "skipped": 1, "io": 1}
    rows = spark.read.parquet(str(tmp_path / "out")).collect()
    warc_page = next(r for r in rows if r["source"].endswith(".warc.gz") and r["clean_status"] == "ok")
    assert warc_page["url"] == "https://example.org/ferry" and warc_page["id"].startswith("<urn:uuid:")
    assert json.loads(warc_page["meta"])["warc_target_uri"] == warc_page["url"]
    assert_same(warc_page, expected(cleaner, HTML.encode(), warc_page["url"], "html", charset="utf-8"))
    assert len(list((tmp_path / "out").glob("part-*.parquet"))) <= 3  # at most one per partition
    with pytest.raises(AnalysisException, match="already exists"):  # never over an earlier run
        cs.clean_files(spark, inputs, str(tmp_path / "out"))


def test_parquet_command_end_to_end(cleaner, tmp_path):
    lines = _jsonl(tmp_path / "docs.jsonl")
    # Enough records that the hash leaves neither of two partitions empty.
    copies = [json.dumps({"id": f"copy-{i}", "text": TEXT}) for i in range(30)]
    with open(tmp_path / "docs.jsonl", "a", encoding="utf-8") as fh:
        fh.write("\n".join(copies) + "\n")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "cleaner.spark", str(tmp_path / "docs.jsonl"), "--out", str(out), "--partitions", "2"]
    env = {k: v for k, v in os.environ.items() if k != "PYSPARK_PYTHON"}
    done = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "35 records: bad_record 2, empty 1, ok 32" in done.stderr
    assert len(list(out.glob("part-*.parquet"))) == 2  # one per partition
    import pandas as pd

    table = pd.read_parquet(out).sort_values("position").reset_index(drop=True)[:5]
    assert list(table["id"]) == ["page", "7", "blank", "nothing", None]
    assert list(table["clean_status"]) == ["ok", "ok", "empty", "bad_record", "bad_record"]
    for i, line in enumerate(lines[:2]):
        doc = cleaner.clean(line.get("html") or line["text"], url=line.get("url"),
                            kind="html" if "html" in line else "text")
        assert table["clean_text"][i] == doc.text
        assert [p["label"] for p in table["clean_paragraphs"][i]] == [p.label.value for p in doc.paragraphs]
