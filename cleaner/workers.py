"""Worker processes that clean documents, with a time limit per document.

Each worker loads the model once and cleans one document at a time, writing its
outputs itself. A worker that overruns the time limit, or dies, is killed and
replaced; its document gets an error record and the others go on. Results come
back in task order, so what a run writes does not depend on the number of workers.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path

from .errors import CleanerError
from .sinks import write_document

POLL_SECONDS = 0.2
# A worker is replaced after this many documents, so that what the libraries
# cache or fragment never adds up: memory stays flat however long the run.
TASKS_PER_WORKER = 500


@dataclass(frozen=True)
class Task:
    path: Path          # the input file
    source: str         # its path relative to IN, as reported
    stem: Path          # output path without .txt / .json
    kind: str | None    # "html", "text" or None to sniff


@dataclass
class Result:
    task: Task
    error: dict | None = None                      # {"error": code, "message": ...}
    labels: dict[str, int] = field(default_factory=dict)


def clean_file(cleaner, task: Task, max_bytes: int) -> Result:
    """Read, clean and write one document; every failure becomes the result's error."""
    try:
        size = os.stat(task.path).st_size
        if size > max_bytes:
            raise CleanerError("too_large", f"{size:,} bytes, over the --max-bytes limit of {max_bytes:,}")
        doc = cleaner.clean(task.path.read_bytes(), kind=task.kind)
        write_document(doc, task.stem, task.source)
    except CleanerError as exc:
        return Result(task, exc.to_dict())
    except OSError as exc:
        return Result(task, {"error": "io", "message": exc.strerror or str(exc)})
    except Exception as exc:  # a library failing on hostile input costs one document, not the run
        return Result(task, {"error": "internal", "message": f"{type(exc).__name__}: {exc}"})
    labels: dict[str, int] = {}
    for p in doc.paragraphs:
        labels[p.label.value] = labels.get(p.label.value, 0) + 1
    return Result(task, labels=labels)


def _serve(conn, model, max_bytes: int) -> None:
    """A worker's life: load the model, then clean what the parent sends until None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C for everyone
    from .pipeline import Cleaner

    cleaner = Cleaner(model)
    try:
        conn.send("ready")
        while (task := conn.recv()) is not None:
            conn.send(clean_file(cleaner, task, max_bytes))
    except (EOFError, OSError):
        pass  # the parent is gone (killed): nothing left to report to


class _Worker:
    def __init__(self, ctx, model, max_bytes: int):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, model, max_bytes), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.job: tuple[int, Task, float] | None = None
        self.served = 0

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


def _stale_temporaries(stem: Path) -> None:
    """A killed worker may leave its temporary output behind; the real names are untouched."""
    for suffix in (".txt", ".json"):
        for tmp in stem.parent.glob(f".{stem.name}{suffix}.*.tmp"):
            tmp.unlink(missing_ok=True)


def run_tasks(tasks: Iterable[Task], *, jobs: int, timeout: float, max_bytes: int,
              model=None) -> Iterator[Result]:
    """Clean `tasks` in `jobs` worker processes; yield one Result per task, in task order."""
    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    workers = [_Worker(ctx, model, max_bytes) for _ in range(max(1, jobs))]
    pending = iter(enumerate(tasks))
    done: dict[int, Result] = {}
    next_out, exhausted = 0, False
    try:
        while True:
            for w in workers:
                if w.ready and w.job is None and not exhausted:
                    item = next(pending, None)
                    if item is None:
                        exhausted = True
                        break
                    w.job = (item[0], item[1], time.monotonic())
                    w.conn.send(item[1])
            busy = [w for w in workers if w.job is not None or not w.ready]
            if exhausted and not any(w.job for w in workers):
                break
            for conn in wait([w.conn for w in busy], timeout=POLL_SECONDS):
                w = next(w for w in workers if w.conn is conn)
                try:
                    message = conn.recv()
                except (EOFError, OSError):
                    continue  # the process died; found below
                if message == "ready":
                    w.ready = True
                else:
                    done[w.job[0]] = message
                    w.job = None
                    w.served += 1
            for i, w in enumerate(workers):
                if w.served >= TASKS_PER_WORKER and w.job is None:
                    w.conn.send(None)
                    w.process.join()
                    workers[i] = _Worker(ctx, model, max_bytes)
                    continue
                overdue = w.job is not None and time.monotonic() - w.job[2] > timeout
                if overdue or not w.process.is_alive():
                    if w.job is None and not w.ready:
                        raise CleanerError("usage", "a worker process could not start (see the error above)")
                    if w.job is not None:
                        seq, task, _ = w.job
                        error = ({"error": "timeout", "message": f"took over {timeout:g}s (--timeout)"} if overdue
                                 else {"error": "crash", "message": f"the worker died (exit code {w.process.exitcode})"})
                        done[seq] = Result(task, error)
                        _stale_temporaries(task.stem)
                    w.kill()
                    workers[i] = _Worker(ctx, model, max_bytes)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        for w in workers:
            if w.process.is_alive():
                try:
                    w.conn.send(None)
                except OSError:
                    pass
        for w in workers:
            w.process.join(timeout=2)
            if w.process.is_alive():
                w.kill()
