"""Documents to blocks in reading order.

Plain text: one paragraph per line, or per blank-line chunk when the text is
hard-wrapped. HTML: trafilatura finds the main content and keeps paragraph
boundaries; the original page tree adds what trafilatura drops or cannot know
(figure captions and credits, the class names of appeal and share boxes).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, islice
from typing import Any

from .document import Block
from .rules import MAX_CREDIT_WORDS, appeal_rule, credit_rule, word_count

_CLOSERS = frozenset(""".!?…:;)"'”’»""")
MAX_TITLE_WORDS = 30
MAX_TITLE_CHARS = 250
HEADLINE_META_LINES = 4  # short lines (byline, date, "5 min read") a headline may stand over
MIN_HEADLINE_WORDS_OVER_META = 4  # fewer: a site's name over its menu
_CLOSING_QUOTES = "\"'”’»“«"  # “ and « close quotes in German and Danish typesetting
# A blank-line chunk whose lines are all this short is a hard-wrapped paragraph.
MAX_WRAPPED_LINE = 100
# A line this long with no sentence end is a full wrapped line, whatever follows it.
MIN_FULL_LINE = 50


def normalise(text: str) -> str:
    """Whitespace runs to one space, ends trimmed. str.split's whitespace is the
    regex \\s (both are str.isspace), and splitting is several times faster."""
    return " ".join(text.split())


# --------------------------------------------------------------------- text
def _is_wrapped(chunks: list[list[str]]) -> bool:
    """Hard-wrapped text breaks lines mid-sentence: most inner lines lack closing
    punctuation, and either fill the width or go on in lower case on the next line.
    Menu items, teaser headlines and footer links copied from a page also lack
    closing punctuation, but they are short and each starts with a capital:
    those lines stay apart."""
    pairs = [(line, after) for c in chunks if len(c) > 1 for line, after in zip(c, c[1:])]
    # Without blank lines, lines are the only paragraph marks there are.
    if len(chunks) < 2 or not pairs:
        return False
    open_lines = sum(ends_open(line) and len(line) <= MAX_WRAPPED_LINE
                     and (len(line) >= MIN_FULL_LINE or not after[:1].isupper()) for line, after in pairs)
    return open_lines * 2 > len(pairs)


def text_paragraphs(text: str) -> list[str]:
    """Split plain text into paragraphs (see module docstring)."""
    chunks: list[list[str]] = [[]]
    for line in text.splitlines():
        line = line.strip()
        if line:
            chunks[-1].append(line)
        elif chunks[-1]:
            chunks.append([])
    chunks = [c for c in chunks if c]
    if _is_wrapped(chunks):
        return [normalise(" ".join(c)) for c in chunks]
    return [_normalised_line(line) for c in chunks for line in c]


def _normalised_line(line: str) -> str:
    """`normalise` of a stripped line. Every whitespace character but the ASCII space
    is unprintable, so a printable line with no double space is already normal, and
    telling that is cheaper than splitting it (most lines of an article)."""
    return line if line.isprintable() and "  " not in line else normalise(line)


def ends_open(line: str) -> bool:
    """Whether a line stops without closing punctuation, as a menu item or a headline does.
    (str.rstrip strips what the regex \\s matches: both are str.isspace.)"""
    return line.rstrip()[-1:] not in _CLOSERS


def looks_like_headline(line: str, rest: list[str]) -> bool:
    """A first line that is short, has no closing punctuation and is followed by text."""
    words = line.split()
    if not rest or not words or len(words) > MAX_TITLE_WORDS or len(line) > MAX_TITLE_CHARS:
        return False
    # A headline may end with a quote («Il fiume è di tutti»), but not with a sentence's stop.
    if not ends_open(line.rstrip(_CLOSING_QUOTES)) and not line.endswith("?"):
        return False
    # A headline is usually shorter than the paragraph that follows it, or than the
    # one after the byline, date and reading-time lines that may stand between them;
    # a line that short over short lines is a site's name over its menu ("Slashdot").
    meta = 0
    if len(words) >= MIN_HEADLINE_WORDS_OVER_META:
        while meta < min(len(rest) - 1, HEADLINE_META_LINES) and word_count(rest[meta]) <= SHORT_LINE_WORDS:
            meta += 1
    return len(line) < max(len(p) for p in rest[:3] + rest[meta:meta + 3])


# Plain text copied from a whole page keeps the page's menus, teasers and footers:
# many short lines with no sentence end. An article's own text has few.
COPIED_PAGE_MIN_LINES = 20
COPIED_PAGE_SHORT_SHARE = 0.3
SHORT_LINE_WORDS = 6


def reads_as_copied_page(blocks: list[Block]) -> bool:
    """Whether plain-text lines look copied from a whole page rather than from an article.

    On our labelled articles no document passes (none has 20 lines and a short share of
    0.3); on the corpora's pages read as plain text, 96% do (figures in MODEL_CARD.md).
    """
    if len(blocks) < COPIED_PAGE_MIN_LINES:
        return False
    short = sum(word_count(b.text) <= SHORT_LINE_WORDS and ends_open(b.text) for b in blocks)
    return short >= COPIED_PAGE_SHORT_SHARE * len(blocks)


def segment_text(text: str) -> tuple[str | None, list[Block]]:
    """(headline, lines): the first line when it reads as a headline.

    A page copied whole opens with its menu or its site's name ("Coastline
    Courier"), so it gets no headline and keeps all its lines:
    on WCXB's 793 article pages read as plain text, the first line was the gold
    title on 4 and another line on 540 (README.md, "Inputs").
    """
    paras = text_paragraphs(text)
    blocks = [Block(text=p, tag="line") for p in paras]
    # The headline test first: it is cheap, and `Cleaner.model_for` counts short lines again.
    if paras and looks_like_headline(paras[0], paras[1:]) and not reads_as_copied_page(blocks):
        return paras[0], blocks[1:]
    return None, blocks


# --------------------------------------------------------------------- html
# Class and id fragments that name a page element's role. Fragments, since
# CMSs glue them into tokens such as "wp-caption-text" or "donateBox".
CLASS_CUES = {
    "caption": re.compile(r"caption|legend|bildunterschrift|didascalia|pie-?de-?foto|podpis|подпис|imagetext|image-text|photo-?text|(?:img|image|photo|pic|media)-?desc", re.I),
    "credit": re.compile(r"credit|copyright|photographer|fotograf|bildnachweis|bildquelle|image-?source|photo-?source|byline|author", re.I),
    "appeal": re.compile(r"donat|newsletter|subscri|paywall|membership|become-?a-?member|patreon|support-?us|supportus|signup|sign-?up|spende|abonn|call-?to-?action|\bcta\b|app-?promo|promo-?app|steady|tipeee|patronite|підтрим|donorbox", re.I),
    "boilerplate": re.compile(r"share|sharing|social|related|recommend|\btags?\b|taglist|breadcrumb|comment|cookie|consent|gdpr|\bnav|menu|footer|sidebar|widget|advert|\bads?\b|sponsor|teaser|read-?more|more-?stories|outbrain|taboola|author-?bio|\bpromo", re.I),
}


# A WordPress post's wrapper names the post's tags and categories among its classes
# ("hentry type-post category-social-media tag-donations"): its topics, not its role.
# Read as roles they made every paragraph of a post about donations a donate box's.
_POST_WRAPPER = re.compile(r"(?<!\S)(?:hentry|type-[\w-]+)(?!\S)")
_TAXONOMY = re.compile(r"(?<!\S)(?:tag|category)-\S+")


@lru_cache(maxsize=4096)
def class_roles(names: str) -> tuple[str, ...]:
    """The roles an element's class and id names point to, in CLASS_CUES order
    (remembered: a page repeats the same few class strings hundreds of times)."""
    if not names.strip():
        return ()
    if _POST_WRAPPER.search(names):
        names = _TAXONOMY.sub(" ", names)
    return tuple(role for role, pattern in CLASS_CUES.items() if pattern.search(names))


def _names(el) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def _is_captioned(el) -> bool:
    """A figcaption, or an element named like a caption beside an image (shops and
    forms call many things "caption"; an image's caption sits by an image)."""
    return el.tag == "figcaption" or ("caption" in class_roles(_names(el)) and _near_image(el))


_ROLE_TAGS = {"figcaption": "caption", "figure": "figure", "aside": "boilerplate", "nav": "boilerplate", "footer": "boilerplate"}
MAX_CUE_DEPTH = 6
# Elements that hold a paragraph of their own in the original page.
_TEXT_TAGS = {"p", "div", "span", "li", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
              "td", "small", "em", "strong", "b", "i", "a", "section", "aside", "cite", "dd", "dt", "pre", "font", "center", "address"}
_TEXT_TAGS_T = tuple(_TEXT_TAGS)   # lxml's iter filters by tag in C


@dataclass
class PageIndex:
    """The original page's text-holding elements, by normalised text and document order."""

    by_text: dict[str, Any] = field(default_factory=dict)
    order: dict[Any, int] = field(default_factory=dict)


def _own_text(el) -> bool:
    text = el.text
    return bool(text and not text.isspace()) or any(c.tail and not c.tail.isspace() for c in el)


def _text_of(el) -> str:
    """All the text inside an element, as "".join(el.itertext()) gives it, serialised in C."""
    from lxml import etree  # here: plain-text cleaning never loads lxml

    return etree.tostring(el, method="text", encoding=str, with_tail=False)


def index_page(tree) -> PageIndex:
    index = PageIndex()
    order, by_text = index.order, index.by_text
    # Only the indexed elements are ever placed, so only they are numbered: lxml then
    # makes no Python object for the thousands of other elements of a page.
    for n, el in enumerate(tree.iter(_TEXT_TAGS_T)):
        if _own_text(el):
            key = normalise(_text_of(el))
            if key and key not in by_text:
                by_text[key] = el
                order[el] = n
    return index


_MEDIA = ("img", "picture", "video", "iframe", "figure", "svg")


def _nearest(el, tags: tuple[str, ...]):
    """The first element of `tags` in `el` (itself included), else under its parent or grandparent."""
    scope, depth = el, 0
    while scope is not None and depth < 3:
        found = next(scope.iter(*tags), None)
        if found is not None:
            return found
        scope, depth = scope.getparent(), depth + 1
    return None


def _near_image(el) -> bool:
    """An image in the element, or beside it under its parent or grandparent."""
    return _nearest(el, _MEDIA) is not None


def nearest_image(el) -> tuple[str, str] | None:
    """(src, alt) of the image a caption describes: in its figure, parent or grandparent."""
    img = _nearest(el, ("img",))
    if img is None:
        return None
    src = img.get("src") or img.get("data-src") or ""
    return src.strip()[:2000], (img.get("alt") or "").strip()[:2000]


def element_cues(el, stop=None) -> tuple[str, ...]:
    """Role hints from an element and its near ancestors: tags first, then class and id names.

    The walk ends below `stop`, the container of all the extracted text: what lies
    above it is shared by every paragraph and tells them nothing apart.
    """
    cues: list[str] = []

    def add(cue: str) -> None:
        if cue not in cues:
            cues.append(cue)

    depth = 0
    while el is not None and el is not stop and depth <= MAX_CUE_DEPTH and el.tag not in ("body", "html", "article", "main"):
        role = _ROLE_TAGS.get(el.tag)
        if role:
            add("html:figcaption" if el.tag == "figcaption" else f"html:{role}-tag")
        for name in class_roles(_names(el)):
            # A post's wrapper named after its author ("entry-author-jane"), a page builder's
            # text column beside a picture ("image-text__text"): boxes of paragraphs, not of one
            # credit or caption. On the corpora's pages 27 gold body paragraphs were captions so.
            if name in ("credit", "caption") and _holds_paragraphs(el):
                continue
            add("html:caption-word" if name == "caption" and not _near_image(el) else f"html:{name}-class")
        el = el.getparent()
        depth += 1
    return tuple(cues)


def _holds_paragraphs(el) -> bool:
    """Two <p> or more inside: a byline or credit box holds a line or two, not paragraphs."""
    return next(islice(el.iter("p"), 1, None), None) is not None


_BLOCKISH = {"p", "head", "quote", "list", "item", "table", "row", "cell", "code", "div", "body"}
_INLINE_PARENTS = {"p", "head", "quote", "item", "cell"}


def _has_blocks(el) -> bool:
    return any(child.tag in _BLOCKISH for child in el)


def _text_and_links(el) -> tuple[str, int]:
    text = "".join(el.itertext())
    linked = sum(len("".join(r.itertext())) for r in el.iter("ref"))
    return text, linked


def _inline_code(child, parent) -> bool:
    """A <code> in a line of prose (`File::open` returns a `Result`) is a word of it,
    not a listing: one line, with the parent's text around it. Cut there, a page on
    software came apart into fragments ("is a", "value from") that read as menus."""
    if child.tag != "code" or parent.tag not in _INLINE_PARENTS or "\n" in _text_of(child).strip():
        return False
    return bool((parent.text or "").strip() or (child.tail or "").strip()
                or any(c is not child and _text_of(c).strip() for c in parent))


def _walk(el, out: list[tuple[str, str, int]]) -> None:
    """Emit the text of `el` as (tag, text, linked characters): one per block child and
    one per run of inline text. A <lb/> is a visible line break, so it ends a paragraph too.
    """
    if el.tag == "row" and not any(_has_blocks(c) for c in el):
        cells = [_text_and_links(c) for c in el]
        out.append(("row", " | ".join(normalise(t) for t, _ in cells), sum(n for _, n in cells)))
        return
    tag = el.tag if el.tag in ("p", "head", "quote", "item", "code") else "cell"
    text, linked = [el.text or ""], 0
    for child in el:
        if (child.tag in _BLOCKISH and not _inline_code(child, el)) or child.tag == "lb":
            out.append((tag, "".join(text), linked))
            if child.tag != "lb":
                _walk(child, out)
            text, linked = [child.tail or ""], 0
        else:
            inner, inner_links = _text_and_links(child)
            text.append(inner + (child.tail or ""))
            linked += len(inner) if child.tag == "ref" else inner_links
    out.append((tag, "".join(text), linked))


def _link_share(el, text: str) -> float:
    """The share of an original page element's characters inside links; `text` is the
    element's normalised text (the page index's key for it), so it is not read again."""
    total = len(text)
    if not total:
        return 0.0
    linked = sum(len(normalise(_text_of(a))) for a in el.iter("a"))
    return min(1.0, linked / total)


def _extracted_lines(body) -> list[tuple[str, str, float]]:
    """trafilatura's output tree as (tag, text, link density) paragraphs in reading order."""
    out: list[tuple[str, str, int]] = []
    _walk(body, out)
    lines = []
    for tag, text, linked in out:
        clean = normalise(text)
        if clean:
            lines.append((tag, clean, min(1.0, linked / len(clean))))
    return lines


# With no article found, trafilatura may return a whole page region as one
# paragraph (its last fallback joins every text node of the body): menus,
# headlines and the article in one line that matches no element of the page.
# The page's own block elements split it back into its parts, which the labels
# can tell apart. Not at a <br>: a forum post wrapped by hand would be cut
# mid-sentence. Table rows are ours (cells joined by " | "), not the extractor's.
RUN_TOGETHER_MIN_WORDS = 40
RUN_TOGETHER_MIN_PIECES = 3


def _joined_runs(body) -> set[str]:
    """The extracted paragraphs that read as page parts joined by the extractor: its
    whole output in one paragraph, or one trimmed text node a line (page markup
    leaves indents and blank lines instead)."""
    if len(body) == 1 and body[0].tag == "p":
        return {normalise("".join(body[0].itertext()))}
    runs = set()
    for p in body.iter("p"):
        pieces = (p.text or "").split("\n")
        if len(pieces) >= RUN_TOGETHER_MIN_PIECES and all(x and not x[0].isspace() and not x[-1].isspace()
                                                          for x in pieces):
            runs.add(normalise(p.text))
    return runs


def _split_run_together(lines: list[tuple[str, str, float]], body, tree,
                        index: PageIndex) -> list[tuple[str, str, float]]:
    """`lines` with each run-together paragraph split; the extractor's paragraphs and
    the page are read only once a long line matches no page element."""
    out, runs, page = [], None, None
    for tag, text, density in lines:
        if text not in index.by_text and word_count(text) >= RUN_TOGETHER_MIN_WORDS:
            runs = _joined_runs(body) if runs is None else runs
            if text in runs:
                if page is None:
                    from .flatten import BLOCK_TAGS, flatten_tree  # here: plain-text cleaning never loads lxml

                    page = flatten_tree(tree, BLOCK_TAGS - {"br"}).split("\n\n")
                pieces = _pieces_of(text, page)
                if len(pieces) >= RUN_TOGETHER_MIN_PIECES:
                    out.extend(("p", piece, 0.0) for piece in pieces)
                    continue
        out.append((tag, text, density))
    return out


def _pieces_of(text: str, page: list[str]) -> list[str]:
    """The page's paragraphs that make up `text` in order, whitespace aside, skipping
    those the extractor left out; none unless they make up all of it."""
    whole, pos, pieces = "".join(text.split()), 0, []
    for para in page:
        squashed = "".join(para.split())
        if squashed and whole.startswith(squashed, pos):
            pieces.append(para)
            pos += len(squashed)
            if pos == len(whole):
                return pieces
    return []


def _common_ancestor(elements: list) -> Any:
    if not elements:
        return None
    path = list(elements[0].iterancestors())[::-1] + [elements[0]]
    for el in elements[1:]:
        ancestors = set(el.iterancestors()) | {el}
        while path and path[-1] not in ancestors:
            path.pop()
    return path[-1] if path else None


MAX_DROPPED_WORDS = 120
_CAPTION_CUES = {"html:figcaption", "html:caption-class"}
REGION_CLIMB = 4


def _article_region(region):
    """The container of the extracted text, widened to its <article> or <main> if one
    is near, since headers, bylines and lead images sit beside the text container."""
    if region is None or region.tag in ("body", "html"):
        return None
    for depth, ancestor in enumerate(region.iterancestors()):
        if ancestor.tag in ("article", "main"):
            return ancestor
        if depth >= REGION_CLIMB or ancestor.tag in ("body", "html"):
            break
    parent = region.getparent()
    return parent if parent is not None and parent.tag not in ("body", "html") else region


def _dropped_role(el, text: str, lang: str | None = None) -> str | None:
    """Why a text the extractor left out still matters: caption, credit or appeal."""
    if _is_captioned(el):
        return "caption"
    verdict = credit_rule(text)
    if verdict is not None and verdict.label.value == "credit":
        return "credit"
    if appeal_rule(text, lang) is not None:
        return "appeal"
    if "credit" in class_roles(_names(el)) and word_count(text) <= MAX_CREDIT_WORDS:
        return "credit"
    for ancestor in islice(chain((el,), el.iterancestors()), MAX_CUE_DEPTH):
        if ancestor.tag in ("article", "main", "body"):
            break
        if "appeal" in class_roles(_names(ancestor)):
            return "appeal"
    return None


def _dropped_texts(region, index: PageIndex, seen: set[str], lang: str | None = None) -> list[tuple]:
    """Captions, credits and appeal boxes of the article that the extractor left out."""
    holders = {id(el): text for text, el in index.by_text.items()}
    taken: set[int] = set()
    found = []
    for el in region.iter():
        text = holders.get(id(el))
        # Counted, not remembered (word_count): a container's text can be the whole page.
        if text is None or text in seen or len(text.split()) > MAX_DROPPED_WORDS:
            continue
        if taken and any(id(a) in taken for a in el.iterancestors()):
            continue  # the inner credit of a caption already listed belongs to that caption
        role = _dropped_role(el, text, lang)
        if role is None:
            continue
        taken.add(id(el))
        seen.add(text)
        cues = element_cues(el, region)
        if role == "caption" and not _CAPTION_CUES & set(cues):
            cues = (*cues, "html:caption-class")
        found.append((index.order[el], text, cues, nearest_image(el) if role == "caption" else None))
    return found


def segment_html(tree, body, index: PageIndex, lang: str | None = None) -> list[Block]:
    """Blocks from trafilatura's extracted body, with cues from the original page;
    `lang` (the article's language) picks the appeal lexicon for texts it left out."""
    lines = _extracted_lines(body) if body is not None else []
    if body is not None:
        lines = _split_run_together(lines, body, tree, index)
    seen = {text for _, text, _ in lines}
    # The extractor's order is the reading order; page positions only place the
    # dropped captions and credits between them, so a repeated text never reorders the body.
    elements, last = [], -1
    for _, text, _ in lines:
        el = index.by_text.get(text)
        if el is not None and index.order[el] > last:
            last = index.order[el]
            elements.append(el)
        else:
            elements.append(None)
    matched = [el for el in elements if el is not None]
    container = _common_ancestor(matched)
    placed: list[tuple[float, Block]] = []
    pos = -1.0
    for (tag, text, density), el in zip(lines, elements):
        if el is not None:
            density = _link_share(el, text)  # `el` was found by this text (index.by_text)
        pos = float(index.order[el]) if el is not None else pos + 1e-3
        cues = element_cues(el, container) if el is not None else ()
        image = nearest_image(el) if el is not None and _CAPTION_CUES & set(cues) else None
        placed.append((pos, Block(text=text, tag=tag, cues=cues, link_density=density, image=image)))
    region = _article_region(container)
    if region is not None:
        for pos, text, cues, image in _dropped_texts(region, index, seen, lang):
            placed.append((float(pos), Block(text=text, tag="figure", cues=cues, in_main=False, image=image)))
    placed.sort(key=lambda pair: pair[0])
    return [block for _, block in placed]
