"""`Cleaner.clean_many`: order, errors as results, worker processes, a time limit."""
import pytest

from cleaner import Cleaner, CleanerError, Limits
from cleaner.model import Model

STORY = ("The council approved the new bridge on Tuesday after a long debate about its cost and "
         "the traffic it will bring to the old town.\n\nWork starts in spring, the mayor said.")
# Distinct paragraphs, so no per-paragraph cache makes it quick: about 0.6 s on a fast host.
SLOW = ("<html><body><article>"
        + "".join("<p>" + f"The council met again to discuss budget item {i} for the coming year. " * 20 + "</p>\n"
                  for i in range(3000))
        + "</article></body></html>")


@pytest.fixture(scope="module")
def cleaner():
    return Cleaner()


def items():
    return [STORY.replace("spring", f"spring {i}") for i in range(4)] + [
        "", {"text": STORY, "url": "https://e.org/a"}, {"neither": 1}, b"\x89PNG\r\n\x1a\n\x00\x00"]


def test_documents_come_back_in_order_and_equal_single_calls(cleaner):
    docs = list(cleaner.clean_many(items()[:4]))
    assert [d.text for d in docs] == [cleaner.clean(s).text for s in items()[:4]]
    assert "spring 2" in docs[2].text


def test_the_first_failure_raises_by_default(cleaner):
    seen = []
    with pytest.raises(CleanerError) as err:
        for doc in cleaner.clean_many(items()):
            seen.append(doc)
    assert err.value.code == "empty" and len(seen) == 4


@pytest.mark.parametrize("options", [{}, {"jobs": 2}, {"timeout": 20}])
def test_errors_can_come_back_as_results(cleaner, options):
    outcomes = list(cleaner.clean_many(items(), errors="return", **options))
    assert [o.status for o in outcomes] == ["ok"] * 4 + ["empty", "ok", "bad_record", "binary"]
    assert [o.index for o in outcomes] == list(range(8))
    assert outcomes[5].document.metadata["url"] == "https://e.org/a"
    assert outcomes[2].document.text == cleaner.clean(items()[2]).text
    assert not outcomes[4].ok and outcomes[4].document is None


def test_a_time_limit_gives_up_one_document_and_goes_on(cleaner):
    outcomes = list(cleaner.clean_many([STORY, SLOW, STORY], timeout=0.15, errors="return"))
    assert [o.status for o in outcomes] == ["ok", "timeout", "ok"]


def test_generators_are_consumed_lazily(cleaner):
    pulled = []

    def source():
        for i in range(1000):
            pulled.append(i)
            yield STORY

    first = next(iter(cleaner.clean_many(source(), jobs=2)))
    assert first.text and len(pulled) < 10


def test_bad_arguments_are_usage_errors(cleaner):
    with pytest.raises(CleanerError, match="errors must be"):
        list(cleaner.clean_many([STORY], errors="ignore"))
    in_memory = Cleaner(Model.load())
    with pytest.raises(CleanerError) as err:
        list(in_memory.clean_many([STORY], jobs=2))
    assert err.value.code == "usage"
    assert [d.text for d in in_memory.clean_many([STORY])] == [cleaner.clean(STORY).text]


@pytest.mark.parametrize("options", [{}, {"jobs": 2}])
def test_a_cleaners_own_limits_hold_in_worker_processes_too(options):
    strict = Cleaner(limits=Limits(max_paragraphs=1, max_bytes=500))
    one = STORY.split("\n\n")[0]
    outcomes = list(strict.clean_many([STORY, "x" * 600, one],
                                      errors="return", **options))
    assert [o.status for o in outcomes] == ["too_many_paragraphs", "too_large", "ok"]
