"""Output names that stay inside OUT, whatever the input names hold.

Every part of an output path is made safe here: control characters (NUL
included) and the characters Windows forbids (``\\ : * ? " < > |``) become
``_``; ``.`` and ``..`` and empty names become ``_``; trailing dots and spaces
go; Windows device names (``CON``, ``NUL``, ``COM1`` ...) get a leading ``_``;
a name too long for a file system once our suffixes are added is cut and given
a short hash of the whole name, so it stays unique. Names that differ only in
case get ``~2``, ``~3`` ... in one folder (see `Unique`), since some file
systems would make them one file. Outputs of a stream's records are numbered
(`record_name`), so no id or URL in the data ever becomes a path.

Writing checks the real folder too (`inside`): an output whose folder is, or
passes through, a symbolic link to somewhere outside OUT is refused.
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

_UNSAFE = re.compile(r'[\x00-\x1f\x7f\\:*?"<>|/]')
_RESERVED = re.compile(r"^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\..*)?$", re.I)
# Room for what we add to a stem: ".report.html", and mkstemp's ".<name>.<8 chars>.tmp".
MAX_STEM_BYTES = 200


def safe_part(name: str) -> str:
    """One path component, safe to create on Linux, macOS and Windows."""
    name = _UNSAFE.sub("_", name).rstrip(". ")
    if name in ("", ".", ".."):
        name = "_"
    if _RESERVED.match(name):
        name = "_" + name
    raw = name.encode("utf-8", "surrogateescape")
    if len(raw) > MAX_STEM_BYTES:
        digest = hashlib.sha1(raw).hexdigest()[:10]
        cut = raw[: MAX_STEM_BYTES - 11].decode("utf-8", "ignore")
        name = f"{cut}~{digest}"
    return name


def safe_relative(path: str | Path) -> Path:
    """A relative path, every part made safe: never absolute, never climbing out."""
    return Path(*[safe_part(p) for p in Path(path).parts if p not in ("/", "\\")] or ["_"])


def record_name(position: int) -> str:
    """The output stem of a stream's record: its place in the stream, nothing from its data."""
    return f"{position:06d}"


class Unique:
    """Stems in one folder made unique without regard to case: `a`, `A~2`, `a~3`."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, stem: str) -> str:
        key = stem.casefold()
        count = self.seen.get(key, 0) + 1
        self.seen[key] = count
        if count == 1:
            return stem
        candidate = f"{stem}~{count}"
        self.seen.setdefault(candidate.casefold(), 1)
        return candidate


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, with every link in it followed, lies within `root` (links followed too)."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)
