import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from cleaner.cli import app

from .conftest import FIXTURES, ROOT

runner = CliRunner()
STORY = ("Flood barriers raised\n"
         "Engineers raised the river barriers on Sunday as the water rose for a third day.\n"
         "“We expect the peak tonight,” a spokeswoman for the agency said.\n"
         "Photo: AFP/Getty Images\n")


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.fixture
def tree(tmp_path):
    src = tmp_path / "in"
    write(src / "a.txt", STORY)
    write(src / "a.html", (FIXTURES / "html" / "newspaper_figure_credit.html").read_bytes())
    write(src / "sub" / "deeper" / "b.htm", (FIXTURES / "html" / "related_share.html").read_bytes())
    write(src / "sub" / "notes.md", "not a document we read")
    write(src / "empty.txt", b"")
    write(src / "picture.html", b"\x89PNG\r\n\x1a\n" + bytes(500))
    write(src / "nav.html", "<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>")
    return src


def test_run_mirrors_paths_and_records_failures(tree, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(tree), str(out)])
    assert result.exit_code == 1  # some documents failed
    # a.html and a.txt share a folder and a stem, so both keep their extension.
    for stem in ("a.txt", "a.html", "sub/deeper/b"):
        assert (out / f"{stem}.txt").is_file() and (out / f"{stem}.json").is_file()
    record = json.loads((out / "a.txt.json").read_text(encoding="utf-8"))
    assert {"source", "title", "text", "paragraphs", "captions", "credits", "appeals", "metadata", "model"} <= set(record)
    assert record["source"] == "a.txt" and record["credits"][0]["text"] == "Photo: AFP/Getty Images"
    assert (out / "a.txt.txt").read_text(encoding="utf-8").startswith("Engineers raised")
    assert not (out / "sub" / "notes.json").exists()
    errors = {e["source"]: e for e in map(json.loads, (out / "errors.jsonl").read_text().splitlines())}
    assert {k: v["error"] for k, v in errors.items()} == {"empty.txt": "empty", "picture.html": "binary"}
    assert json.loads((out / "nav.json").read_text(encoding="utf-8"))["status"] == "not_article"
    assert all(e["message"] for e in errors.values())
    assert "empty.txt: empty" in result.stderr and "Traceback" not in result.output + result.stderr
    summary = json.loads((out / "summary.json").read_text())
    assert summary["documents"] == 6 and summary["failed"] == 2 and summary["not_articles"] == 1
    assert "6 documents, 4 cleaned (1 not articles), 2 failed" in result.stderr


def test_run_all_good_exits_zero_and_quiet_prints_nothing(tmp_path):
    write(tmp_path / "in" / "story.txt", STORY)
    result = runner.invoke(app, ["run", str(tmp_path / "in"), str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0 and result.stderr == ""


def test_run_usage_errors_exit_two(tmp_path):
    result = runner.invoke(app, ["run", str(tmp_path / "missing"), str(tmp_path / "out")])
    assert result.exit_code == 2 and "does not exist" in result.stderr
    write(tmp_path / "in" / "s.txt", STORY)
    result = runner.invoke(app, ["run", str(tmp_path / "in"), str(tmp_path / "out"), "--model", str(tmp_path)])
    assert result.exit_code == 2 and "cannot load model" in result.stderr
    result = runner.invoke(app, ["run", str(tmp_path / "in"), str(tmp_path / "out"), "--jobs", "-1"])
    assert result.exit_code == 2 and "--jobs must be 0 (all cores) or more, not -1" in result.stderr
    # stream has no --part-size: its errors name only the option given.
    result = runner.invoke(app, ["stream", "--timeout", "0"], input="")
    assert result.exit_code == 2 and "--timeout must be positive, not 0" in result.stderr
    assert "part-size" not in result.stderr


def test_clean_prints_text_or_json(tmp_path):
    path = write(tmp_path / "story.txt", STORY)
    result = runner.invoke(app, ["clean", str(path)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("Engineers raised") and "AFP" not in result.stdout
    record = json.loads(runner.invoke(app, ["clean", str(path), "--json"]).stdout)
    assert record["title"] == "Flood barriers raised"


def test_clean_reads_stdin_and_reports_bad_input():
    assert "Engineers raised" in runner.invoke(app, ["clean", "-"], input=STORY).stdout
    result = runner.invoke(app, ["clean", "-"], input="")
    assert result.exit_code == 1 and "empty" in result.stderr
    assert runner.invoke(app, ["clean", "/no/such/file.txt"]).exit_code == 2
    assert runner.invoke(app, ["clean", "-", "--kind", "pdf"], input=STORY).exit_code == 2


def test_python_dash_m_and_console_script_work(tmp_path):
    path = write(tmp_path / "story.txt", STORY)
    proc = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("Engineers raised")
    exe = ROOT / ".venv" / "bin" / "cleaner"
    script = str(exe) if exe.exists() else "cleaner"
    proc = subprocess.run([script, "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "run" in proc.stdout


def test_train_and_eval_commands(tmp_path):
    data = FIXTURES / "labelled"
    out = tmp_path / "model"
    result = runner.invoke(app, ["train", str(data / "en.jsonl"), str(data / "uk.jsonl"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "confusion" in result.stdout and (out / "weights.npz").is_file()
    result = runner.invoke(app, ["eval", str(data / "en.jsonl"), "--model", str(out), "--all"])
    assert result.exit_code == 0 and "precision" in result.stdout and "body words kept" in result.stdout
    assert runner.invoke(app, ["train", str(tmp_path / "nope.jsonl"), "--out", str(out)]).exit_code == 2
    tight = tmp_path / "tight"
    result = runner.invoke(app, ["train", str(data / "en.jsonl"), "--out", str(tight), "--c", "0.05", "--balance", "0.3"])
    assert result.exit_code == 0, result.output
    info = json.loads((tight / "model.json").read_text())
    assert (info["C"], info["balance"]) == (0.05, 0.3)
    assert runner.invoke(app, ["train", str(data / "en.jsonl"), "--out", str(tight), "--balance", "2"]).exit_code == 2


def test_weak_label_refuses_a_folder_without_manifest(tmp_path):
    result = runner.invoke(app, ["weak-label", "--corpora", str(tmp_path), "--set", "wcxb", "--out", str(tmp_path / "x.jsonl")])
    assert result.exit_code == 2 and "manifest" in result.stderr


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert f"cleaner {name}" in readme, name
