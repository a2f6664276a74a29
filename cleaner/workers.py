"""Worker processes that clean documents, with a time limit per document.

Each worker loads the model once and cleans one document at a time, writing its
outputs itself. A worker that overruns the time limit, or dies, is killed and
replaced; its document gets an error record and the others go on. Results come
back in task order, so what a run writes does not depend on the number of workers.
"""
from __future__ import annotations

import ctypes
import functools
import glob
import json
import multiprocessing as mp
import os
import signal
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path

from .document import Document
from .errors import CleanerError
from .limits import Limits
from .sinks import merge_record, write_document

POLL_SECONDS = 0.2
# A worker is replaced once its resident memory passes this, so that what the
# libraries cache or fragment never adds up: memory stays flat however long the
# run. Not after a fixed number of documents: a new worker pays its start again
# (imports and model; for plain text with date lines, dateparser's tables for
# every language too: a second or more). On real pages a worker peaks near 180 MB.
WORKER_MEMORY_LIMIT = 300 * 2**20
# ... and in any case after this many (where resident memory cannot be read).
TASKS_PER_WORKER = 20_000
# glibc keeps the memory a big page's trees took after they are freed; a worker
# gives it back after such a page, so its resident size stays at its working size.
TRIM_AFTER_BYTES = 256_000


@dataclass(frozen=True)
class Task:
    """One document to clean: a file to read (`path`) or data already in hand (`data`).

    With a `stem`, the worker writes ``stem.txt`` and ``stem.json`` itself; without
    one, the result carries the record as one JSON line for the parent to write.
    `extra` holds fields of the input (a JSONL id, WARC metadata) for the output.
    """

    path: Path | None           # the input file, or None when `data` is given
    source: str                 # where the document came from, as reported
    stem: Path | None           # output path without .txt / .json, or None for a JSON line
    kind: str | None            # "html", "text" or None to sniff
    data: str | bytes | None = None
    url: str | None = None
    charset: str | None = None
    extra: dict = field(default_factory=dict)
    error: dict | None = None   # a record that failed before cleaning (bad JSON, too large)
    keep: bool = False          # send the Document itself back (library callers)
    report: bool = False        # also write stem.report.html (cleaner run --report)
    root: Path | None = None    # OUT: outputs must land inside it


@dataclass
class Result:
    task: Task
    error: dict | None = None                      # {"error": code, "message": ...}
    labels: dict[str, int] = field(default_factory=dict)
    line: str | None = None                        # the JSON line, for tasks without a stem
    document: Document | None = None               # for tasks that asked to keep it
    status: str = "ok"                             # the document's: "ok" or "not_article"
    size: int = 0                                  # of the input read (bytes, or characters of a str)
    resident: int = 0                              # the worker's resident memory after it (bytes)


def clean_task(cleaner, task: Task) -> Result:
    """Read, clean and write (or render) one document; every failure becomes the result's error."""
    if task.error:
        return failed(task, task.error)
    try:
        data = _read(task, cleaner.limits.max_bytes)
        doc = cleaner.clean(data, url=task.url, kind=task.kind, charset=task.charset)
        line = None
        if task.stem is not None:
            write_document(doc, task.stem, task.source, task.extra, report=task.report, root=task.root)
        elif not task.keep:
            line = record_line(task, doc.to_dict())
    except CleanerError as exc:
        return failed(task, exc.to_dict())
    except OSError as exc:
        return failed(task, {"error": "io", "message": exc.strerror or str(exc)})
    except Exception as exc:  # a library failing on hostile input costs one document, not the run
        return failed(task, {"error": "internal", "message": f"{type(exc).__name__}: {exc}"})
    labels: dict[str, int] = {}
    for p in doc.paragraphs:
        labels[p.label.value] = labels.get(p.label.value, 0) + 1
    return Result(task, labels=labels, line=line, document=doc if task.keep else None, status=doc.status,
                  size=len(data))


def _read(task: Task, max_bytes: int) -> str | bytes:
    if task.path is None:
        size = len(task.data.encode("utf-8") if isinstance(task.data, str) else task.data)
    else:
        size = os.stat(task.path).st_size
    if size > max_bytes:
        raise CleanerError("too_large", f"{size:,} bytes, over the --max-bytes limit of {max_bytes:,}")
    return task.data if task.path is None else task.path.read_bytes()


@functools.cache
def _malloc_trim():
    """glibc's malloc_trim, or None where the C library has none."""
    try:
        return ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):
        return None


def _give_back_memory() -> None:
    """Return free heap memory to the system (glibc's malloc_trim); elsewhere nothing."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _resident_bytes() -> int:
    """This process's resident memory, from Linux's /proc; 0 where it cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE_BYTES
    except (OSError, ValueError, IndexError):
        return 0


def record_line(task: Task, record: dict) -> str:
    """One JSON line for a stream output."""
    return json.dumps(merge_record(record, task.source, task.extra), ensure_ascii=False)


def failed(task: Task, error: dict) -> Result:
    """A failed document; a stream output gets an error record in its place."""
    line = None
    if task.stem is None and not task.keep:
        line = record_line(task, {"status": "error", **error})
    return Result(task, error, line=line)


def _serve(conn, model, limits: Limits) -> None:
    """A worker's life: load the model, then clean what the parent sends until None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C for everyone
    from .lexicons import lexicons, screens
    from .pipeline import Cleaner

    cleaner = Cleaner(model, limits=limits)
    lexicons(), screens()  # compiled before "ready": no document's time limit pays for them
    try:
        conn.send("ready")
        while (task := conn.recv()) is not None:
            result = clean_task(cleaner, task)
            if result.size > TRIM_AFTER_BYTES:
                _give_back_memory()
            result.resident = _resident_bytes()
            conn.send(result)
    except (EOFError, OSError):
        pass  # the parent is gone (killed): nothing left to report to


class _Worker:
    def __init__(self, ctx, model, limits: Limits):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, model, limits), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.job: tuple[int, Task, float] | None = None
        self.served = 0
        self.resident = 0

    def retiring(self) -> bool:
        """Grown too big, or served its share: it gets no more tasks, and is replaced."""
        return self.resident > WORKER_MEMORY_LIMIT or self.served >= TASKS_PER_WORKER

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


def _stale_temporaries(stem: Path) -> None:
    """A killed worker may leave its temporary output behind; the real names are untouched."""
    for suffix in (".txt", ".json", ".report.html"):
        for tmp in stem.parent.glob(f".{glob.escape(stem.name)}{suffix}.*.tmp"):
            tmp.unlink(missing_ok=True)


def run_tasks(tasks: Iterable[Task], *, jobs: int, timeout: float, limits: Limits = Limits(),
              model=None) -> Iterator[Result]:
    """Clean `tasks` in `jobs` worker processes, each with `limits`; yield one Result per task, in task order."""
    pool = _Pool(max(1, jobs), timeout, limits, model)
    pending = iter(enumerate(tasks))
    next_out = 0
    try:
        while True:
            exhausted = pool.dispatch(pending)
            if exhausted and pool.idle():
                break
            pool.collect()
            pool.dispatch(pending)  # before the caller gets results: workers need not wait on it
            pool.replace()
            while next_out in pool.done:
                yield pool.done.pop(next_out)
                next_out += 1
    finally:
        pool.close()


class _Pool:
    """Worker processes, the job each holds, and the results not yet handed out."""

    def __init__(self, jobs: int, timeout: float, limits: Limits, model):
        self.ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
        self.timeout, self.limits, self.model = timeout, limits, model
        self.workers = [self._new() for _ in range(jobs)]
        self.done: dict[int, Result] = {}
        self.exhausted = False

    def _new(self) -> _Worker:
        return _Worker(self.ctx, self.model, self.limits)

    def dispatch(self, pending: Iterator[tuple[int, Task]]) -> bool:
        """A task to every ready, idle worker; True once the tasks have run out."""
        for w in self.workers:
            if self.exhausted:
                break
            if w.ready and w.job is None and not w.retiring():
                item = next(pending, None)
                if item is None:
                    self.exhausted = True
                    break
                w.job = (item[0], item[1], time.monotonic())
                w.conn.send(item[1])
        return self.exhausted

    def idle(self) -> bool:
        return not any(w.job for w in self.workers)

    def collect(self) -> None:
        """Wait a moment for messages: a worker ready to start, or a result."""
        busy = [w.conn for w in self.workers if w.job is not None or not w.ready]
        for conn in wait(busy, timeout=POLL_SECONDS):
            w = next(w for w in self.workers if w.conn is conn)
            try:
                message = conn.recv()
            except (EOFError, OSError):
                continue  # the process died; replace() finds it
            if message == "ready":
                w.ready = True
            else:
                self.done[w.job[0]] = message
                w.job = None
                w.served += 1
                w.resident = message.resident

    def replace(self) -> None:
        """Retire workers grown too big or that served their share; kill those over time or dead, failing their job."""
        for i, w in enumerate(self.workers):
            if w.job is None and w.retiring():
                w.conn.send(None)
                w.process.join()
                self.workers[i] = self._new()
                continue
            overdue = w.job is not None and time.monotonic() - w.job[2] > self.timeout
            if overdue or not w.process.is_alive():
                if w.job is None and not w.ready:
                    raise CleanerError("usage", "a worker process could not start (see the error above)")
                if w.job is not None:
                    self._fail_job(w.job[0], w.job[1], overdue, w.process.exitcode)
                w.kill()
                self.workers[i] = self._new()

    def _fail_job(self, seq: int, task: Task, overdue: bool, exitcode) -> None:
        error = ({"error": "timeout", "message": f"took over {self.timeout:g}s (--timeout)"} if overdue
                 else {"error": "crash", "message": f"the worker died (exit code {exitcode})"})
        self.done[seq] = failed(task, error)
        if task.stem is not None:
            _stale_temporaries(task.stem)

    def close(self) -> None:
        for w in self.workers:
            if w.process.is_alive():
                try:
                    w.conn.send(None)
                except OSError:
                    pass
        for w in self.workers:
            w.process.join(timeout=2)
            if w.process.is_alive():
                w.kill()
