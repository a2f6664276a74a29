"""`cleaner run IN OUT`: every document under IN cleaned into OUT, failures recorded.

Output names mirror input paths without the extension (``a/b.html`` gives
``a/b.txt`` and ``a/b.json``); when two inputs in one folder share a stem
(``b.html`` and ``b.txt``), both keep their extension (``b.html.txt``,
``b.txt.txt``) so neither overwrites the other.

Every input ends as exactly one output pair or one line of ``errors.jsonl``.
Inputs are found lazily, folder by folder; a document whose ``.json`` is newer
than it is skipped unless ``force``, so an interrupted run picks up where it stopped.
"""
from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .document import LABELS
from .sinks import write_atomic
from .workers import Result, Task, run_tasks

EXTENSIONS = {".html": "html", ".htm": "html", ".txt": "text"}
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_BYTES = 20_000_000


@dataclass
class Summary:
    documents: int = 0
    failed: int = 0
    skipped: int = 0
    errors: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def cleaned(self) -> int:
        return self.documents - self.failed - self.skipped

    def add(self, result: Result) -> None:
        self.documents += 1
        if result.error:
            self.failed += 1
            self.errors[result.error["error"]] += 1
        else:
            self.labels.update(result.labels)

    def line(self) -> str:
        labels = ", ".join(f"{l.value} {self.labels[l.value]}" for l in LABELS)
        skipped = f", {self.skipped} already done" if self.skipped else ""
        stopped = " (interrupted)" if self.interrupted else ""
        return (f"{self.documents} documents, {self.cleaned} cleaned{skipped}, {self.failed} failed; "
                f"paragraphs: {labels}; {self.seconds:.1f}s{stopped}")

    def to_dict(self) -> dict:
        return {"documents": self.documents, "cleaned": self.cleaned, "skipped": self.skipped,
                "failed": self.failed, "errors": dict(self.errors), "paragraphs": dict(self.labels),
                "seconds": round(self.seconds, 3), "interrupted": self.interrupted}


def discover(root: Path, problems: list[dict] | None = None) -> Iterator[tuple[Path, str]]:
    """(input path, output stem relative to OUT) for every document under `root`, in sorted order.

    Symlinked folders are followed once; a link back into a folder already seen is a
    loop, and an unreadable folder is a problem: both are reported in `problems`.
    """
    seen: set[tuple[int, int]] = set()

    def report(error: OSError) -> None:
        if problems is not None:
            where = Path(error.filename or root)
            problems.append({"source": _relative(where, root), "error": "io",
                             "message": f"cannot read folder: {error.strerror or error}"})

    for folder, dirs, files in os.walk(root, followlinks=True, onerror=report):
        try:
            st = os.stat(folder)
        except OSError as exc:
            report(exc)
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:
            if problems is not None:
                problems.append({"source": _relative(Path(folder), root), "error": "io",
                                 "message": "symlink loop: this folder was already read"})
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs.sort()
        docs = sorted(f for f in files if Path(f).suffix.lower() in EXTENSIONS and not f.startswith("."))
        stems = Counter(Path(f).stem for f in docs)
        rel = Path(folder).relative_to(root)
        for name in docs:
            stem = Path(name).stem if stems[Path(name).stem] == 1 else name
            yield Path(folder) / name, str(rel / stem)


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def is_done(path: Path, stem: Path) -> bool:
    """Both outputs exist and the record (written last) is newer than the input."""
    record, text = stem.with_name(stem.name + ".json"), stem.with_name(stem.name + ".txt")
    try:
        return text.exists() and record.stat().st_mtime >= path.stat().st_mtime
    except OSError:
        return False


def run(in_dir: Path, out_dir: Path, *, jobs: int = 1, timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES, force: bool = False, model: str | None = None,
        on_result: Callable[[Result | None, Summary], None] | None = None) -> Summary:
    """Clean every document under `in_dir` into `out_dir`; see the module docstring.

    `on_result` is called after each document (None for one skipped as done), for progress.
    """
    start = time.perf_counter()
    summary = Summary()
    out_dir.mkdir(parents=True, exist_ok=True)
    problems: list[dict] = []

    def tasks() -> Iterator[Task]:
        for path, stem in discover(in_dir, problems):
            task = Task(path, _relative(path, in_dir), out_dir / stem, EXTENSIONS[path.suffix.lower()])
            if not force and is_done(path, task.stem):
                summary.documents += 1
                summary.skipped += 1
                if on_result:
                    on_result(None, summary)
                continue
            yield task

    with open(out_dir / "errors.jsonl", "w", encoding="utf-8") as errors:
        def record(error: dict) -> None:
            errors.write(json.dumps(error, ensure_ascii=False) + "\n")
            errors.flush()

        def folder_problems() -> None:
            # A folder that cannot be read counts as one failed input.
            while problems:
                problem = problems.pop(0)
                summary.documents += 1
                summary.failed += 1
                summary.errors[problem["error"]] += 1
                record(problem)

        try:
            for result in run_tasks(tasks(), jobs=jobs, timeout=timeout, max_bytes=max_bytes, model=model):
                summary.add(result)
                if result.error:
                    record({"source": result.task.source, **result.error})
                folder_problems()
                if on_result:
                    on_result(result, summary)
            folder_problems()
        except KeyboardInterrupt:
            summary.interrupted = True
    summary.seconds = time.perf_counter() - start
    write_atomic(out_dir / "summary.json", json.dumps(summary.to_dict(), indent=2) + "\n")
    return summary


def count_documents(root: Path) -> int:
    """How many documents `run` will see, for a progress bar; names only, nothing read."""
    return sum(1 for _ in discover(root))
