import cleaner.workers as workers
from cleaner.limits import Limits
from cleaner.workers import Task, run_tasks

STORY = "A ferry ran aground on Monday near the island, the coastguard said.\nNobody was hurt, the operator said.\n"


def test_workers_are_recycled_and_results_stay_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "TASKS_PER_WORKER", 3)
    started = _count_starts(monkeypatch)
    tasks = []
    for i in range(11):
        path = tmp_path / f"s{i:02d}.txt"
        path.write_text(STORY if i != 4 else "")
        tasks.append(Task(path, path.name, tmp_path / "out" / path.stem, "text"))
    results = list(run_tasks(tasks, jobs=2, timeout=30, limits=Limits(max_bytes=10**6)))
    assert [r.task.source for r in results] == [t.source for t in tasks]
    assert [r.error["error"] if r.error else None for r in results] == [None] * 4 + ["empty"] + [None] * 6
    assert all((tmp_path / "out" / f"s{i:02d}.json").is_file() for i in range(11) if i != 4)
    assert len(started) >= 11 // 3


def _story_tasks(folder, n):
    tasks = []
    for i in range(n):
        path = folder / f"s{i:02d}.txt"
        path.write_text(STORY)
        tasks.append(Task(path, path.name, folder / "out" / path.stem, "text"))
    return tasks


def _count_starts(monkeypatch) -> list:
    started, new = [], workers._Pool._new
    monkeypatch.setattr(workers._Pool, "_new", lambda self: started.append(1) or new(self))
    return started


def test_a_worker_is_kept_while_its_memory_stays_small(tmp_path, monkeypatch):
    started = _count_starts(monkeypatch)
    results = list(run_tasks(_story_tasks(tmp_path, 6), jobs=1, timeout=30))
    assert len(started) == 1 and all(r.error is None for r in results)
    assert all(r.resident > 10 * 2**20 for r in results)  # Linux: read from /proc


def test_a_worker_grown_past_the_memory_limit_is_replaced(tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "WORKER_MEMORY_LIMIT", 10 * 2**20)  # below any Python with the model
    started = _count_starts(monkeypatch)
    results = list(run_tasks(_story_tasks(tmp_path, 4), jobs=1, timeout=30))
    assert [r.task.source for r in results] == [f"s{i:02d}.txt" for i in range(4)]
    assert all(r.error is None for r in results) and len(started) >= 4


def test_results_carry_the_size_read_for_the_memory_trim(tmp_path):
    from cleaner import Cleaner

    page = tmp_path / "a.txt"
    page.write_bytes(STORY.encode() + b" " * 300)
    cleaner = Cleaner()
    assert workers.clean_task(cleaner, Task(page, "a.txt", None, "text")).size == len(STORY.encode()) + 300
    assert workers.clean_task(cleaner, Task(None, "r", None, "text", data=STORY)).size == len(STORY)
    gone = workers.clean_task(cleaner, Task(tmp_path / "gone.txt", "gone.txt", None, "text"))
    assert gone.error["error"] == "io" and gone.size == 0
    workers._give_back_memory()  # a no-op where the C library has no malloc_trim; never raises
