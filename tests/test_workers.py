import cleaner.workers as workers
from cleaner.limits import Limits
from cleaner.workers import Task, run_tasks

STORY = "A ferry ran aground on Monday near the island, the coastguard said.\nNobody was hurt, the operator said.\n"


def test_workers_are_recycled_and_results_stay_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "TASKS_PER_WORKER", 3)
    tasks = []
    for i in range(11):
        path = tmp_path / f"s{i:02d}.txt"
        path.write_text(STORY if i != 4 else "")
        tasks.append(Task(path, path.name, tmp_path / "out" / path.stem, "text"))
    results = list(run_tasks(tasks, jobs=2, timeout=30, limits=Limits(max_bytes=10**6)))
    assert [r.task.source for r in results] == [t.source for t in tasks]
    assert [r.error["error"] if r.error else None for r in results] == [None] * 4 + ["empty"] + [None] * 6
    assert all((tmp_path / "out" / f"s{i:02d}.json").is_file() for i in range(11) if i != 4)


def test_input_size_reads_files_data_and_vanished_files(tmp_path):
    page = tmp_path / "a.html"
    page.write_bytes(b"x" * 300)
    assert workers._input_size(Task(page, "a.html", None, None)) == 300
    assert workers._input_size(Task(None, "r", None, None, data="é" * 10)) == 10
    assert workers._input_size(Task(tmp_path / "gone.html", "gone.html", None, None)) == 0
    workers._give_back_memory()  # a no-op where the C library has no malloc_trim; never raises
