"""`cleaner run IN OUT`: every document under IN cleaned into OUT, failures recorded.

Output names mirror input paths without the extension (``a/b.html`` gives
``a/b.txt`` and ``a/b.json``); when two inputs in one folder share a stem
(``b.html`` and ``b.txt``), both keep their extension (``b.html.txt``,
``b.txt.txt``) so neither overwrites the other.

A ``.jsonl``/``.jsonl.gz`` or ``.warc``/``.warc.gz`` file holds many documents:
its records get outputs in a folder named after the file, numbered by their
place in it (``crawl.warc.gz/000017.json``); the numbers, never the records' own
ids or URLs, make the names, so data cannot steer where an output lands.

Every document ends as exactly one output pair or one line of ``errors.jsonl``.
Inputs are found lazily, folder by folder; a document whose ``.json`` is newer
than it is skipped unless ``force``, so an interrupted run picks up where it stopped.

With ``format="jsonl"`` every result (and, in its place, every failure) is one
line of ``OUT/part-00000.jsonl``, ``part-00001.jsonl`` ... in input order, each
part renamed into place when full; such a run starts afresh, it does not resume.
IN may also be ``-`` (JSON Lines on stdin) and OUT ``-`` (JSON Lines on stdout).
"""
from __future__ import annotations

import json
import os
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from .document import LABELS
from .limits import Limits
from .names import Unique, record_name, safe_part, safe_relative
from .sinks import FILE_MODE, open_new, write_atomic
from .sources import Fields, Record, read_jsonl, read_path, stream_kind
from .workers import Result, Task, run_tasks

EXTENSIONS = {".html": "html", ".htm": "html", ".txt": "text"}
PART_SIZE = 10_000
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_BYTES = 20_000_000


@dataclass
class Summary:
    documents: int = 0
    failed: int = 0
    skipped: int = 0
    not_articles: int = 0       # cleaned, but the page holds no article (status "not_article")
    errors: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    interrupted: bool = False
    not_documents: Counter = field(default_factory=Counter)   # stream records skipped, by reason
    output_closed: bool = False                               # stdout's reader stopped reading

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
            self.not_articles += result.status == "not_article"

    def line(self) -> str:
        labels = ", ".join(f"{l.value} {self.labels[l.value]}" for l in LABELS)
        skipped = f", {self.skipped} already done" if self.skipped else ""
        stopped = " (interrupted)" if self.interrupted else ""
        passed = sum(self.not_documents.values())
        records = f"; {passed} records not documents ({_top(self.not_documents)})" if passed else ""
        listings = f" ({self.not_articles} not articles)" if self.not_articles else ""
        return (f"{self.documents} documents, {self.cleaned} cleaned{listings}{skipped}, {self.failed} failed; "
                f"paragraphs: {labels}{records}; {self.seconds:.1f}s{stopped}")

    def to_dict(self) -> dict:
        return {"documents": self.documents, "cleaned": self.cleaned, "not_articles": self.not_articles,
                "skipped": self.skipped,
                "failed": self.failed, "errors": dict(self.errors), "paragraphs": dict(self.labels),
                "not_documents": dict(self.not_documents),
                "seconds": round(self.seconds, 3), "interrupted": self.interrupted}


def _top(counts: Counter, n: int = 3) -> str:
    return ", ".join(f"{reason} {k}" for reason, k in counts.most_common(n))


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
        docs = sorted(f for f in files if is_input(f))
        stems = Counter(Path(f).stem for f in docs if not stream_kind(f))
        rel = safe_relative(Path(folder).relative_to(root)) if Path(folder) != root else Path()
        unique = Unique()
        for name in docs:
            stem = Path(name).stem if stems[Path(name).stem] == 1 and not stream_kind(name) else name
            yield Path(folder) / name, str(rel / unique(safe_part(stem)))


def is_input(name: str) -> bool:
    return not name.startswith(".") and (Path(name).suffix.lower() in EXTENSIONS or bool(stream_kind(name)))


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


def run(source: Path | str, out: Path | str, *, jobs: int = 1, timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES, force: bool = False, model: str | None = None,
        fmt: str = "files", fields: Fields = Fields(), part_size: int = PART_SIZE, report: bool = False,
        stdin: IO[bytes] | None = None, stdout: IO[str] | None = None,
        on_result: Callable[[Result | None, Summary], None] | None = None) -> Summary:
    """Clean every document under `source` into `out`; see the module docstring.

    `on_result` is called after each document (None for one skipped), for progress.
    """
    start = time.perf_counter()
    summary = Summary()
    out_dir = None if str(out) == "-" else Path(out)
    lines = out_dir is None or fmt == "jsonl"
    problems: list[dict] = []

    def skip(reason: str | None) -> None:
        if reason:
            summary.not_documents[reason] += 1
        else:
            summary.documents += 1
            summary.skipped += 1
        if on_result:
            on_result(None, summary)

    found = _inputs(source, problems, stdin, fields, max_bytes)
    tasks = _tasks(found, None if lines else out_dir, force or lines, skip, report)
    with Outputs(out_dir, lines, stdout, part_size) as outputs:
        def folder_problems() -> None:
            # A folder that cannot be read counts as one failed input.
            while problems:
                problem = problems.pop(0)
                summary.documents += 1
                summary.failed += 1
                summary.errors[problem["error"]] += 1
                outputs.error(problem)

        try:
            for result in run_tasks(tasks, jobs=jobs, timeout=timeout, limits=Limits(max_bytes=max_bytes),
                                      model=model):
                summary.add(result)
                outputs.write(result)
                folder_problems()
                if on_result:
                    on_result(result, summary)
            folder_problems()
        except KeyboardInterrupt:
            summary.interrupted = True
        except BrokenPipeError:  # the reader of stdout has gone (`| head`): stop quietly
            summary.interrupted = summary.output_closed = True
    summary.seconds = time.perf_counter() - start
    if out_dir is not None:
        write_atomic(out_dir / "summary.json", json.dumps(summary.to_dict(), indent=2) + "\n")
    return summary


# An input: (path of the file, its path as reported, output stem relative to OUT,
# and for a file of many documents, its records).
Found = tuple[Path | None, str, str, Iterator[Record] | None]


def _inputs(source: Path | str, problems: list[dict], stdin: IO[bytes] | None,
            fields: Fields, max_bytes: int) -> Iterator[Found]:
    if str(source) == "-":
        yield None, "stdin", "stdin", read_jsonl(stdin, fields=fields, max_bytes=max_bytes)
        return
    source = Path(source)
    if source.is_dir():
        pairs = discover(source, problems)
    else:
        stem = source.name if stream_kind(source) else source.stem
        pairs = iter([(source, safe_part(stem))])
    for path, stem in pairs:
        rel = _relative(path, source) if source.is_dir() else path.name
        records = None
        if stream_kind(path):
            records = _records_or_problem(path, rel, fields, max_bytes)
        yield path, rel, stem, records


def _records_or_problem(path: Path, rel: str, fields: Fields, max_bytes: int) -> Iterator[Record]:
    """The records of a stream file; a file that cannot be opened, or whose compression
    breaks partway, ends with one error record after the records read before it."""
    last = 0
    try:
        for record in read_path(path, fields=fields, max_bytes=max_bytes):
            last = record.position
            yield record
    except (OSError, EOFError, zlib.error) as exc:  # BadGzipFile is an OSError
        yield Record(None, last + 1, error={"error": "io", "message": f"cannot read {rel} past record {last}: "
                                                                     f"{getattr(exc, 'strerror', None) or exc}"})


def _tasks(found: Iterator[Found], out_dir: Path | None, force: bool,
           skip: Callable[[str | None], None], report: bool = False) -> Iterator[Task]:
    """Tasks for every document; records that are not documents, and documents
    already done, are reported through `skip` instead."""
    for path, rel, stem, records in found:
        if records is None:
            task = Task(path, rel, out_dir / stem if out_dir else None, EXTENSIONS.get(path.suffix.lower()),
                        report=report and out_dir is not None, root=out_dir)
            if not force and is_done(path, task.stem):
                skip(None)
            else:
                yield task
            continue
        lines = path is None or stream_kind(path) == "jsonl"
        for record in records:
            if record.skip:
                skip(record.skip.split(":")[0])
                continue
            task = _record_task(record, rel, out_dir / stem / record_name(record.position) if out_dir else None,
                                lines, report, out_dir)
            if not force and path is not None and is_done(path, task.stem):
                skip(None)
            else:
                yield task


def _record_task(record: Record, rel: str, stem: Path | None, numbered_lines: bool, report: bool,
                 root: Path | None) -> Task:
    extra: dict = {"id": record.id}
    if numbered_lines:
        extra["line"] = record.position
    if record.meta:
        extra["metadata"] = record.meta
    return Task(None, f"{rel}:{record.position}", stem, record.kind, record.data, record.url,
                record.charset, extra, record.error, report=report and root is not None, root=root)


class Outputs:
    """Where results go besides the workers' own files: ``errors.jsonl`` in OUT, and
    for a line-per-document run the JSON lines, in parts or on stdout."""

    def __init__(self, out_dir: Path | None, lines: bool, stdout: IO[str] | None, part_size: int):
        self.out_dir, self.lines, self.part_size = out_dir, lines, part_size
        self.stdout = stdout
        self.errors = None
        self.part: IO[str] | None = None
        self.part_lines = self.part_number = 0

    def __enter__(self) -> Outputs:
        if self.out_dir is not None:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            self.errors = open_new(self.out_dir / "errors.jsonl")
            if self.lines:
                for old in [*self.out_dir.glob("part-*.jsonl"), *self.out_dir.glob(".part-*.tmp")]:
                    old.unlink()
        return self

    def error(self, error: dict) -> None:
        if self.errors is not None:
            self.errors.write(json.dumps(error, ensure_ascii=False) + "\n")
            self.errors.flush()

    def write(self, result: Result) -> None:
        if result.error:
            self.error({"source": result.task.source, **_input_fields(result.task), **result.error})
        if not self.lines or result.line is None:
            return
        if self.out_dir is None:
            self.stdout.write(result.line + "\n")
            self.stdout.flush()
            return
        if self.part is None:
            self._open_part()
        self.part.write(result.line + "\n")
        self.part_lines += 1
        if self.part_lines >= self.part_size:
            self._close_part()

    def _open_part(self) -> None:
        name = f"part-{self.part_number:05d}.jsonl"
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.out_dir)
        self.part = os.fdopen(fd, "w", encoding="utf-8")
        self.part_tmp, self.part_name = Path(tmp), self.out_dir / name

    def _close_part(self) -> None:
        self.part.close()
        os.chmod(self.part_tmp, FILE_MODE)
        os.replace(self.part_tmp, self.part_name)
        self.part, self.part_lines = None, 0
        self.part_number += 1

    def __exit__(self, *exc) -> None:
        if self.part is not None:
            self._close_part()   # what is written is whole lines, in order: keep it
        if self.errors is not None:
            self.errors.close()


def _input_fields(task: Task) -> dict:
    return {k: v for k, v in task.extra.items() if k in ("id", "line")}


def count_documents(root: Path) -> int | None:
    """How many documents `run` will see, for a progress bar; names only, nothing read.
    None when a file of many documents makes the count unknown without reading it."""
    if not root.is_dir():
        return None
    total = 0
    for path, _ in discover(root):
        if stream_kind(path):
            return None
        total += 1
    return total
