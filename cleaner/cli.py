"""The `cleaner` command: thin wrappers that parse options and call the library."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer

from .errors import CleanerError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn news pages and article text into clean article text plus metadata.")

ModelOpt = typer.Option(None, "--model", "-m", help="Model folder or name in models/ (default: the shipped model).")


def _cleaner(model: Optional[str]):
    from .pipeline import Cleaner
    try:
        return Cleaner(model)
    except CleanerError as exc:
        _fail(str(exc))


def _fail(message: str, code: int = 2):
    typer.echo(f"cleaner: error: {message}", err=True)
    raise typer.Exit(code)


JobsOpt = typer.Option(0, "--jobs", "-j", help="Worker processes (default: all cores).")
TimeoutOpt = typer.Option(30.0, help="Seconds one document may take before it is given up as 'timeout'.")
MaxBytesOpt = typer.Option(20_000_000, help="Larger documents are refused as 'too_large'.")
HtmlFieldOpt = typer.Option("html", help="JSON Lines input: the field that holds a page's HTML.")
TextFieldOpt = typer.Option("text", help="JSON Lines input: the field that holds plain text.")
IdFieldOpt = typer.Option("id", help="JSON Lines input: the record's id, copied to the output as 'id'.")
UrlFieldOpt = typer.Option("url", help="JSON Lines input: the page's URL.")


@app.command()
def run(
    source: str = typer.Argument(..., metavar="IN", help="Folder of documents (searched recursively), one file, or - for JSON Lines on stdin."),
    out: str = typer.Argument(..., metavar="OUT", help="Folder for outputs, errors.jsonl and summary.json, or - for JSON Lines on stdout."),
    model: Optional[str] = ModelOpt,
    jobs: int = JobsOpt,
    timeout: float = TimeoutOpt,
    max_bytes: int = MaxBytesOpt,
    force: bool = typer.Option(False, "--force", help="Clean every document again, even those already done."),
    fmt: str = typer.Option("files", "--format", help="files: <name>.txt and <name>.json per document; jsonl: OUT/part-*.jsonl, one line per document."),
    part_size: int = typer.Option(10_000, help="Documents per part-*.jsonl file (--format jsonl)."),
    html_field: str = HtmlFieldOpt,
    text_field: str = TextFieldOpt,
    id_field: str = IdFieldOpt,
    url_field: str = UrlFieldOpt,
    report: bool = typer.Option(False, "--report", help="Also write <name>.report.html: the paragraphs coloured by label, with score and why."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
):
    """Clean every document under IN into OUT, mirroring relative paths.

    .html, .htm and .txt files are documents; .jsonl(.gz) and .warc(.gz) files
    hold many. Rerun after an interruption to finish the rest: documents whose
    outputs are complete and newer than the input are skipped (--force redoes them).
    """
    from .sources import Fields

    if source != "-" and not Path(source).exists():
        _fail(f"{source} does not exist")
    if fmt not in ("files", "jsonl"):
        _fail(f"--format must be files or jsonl, not {fmt!r}")
    for name, value, least in (("--jobs", jobs, 0), ("--timeout", timeout, 1e-9), ("--max-bytes", max_bytes, 1),
                               ("--part-size", part_size, 1)):
        if value < least:
            _fail(f"{name} must be {'0 (all cores) or more' if least == 0 else 'positive'}, not {value:g}")
    if out != "-":
        _check_writable(Path(out))
    _check_model(model)
    fields = Fields(id=id_field, html=html_field, text=text_field, url=url_field)
    _run_batch(source, out, model=model, jobs=jobs or os.cpu_count() or 1, timeout=timeout,
               max_bytes=max_bytes, force=force, fmt=fmt, part_size=part_size, fields=fields, report=report,
               quiet=quiet)


@app.command()
def stream(
    model: Optional[str] = ModelOpt,
    jobs: int = JobsOpt,
    timeout: float = TimeoutOpt,
    max_bytes: int = MaxBytesOpt,
    html_field: str = HtmlFieldOpt,
    text_field: str = TextFieldOpt,
    id_field: str = IdFieldOpt,
    url_field: str = UrlFieldOpt,
):
    """JSON Lines in on stdin, one result line out on stdout per input line, in order (same as `run - -`)."""
    run("-", "-", model=model, jobs=jobs, timeout=timeout, max_bytes=max_bytes, force=True, fmt="jsonl",
        part_size=1, html_field=html_field, text_field=text_field, id_field=id_field, url_field=url_field,
        report=False, quiet=True)


def _check_writable(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / ".cleaner-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        _fail(f"cannot write to {out_dir}: {exc.strerror}")


def _check_model(model: Optional[str]) -> None:
    from .model_files import check_model

    try:  # a bad --model fails here, once, not in every worker
        check_model(model)
    except CleanerError as exc:
        _fail(str(exc))


def _run_batch(source: str, out: str, *, quiet: bool, **options) -> None:
    from .batch import run as run_batch
    from .progress import reporter

    # Results on stdout leave stderr for progress; stdin's documents are uncounted.
    with reporter(None if source == "-" else Path(source), quiet=quiet) as on_result:
        summary = run_batch(source, out, stdin=sys.stdin.buffer, stdout=sys.stdout,
                            on_result=on_result, **options)
    if summary.output_closed:
        # Whoever read our output stopped (`| head`): no traceback, the usual status for SIGPIPE.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(141)
    if not quiet:
        typer.echo(summary.line(), err=True)
    if summary.interrupted:
        raise typer.Exit(130)
    raise typer.Exit(1 if summary.failed else 0)


@app.command("clean")
def clean_one(
    file: str = typer.Argument(..., help="A document, or - for standard input."),
    json_out: bool = typer.Option(False, "--json", help="Print the whole record as JSON, not just the text."),
    kind: Optional[str] = typer.Option(None, help="html or text (default: from the extension, else sniffed)."),
    url: Optional[str] = typer.Option(None, help="The page's URL, for metadata and relative links."),
    model: Optional[str] = ModelOpt,
):
    """Clean one document and print its clean text (or --json for everything)."""
    from .sinks import document_json

    if kind not in (None, "html", "text"):
        _fail(f"--kind must be html or text, not {kind!r}")
    doc = _clean_input(file, _read_input(file), kind=kind, url=url, model=model)
    if doc.status != "ok":
        typer.echo(f"cleaner: {file}: {doc.status}: {doc.reason}", err=True)
    typer.echo(document_json(doc, file) if json_out else doc.text, nl=not json_out)


def _read_input(file: str) -> bytes:
    """The bytes of FILE, or of stdin for "-"; a file that cannot be read is a usage error."""
    try:
        return sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        _fail(f"cannot read {file}: {exc.strerror}")


def _clean_input(file: str, data: bytes, *, kind: Optional[str], url: Optional[str], model: Optional[str]):
    """The cleaned Document; kind from the option, else from the extension, else sniffed.
    A document that cannot be cleaned ends the command with status 1."""
    from .batch import EXTENSIONS

    try:
        return _cleaner(model).clean(data, url=url, kind=kind or EXTENSIONS.get(Path(file).suffix.lower()))
    except CleanerError as exc:
        _fail(f"{file}: {exc.code}: {exc}", 1)


@app.command()
def show(
    file: str = typer.Argument(..., help="A document (.html, .htm, .txt, or - for stdin), or a .json record written by `cleaner run`."),
    label: Optional[str] = typer.Option(None, help="Print only paragraphs with this label (body, caption, credit, appeal, boilerplate)."),
    html_out: Optional[Path] = typer.Option(None, "--html", help="Write a self-contained HTML report here instead of printing."),
    kind: Optional[str] = typer.Option(None, help="html or text (default: from the extension, else sniffed)."),
    url: Optional[str] = typer.Option(None, help="The page's URL, for metadata and relative links."),
    model: Optional[str] = ModelOpt,
):
    """Show why each paragraph got its label: label, score and why, coloured (or --html for a page)."""
    import json

    from rich.console import Console

    from .document import Label
    from .report import render_html, render_terminal
    from .sinks import merge_record, write_atomic

    if kind not in (None, "html", "text"):
        _fail(f"--kind must be html or text, not {kind!r}")
    if label is not None and label not in {x.value for x in Label}:
        _fail(f"--label must be one of {', '.join(x.value for x in Label)}, not {label!r}")
    data = _read_input(file)
    record = None
    if file.lower().endswith(".json"):
        try:
            record = json.loads(data)
        except ValueError:
            pass
    if not (isinstance(record, dict) and isinstance(record.get("paragraphs"), list)):
        # Not a record: a document to clean.
        record = merge_record(_clean_input(file, data, kind=kind, url=url, model=model).to_dict(), file)
    if html_out is None:
        console = Console(highlight=False)
        console.soft_wrap = not console.is_terminal  # piped: one line per paragraph, for grep
        render_terminal(record, console, label)
        return
    try:
        write_atomic(html_out, render_html(record))
    except OSError as exc:
        _fail(f"cannot write {html_out}: {exc.strerror}")
    typer.echo(str(html_out))


@app.command()
def train(
    data: list[Path] = typer.Argument(..., help="Labelled JSONL files or folders (format: cleaner/dataset.py)."),
    out: Path = typer.Option(..., "--out", "-o", help="Model folder to write, e.g. models/paragraphs-v2."),
    version: str = typer.Option("1", help="Version recorded in the model."),
    page_type: list[str] = typer.Option([], "--page-type", help="Keep only documents of this corpus page type (repeat); documents without one are always kept."),
    weight: list[str] = typer.Option([], "--weight", help="KIND=W: multiply the weight of documents of that kind (negative, flat, article) by W (repeat)."),
    min_weight: float = typer.Option(0.02, "--min-weight", min=0.0, help="Leave out features whose largest weight is under this (a smaller model)."),
    c: Optional[float] = typer.Option(None, "--c", min=1e-6,
                                      help="Inverse regularisation strength; smaller keeps word weights smaller "
                                           "(default: cleaner.train.C)."),
    balance: Optional[float] = typer.Option(None, "--balance", min=0.0, max=1.0,
                                            help="Label re-weighting power: 1 balances the labels fully, 0 not at all "
                                                 "(default: cleaner.train.BALANCE_POWER)."),
):
    """Train the paragraph model; prints per-label figures on the held-out split.

    An --out ending in /text writes the plain-text part of the model folder above it."""
    from .train import BALANCE_POWER, C
    from .train import train as fit

    missing = [str(p) for p in data if not p.exists()]
    if missing:
        _fail(f"no such data: {', '.join(missing)}")
    _, text = fit(data, out, version=version, page_types=page_type, kind_weight=_kind_weights(weight),
                  min_weight=min_weight, c=C if c is None else c, balance=BALANCE_POWER if balance is None else balance)
    typer.echo(text)
    typer.echo(f"model written to {out}")


def _kind_weights(pairs: list[str]) -> dict[str, float]:
    weights = {}
    for pair in pairs:
        kind, sep, value = pair.partition("=")
        try:
            weights[kind] = float(value)
        except ValueError:
            _fail(f"--weight takes KIND=NUMBER, not {pair!r}")
        if not sep or not kind or weights[kind] < 0:
            _fail(f"--weight takes KIND=NUMBER, not {pair!r}")
    return weights


@app.command("eval")
def evaluate(
    data: list[Path] = typer.Argument(None, help="Labelled JSONL files or folders."),
    model: Optional[str] = ModelOpt,
    all_docs: bool = typer.Option(False, "--all", help="Score every document, not only the held-out split."),
    page_type: list[str] = typer.Option([], "--page-type", help="Keep only documents of this corpus page type (repeat)."),
    corpora: Optional[Path] = typer.Option(None, help="Score whole pages of these corpora (shared/corpora) against their gold main text, beside trafilatura."),
    sets: list[str] = typer.Option([], "--set", help="With --corpora: the set(s) to score (repeat; default: every set with main text)."),
    limit: Optional[int] = typer.Option(None, help="With --corpora: at most this many pages a set."),
):
    """Per-label precision, recall, F1 and a confusion matrix over labelled paragraphs;
    with --corpora, word precision, recall and F1 of the clean text of whole pages
    against their gold main text, side by side with trafilatura's."""
    if corpora is not None:
        _eval_pages(corpora, sets, model, all_docs, limit)
        return
    from .dataset import is_eval, read_docs
    from .evaluate import body_words_kept, confusion, predict, report

    if not data:
        _fail("give labelled DATA, or --corpora")
    missing = [str(p) for p in data if not p.exists()]
    if missing:
        _fail(f"no such data: {', '.join(missing)}")
    docs = [d for p in data for d in read_docs(p) if (all_docs or is_eval(d.group))
            and (not page_type or d.page_type in (None, *page_type))]
    cleaner = _cleaner(model)
    labelled = predict(cleaner, docs)
    typer.echo(report(confusion(cleaner, docs, labelled)))
    typer.echo(f"\nbody words kept: {body_words_kept(cleaner, docs, labelled):.4f}  (documents: {len(docs)})")


def _eval_pages(corpora: Path, sets: list[str], model: Optional[str], all_splits: bool, limit: Optional[int]) -> None:
    from .pagescore import MAIN_TEXT_SETS, gold_pages, render, score_pages

    if not (corpora / "manifest.jsonl").is_file():
        _fail(f"{corpora} has no manifest.jsonl")
    unknown = [s for s in sets if s not in MAIN_TEXT_SETS]
    if unknown:
        _fail(f"no gold main text in {', '.join(unknown)}; sets with it: {', '.join(MAIN_TEXT_SETS)}")
    pages = gold_pages(corpora, sets or MAIN_TEXT_SETS, all_splits, limit)
    typer.echo(render(score_pages(_cleaner(model), pages)))
    split = "every page" if all_splits else "held-out split of the training sets, every page of the others"
    typer.echo(f"\nmean over pages of word precision/recall/F1 against gold main text ({split})")


@app.command("weak-label")
def weak_label_cmd(
    corpora: Path = typer.Option(..., help="The corpora folder (shared/corpora)."),
    sets: list[str] = typer.Option(..., "--set", help="Set name(s) from the corpora manifest."),
    out: Path = typer.Option(..., "--out", "-o", help="JSONL(.gz) file to write; keep it out of the repository."),
    jobs: int = typer.Option(2, help="Worker processes."),
    flat: bool = typer.Option(False, "--flat", help="Label the pages' visible text as plain text (cleaner/flatten.py), not their HTML."),
    article_text: bool = typer.Option(False, "--article-text",
                                      help="Label each page's article alone as plain lines, as a reader copies it "
                                           "(labels from the HTML)."),
):
    """Label the paragraphs of real pages from their ground truth (see cleaner/weaklabel.py)."""
    from .dataset import write_docs
    from .weaklabel import weak_label

    if not (corpora / "manifest.jsonl").is_file():
        _fail(f"{corpora} has no manifest.jsonl")
    if flat and article_text:
        _fail("--flat and --article-text are two readings of a page: ask for one")
    n = write_docs(weak_label(corpora, set(sets), jobs=jobs, flat=flat, article_text=article_text), out)
    typer.echo(f"{n} documents written to {out}")


def main() -> None:
    app()
