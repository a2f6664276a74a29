"""What the text lost, as structured items: captions with their images, credits with
names and agencies, appeals with their kind; a credit is linked to its caption."""
from __future__ import annotations

from dataclasses import replace

from .credits import caption_text, parse_credit, split_inline_credit
from .document import Block, Item, Label, Paragraph
from .lexicons import lexicons
from .metadata import appeal_kind
from .rules import word_count


def _credit(text: str, why: str, caption: int | None = None) -> Item:
    parsed = parse_credit(text)
    return Item(text, parsed["kind"], why, tuple(parsed["names"]), tuple(parsed["agencies"]), caption=caption)


def lifted_items(paragraphs: list[Paragraph], blocks: list[Block]) -> tuple[tuple[Item, ...], ...]:
    """(captions, credits, appeals) in reading order.

    A caption that ends with its credit ("... Photograph: Jane Roe/AFP") gives a
    caption of the description and a credit; a credit right after a caption that
    has none is that caption's credit, and so is a photo credit right before a
    caption with no credit after it (BBC's "Image source, ..." over "Image
    caption, ..."). Both carry the other's index.
    """
    captions: list[Item] = []
    credits: list[Item] = []
    appeals: list[Item] = []
    previous: Label | None = None
    for i, (p, block) in enumerate(zip(paragraphs, blocks)):
        if p.label is Label.CAPTION:
            src, alt = block.image if block.image else (None, None)
            text = caption_text(p.text)
            split = split_inline_credit(text)
            if split:
                credits.append(_credit(split[1], p.why, caption=len(captions)))
                captions.append(Item(split[0], None, p.why, src=src or None, alt=alt or None,
                                     credit=len(credits) - 1))
            elif _owns_credit_above(paragraphs, i, credits):
                credits[-1] = replace(credits[-1], caption=len(captions))
                captions.append(Item(text, None, p.why, src=src or None, alt=alt or None,
                                     credit=len(credits) - 1))
            else:
                captions.append(Item(text, None, p.why, src=src or None, alt=alt or None))
        elif p.label is Label.CREDIT:
            linked = previous is Label.CAPTION and captions[-1].credit is None
            credits.append(_credit(p.text, p.why, caption=len(captions) - 1 if linked else None))
            if linked:
                captions[-1] = replace(captions[-1], credit=len(credits) - 1)
        elif p.label is Label.APPEAL and not _part_of_neighbour(paragraphs, blocks, i):
            appeals.append(Item(p.text, appeal_kind(p.text), p.why))
        previous = p.label
    return tuple(captions), tuple(credits), tuple(appeals)


# The credit kinds (metadata.credit_kind) that name a picture's maker.
_PICTURE_CREDITS = frozenset(("photo", "video", "illustration", "graphic"))


def _owns_credit_above(paragraphs: list[Paragraph], i: int, credits: list[Item]) -> bool:
    """Whether the caption at `i` takes the picture credit listed just before it: one
    that no caption has, right above it, with no credit of the caption's own below."""
    above = paragraphs[i - 1] if i else None
    below = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
    return above is not None and above.label is Label.CREDIT and bool(credits) \
        and credits[-1].caption is None and credits[-1].kind in _PICTURE_CREDITS \
        and (below is None or below.label is not Label.CREDIT)


def _part_of_neighbour(paragraphs: list[Paragraph], blocks: list[Block], i: int) -> bool:
    """A text the extractor left out that is part of a neighbour of the same label: the
    "<strong>Newsletter:</strong>" of a kept appeal is listed once, with its paragraph."""
    if blocks[i].in_main:
        return False
    p = paragraphs[i]
    return any(0 <= j < len(paragraphs) and paragraphs[j].label is p.label and p.text in paragraphs[j].text
               for j in (i - 1, i + 1))


# A page whose "body" is mostly links and holds almost no prose besides is a
# listing of other articles (a section front, a tag page), not an article. The
# prose floor keeps a short post with a list of links under it an article.
LISTING_MIN_TEASERS = 4
LISTING_SHARE = 0.6
LISTING_LINK_DENSITY = 0.5
LISTING_MAX_PROSE_WORDS = 50


def not_article_reason(paragraphs: list[Paragraph], blocks: list[Block], declared: str | None = None) -> str | None:
    """Why a labelled page is no article, or None when it is one.

    `declared` is the page type the page gives itself (Open Graph's ``og:type``):
    a page that says it is an article is never taken for a listing, since deal
    roundups and link posts are articles made of links. Nor is a page signed by
    one byline ("Written by: Jane Roe"): a listing signs each of its teasers, or none.
    """
    body = [(p, b) for p, b in zip(paragraphs, blocks) if p.label is Label.BODY]
    if not body:
        found = ", ".join(sorted({p.label.value for p in paragraphs}))
        return f"no paragraph reads as article text: every one is {found}"
    teasers = [b for _, b in body if b.link_density >= LISTING_LINK_DENSITY]
    if declared != "article" and _bylines(paragraphs) != 1 and len(teasers) >= LISTING_MIN_TEASERS \
            and len(teasers) >= LISTING_SHARE * len(body) and _prose_words(body) < LISTING_MAX_PROSE_WORDS:
        return f"a listing: {len(teasers)} of {len(body)} body paragraphs are links to other pages"
    return None


def _bylines(paragraphs: list[Paragraph]) -> int:
    byline = lexicons().credit_byline
    return sum(1 for p in paragraphs if p.label is Label.CREDIT and byline.match(p.text))


def _prose_words(body: list[tuple[Paragraph, Block]]) -> int:
    return sum(word_count(b.text) for _, b in body if b.link_density < LISTING_LINK_DENSITY)
