"""Documents that arrive as records of a stream: JSON Lines and WARC archives.

Each reader yields `Record`s lazily, one per document, so a file of any size is
read in constant memory. A record that cannot be a document still comes out, in
its place: with `error` set (a bad JSON line, a document over the size cap) or
with `skip` set (a WARC revisit, a non-HTML response, a truncated record), so
callers can report and count it rather than lose it silently.
"""
from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .errors import CleanerError

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
DEFAULT_MAX_BYTES = 20_000_000


@dataclass(frozen=True)
class Fields:
    """Names of the JSON fields that hold a record's parts."""

    id: str = "id"
    html: str = "html"
    text: str = "text"
    url: str = "url"


@dataclass(frozen=True)
class Record:
    """One document of a stream, or the reason there is none.

    `id` is the record's own id (any JSON value for JSONL; the WARC-Record-ID);
    `position` is its place in the stream (line number, or record number in a
    WARC file), for messages; `kind` is ``html``, ``text`` or None to sniff;
    `charset` is the transport's declared encoding, if any.
    """

    id: Any
    position: int
    data: str | bytes | None = None
    kind: str | None = None
    url: str | None = None
    charset: str | None = None
    meta: dict = field(default_factory=dict)
    error: dict | None = None   # {"error": code, "message": ...}: a failed document
    skip: str | None = None     # why this record is not a document at all


def stream_kind(path: str | Path) -> str | None:
    """``jsonl`` or ``warc`` for a file that holds many documents, from its name."""
    name = str(path).lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    return None


def read_path(path: str | Path, *, fields: Fields = Fields(), max_bytes: int = DEFAULT_MAX_BYTES,
              kind: str | None = None) -> Iterator[Record]:
    """Every record of a JSONL or WARC file, gzipped or not; `kind` ("jsonl" or "warc")
    overrides what the file name says."""
    kind = kind or stream_kind(path)
    if kind is None:
        raise CleanerError("usage", f"{path} is neither JSON Lines nor WARC",
                           f"name it with one of {', '.join(JSONL_SUFFIXES + WARC_SUFFIXES)}")
    with open(path, "rb") as raw:
        if kind == "warc":  # warcio reads gzip members itself
            yield from read_warc(raw, max_bytes=max_bytes)
        elif raw.peek(2)[:2] == b"\x1f\x8b":
            with gzip.open(raw) as fh:
                yield from read_jsonl(fh, fields=fields, max_bytes=max_bytes)
        else:
            yield from read_jsonl(raw, fields=fields, max_bytes=max_bytes)


# --- JSON Lines -----------------------------------------------------------------

def read_jsonl(stream: IO[bytes], *, fields: Fields = Fields(),
               max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Record]:
    """One record per non-blank line; a line that is not a document is an error record.

    Lines are read with a cap, so one endless line (or a decompression bomb in a
    .gz) costs at most `max_bytes` of memory before it is refused.
    """
    position = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        position += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            _drain_line(stream, max_bytes)
            yield Record(None, position, error={
                "error": "too_large", "message": f"line {position} is over the {max_bytes:,}-byte limit"})
            continue
        if line.strip():  # a blank line is no record, but it keeps its line number
            yield _jsonl_record(line, position, fields)


def _drain_line(stream: IO[bytes], chunk: int) -> None:
    """Skip the rest of an over-long line without holding it."""
    while True:
        part = stream.readline(chunk)
        if not part or part.endswith(b"\n"):
            return


def _jsonl_record(line: bytes, position: int, fields: Fields) -> Record:
    def bad(message: str, rid: Any = None) -> Record:
        return Record(rid, position, error={"error": "bad_record", "message": f"line {position}: {message}"})

    try:
        obj = json.loads(line)
    except (ValueError, UnicodeDecodeError) as exc:
        return bad(f"not JSON ({exc})")
    if not isinstance(obj, dict):
        return bad(f"a JSON {type(obj).__name__}, not an object")
    rid = obj.get(fields.id)
    url = obj.get(fields.url)
    if url is not None and not isinstance(url, str):
        return bad(f"field {fields.url!r} is not a string", rid)
    for name, kind in ((fields.html, "html"), (fields.text, "text")):
        value = obj.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            return bad(f"field {name!r} is a {type(value).__name__}, not a string", rid)
        return Record(rid, position, value, kind, url)
    return bad(f"no {fields.html!r} or {fields.text!r} field", rid)


# --- WARC -----------------------------------------------------------------------

def read_warc(stream: IO[bytes], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Record]:
    """Every HTML response of a WARC file, plain or gzip per record.

    Requests, warcinfo and metadata records are not documents and pass unseen;
    revisits, non-HTML and non-2xx responses are skipped with a reason; a record
    cut short (a truncated file) is skipped as broken, and reading stops at the
    first record the archive reader cannot parse.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    position = 0
    records = iter(ArchiveIterator(stream))
    while True:
        try:
            rec = next(records)
        except StopIteration:
            return
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            yield Record(None, position + 1, skip=f"broken: the archive cannot be read past here ({exc})")
            return
        if rec.rec_type not in ("response", "resource", "revisit"):
            continue
        position += 1
        try:
            yield _warc_record(rec, position, max_bytes)
        except (OSError, EOFError, ValueError) as exc:
            yield Record(rec.rec_headers.get_header("WARC-Record-ID"), position,
                         skip=f"broken: {type(exc).__name__}: {exc}")
            return


def _warc_record(rec, position: int, max_bytes: int) -> Record:
    headers = rec.rec_headers
    rid = headers.get_header("WARC-Record-ID")
    url = headers.get_header("WARC-Target-URI")
    meta = {k: v for k, v in (("warc_record_id", rid), ("warc_date", headers.get_header("WARC-Date")),
                              ("warc_target_uri", url)) if v}

    def skipped(reason: str) -> Record:
        return Record(rid, position, url=url, meta=meta, skip=reason)

    if rec.rec_type == "revisit":
        return skipped("revisit: the record refers to an earlier capture")
    http = rec.http_headers
    if rec.rec_type == "response" and http is None:
        return skipped("not HTTP: a response record without HTTP headers")
    content_type = (http.get_header("Content-Type") if http else headers.get_header("Content-Type")) or ""
    if http is not None and not http.get_statuscode().startswith("2"):
        return skipped(f"HTTP status {http.get_statuscode()}")
    mime, _, params = content_type.partition(";")
    if mime.strip() and mime.strip().lower() not in HTML_TYPES:
        return skipped(f"not HTML: {mime.strip()}")
    body = rec.content_stream().read(max_bytes + 1)
    if rec.raw_stream.limit > 0 and len(body) <= max_bytes:
        return skipped(f"broken: the record is cut short ({rec.raw_stream.limit:,} bytes missing)")
    if len(body) > max_bytes:
        return Record(rid, position, url=url, meta=meta, error={
            "error": "too_large", "message": f"over the {max_bytes:,}-byte limit once decompressed"})
    return Record(rid, position, body, "html", url, _charset(params), meta)


def _charset(params: str) -> str | None:
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
