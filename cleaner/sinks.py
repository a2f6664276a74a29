"""Writing outputs so that a killed run never leaves a truncated file."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .document import Document


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp makes private files; outputs get the usual permissions instead.
FILE_MODE = 0o666 & ~_umask()


def open_new(path: Path):
    """A fresh file for writing that is never a link someone left there: a link at
    `path` is removed, not followed, so it cannot point the output elsewhere."""
    if path.is_symlink():
        path.unlink()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o666)
    return os.fdopen(fd, "w", encoding="utf-8")


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary name in the same folder, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _check_inside(folder: Path, root: Path) -> None:
    from .errors import CleanerError
    from .names import inside

    if not inside(folder, root):
        raise CleanerError("unsafe_output", f"{folder} leads out of the output folder through a link",
                           "outputs are never written through links to outside OUT")


def merge_record(record: dict, source: str | None, extra: dict | None = None) -> dict:
    """A result record with where it came from: `source` first, then the input's own
    fields (`extra`: a JSONL id, WARC metadata, merged into ``metadata``)."""
    extra = dict(extra or {})
    meta = extra.pop("metadata", None)
    out = {"source": source, **extra, **{k: v for k, v in record.items() if k != "source"}}
    if meta:
        out["metadata"] = {**out.get("metadata", {}), **meta}
    return out


def document_json(doc: Document, source: str | None = None, extra: dict | None = None) -> str:
    record = doc.to_dict()
    if source is not None or extra:
        record = merge_record(record, source if source is not None else record["source"], extra)
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def write_document(doc: Document, stem: Path, source: str, extra: dict | None = None, *,
                   report: bool = False, root: Path | None = None) -> None:
    """`stem`.txt holds the clean text, `stem`.json the whole record, and with `report`
    `stem`.report.html shows why; the JSON lands last, since resuming looks at it.

    With `root` (OUT), a folder that is or passes through a link out of OUT is refused.
    """
    if root is not None:
        _check_inside(stem.parent, root)
    write_atomic(stem.with_name(stem.name + ".txt"), doc.text + "\n" if doc.text else "")
    if report:
        from .report import render_html

        record = merge_record(doc.to_dict(), source, extra)
        write_atomic(stem.with_name(stem.name + ".report.html"), render_html(record))
    write_atomic(stem.with_name(stem.name + ".json"), document_json(doc, source, extra))
