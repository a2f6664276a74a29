"""What `cleaner run` shows while it works: a bar on a terminal, log lines elsewhere."""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from pathlib import Path

LOG_EVERY_SECONDS = 10.0


def _errors(summary) -> str:
    return f"{summary.failed} failed" if summary.failed else "no failures"


def _error_line(result) -> str:
    return f"cleaner: {result.task.source}: {result.error['error']}: {result.error['message']}"


@contextmanager
def reporter(in_dir: Path | None, *, quiet: bool):
    """Yield an `on_result(result, summary)` callback that reports progress."""
    if quiet:
        yield lambda result, summary: None
    elif sys.stderr.isatty():
        yield from _bar(in_dir)
    else:
        yield from _log_lines()


def _bar(in_dir: Path):
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from .batch import count_documents

    columns = (TextColumn("cleaning"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.1f}/s"), TimeRemainingColumn(), TextColumn("{task.fields[errors]}"))
    with Progress(*columns, transient=True) as bar:
        total = count_documents(in_dir) if in_dir is not None else None
        task = bar.add_task("clean", total=total, rate=0.0, errors="no failures")
        start = time.monotonic()

        def on_result(result, summary) -> None:
            rate = summary.documents / max(1e-9, time.monotonic() - start)
            bar.update(task, completed=summary.documents, rate=rate, errors=_errors(summary))
            if result is not None and result.error:
                bar.console.print(_error_line(result), highlight=False, markup=False)

        yield on_result


def _log_lines():
    start = last = time.monotonic()

    def on_result(result, summary) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= LOG_EVERY_SECONDS:
            last = now
            rate = summary.documents / max(1e-9, now - start)
            print(f"cleaner: {summary.documents} documents done, {rate:.1f}/s, {_errors(summary)}",
                  file=sys.stderr, flush=True)
        if result is not None and result.error:
            print(_error_line(result), file=sys.stderr, flush=True)

    yield on_result
