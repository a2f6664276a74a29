"""The second pass: revise first labels from their neighbours, as jusText does.

Only the model's decisions are revised, never a rule's. Each change records its
own `why`, and the paragraph keeps its first label.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .document import Label, Paragraph
from .features import addresses_reader
from .lexicons import MAX_SCAN, YOU, hits, lexicons, voice
from .rules import is_quoted, is_title, word_count
from .segment import ends_open

# A model-made body or boilerplate paragraph with at least this appeal probability
# joins an appeal block that surrounds it.
RUN_APPEAL_MIN = 0.15
# A body line this short that says "you" joins an appeal block that surrounds it.
MAX_THANKS_WORDS = 20
# Just before an appeal block, a model-made boilerplate line joins it from this
# appeal probability ("Thank you for reading to the end."), a body paragraph only
# from the higher one: the article's last paragraph also sits there. The higher one
# is also what a body paragraph that says no "you" or "we" needs to join an appeal
# run only by running to the text's end (_ends_appeal).
LEAD_APPEAL_MIN = 0.25
LEAD_BODY_APPEAL_MIN = 0.45
# Below this score a model-made appeal between two body paragraphs is body.
LONE_APPEAL_MAX = 0.9
# A page's only paragraph, when it reads as prose: sentences of at least this many
# words, mostly in lower case (a run-together menu is in title case).
LONE_PROSE_MIN_WORDS = 12
LONE_PROSE_LOWER_SHARE = 0.5
_SENTENCE_END = ('.', '!', '?', '…', '"', '”', '’', '»')
# Photo credits (not bylines, not "Reporting by"): the line a caption stands over.
_PHOTO_CREDITS = ("rule:credit-prefix", "rule:credit-agency", "rule:credit-copyright")
# ... and the model's credit lines that name a photo's maker: "(Sentinel photo by Jane
# Roe)", "Chronicle photo/Jane Roe", "Foto cedida por el Ayuntamiento", "Фото автора" (the
# writer's own), where the outlet's name comes before the word, which stands within
# MAX_PHOTO_WORD_AT characters of the line's start.
MAX_PHOTO_WORD_AT = 25
_PHOTO_MAKER = re.compile(r"(?i:\b(?:photo|foto|фото|bild|zdjęcie|fot\.))\s*"
                          r"(?:[:/©]|(?i:by|von|de|di|par|cedida por|courtesy(?: of)?|cortesía de)\s)?\s*"
                          r"(?:(?:(?:the|der|die|dem|el|la|los|las|del|le|les|il|lo|gli)\s+)?[A-ZÀ-ÞА-ЯІЇЄҐ]"
                          r"|(?i:автора|autora|autorki|del autor|de l['’]auteur|dell['’]autore)\b)")
# A data source's line ("Source: Eurostat") stands under a chart's title, but also under
# the paragraph that leads into a chart or quotes a release: on the corpora's pages,
# 44 body paragraphs and no caption stood over one, so that line needs the model's word.
_SOURCE_CREDIT = re.compile(r"^\W*(?i:sources?|quellen?|fuentes?|źródł[oa]|джерел[оа]|источник|fonte)\b")
# What a credit line says of itself (its label, a byline's word, a sign), in our languages.
_CREDIT_SIGN = re.compile(r"(?i:\b(?:by|von|par|por|di|de|przez|autor\w*|author|автор\w*|текст|text[eo]?|tekst|"
                          r"foto\w*|fot|photo\w*|фото|bild\w*|credit\w*|reporting|editing|redakcja|редакц\w*|"
                          r"source|quelle|fuente|fonte|źródło|джерело|источник|interview\w*|rozmawiał\w*|oprac\w*|"
                          r"zdjęci\w*|illustra\w*|grafik\w*|courtesy|cortesía|v[ií]deo|wideo|відео|видео)\b)|[©/|@]"
                          r"|(?i:\b(?:image|imagen|immagine)s?\s*(?:[:\d]|(?:from|by|courtesy|de|di)\b))")
# A word in lower case of four letters or more: "Up next", not a name ("Jane Roe", "Ana de Armas").
_LOWER_WORD = re.compile(r"^[a-zß-ÿа-яёіїєґ]\w{3}")
MAX_HEADING_WORDS = 8
_SECTION_SEPARATOR = re.compile(r"\s+[·•›»>|/]+\s+")
_PERSON = re.compile(r"[A-ZÀ-ÞА-ЯІЇЄҐ][\w'’.-]+(?:\s+(?:[A-ZÀ-ÞА-ЯІЇЄҐ][\w'’.-]+|de|del|van|von|da|di)){1,3}")
MAX_INLINE_CAPTION_WORDS = 60
START_CAPTION_MAX_WORDS = 20
CAPTION_OVER_CREDIT_SCORE = 0.8  # a fixed confidence, as the rules give: the model said body
# The caption probability from which the model may take a caption anywhere (pipeline.LABEL_MIN),
# and a line over a photo credit past the article's end (_captions_over_credits).
CAPTION_MIN = 0.9
_DASH_QUOTE = re.compile(r"^\s*[-–—]\s")
# Thanks to the reader, which some languages say with no pronoun (_plain_report).
_THANKS = re.compile(r"\b(thank|thanks|danke|merci|gracias|grazie|dziękujemy|dziękuję|дякуємо|дякую|спасибо|благодарим)\b")
# Capitalised too, at a sentence's start; not in capitals ("Portland, ME").
_FIRST_PERSON = re.compile(r"\b(I|I'm|I've|[Mm]e|[Mm]y|[Ii]ch|[Jj]e|[Jj]'|[Yy]o|[Ii]o|[Jj]a|[Яя])\b")
# ... but Italian's plural article opens many captions: "I vigili del fuoco sul posto."
_FIRST_PERSON_IT = re.compile(r"\b([Ii]o|[Mm]e|[Mm]i[oae]|[Mm]iei)\b")
# A sentence ends and another starts: a word of four letters or more, its stop, and a
# capital ("im. Juliusza", "St. Mary" are abbreviations, not sentence ends).
_NEXT_SENTENCE = re.compile(r"\w{4,}[.!?…][\"”»’)]*\s+(\w)")
# In plain text, the article runs from its first to its last paragraph of prose
# (this many words or more, closed by punctuation). Outside it, a short open line
# that the model calls body without conviction is a menu item, a section name or
# a teaser headline. On the pages read as plain text (held-out / training split):
# before the article 1,096 / 3,048 boilerplate lines against 69 / 184 body lines
# (240 / 636 words); after it, past a line that is not body ("Most read", share
# buttons), 522 / 1,499 against 6 / 120 (25 / 320 words).
PROSE_MIN_WORDS = 15
OUTSIDE_MAX_WORDS = 10
OUTSIDE_BODY_MAX = 0.5
# Readers' comments that the extractor kept under an article. A comment is marked
# by a signature with a time of day ("Posted by: Marta K. at October 3, 2024 9:12
# AM") or by its own link ("Report this comment"); two marks at most
# COMMENT_GAP_WORDS and COMMENT_GAP_PARAGRAPHS apart belong to one thread (a
# footer's two "Report abuse" links are further apart). A thread, or a line saying
# the comments are closed, counts only below at least ARTICLE_MIN_PROSE paragraphs
# of the article's prose, so a page's own byline or post list is never taken.
MAX_COMMENT_MARK_WORDS = 20
COMMENT_GAP_WORDS = 300
COMMENT_GAP_PARAGRAPHS = 12
COMMENT_HEADING_REACH = 5   # paragraphs above a thread's first mark to look for its heading
ARTICLE_MIN_PROSE = 2
COMMENTS_SCORE = 0.9  # a fixed confidence, as the rules give: the model said body


def _candidate(p: Paragraph, appeal_prob: float, floor: float) -> bool:
    return p.why == "model" and p.label in (Label.BODY, Label.BOILERPLATE) and appeal_prob >= floor


def _to_appeal(p: Paragraph, prob: float, why: str) -> Paragraph:
    return replace(p, label=Label.APPEAL, score=max(prob, 0.5), why=why, first_label=p.label)


def _grow_appeal_runs(out: list[Paragraph], probs: list[float]) -> None:
    """Candidates bounded by an appeal before and an appeal (or the end) after become appeals.

    Boilerplate lines made by rules ("Share", "Read more:") neither break nor join a run;
    the model's boilerplate lines do not break one either.
    """
    i, n = 0, len(out)
    while i < n:
        if out[i].label is not Label.APPEAL:
            i += 1
            continue
        j, run = i + 1, []
        while j < n and (out[j].label is Label.BOILERPLATE or _candidate(out[j], probs[j], RUN_APPEAL_MIN)
                         or _thanks_reader(out[j])):
            if out[j].why == "model":
                run.append(j)
            j += 1
        closed = j < n and out[j].label is Label.APPEAL
        for k in run:
            # A body candidate joins a run that reaches the end; a model-made boilerplate
            # line, or a short body line that says "you" ("Thank you for reading, and for
            # caring about Brackwater."), only one closed by another appeal, and only with
            # a candidate's appeal probability or a "you": a menu between two appeal
            # buttons of a page copied whole ("Subscribe", "Investing", "Donate") stays
            # boilerplate ("About us" too: menus say "we" and "our" often enough).
            if closed and (probs[k] >= RUN_APPEAL_MIN or YOU.search(out[k].text.lower())) \
                    or out[k].label is Label.BODY and j == n and probs[k] >= RUN_APPEAL_MIN \
                    and _ends_appeal(out[k], probs[k]):
                out[k] = _to_appeal(out[k], probs[k], "context:appeal-run")
        i = max(j, i + 1)


def _thanks_reader(p: Paragraph) -> bool:
    """A short model-made body line that speaks to the reader, unquoted: inside an
    appeal block it is the block's ("Thank you for reading"), wherever the model puts it."""
    return p.why == "model" and p.label is Label.BODY and word_count(p.text) <= MAX_THANKS_WORDS \
        and bool(YOU.search(p.text.lower())) and not is_quoted(p.text)


def _ends_appeal(p: Paragraph, appeal_prob: float) -> bool:
    """A body paragraph after an appeal, at the text's end, is part of it if it talks to
    the reader or the model leans to appeal: an article's last paragraph of plain report
    after a mid-text plug ("Die Kosten trägt das Land.", appeal 0.33) is not."""
    return appeal_prob >= LEAD_BODY_APPEAL_MIN or addresses_reader(p.text)


def _grow_appeal_leads(out: list[Paragraph], probs: list[float]) -> None:
    """Candidates right before the first paragraph of an appeal block join it. So
    does, from the lower bar of a run, a body paragraph in the outlet's own voice
    ("We were in Pokrovsk for four days to report this story.") right before an
    appeal block that closes the text: the outlet turning to its readers."""
    for i in range(1, len(out)):
        if out[i].label is not Label.APPEAL or out[i - 1].label is Label.APPEAL:
            continue
        j = i - 1
        while j >= 0 and _candidate(out[j], probs[j], LEAD_APPEAL_MIN if out[j].label is Label.BOILERPLATE
                                    else LEAD_BODY_APPEAL_MIN) \
                and not (out[j].label is Label.BODY and _plain_report(out[j])):
            out[j] = _to_appeal(out[j], probs[j], "context:appeal-lead")
            j -= 1
        if j == i - 1 and _outlet_voice(out[j], probs[j]) and _closes_text(out, i):
            out[j] = _to_appeal(out[j], probs[j], "context:appeal-lead-voice")


def _plain_report(p: Paragraph) -> bool:
    """A line that says nothing of appeals: no "you" or "we", no thanks, no appeal word
    or price ("Le procès reprend lundi.", an article's last sentence right over the
    appeals). Of the model's body paragraphs that joined an appeal block as its lead,
    on every labelled and weak-labelled document, the one such line was the article's.
    Thanks need no pronoun in some languages ("Дякуємо, що дочитали до кінця.")."""
    lower = p.text[:MAX_SCAN].lower()
    you, we, _ = voice(lower)
    found = hits(p.text)
    return not (you or we or found.topic or found.cues or _THANKS.search(lower) or addresses_reader(p.text))


def _outlet_voice(p: Paragraph, appeal_prob: float) -> bool:
    """A model-made body paragraph that says "we" or "our", quoting and reporting no one."""
    if p.label is not Label.BODY or not _candidate(p, appeal_prob, RUN_APPEAL_MIN):
        return False
    _, we, reported = voice(p.text.lower())
    return bool(we) and not reported and not is_quoted(p.text)


def _closes_text(out: list[Paragraph], i: int) -> bool:
    return all(p.label in (Label.APPEAL, Label.BOILERPLATE, Label.CREDIT) for p in out[i:])


def _end_marker(p: Paragraph) -> bool:
    """A bare widget heading left by a copy-paste ("Read more:"), its links gone."""
    return p.label is Label.BOILERPLATE and p.why != "model" and word_count(p.text) <= 4


def _appeal_tail(out: list[Paragraph], probs: list[float]) -> None:
    """After the last bare end marker, a tail that ends in an appeal is the outlet
    talking to its readers: its model-made paragraphs that address the reader
    ("you", "we", "our") and quote no one join the appeal.
    """
    if not out or out[-1].label is not Label.APPEAL:
        return
    marks = [i for i, p in enumerate(out) if _end_marker(p)]
    if not marks:
        return
    tail = range(marks[-1] + 1, len(out))
    if any(out[k].label is Label.BODY and not _pleads(out[k]) for k in tail):
        return
    for k in tail:
        # Headlines of other stories listed there ("Night bus line cut") stay boilerplate.
        if out[k].label is not Label.APPEAL and _pleads(out[k]):
            out[k] = _to_appeal(out[k], probs[k], "context:appeal-tail")


def _pleads(p: Paragraph) -> bool:
    return not p.why.startswith("rule:") and addresses_reader(p.text) and not is_quoted(p.text)


def _neighbour(paras: list[Paragraph], i: int, step: int) -> Paragraph | None:
    """The nearest paragraph in direction `step` that is not a boilerplate line."""
    j = i + step
    while 0 <= j < len(paras):
        if paras[j].label is not Label.BOILERPLATE:
            return paras[j]
        j += step
    return None


def _drop_lone_appeals(out: list[Paragraph]) -> None:
    """An appeal rarely stands alone between two body paragraphs."""
    for i, p in enumerate(out):
        if p.why != "model" or p.label is not Label.APPEAL or p.score >= LONE_APPEAL_MAX:
            continue
        prev, nxt = _neighbour(out, i, -1), _neighbour(out, i, 1)
        if prev is not None and nxt is not None and prev.label is Label.BODY and nxt.label is Label.BODY:
            out[i] = replace(p, label=Label.BODY, score=1 - p.score, why="context:lone-appeal", first_label=p.label)


def _keep_lone_prose(out: list[Paragraph]) -> None:
    """A page of one paragraph that reads as prose is an article of one paragraph.

    The model learned from paragraphs among others, and a lone one has none of the
    neighbours that tell body from navigation: it called short blog posts made of a
    single paragraph boilerplate at 0.98 and more, and emptied the page.
    """
    if len(out) != 1 or out[0].why != "model" or out[0].label is not Label.BOILERPLATE:
        return
    p = out[0]
    words = [w for w in p.text.split() if w[0].isalpha()]
    lower = sum(w[0].islower() for w in words)
    if word_count(p.text) >= LONE_PROSE_MIN_WORDS and p.text.rstrip().endswith(_SENTENCE_END) \
            and lower >= LONE_PROSE_LOWER_SHARE * len(words):
        out[0] = replace(p, label=Label.BODY, score=1 - p.score, why="context:lone-prose", first_label=p.label)


def _captions_over_credits(out: list[Paragraph], caption_probs: list[float] | None = None,
                           lang: str | None = None) -> None:
    """In plain text, a short line of one sentence over a photo credit, with the
    article going on after the credit, is that photo's caption.

    At the end of a text the line over a credit is often the article's last
    paragraph (a copied article ends with its photo's credit), and at its start
    it may be the lead, so a pair with body on both sides is taken on its place
    alone: in our 466 labelled articles, 87 captions and no body paragraph (with
    only the page's tail after the credit, 74 captions and 14 body paragraphs;
    with the credit last, 8 and 7; with no body before, 17 and none). Where the
    body has ended (the page's tail, related links or an appeal, follows the
    credit), the line is a caption only when the model is sure of it as well
    (`caption_probs`, from CAPTION_MIN). Where it has not begun, so does a line
    longer than START_CAPTION_MAX_WORDS, which may be the lead: the captions
    there have 6 to 18 words, and on the corpora's pages two lines of 14 words
    stood there over a credit, one of them a photo's caption the gold keeps.
    """
    body = [p.label is Label.BODY for p in out]
    for i in range(len(out) - 2):  # a text that ends with the credit may end with its own last paragraph
        p, credit = out[i], out[i + 1]
        if p.tag != "line" or p.why != "model" or p.label is not Label.BODY or not _photo_credit(credit):
            continue
        # A credit over a caption is that caption's: BBC's "Image source, Getty Images"
        # comes before its "Image caption, ...", under a paragraph of the article.
        if out[i + 2].label is Label.CAPTION:
            continue
        # A caption describes the picture: no speech, question, exclamation or voice
        # of the writer ("Are you a fan? I love her." over "Photos: Getty Images").
        if word_count(p.text) > MAX_INLINE_CAPTION_WORDS or is_quoted(p.text) or "?" in p.text \
                or "!" in p.text or addresses_reader(p.text) \
                or (_FIRST_PERSON_IT if lang == "it" else _FIRST_PERSON).search(p.text):
            continue
        # ... nor reports it: a quote opened with a dash ("- Nie mamy innego wyjścia -
        # powiedział ..."), or a "said" in any of our languages.
        if _DASH_QUOTE.match(p.text) or voice(p.text[:MAX_SCAN].lower())[2]:
            continue
        # ... in one sentence: on the corpora's pages copied as text, a paragraph of several
        # sentences over an image's credit was the article's own in 34 of 44 cases.
        if _more_than_one_sentence(p.text):
            continue
        # ... and not a heading over its picture ("Espro P7 French Press" over "Credit:
        # Amazon"): a caption is a sentence, not a name in capitals with no stop.
        if ends_open(p.text) and is_title(p.text.split()):
            continue
        # ... nor a table's row or a product's specifications over its picture's credit
        # ("Capacity: 30 ounces | Dimensions: ..."): on the corpora's pages 11 such lines
        # stood over a credit, all body; no caption of ours or theirs holds a bar.
        if " | " in p.text:
            continue
        before, after = any(body[:i]), any(body[i + 2:])
        sure = caption_probs is not None and caption_probs[i] >= CAPTION_MIN
        plain = not _SOURCE_CREDIT.match(credit.text)
        if before and after:
            take = sure or plain
        elif after:  # before the article: a short line is its photo's caption, a long one may be the lead
            take = sure or (plain and word_count(p.text) <= START_CAPTION_MAX_WORDS)
        else:
            take = sure and before
        if take:
            out[i] = replace(p, label=Label.CAPTION, score=CAPTION_OVER_CREDIT_SCORE, why="context:caption-over-credit",
                             first_label=p.label)
            body[i] = False


def _headings_not_credits(out: list[Paragraph]) -> None:
    """A short line the model called a credit, between two body paragraphs, that names
    no one and says nothing of a credit, is the article's subhead ("Up next", "Когда
    вернут тепло", "Перший тайм"): a credit line is names in capitals, or opens with its
    label. On the corpora's articles copied alone as plain text, such lines were body 83
    times against 7 boilerplate, 2 appeals and 1 credit; on whole pages copied as text,
    9 body and 9 boilerplate ("Reuters file": an agency is a sign too)."""
    for i in range(1, len(out) - 1):
        p = out[i]
        if p.why != "model" or p.label is not Label.CREDIT or out[i - 1].label is not Label.BODY \
                or out[i + 1].label is not Label.BODY:
            continue
        words = p.text.split()
        if len(words) > MAX_HEADING_WORDS or not any(_LOWER_WORD.match(w) for w in words[1:]):
            continue
        if _says_credit(p.text):
            continue
        out[i] = replace(p, label=Label.BODY, score=1 - p.score, why="context:heading-not-credit", first_label=p.label)


def _section_lines(out: list[Paragraph]) -> None:
    """Above the article, a line of short parts between separators that the model called
    a credit is the page's section or place line ("Rostock · Lokales", "Aktualności /
    Gmina Bodzentyn") unless it says it is a credit or each part is a person's name
    ("Rocío Benavente / Daniel Acosta"). On the fixtures it takes six section lines; on
    the corpora's pages one line, a caption and its stock agency ("praca / ShutterStock")."""
    for i, p in enumerate(out):
        if p.label is Label.BODY:
            return
        if p.why != "model" or p.label is not Label.CREDIT or len(p.text.split()) > MAX_HEADING_WORDS:
            continue
        parts = _SECTION_SEPARATOR.split(p.text)
        if len(parts) < 2 or _says_credit(" ".join(parts)):  # the separators are no sign of a credit
            continue
        if all(_PERSON.fullmatch(part.strip()) for part in parts):
            continue
        out[i] = replace(p, label=Label.BOILERPLATE, score=1 - p.score, why="context:section-line", first_label=p.label)


def _says_credit(text: str) -> bool:
    """Whether a short line says it is a credit: a label, a byline's word, a sign, an agency."""
    return bool(_CREDIT_SIGN.search(text) or lexicons().agency.search(text))


def _photo_credit(p: Paragraph) -> bool:
    if p.why in _PHOTO_CREDITS:
        return True
    if p.why != "model" or p.label is not Label.CREDIT:
        return False
    # The word opens the line, after the outlet's name at most: a caption of its own
    # ("Pumps at dusk. Bild: Jane Roe") is the model's credit too.
    m = _PHOTO_MAKER.search(p.text, 0, MAX_PHOTO_WORD_AT + 20)
    return m is not None and m.start() <= MAX_PHOTO_WORD_AT and "." not in p.text[:m.start()]


def _more_than_one_sentence(text: str) -> bool:
    return any(m.group(1).isupper() for m in _NEXT_SENTENCE.finditer(text))


def _lines_outside_article(out: list[Paragraph]) -> None:
    prose = [i for i, p in enumerate(out) if p.label is Label.BODY and not ends_open(p.text)
             and word_count(p.text) >= PROSE_MIN_WORDS]
    if not prose:
        return
    for i in range(prose[0]):
        if _stray_line(out[i]):
            out[i] = _to_boilerplate(out[i], "context:before-article")
    past_body = False
    for i in range(prose[-1] + 1, len(out)):
        if out[i].label is not Label.BODY:
            past_body = True
        elif past_body and _stray_line(out[i]):
            out[i] = _to_boilerplate(out[i], "context:after-article")


def _stray_line(p: Paragraph) -> bool:
    return (p.label is Label.BODY and p.tag == "line" and p.why == "model" and p.score < OUTSIDE_BODY_MAX
            and word_count(p.text) <= OUTSIDE_MAX_WORDS and ends_open(p.text))


def _to_boilerplate(p: Paragraph, why: str, score: float | None = None) -> Paragraph:
    """`score`: a fixed confidence; by default what the model left to the other labels."""
    return replace(p, label=Label.BOILERPLATE, score=1 - p.score if score is None else score, why=why,
                   first_label=p.label)


def _comment_threads(out: list[Paragraph]) -> None:
    """Readers' comments the extractor kept are boilerplate: the comments of a signed
    thread, from its heading (or its first mark) to the comment after its last mark,
    and everything under the last line saying the comments are closed."""
    lex = lexicons()
    for start, end in _threads(out, lex):
        start = _thread_heading(out, start, lex)
        if _prose_before(out, start) >= ARTICLE_MIN_PROSE:
            _comments_out(out, start, _thread_end(out, end))
    # The last such line: a list of posts may close each one's comments.
    closed = [i for i, p in enumerate(out) if word_count(p.text) <= MAX_COMMENT_MARK_WORDS
              and lex.comment_closed.search(p.text)]
    if closed and _prose_before(out, closed[-1]) >= ARTICLE_MIN_PROSE:
        _comments_out(out, closed[-1], len(out) - 1)


def _threads(out: list[Paragraph], lex) -> list[tuple[int, int]]:
    """(first mark, last mark) of each run of two or more comment marks."""
    marks = [i for i, p in enumerate(out) if word_count(p.text) <= MAX_COMMENT_MARK_WORDS
             and lex.comment_mark.search(p.text)]
    runs: list[list[int]] = []
    for i in marks:
        if runs and i - runs[-1][-1] <= COMMENT_GAP_PARAGRAPHS \
                and sum(word_count(p.text) for p in out[runs[-1][-1] + 1:i]) <= COMMENT_GAP_WORDS:
            runs[-1].append(i)
        else:
            runs.append([i])
    return [(run[0], run[-1]) for run in runs if len(run) >= 2]


def _thread_heading(out: list[Paragraph], first: int, lex) -> int:
    """Where a thread starts: its heading ("Comments") when one sits a few model-made
    body paragraphs above its first mark (the first comment signed under its text)."""
    for j in range(first - 1, max(-1, first - 1 - COMMENT_HEADING_REACH), -1):
        if word_count(out[j].text) <= MAX_COMMENT_MARK_WORDS and lex.comment_heading.search(out[j].text):
            return j
        if out[j].why != "model" or out[j].label is not Label.BODY:
            break
    return first


def _thread_end(out: list[Paragraph], last: int) -> int:
    """The last mark, and the comment signed above its text, up to a line that is not body."""
    end, words = last, 0
    while end + 1 < len(out) and out[end + 1].label is Label.BODY and words <= COMMENT_GAP_WORDS:
        end += 1
        words += word_count(out[end].text)
    return end


def _prose_before(out: list[Paragraph], i: int) -> int:
    return sum(1 for p in out[:i] if p.label is Label.BODY and word_count(p.text) >= PROSE_MIN_WORDS)


def _comments_out(out: list[Paragraph], start: int, end: int) -> None:
    for k in range(start, end + 1):
        if out[k].why == "model" and out[k].label is Label.BODY:
            out[k] = _to_boilerplate(out[k], "context:comments", COMMENTS_SCORE)


def revise(paras: list[Paragraph], appeal_probs: list[float],
           caption_probs: list[float] | None = None, lang: str | None = None) -> list[Paragraph]:
    out = list(paras)
    _keep_lone_prose(out)
    _comment_threads(out)
    _headings_not_credits(out)
    _section_lines(out)
    _captions_over_credits(out, caption_probs, lang)
    _drop_lone_appeals(out)
    _grow_appeal_runs(out, appeal_probs)
    _grow_appeal_leads(out, appeal_probs)
    _appeal_tail(out, appeal_probs)
    _lines_outside_article(out)
    return out
