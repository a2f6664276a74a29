"""`cleaner run IN OUT`: every document under IN cleaned into OUT, failures recorded.

Output names mirror input paths without the extension (``a/b.html`` gives
``a/b.txt`` and ``a/b.json``); when two inputs in one folder share a stem
(``b.html`` and ``b.txt``), both keep their extension (``b.html.txt``,
``b.txt.txt``) so neither overwrites the other.
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
from .errors import CleanerError
from .sinks import write_atomic, write_document

EXTENSIONS = {".html": "html", ".htm": "html", ".txt": "text"}


@dataclass
class Summary:
    documents: int = 0
    failed: int = 0
    errors: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def line(self) -> str:
        labels = ", ".join(f"{l.value} {self.labels[l.value]}" for l in LABELS)
        return f"{self.documents} documents, {self.documents - self.failed} cleaned, {self.failed} failed; paragraphs: {labels}; {self.seconds:.1f}s"

    def to_dict(self) -> dict:
        return {"documents": self.documents, "cleaned": self.documents - self.failed, "failed": self.failed,
                "errors": dict(self.errors), "paragraphs": dict(self.labels), "seconds": round(self.seconds, 3)}


def discover(root: Path) -> Iterator[tuple[Path, str]]:
    """(input path, output stem relative to OUT) for every document under `root`, in sorted order."""
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        docs = sorted(f for f in files if Path(f).suffix.lower() in EXTENSIONS and not f.startswith("."))
        stems = Counter(Path(f).stem for f in docs)
        rel = Path(folder).relative_to(root)
        for name in docs:
            stem = Path(name).stem if stems[Path(name).stem] == 1 else name
            yield Path(folder) / name, str(rel / stem)


def run(in_dir: Path, out_dir: Path, clean: Callable, *, on_error: Callable[[dict], None] | None = None) -> Summary:
    """Clean every document; one bad document costs only its own output."""
    start = time.perf_counter()
    summary = Summary()
    errors: list[dict] = []
    for path, stem in discover(in_dir):
        summary.documents += 1
        source = str(path.relative_to(in_dir))
        try:
            data = path.read_bytes()
            doc = clean(data, kind=EXTENSIONS[path.suffix.lower()])
            write_document(doc, out_dir / stem, source)
            summary.labels.update(p.label.value for p in doc.paragraphs)
        except CleanerError as exc:
            errors.append({"source": source, **exc.to_dict()})
        except OSError as exc:
            errors.append({"source": source, "error": "io", "message": f"{exc.strerror or exc}"})
        else:
            continue
        summary.failed += 1
        summary.errors[errors[-1]["error"]] += 1
        if on_error:
            on_error(errors[-1])
    summary.seconds = time.perf_counter() - start
    write_atomic(out_dir / "errors.jsonl", "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors))
    write_atomic(out_dir / "summary.json", json.dumps(summary.to_dict(), indent=2) + "\n")
    return summary
