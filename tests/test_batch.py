import json

from cleaner.batch import discover, run
from cleaner.sinks import write_atomic



def test_discover_mirrors_paths_and_keeps_extensions_on_clashes(tmp_path):
    for name in ("a.html", "a.txt", "b.htm", "sub/c.TXT", "sub/readme.md", ".hidden.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = {p.name: stem for p, stem in discover(tmp_path)}
    assert found == {"a.html": "a.html", "a.txt": "a.txt", "b.htm": "b", "c.TXT": "sub/c"}


def test_write_atomic_leaves_no_temporary_files(tmp_path):
    write_atomic(tmp_path / "x" / "out.json", "{}")
    write_atomic(tmp_path / "x" / "out.json", "[1]")
    assert [p.name for p in (tmp_path / "x").iterdir()] == ["out.json"]
    assert (tmp_path / "x" / "out.json").read_text() == "[1]"


def test_run_counts_labels_and_writes_the_summary(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "s.txt").write_text("Market hall reopens\nThe old market hall reopened on Saturday after a two-year renovation.\nPhoto: AP\n")
    seen = []
    summary = run(src, tmp_path / "out", on_result=lambda result, s: seen.append(result))
    assert summary.documents == 1 and summary.failed == 0 and len(seen) == 1 and seen[0].error is None
    assert summary.labels["body"] == 1 and summary.labels["credit"] == 1
    saved = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert saved["paragraphs"] == {"body": 1, "credit": 1} and saved["interrupted"] is False
    assert (tmp_path / "out" / "errors.jsonl").read_text() == ""
