"""Clean documents with Apache Spark: a DataFrame function and a WARC/JSONL-to-Parquet job.

`clean_dataframe` runs the cleaner as a pandas UDF: only the columns it needs
travel to Python, in Arrow batches, and each executor's Python worker loads the
model once, on its first batch, and keeps it for every later task.

    python -m cleaner.spark INPUT... --out DIR [--format jsonl|warc|auto] [--partitions N]
        [--id-field id] [--html-field html] [--text-field text] [--url-field url] [--model M] [--overwrite]

Each INPUT is a JSONL or WARC file (optionally gzipped) that every executor can
open. The files are spread over the executors, read there with `cleaner.sources`,
and their records spread over N partitions (`--partitions`, default: Spark's
default parallelism) by a hash of file and position, so one large WARC file
still keeps every core busy. One task cleans one partition and writes it as one
Parquet file, ``DIR/part-NNNNN-*.parquet``: N is both the cleaning parallelism and
the number of output files. (A partition that got no records writes no file, but
for the first: Spark always writes that one, if need be empty, to keep the schema.)
Every record becomes one row (id, position, source, url, kind, charset, meta as
JSON, then the ``clean_*`` columns): a bad or skipped record gets a status, never
fails the job.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Iterator, Sequence

import pandas as pd
from pyspark.errors import AnalysisException
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from .errors import CleanerError

PREFIX = "clean_"
FIELDS = ("status", "error", "title", "text", "paragraphs", "captions", "credits", "appeals", "metadata")
RESULT = ("status string, error string, title string, text string, "
          "paragraphs array<struct<text: string, label: string, score: double, why: string>>, "
          "captions array<string>, credits array<string>, appeals array<string>, "
          "metadata string")  # JSON: its fields differ from page to page
RESULT_COLUMNS = tuple(PREFIX + name for name in FIELDS)

# One Cleaner per model in each Python worker. Spark reuses its workers across
# tasks (spark.python.worker.reuse), so a model loads once per worker, not per batch.
_CLEANERS: dict = {}


def _cleaner(model: str | None):
    if model not in _CLEANERS:
        from .pipeline import Cleaner
        _CLEANERS[model] = Cleaner(model)
    return _CLEANERS[model]


def _given(value) -> bool:
    return not (value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)))


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def clean_value(cleaner, data, url=None, kind=None, charset=None) -> dict:
    """One row's result fields; any failure becomes the row's status, since one page must not fail a job."""
    try:
        if not _given(data):
            raise CleanerError("empty", "the row has no data")
        extra = {"charset": charset} if _given(charset) else {}  # a WARC response's HTTP charset
        doc = cleaner.clean(data, url=url if _given(url) else None, kind=kind if _given(kind) else None, **extra)
    except Exception as exc:  # a library tripping over hostile input costs one row, as in `cleaner run`
        code, message = (exc.code, str(exc)) if isinstance(exc, CleanerError) else ("internal", repr(exc))
        return dict.fromkeys(FIELDS) | {"status": code, "error": message, "paragraphs": [],
                                        "captions": [], "credits": [], "appeals": []}
    return {"status": doc.status, "error": doc.reason, "title": doc.title, "text": doc.text,
            "paragraphs": [{"text": p.text, "label": p.label.value, "score": float(p.score), "why": p.why}
                           for p in doc.paragraphs],
            "captions": [i.text for i in doc.captions], "credits": [i.text for i in doc.credits],
            "appeals": [i.text for i in doc.appeals], "metadata": _json(doc.metadata)}


def _udf(model: str | None):
    def clean_batch(url: pd.Series, kind: pd.Series, charset: pd.Series, *data: pd.Series) -> pd.DataFrame:
        cleaner = _cleaner(model)
        rows = [clean_value(cleaner, next((v for v in values if _given(v)), None), u, k, c)
                for u, k, c, *values in zip(url, kind, charset, *data)]
        return pd.DataFrame(rows, columns=FIELDS)
    return F.pandas_udf(clean_batch, RESULT)


def _optional(name: str | None):
    return (F.col(name) if name else F.lit(None)).cast("string")


def clean_dataframe(df: DataFrame, column: str | Sequence[str], *, kind: str | None = None,
                    url_column: str | None = None, kind_column: str | None = None,
                    charset_column: str | None = None, model: str | None = None) -> DataFrame:
    """`df` plus the cleaner's results for `column`, in the `RESULT_COLUMNS`.

    `column`: a string or binary column of pages or texts, or several, of which
    each row takes the first non-null. `kind` ("html", "text", None to sniff) is
    for every row; `kind_column`, `url_column` and `charset_column` (a charset
    hint for bytes) are per row. `model`: a folder or name every executor can read.
    Added: clean_status ("ok" or a `CleanerError` code), clean_error, clean_title,
    clean_text, clean_paragraphs (text, label, score, why), clean_captions,
    clean_credits, clean_appeals, clean_metadata (JSON); a failed row has nulls
    and empty lists. Rows reach Python in batches of
    spark.sql.execution.arrow.maxRecordsPerBatch (10,000): lower it for large pages.
    """
    columns = [column] if isinstance(column, str) else list(column)
    for name in columns:
        if not isinstance(df.schema[name].dataType, (T.StringType, T.BinaryType)):
            raise CleanerError("usage", f"column {name!r} is {df.schema[name].dataType.simpleString()}",
                               "give a string or binary column")
    if kind not in (None, "html", "text") or (kind and kind_column):
        raise CleanerError("usage", f"bad kind {kind!r}", "use 'html', 'text' or None, or kind_column alone")
    if clash := sorted(set(RESULT_COLUMNS) & set(df.columns)):
        raise CleanerError("usage", f"the DataFrame already has {', '.join(clash)}", "rename those columns first")
    kinds = F.lit(kind).cast("string") if kind else _optional(kind_column)
    result = _udf(None if model is None else str(model))(
        _optional(url_column), kinds, _optional(charset_column), *[F.col(c) for c in columns])
    hold = "__cleaner_result"
    # Spark runs the UDF once per row here, however many fields are taken out of it.
    return df.withColumn(hold, result).select("*", *[F.col(hold)[n].alias(PREFIX + n) for n in FIELDS]).drop(hold)


# --- the Parquet job -------------------------------------------------------------

RECORD = ("id string, position long, source string, url string, kind string, charset string, "
          "data_text string, data_bytes binary, meta string, read_status string, read_message string")


def _row(**values) -> tuple:
    return tuple(values.get(field.split()[0]) for field in RECORD.split(", "))


def _records(path: str, fmt: str, fields) -> Iterator:
    from . import sources

    # "auto": from the file name (.jsonl, .ndjson or .warc, each maybe .gz).
    yield from sources.read_path(path, fields=fields, kind=None if fmt == "auto" else fmt)


def _path_rows(path: str, fmt: str, fields) -> Iterator[tuple]:
    """Every record of one file as a row; a file that cannot be read ends in an error row."""
    try:
        for rec in _records(path, fmt, fields):
            problem = rec.error or ({"error": "skipped", "message": rec.skip} if rec.skip else {})
            data = rec.data
            yield _row(id=rec.id if rec.id is None or isinstance(rec.id, str) else _json(rec.id),
                       position=rec.position, source=path, url=rec.url, kind=rec.kind, charset=rec.charset,
                       data_text=data if isinstance(data, str) else None,
                       data_bytes=bytes(data) if isinstance(data, (bytes, bytearray)) else None,
                       meta=_json(rec.meta), read_status=problem.get("error"), read_message=problem.get("message"))
    except Exception as exc:  # one unreadable file costs its own rows, not the job
        code = exc.code if isinstance(exc, CleanerError) else "io" if isinstance(exc, OSError) else "internal"
        yield _row(source=path, meta="{}", read_status=code, read_message=f"{path}: {exc}")


def clean_files(spark: SparkSession, inputs: Sequence[str], out: str, *, fmt: str = "auto", fields=None,
                partitions: int | None = None, model: str | None = None, overwrite: bool = False) -> dict[str, int]:
    """Read, clean and write `inputs` as Parquet in `out`; returns the number of rows per status."""
    from .sources import Fields
    paths, fields = [os.path.abspath(p) for p in inputs], fields or Fields()
    n = partitions or spark.sparkContext.defaultParallelism
    rows = spark.sparkContext.parallelize(paths, min(len(paths), n)).flatMap(lambda p: _path_rows(p, fmt, fields))
    # A hash, unlike round-robin, needs no sort to deal records alike when a task is retried.
    records = spark.createDataFrame(rows, RECORD).repartition(n, "source", "position")
    cleaned = clean_dataframe(records, ["data_text", "data_bytes"], url_column="url", kind_column="kind",
                              charset_column="charset", model=model)
    unread = F.col("read_status").isNotNull()  # a record that never reached the cleaner keeps its reason
    cleaned = (cleaned.withColumn("clean_status", F.when(unread, F.col("read_status")).otherwise(F.col("clean_status")))
                      .withColumn("clean_error", F.when(unread, F.col("read_message")).otherwise(F.col("clean_error")))
                      .drop("data_text", "data_bytes", "read_status", "read_message"))
    target = out if "://" in out else os.path.abspath(out)
    cleaned.write.mode("overwrite" if overwrite else "errorifexists").parquet(target)
    counts = spark.read.parquet(target).groupBy("clean_status").count().collect()
    return dict(sorted((r["clean_status"], r["count"]) for r in counts))


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m cleaner.spark", description="Clean WARC or JSONL files into Parquet.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="JSONL or WARC files, maybe gzipped")
    p.add_argument("--out", required=True, help="output folder: one Parquet file per partition")
    p.add_argument("--format", choices=("auto", "jsonl", "warc"), default="auto", help="default: from file names")
    for name in ("id", "html", "text", "url"):
        p.add_argument(f"--{name}-field", default=name, help=f"JSONL field of the {name} (default: {name})")
    p.add_argument("--partitions", type=int, help="cleaning tasks and output files (default: Spark's parallelism)")
    p.add_argument("--model", help="model folder or name, readable on every executor")
    p.add_argument("--overwrite", action="store_true", help="replace --out if it exists")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    from .sources import Fields
    args = _parser().parse_args(argv)
    if args.partitions is not None and args.partitions < 1:
        _parser().error("--partitions must be positive")
    if "PYSPARK_GATEWAY_PORT" not in os.environ:  # not under spark-submit: local workers run this Python
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = SparkSession.builder.appName("cleaner").getOrCreate()
    batch = "spark.sql.execution.arrow.maxRecordsPerBatch"
    if not spark.sparkContext.getConf().contains(batch):  # a worker holds a whole batch of pages
        spark.conf.set(batch, "256")
    try:
        fields = Fields(args.id_field, args.html_field, args.text_field, args.url_field)
        counts = clean_files(spark, args.inputs, args.out, fmt=args.format, fields=fields,
                             partitions=args.partitions, model=args.model, overwrite=args.overwrite)
    except AnalysisException as exc:  # --out exists, or cannot be written
        print(f"cleaner.spark: error: {exc}", file=sys.stderr)
        return 2
    finally:
        spark.stop()
    print(f"{sum(counts.values())} records: " + ", ".join(f"{k} {v}" for k, v in counts.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
