"""Main-text scoring of whole pages (`cleaner eval --corpora`)."""
from collections import Counter

from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.pagescore import page_group, word_prf

from .conftest import SHARED, need_shared


def test_word_scores_are_multiset_precision_recall_and_f1():
    gold = Counter("the council met on monday the mayor said".split())
    assert word_prf("", gold) == {"p": 0.0, "r": 0.0, "f": 0.0}
    got = word_prf("The council met on Monday. Subscribe now!", gold)
    assert got["p"] == 5 / 7 and got["r"] == 5 / 8
    assert abs(got["f"] - 2 * (5 / 7) * (5 / 8) / (5 / 7 + 5 / 8)) < 1e-12
    assert word_prf("the the the", Counter({"the": 2}))["p"] == 2 / 3  # repeats count once per gold copy


def test_pages_split_by_set_and_host_as_training_does():
    assert page_group({"set": "wcxb", "id": "1", "url": "https://www.example.org/a"}) == "wcxb:example.org"
    assert page_group({"set": "dragnet", "id": "R5"}) == "dragnet:R5"


def test_eval_scores_whole_pages_beside_trafilatura():
    corpora = need_shared(SHARED / "corpora")
    result = CliRunner().invoke(app, ["eval", "--corpora", str(corpora), "--set", "newspaper", "--limit", "3"])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if line.startswith("newspaper"))
    pages, ours, theirs = row.split()[1:]
    assert pages == "3"
    for cell in (ours, theirs):
        assert all(0.0 <= float(x) <= 1.0 for x in cell.split("/"))
    bad = CliRunner().invoke(app, ["eval", "--corpora", str(corpora), "--set", "goose3"])
    assert bad.exit_code == 2 and "no gold main text" in bad.stderr
