"""`cleaner run` over hostile folders: every input ends as an output or an error record."""
import codecs
import json
import os
import random
import time

import pytest
from typer.testing import CliRunner

from cleaner.batch import run
from cleaner.cli import app

from .conftest import FIXTURES

STORY_UK = ("Рятувальники завершили розбирати завали житлового будинку в Дніпрі в середу ввечері.\n"
            "«Ми перевірили кожен поверх і кожну квартиру», — сказав речник обласної служби порятунку.\n"
            "За його словами, мешканців будинку розселили в гуртожитки та готелі міста.\n")
STORY_EN = ("The café on Market Street reopened on Monday after a fire closed it for a month.\n"
            "The owner said the naïve hope of a quick repair had faded by the second week.\n"
            "Insurers paid for a new kitchen, and regulars raised money for the staff's wages.\n")
PAGE = (FIXTURES / "html" / "related_share.html").read_bytes()


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    src = tmp_path_factory.mktemp("hostile") / "in"
    rng = random.Random(7)
    write(src / "empty.txt", b"")
    write(src / "blank.txt", b"  \n\t\n  ")
    write(src / "binary.html", bytes(rng.randrange(256) for _ in range(4000)))
    write(src / "image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(2000)))
    write(src / "cp1251.txt", STORY_UK.encode("cp1251"))
    write(src / "latin1.html", ("<html><body><article><p>" + STORY_EN.replace("\n", "</p><p>")
                                + "</p></article></body></html>").encode("latin-1"))
    write(src / "utf16.txt", codecs.BOM_UTF16_LE + STORY_EN.encode("utf-16-le"))
    write(src / "utf16-nobom.txt", STORY_UK.encode("utf-16-le"))
    write(src / "nul-bytes.txt", STORY_EN.replace(" on ", " on\x00 ").encode())
    write(src / "broken.html", "<html><body><div><p>" + STORY_EN.replace("\n", "<p><b><i>") + "<div><span")
    write(src / "deep.html", "<html><body>" + "<div>" * 60_000 + "<p>" + STORY_EN + "</p></body></html>")
    filler = "<p>" + "The council met again to discuss the budget for the coming year. " * 20 + "</p>\n"
    write(src / "big.html", b"<html><body><article>" + filler.encode() * (10_000_000 // len(filler)) + b"</article></body></html>")
    write(src / "oneline.txt", "word " * 1_000_000)
    write(src / "nav.html", "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav></body></html>")
    write(src / "script.html", "<html><head><script>var a = 1;</script></head><body><script>load()</script></body></html>")
    write(src / "sub dir" / "naïve name ü.txt", STORY_EN)
    write(src / "sub dir" / "page.htm", PAGE)
    os.symlink("..", src / "sub dir" / "loop")
    return src


@pytest.fixture(scope="module")
def result(hostile, tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile-out")
    start = time.monotonic()
    res = CliRunner().invoke(app, ["run", str(hostile), str(out), "--jobs", "2", "--timeout", "20"])
    return res, out, time.monotonic() - start


def test_every_input_ends_as_an_output_or_an_error(hostile, result):
    res, out, seconds = result
    assert res.exit_code == 1 and seconds < 240
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    failed = {e["source"] for e in errors}
    inputs = {str(p.relative_to(hostile)) for p in hostile.rglob("*") if p.is_file() and "loop" not in p.parts}
    for source in inputs:
        stem = out / source.rsplit(".", 1)[0]
        has_output = stem.with_name(stem.name + ".json").is_file() and stem.with_name(stem.name + ".txt").is_file()
        assert has_output != (source in failed), source
    assert all(e["error"] and e["message"] for e in errors)
    assert any(e["source"].endswith("loop") and "symlink loop" in e["message"] for e in errors)
    assert "Traceback" not in res.output + res.stderr


def test_bad_inputs_get_their_codes(result):
    _, out, _ = result
    codes = {e["source"]: e["error"] for e in map(json.loads, (out / "errors.jsonl").read_text().splitlines())}
    assert codes["empty.txt"] == "empty" and codes["blank.txt"] == "empty"
    assert codes["binary.html"] == "binary" and codes["image.html"] == "binary"
    # Pages with no article on them are not failures: their record says so, with a reason.
    for name in ("nav.html", "script.html"):
        assert name not in codes
        record = json.loads((out / name.replace(".html", ".json")).read_text(encoding="utf-8"))
        assert record["status"] == "not_article" and record["reason"] and record["text"] == ""


@pytest.mark.parametrize("name,words", [
    ("cp1251.txt", "Рятувальники завершили"), ("utf16-nobom.txt", "Рятувальники завершили"),
    ("latin1.html", "The café on Market Street"), ("utf16.txt", "naïve hope"), ("nul-bytes.txt", "reopened on"),
    ("broken.html", "Insurers paid"), ("sub dir/naïve name ü.txt", "The café on Market Street"),
    ("sub dir/page.htm", "library"),
])
def test_good_documents_are_cleaned(result, name, words):
    _, out, _ = result
    stem = out / name.rsplit(".", 1)[0]
    assert words in stem.with_name(stem.name + ".txt").read_text(encoding="utf-8")


def test_rerun_skips_what_is_done_and_force_redoes_it(tmp_path):
    src = tmp_path / "in"
    for i in range(3):
        write(src / f"s{i}.txt", STORY_EN)
    first = run(src, tmp_path / "out")
    assert (first.documents, first.cleaned, first.skipped) == (3, 3, 0)
    again = run(src, tmp_path / "out")
    assert (again.documents, again.cleaned, again.skipped) == (3, 0, 3)
    future = time.time() + 10
    os.utime(src / "s1.txt", (future, future))  # edited after its outputs were written
    (tmp_path / "out" / "s2.txt").unlink()        # an output lost
    partial = run(src, tmp_path / "out")
    assert (partial.cleaned, partial.skipped) == (2, 1)
    assert run(src, tmp_path / "out", force=True).cleaned == 3


def test_outputs_do_not_depend_on_the_number_of_workers(tmp_path):
    src = tmp_path / "in"
    for page in sorted((FIXTURES / "html").glob("*.html"))[:6]:
        write(src / page.name, page.read_bytes())
    write(src / "empty.txt", b"")
    run(src, tmp_path / "one", jobs=1)
    run(src, tmp_path / "two", jobs=2)
    for path in sorted((tmp_path / "one").rglob("*")):
        if path.name != "summary.json":
            assert path.read_bytes() == (tmp_path / "two" / path.relative_to(tmp_path / "one")).read_bytes(), path


def test_a_document_over_the_time_limit_is_given_up_and_the_rest_goes_on(tmp_path):
    src = tmp_path / "in"
    filler = "<p>" + "The council met again to discuss the budget for the coming year. " * 20 + "</p>\n"
    write(src / "a-slow.html", "<html><body><article>" + filler * 3000 + "</article></body></html>")
    write(src / "b-fine.txt", STORY_EN)
    summary = run(src, tmp_path / "out", jobs=1, timeout=0.05)
    assert summary.errors == {"timeout": 1} and summary.cleaned == 1
    assert (tmp_path / "out" / "b-fine.txt").is_file()
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")]


def test_size_limit(tmp_path):
    write(tmp_path / "in" / "big.txt", STORY_EN * 100)
    summary = run(tmp_path / "in", tmp_path / "out", max_bytes=1000)
    assert summary.errors == {"too_large": 1}
    record = json.loads((tmp_path / "out" / "errors.jsonl").read_text())
    assert record["source"] == "big.txt" and "--max-bytes" in record["message"]


@pytest.mark.parametrize("how", ["interrupt", "kill"])
def test_an_interrupted_run_finishes_on_rerun(tmp_path, how):
    import signal
    import subprocess
    import sys

    src, out = tmp_path / "in", tmp_path / "out"
    for i in range(60):
        write(src / f"doc{i:02d}.html", PAGE)
    cmd = [sys.executable, "-m", "cleaner", "run", str(src), str(out), "--jobs", "1"]
    # A shell starts a background job with SIGINT ignored, and the run would inherit
    # that (as it should: then Ctrl-C is not for it); the test wants the default.
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while len(list(out.glob("*.json"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT if how == "interrupt" else signal.SIGKILL)
    _, stderr = proc.communicate(timeout=60)
    assert "Traceback" not in stderr
    if how == "interrupt":
        assert proc.returncode == 130 and "(interrupted)" in stderr
        assert json.loads((out / "summary.json").read_text())["interrupted"] is True
    for record in out.glob("*.json"):
        if record.name != "summary.json":
            json.loads(record.read_text(encoding="utf-8"))  # never half-written
    done_before = len(list(out.glob("doc*.json")))
    assert 0 < done_before < 60
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{done_before} already done" in rerun.stderr
    assert len(list(out.glob("doc*.json"))) == len(list(out.glob("doc*.txt"))) == 60
