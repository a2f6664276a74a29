"""`Cleaner` and `clean()`: one document in, a labelled `Document` out."""
from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from .context import CAPTION_MIN, revise
from .decode import decode
from .document import Block, Document, Label, Paragraph
from .errors import CleanerError
from .items import lifted_items, not_article_reason
from .language import detect_language
from .limits import Limits, check_attributes, check_blocks
from .many import clean_many
from .metadata import html_metadata, text_metadata
from .model import Model
from .model_files import model_folder, text_part
from .rules import MAX_CAPTION_WORDS, first_verdict, word_count
from .scoring import Scorer
from .segment import index_page, normalise, reads_as_copied_page, segment_html, segment_text

_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|table|span|h[1-6])\b", re.I)
_ANY_TAG = re.compile(r"</?(?:p|div|br|span|a|article|body|html)\b[^>]*>", re.I)
_SURROGATE = re.compile(r"[\ud800-\udfff]")

# A model label other than body needs at least this probability (see Cleaner._model_label).
LABEL_MIN = {Label.CAPTION: CAPTION_MIN}
# A long paragraph the model would call boilerplate needs it to be surer: navigation
# and widgets are short lines, and a long one lost is a body paragraph lost.
LONG_PARAGRAPH_WORDS = 20
LONG_BODY_MIN = 0.02
# The headline repeated in the extracted text is looked for in this many first blocks.
TITLE_WINDOW = 5


def sniff_kind(text: str) -> str:
    """'html' when the text starts like a page or is full of tags, else 'text'."""
    head = _skip_comments(text[:4096])
    if _HTML_SNIFF.match(head) or len(_ANY_TAG.findall(head)) >= 5:
        return "html"
    return "text"


def _skip_comments(head: str) -> str:
    """The text after leading whitespace and comments; a loop, not a regular
    expression, since a pattern over many comments can backtrack for hours."""
    head = head.lstrip()
    while head.startswith("<!--"):
        end = head.find("-->", 4)
        if end < 0:
            return ""
        head = head[end + 3:].lstrip()
    return head


def html_blocks(text: str, url: str | None = None) -> tuple[str | None, list[Block], dict]:
    """Parse a page once; trafilatura gives main content and metadata, the tree gives cues."""
    # Imported here so plain-text users do not pay for trafilatura's import.
    import trafilatura
    from trafilatura.settings import set_date_params
    from trafilatura.utils import load_html

    tree = load_html(text)
    if tree is None:
        raise CleanerError("no_content", "the HTML could not be parsed into a page")
    if tree.tag != "html":
        tree = _under_html(tree)
    index = index_page(tree)
    try:
        # Links off, as in trafilatura's own default: with them on, it keeps link-heavy
        # blocks it would otherwise prune (menus, teasers, related links). Link density
        # comes from the page index instead (segment_html).
        # Dates from the page's markup, URL and date elements, without htmldate's extensive
        # search of the whole page's text: on WCXB and trafilatura's evaluation pages that
        # search added 55 right dates, 27 wrong ones and 430 on pages that name none (most
        # a bare year read as January 1st), and it costs a tenth of the extraction's time
        # and 50 MB a process (dateparser's tables). benchmarks/metadata.py --dates.
        extracted = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False,
                                                include_tables=True, include_images=False, include_links=False,
                                                date_extraction_params=set_date_params(extensive=False))
    except Exception as exc:  # the extractor's stack tripping on hostile markup: one document's error
        raise CleanerError("no_content", f"the page could not be read ({type(exc).__name__}: {exc})") from exc
    if extracted is None or extracted.body is None:
        return None, [], {"url": url} if url else {}  # no main text at all: not an article
    meta = html_metadata(extracted, url)
    # The article's language, from the extracted text (the page's declared one when
    # that is unsure): it picks the lexicons, from finding left-out appeals onwards.
    language = detect_language([extracted.text or ""], meta.get("language"))
    meta.pop("language", None)
    if language:
        meta["language"] = language
    blocks = segment_html(tree, extracted.body, index, language)
    if meta.get("title"):
        meta["title"], blocks = _headline_out(meta["title"], blocks)
    return meta.get("title"), blocks, meta


def _headline_out(title: str, blocks: list[Block]) -> tuple[str, list[Block]]:
    """The headline often opens the extracted text too; it belongs in `title` only.

    Among the first blocks, one that is the title, or the title's words before or
    after a separator ("Ferry fares rise by a fifth" of "Ferry fares rise by a fifth
    - Transport - News"), leaves the text; a part becomes the title, unless a colon
    is what split it off (a kicker: "Harbour Notes: Ferry fares ...")."""
    head, top = normalise(title), []
    for block in blocks[:TITLE_WINDOW]:
        text = normalise(block.text)
        if text == head:
            continue
        separator = _title_part(text, head)
        if separator is None:
            top.append(block)
        elif ":" not in separator:
            title = text
    return title, top + blocks[TITLE_WINDOW:]


_AFTER_PART = re.compile(r"\s*[|\-–—»·:_/•]+\s*(?=\S)")
_BEFORE_PART = re.compile(r"(?<=\S)\s*[|\-–—»·:_/•]+\s*$")
MIN_HEADLINE_WORDS = 3


def _title_part(text: str, head: str) -> str | None:
    """The separator by which `text` is a leading or trailing part of the title `head`, if it is one."""
    if len(text.split()) < MIN_HEADLINE_WORDS or len(text) >= len(head):
        return None
    if head.startswith(text):
        m = _AFTER_PART.match(head, len(text))
    elif head.endswith(text):
        m = _BEFORE_PART.search(head, 0, len(head) - len(text))
    else:
        return None
    return m.group() if m else None


_IN_MEMORY = object()  # a model handed over as an object has no folder for workers to load


def _under_html(root):
    """A fragment whose root is not <html> (an <iframe>, an <svg>) put under
    <html><body>: the libraries downstream expect every element they may drop to have a parent."""
    from lxml import html as lxml_html

    page = lxml_html.Element("html")
    lxml_html.etree.SubElement(page, "body").append(root)
    return page


def _encodes(text: str) -> bool:
    """Whether `text` holds no lone surrogate: encoding finds one in C, several times
    faster than searching for it."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class Cleaner:
    """Loads the model once; `clean` is then safe to call from many threads.

    Stages of `clean`, in order:
    1. decode: bytes to str (BOM, declared charset, detection)
    2. sniff: html or text, unless the caller said
    3. segment: text to title and blocks; HTML is parsed once, and trafilatura's
       main content and metadata plus the page's own structure give the blocks
    4. rules: the first high-precision rule that fires on each block
    5. model: label probabilities for every block from its features and neighbours
    6. combine: a rule's verdict stands, otherwise the model's best label
    7. context: revise labels from their neighbours
    8. assemble: body text, captions, credits, appeals and metadata
    """

    def __init__(self, model: str | Path | Model | None = None, *, limits: Limits = Limits()):
        self.model = model if isinstance(model, Model) else Model.load(model)
        self.scorer = Scorer(self.model)
        self._col = {label: i for i, label in enumerate(self.model.labels)}  # a label's column in `probs`
        self.limits = limits
        # Worker processes of clean_many load the model again from here.
        self._model_path = _IN_MEMORY if isinstance(model, Model) else model
        # Plain text copied from a whole page has its own model where the folder holds
        # one (model_files.text_part), loaded with the first such document: a batch of
        # pages or of article texts never pays for it.
        self._text_folder = None if isinstance(model, Model) else text_part(model_folder(model))
        self._text: tuple[Model, Scorer] | None = None
        self._text_lock = threading.Lock()

    def model_for(self, blocks: list[Block], kind: str | None = None) -> tuple[Model, Scorer]:
        """The model (and its scorer) that labels these blocks: the text part for plain
        text that reads as a whole page copied (segment.reads_as_copied_page), else the
        main model. `kind` defaults to "text" when every block is a plain-text line."""
        kind = kind or ("text" if all(b.tag == "line" for b in blocks) else "html")
        if kind != "text" or self._text_folder is None or not reads_as_copied_page(blocks):
            return self.model, self.scorer
        if self._text is None:
            with self._text_lock:
                if self._text is None:
                    text_model = Model.load(self._text_folder)
                    if text_model.labels != self.model.labels:
                        raise CleanerError("io", f"the model in {self._text_folder} has other labels than its folder's")
                    self._text = text_model, Scorer(text_model)
        return self._text

    def clean_many(self, items: Iterable[str | bytes | Mapping], *, kind: str | None = None, jobs: int = 1,
                   timeout: float | None = None, errors: str = "raise") -> Iterator:
        """Clean many documents; results come out in input order, lazily.

        An item is a document (str or bytes) or a mapping shaped like a JSON Lines
        record: ``{"html": ...}`` or ``{"text": ...}``, optional ``"url"``.
        `jobs` above 1 cleans in that many worker processes; `timeout` (seconds per
        document) also uses a worker, which is killed and replaced when a document
        overruns it. With ``errors="raise"`` (default) Documents are yielded and the
        first failure raises its CleanerError; with ``errors="return"`` every item
        gives an `Outcome` (``status`` is ``ok`` or the error code, ``document``,
        ``error``), so one bad page never stops the loop. Worker processes start
        with multiprocessing's forkserver: scripts need the usual
        ``if __name__ == "__main__":`` guard.
        """
        if self._model_path is _IN_MEMORY and (jobs > 1 or timeout is not None):
            raise CleanerError("usage", "worker processes load the model from its folder",
                               "build the Cleaner from a model folder to use jobs or timeout")
        return clean_many(self, items, kind=kind, jobs=jobs, timeout=timeout, errors=errors,
                          model_path=self._model_path)

    def clean(self, source: str | bytes, *, url: str | None = None, kind: str | None = None,
              charset: str | None = None) -> Document:
        """Clean one document; `charset` is a transport's hint (an HTTP header) for bytes."""
        if kind not in (None, "html", "text"):
            raise CleanerError("usage", f"unknown kind {kind!r}", "use 'html', 'text' or None")
        if not isinstance(source, (str, bytes, bytearray)):
            raise CleanerError("usage", f"source must be str or bytes, not {type(source).__name__}")
        if len(source) > self.limits.max_bytes:
            raise CleanerError("too_large", f"document is {len(source):,} bytes, over the "
                               f"{self.limits.max_bytes:,} limit")
        # 1. decode
        metadata: dict = {}
        if isinstance(source, (bytes, bytearray)):
            html_hint = kind != "text"
            text, metadata["encoding"] = decode(bytes(source), html=html_hint, charset=charset)
        else:
            # NUL ends strings in C libraries; a lone surrogate stops lxml's parse
            # and cannot be written as UTF-8.
            text = source.replace("\x00", "")
            if not text.isascii() and not _encodes(text):
                text = _SURROGATE.sub("\ufffd", text)
        if not text.strip():
            raise CleanerError("empty", "the document is empty")
        # 2. sniff
        kind = kind or sniff_kind(text)
        # 3. segment
        if kind == "html":
            check_attributes(text, self.limits.max_tag_attributes)
            title, blocks, page_meta = html_blocks(text, url)
            metadata.update(page_meta)
        else:
            title, blocks = segment_text(text)
            metadata.update(text_metadata([b.text for b in blocks]))
            if url:
                metadata["url"] = url
        model, scorer = self.model_for(blocks, kind)
        described = model.describe()
        if not blocks:
            return _not_article("no text found: the page may be empty, script or images only",
                                title, metadata, kind, described)
        check_blocks(blocks, self.limits)
        if kind == "html":
            language = metadata.get("language")
        else:
            language = detect_language(b.text for b in blocks)
            if language:
                metadata["language"] = language
        paragraphs = self._label(blocks, language, model, scorer)
        reason = not_article_reason(paragraphs, blocks, metadata.get("pagetype"))
        if reason:
            return _not_article(reason, title, metadata, kind, described, paragraphs)
        return self._assemble(paragraphs, blocks, title, metadata, kind, described)

    def label(self, blocks: list[Block], lang: str | None = None, kind: str | None = None) -> list[Paragraph]:
        """Stages 4 to 7 over blocks from any source; `lang` picks the lexicons, `kind`
        and the blocks the model (see `model_for`)."""
        return self._label(blocks, lang, *self.model_for(blocks, kind))

    def _label(self, blocks: list[Block], lang: str | None, model: Model, scorer: Scorer) -> list[Paragraph]:
        verdicts = [first_verdict(b, lang) for b in blocks]                           # 4
        # A rule's paragraph keeps its label whatever the model says, and the context
        # pass revises only the model's paragraphs and the page markup's (html:), so
        # the model scores the rest only (tests/test_scoring.py holds the pass to that).
        wanted = [v is None or not v.why.startswith("rule:") for v in verdicts]
        # Python floats from here: a few comparisons a paragraph cost less than numpy's scalars.
        probs = scorer.predict_proba(blocks, verdicts, lang, wanted).tolist()      # 5
        labels = model.labels
        paragraphs = []
        for block, verdict, row in zip(blocks, verdicts, probs):                # 6
            if verdict is not None:
                p = Paragraph(block.text, verdict.label, verdict.score, verdict.why, verdict.label, block.tag)
            else:
                best, score = self._model_label(row, block, model)
                p = Paragraph(block.text, labels[best], score, "model", labels[best], block.tag)
            paragraphs.append(p)
        appeal, caption = self._col[Label.APPEAL], self._col[Label.CAPTION]
        return revise(paragraphs, [r[appeal] for r in probs], [r[caption] for r in probs], lang)  # 7

    def _model_label(self, row, block: Block, model: Model | None = None) -> tuple[int, float]:
        """The model's (label column, probability); body wins from `body_min` up, since
        losing a body sentence costs more than keeping a stray line.

        Another label needs its own minimum too: a caption reads like a short body
        paragraph, so the model must be sure before taking one out; and in plain text,
        where no markup backs it, only the inline-credit rule finds captions, so the
        model's caption probability counts for body there. So it does for a paragraph
        longer than any caption (`MAX_CAPTION_WORDS`, as the rules have it): a blog's
        92-word opening in a box of class "caption" was taken out at 1.00.
        """
        col = self._col
        body_col, boiler, appeal, caption = (col[Label.BODY], col[Label.BOILERPLATE], col[Label.APPEAL],
                                             col[Label.CAPTION])
        no_caption = block.tag == "line" or word_count(block.text) > MAX_CAPTION_WORDS
        body = row[body_col] + row[caption] if no_caption else row[body_col]
        model = model or self.model  # the model that gave `row`: its own body_min
        if body >= model.body_min:  # most paragraphs: no copy of the row needed
            return body_col, float(body)
        row = [float(p) for p in row]  # a copy, changed below
        if no_caption:
            row[body_col] += row[caption]
            row[caption] = 0.0
        if row[body_col] >= model.body_min or (row[body_col] >= LONG_BODY_MIN and row[boiler] >= row[appeal]
                                               and word_count(block.text) >= LONG_PARAGRAPH_WORDS):
            return body_col, row[body_col]
        # The likeliest label that is sure enough; a label that is not drops out.
        for best in sorted(range(len(row)), key=lambda k: -row[k]):
            if best == body_col or row[best] <= row[body_col]:
                break
            if row[best] >= LABEL_MIN.get(model.labels[best], 0.0):
                return best, row[best]
        return body_col, row[body_col]

    def _assemble(self, paragraphs: list[Paragraph], blocks: list[Block], title, metadata, kind,
                  model: dict) -> Document:  # 8
        body = [p.text for p in paragraphs if p.label is Label.BODY]
        captions, credits, appeals = lifted_items(paragraphs, blocks)
        return Document(
            text="\n\n".join(body), title=title, paragraphs=tuple(paragraphs),
            captions=captions, credits=credits, appeals=appeals, metadata=metadata, kind=kind, model=model,
        )


def _not_article(reason: str, title, metadata: dict, kind: str, model: dict,
                 paragraphs: list[Paragraph] = ()) -> Document:
    """A page with no article on it: no text, but every paragraph and the reason kept."""
    return Document(text="", title=title, paragraphs=tuple(paragraphs), metadata=metadata, kind=kind,
                    model=model, status="not_article", reason=reason)


_DEFAULT: Cleaner | None = None


def default_cleaner() -> Cleaner:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Cleaner()
    return _DEFAULT


def clean(source: str | bytes, *, url: str | None = None, kind: str | None = None) -> Document:
    """Clean one document with the shipped model. See `Cleaner` for the stages."""
    return default_cleaner().clean(source, url=url, kind=kind)
