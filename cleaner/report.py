"""Seeing why: a record's paragraphs, coloured by label, in a terminal or one HTML page.

Both views read the plain record (`Document.to_dict()`, the `.json` that
`cleaner run` writes), so a record can be looked at long after it was made.
Every string in a record comes from strangers' pages: the HTML escapes all of
it, links no URL and runs no script (its Content-Security-Policy forbids both),
and the terminal view prints text literally, control characters made visible.
"""
from __future__ import annotations

import json
import re
from html import escape

from .document import LABELS

# Background colour per label: light enough for dark text, far apart in hue.
LABEL_COLOURS: dict[str, str] = {
    "body": "#c8f0c8",         # green: kept
    "caption": "#c4dcff",      # blue
    "credit": "#ffe08a",       # amber
    "appeal": "#ffb8d0",       # pink
    "boilerplate": "#e0d6c8",  # stone: a warm grey, so grey anti-aliased text never matches it
}
UNKNOWN_COLOUR = "#ffffff"  # a label this version does not know (a hand-edited record)
# Text colour per label in a terminal, where the pastel backgrounds would be unreadable as text.
TERMINAL_STYLES = {"body": "green", "caption": "cyan", "credit": "yellow",
                   "appeal": "magenta", "boilerplate": "bright_black"}
MEANINGS = {
    "body": "the article's own text: the only label kept in the clean text",
    "caption": "describes a photo, video or chart",
    "credit": "who made or owns an image or the text",
    "appeal": "donation, subscription, newsletter or app plea",
    "boilerplate": "navigation, sharing, related links, cookie notices",
}
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
REMOVED = ("captions", "credits", "appeals")
# C0 and C1 controls other than newline and tab: a page could use them to drive the terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

_CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 940px; padding: 16px; color: #111; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 18px 0 6px; }
h3 { font-size: 14px; margin: 8px 0 2px; }
.about, .tag { color: #444; font-size: 12px; }
table { border-collapse: collapse; font-size: 13px; } td, th { padding: 2px 8px; text-align: left; vertical-align: top; }
.swatch { display: inline-block; width: 14px; height: 14px; border: 1px solid #888; vertical-align: middle; }
.para { margin: 6px 0; padding: 6px 10px; border-left: 4px solid #888; }
.para:hover { outline: 2px solid #333; }
.para p { margin: 2px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.tag { font-family: ui-monospace, monospace; font-weight: bold; }
ul.removed { margin: 0; padding-left: 20px; font-size: 13px; }
"""


def _e(value) -> str:
    """Any record value as escaped HTML text; non-strings shown as JSON."""
    if not isinstance(value, str):
        value = json.dumps(value, ensure_ascii=False, default=str)
    return escape(value, quote=True)


def _about(record: dict) -> str:
    """'source: a.html · kind: html · model: paragraphs-v1 1', escaped."""
    parts = []
    for key in ("source", "kind", "model"):
        value = record.get(key)
        if isinstance(value, dict):
            value = " ".join(str(v) for v in value.values())
        if value:
            parts.append(f"{key}: {_e(value)}")
    return " · ".join(parts)


def _label(paragraph: dict) -> str:
    """The paragraph's label if this version knows it, else 'unknown' (never a raw class name)."""
    label = paragraph.get("label")
    return label if label in LABEL_COLOURS else "unknown"


def _score(value) -> str:
    try:
        return f"{float(value):.2f}"
    except (TypeError, ValueError):
        return str(value)


def _reason(paragraph: dict) -> str:
    """'0.96 rule:appeal-lexicon', plus what the context pass changed, as plain text."""
    words = [_score(paragraph.get("score")), str(paragraph.get("why", ""))]
    if paragraph.get("first_label"):
        words.append(f"(was {paragraph['first_label']})")
    return " ".join(words)


def _explain(paragraph: dict) -> str:
    return f"{paragraph.get('label')} {_reason(paragraph)}"


def _paragraphs(record: dict) -> list[dict]:
    return [p for p in record.get("paragraphs") or [] if isinstance(p, dict)]


def label_counts(record: dict) -> dict[str, int]:
    """Paragraphs per label, every known label listed, in the fixed order."""
    counts = {label.value: 0 for label in LABELS}
    for p in _paragraphs(record):
        counts[_label(p)] = counts.get(_label(p), 0) + 1
    return counts


def _style() -> str:
    rules = [f".l-{name} {{ background: {colour}; }}" for name, colour in LABEL_COLOURS.items()]
    rules.append(f".l-unknown {{ background: {UNKNOWN_COLOUR}; }}")
    return _CSS + "\n".join(rules)


def _legend(counts: dict[str, int]) -> str:
    rows = "".join(
        f'<tr><td><span class="swatch l-{name}"></span></td><th>{name}</th>'
        f"<td>{counts.get(name, 0)}</td><td>{_e(MEANINGS[name])}</td></tr>"
        for name in LABEL_COLOURS)
    return f"<table class=\"legend\"><tr><th></th><th>label</th><th>paragraphs</th><th>what it is</th></tr>{rows}</table>"


def _item_html(item: dict) -> str:
    details = " ".join(str(item[k]) for k in ("kind", "why") if item.get(k))
    return f'<li>{_e(item.get("text", ""))} <span class="tag">{_e(details)}</span></li>'


def _removed(record: dict) -> str:
    """The captions, credits and appeals lifted out of the text, each with its kind and why."""
    parts = []
    for field in REMOVED:
        items = [i for i in record.get(field) or [] if isinstance(i, dict)]
        entries = "".join(map(_item_html, items)) or "<li>none</li>"
        parts.append(f'<h3>{field} ({len(items)})</h3><ul class="removed">{entries}</ul>')
    return "".join(parts)


def _metadata(record: dict) -> str:
    meta = record.get("metadata")
    if not isinstance(meta, dict) or not meta:
        return ""
    rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in meta.items())
    return f"<h2>Metadata</h2><table class=\"metadata\">{rows}</table>"


def _paragraph_html(paragraph: dict) -> str:
    explain = _e(_explain(paragraph))
    return (f'<div class="para l-{_label(paragraph)}" title="{explain}">'
            f'<span class="tag">{explain}</span><p>{_e(paragraph.get("text", ""))}</p></div>')


def _status(record: dict) -> str:
    """'not an article: <reason>' for a page with no article on it, else ''."""
    if record.get("status", "ok") == "ok":
        return ""
    return f"{record.get('status')}: {record.get('reason') or 'no reason given'}"


def render_html(record: dict) -> str:
    """One self-contained page: summary, legend, then every paragraph coloured by its label."""
    title = record.get("title") or "(no title)"
    counts = label_counts(record)
    summary = " · ".join(f"{name} {n}" for name, n in counts.items())
    body = "\n".join(_paragraph_html(p) for p in _paragraphs(record))
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="referrer" content="no-referrer">
<title>cleaner: {_e(title)}</title>
<style>{_style()}</style>
</head><body>
<h1>{_e(title)}</h1>
<div class="about">{_about(record)}</div>
{f'<p class="status">{_e(_status(record))}</p>' if _status(record) else ''}
<h2>Summary: {summary}</h2>
{_legend(counts)}
<h2>Removed from the text</h2>
{_removed(record)}
{_metadata(record)}
<h2>Paragraphs ({len(_paragraphs(record))})</h2>
{body}
</body></html>
"""


def _visible(text: str) -> str:
    """Control characters as \\xNN, so page text cannot move the cursor or recolour the terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def render_terminal(record: dict, console, label: str | None = None) -> None:
    """Print every paragraph (or those with `label`) with its label, score and why, coloured."""
    from rich.text import Text

    # Text objects are never parsed for markup: "[red]x[/red]" in a page prints as it is.
    console.print(Text(_visible(str(record.get("title") or "(no title)")), style="bold"))
    if _status(record):
        console.print(Text(_visible(_status(record)), style="bold red"))
    shown = [p for p in _paragraphs(record) if label is None or p.get("label") == label]
    for p in shown:
        name = _label(p)
        head = Text.assemble((f" {name} ", f"bold black on {LABEL_COLOURS.get(name, UNKNOWN_COLOUR)}"),
                             " ", (_visible(_reason(p)), "dim"))
        console.print()
        console.print(head)
        console.print(Text(_visible(str(p.get("text", ""))), style=TERMINAL_STYLES.get(name, "")))
    counts = " · ".join(f"{k} {n}" for k, n in label_counts(record).items())
    console.print()
    console.print(Text(f"{len(shown)} of {len(_paragraphs(record))} paragraphs shown; {counts}", style="dim"))
