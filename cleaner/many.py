"""`Cleaner.clean_many`: many documents in, results out in the same order.

In the caller's process by default; with `jobs` above 1 or a `timeout`, in
worker processes (the same ones `cleaner run` uses), each loading the model
once. A worker that overruns the time limit is killed and replaced, so one
pathological page costs its own result and nothing else.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .document import Document
from .errors import CleanerError

Source = str | bytes | Mapping[str, Any]


@dataclass(frozen=True)
class Outcome:
    """One document's result when errors are returned, not raised.

    `status` is ``ok``, ``not_article`` (the document's own status) or the
    error's code (``empty``, ``timeout``, ...); `index` is the document's place
    in the input.
    """

    index: int
    document: Document | None = None
    error: CleanerError | None = None

    @property
    def status(self) -> str:
        return self.error.code if self.error is not None else self.document.status

    @property
    def ok(self) -> bool:
        return self.error is None


def unpack(item: Source) -> tuple[str | bytes, str | None, str | None]:
    """(data, url, kind) of one input: the data itself, or a mapping shaped like a
    JSON Lines record (``html`` or ``text``, optional ``url``)."""
    if isinstance(item, (str, bytes, bytearray)):
        return item, None, None
    if isinstance(item, Mapping):
        for key, kind in (("html", "html"), ("text", "text")):
            if item.get(key) is not None:
                return item[key], item.get("url"), kind
        raise CleanerError("bad_record", "a mapping needs an 'html' or 'text' field")
    raise CleanerError("usage", f"cannot clean a {type(item).__name__}", "pass str, bytes or a mapping")


def clean_many(cleaner, items: Iterable[Source], *, kind: str | None, jobs: int, timeout: float | None,
               errors: str, model_path) -> Iterator[Document | Outcome]:
    if errors not in ("raise", "return"):
        raise CleanerError("usage", f"errors must be 'raise' or 'return', not {errors!r}")
    outcomes = (_in_process(cleaner, items, kind) if jobs <= 1 and timeout is None
                else _in_workers(items, kind, jobs, timeout, model_path, cleaner.limits))
    for outcome in outcomes:
        if errors == "return":
            yield outcome
        elif outcome.error is not None:
            raise outcome.error
        else:
            yield outcome.document


def _in_process(cleaner, items: Iterable[Source], kind: str | None) -> Iterator[Outcome]:
    for i, item in enumerate(items):
        try:
            data, url, item_kind = unpack(item)
            yield Outcome(i, cleaner.clean(data, url=url, kind=kind or item_kind))
        except CleanerError as exc:
            yield Outcome(i, error=exc)


def _in_workers(items: Iterable[Source], kind: str | None, jobs: int, timeout: float | None,
                model_path, limits) -> Iterator[Outcome]:
    from .workers import Task, run_tasks

    def tasks() -> Iterator[Task]:
        for i, item in enumerate(items):
            try:
                data, url, item_kind = unpack(item)
            except CleanerError as exc:
                yield Task(None, str(i), None, None, error=exc.to_dict(), keep=True)
                continue
            yield Task(None, str(i), None, kind or item_kind, data, url, keep=True)

    limit = timeout if timeout is not None else float("inf")
    for i, result in enumerate(run_tasks(tasks(), jobs=max(1, jobs), timeout=limit, limits=limits,
                                         model=model_path)):
        if result.error:
            yield Outcome(i, error=CleanerError(result.error["error"], result.error["message"]))
        else:
            yield Outcome(i, result.document)
