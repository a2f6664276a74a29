"""Names from the data never steer an output out of OUT, and links in OUT are not followed out."""
import json
import os

from cleaner.batch import discover, run
from cleaner.names import safe_part, safe_relative

STORY = ("The harbour authority approved a new breakwater on Tuesday after three winters of storm damage "
         "to the fishing fleet.\n\nConstruction starts in April and should take two years, the authority said.\n")


def test_unsafe_name_parts_are_made_safe():
    assert safe_part("..") == "_" and safe_part(".") == "_" and safe_part("") == "_"
    assert safe_part("a/b\\c:d*e?f\"g<h>i|j\x00k\x1fl") == "a_b_c_d_e_f_g_h_i_j_k_l"
    assert safe_part("CON") == "_CON" and safe_part("nul.txt") == "_nul.txt" and safe_part("com1") == "_com1"
    assert safe_part("console") == "console" and safe_part("report. ") == "report"
    assert safe_relative("../../etc/passwd") == safe_relative("_/_/etc/passwd")
    assert not safe_relative("/etc/passwd").is_absolute()


def test_long_names_are_cut_and_stay_unique():
    a, b = safe_part("x" * 300 + "a"), safe_part("x" * 300 + "b")
    assert a != b and len(a.encode()) <= 200 and len(b.encode()) <= 200
    multi = safe_part("ü" * 200)  # cut on a character boundary
    assert len(multi.encode()) <= 200 and multi.startswith("ü")


def test_names_that_differ_only_in_case_get_distinct_outputs(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("Story.txt", "story.txt", "STORY.txt"):
        (src / name).write_text(STORY.replace("April", f"April ({name})"))
    stems = sorted(stem for _, stem in discover(src))
    assert len({s.casefold() for s in stems}) == 3
    summary = run(src, tmp_path / "out")
    assert summary.cleaned == 3 and len(list((tmp_path / "out").glob("*.json"))) == 4  # 3 + summary


def test_an_input_name_too_long_for_our_suffixes_still_gets_its_outputs(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / ("n" * 250 + ".txt")).write_text(STORY)
    summary = run(src, tmp_path / "out", report=True)
    assert summary.cleaned == 1 and summary.failed == 0
    assert len(list((tmp_path / "out").glob("n*.report.html"))) == 1


def test_record_ids_and_urls_never_become_paths(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    rows = [{"id": "../../escape", "text": STORY}, {"id": "/etc/passwd", "text": STORY, "url": "file:///etc/passwd"}]
    (src / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    run(src, tmp_path / "out")
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.json"))
    assert written == ["feed.jsonl/000001.json", "feed.jsonl/000002.json", "summary.json"]
    assert not (tmp_path / "escape.json").exists()
    assert json.loads((tmp_path / "out" / "feed.jsonl" / "000001.json").read_text())["id"] == "../../escape"


def test_a_folder_in_out_that_links_outside_is_refused(tmp_path):
    src, out, elsewhere = tmp_path / "in", tmp_path / "out", tmp_path / "elsewhere"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "a.txt").write_text(STORY)
    (src / "b.txt").write_text(STORY)
    out.mkdir()
    elsewhere.mkdir()
    os.symlink(elsewhere, out / "sub")  # planted by someone else
    summary = run(src, out)
    assert list(elsewhere.iterdir()) == []
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert [(e["source"], e["error"]) for e in errors] == [("sub/a.txt", "unsafe_output")]
    assert summary.cleaned == 1 and (out / "b.json").is_file()


def test_links_planted_on_output_files_are_replaced_not_followed(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    (src / "b.txt").write_text(STORY)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    for name in ("errors.jsonl", "summary.json", "b.json", "b.txt"):
        os.symlink(victim, out / name)
    run(src, out, force=True)
    assert victim.read_text() == "precious"
    for name in ("errors.jsonl", "summary.json", "b.json", "b.txt"):
        assert not (out / name).is_symlink() and (out / name).is_file()
