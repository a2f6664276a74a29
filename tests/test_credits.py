"""Credits as structured data, captions with their images and linked credits."""
import pytest

from cleaner import Label, clean
from cleaner.credits import parse_credit, split_inline_credit
from cleaner.document import Block
from cleaner.rules import caption_rule, first_verdict


@pytest.mark.parametrize("line, kind, names, agencies", [
    ("Foto: PAP/EPA/OLIVIER MATTHYS", "photo", ["Olivier Matthys"], ["PAP", "EPA"]),
    ("Foto: dpa", "photo", [], ["dpa"]),
    ("Photo: Jane Doe/Reuters", "photo", ["Jane Doe"], ["Reuters"]),
    ("AFP via Getty Images", "photo", [], ["AFP", "Getty Images"]),
    ("Фото: УНІАН", "photo", [], ["УНІАН"]),
    ("Fot. Piotr Nowak / Forum", "photo", ["Piotr Nowak"], ["Forum"]),
    ("Foto: picture alliance / dpa | Michael Kappeler", "photo", ["Michael Kappeler"], ["picture alliance", "dpa"]),
    ("Reporting by John Smith and Maria Lopez; Editing by Anna Roe", "reporting",
     ["John Smith", "Maria Lopez", "Anna Roe"], []),
    ("Video: Marta Ruiz", "video", ["Marta Ruiz"], []),
    ("Vídeo: Carmen Sáez", "video", ["Carmen Sáez"], []),
    ("Visualisierung: Stadt Konstanz", "illustration", ["Stadt Konstanz"], []),
    ("Gráfico: Sergio Lama", "graphic", ["Sergio Lama"], []),
    ("By Jane Doe", "text", ["Jane Doe"], []),
    ("Photo: Handout", "photo", [], []),
    ("(Symbolbild)", "photo", [], []), ("(File photo)", "photo", [], []),
])
def test_credit_lines_give_kind_names_and_agencies(line, kind, names, agencies):
    assert parse_credit(line) == {"kind": kind, "names": names, "agencies": agencies}


def test_short_agency_names_that_are_words_count_only_as_written():
    # "Forum" the Polish agency is capitalised; "forum" in lower case is a word.
    assert parse_credit("Photo: forum")["agencies"] == []


def test_an_inline_credit_is_split_from_its_caption():
    assert split_inline_credit("Rescuers at the site on Monday. Photograph: Jane Roe/AFP") == (
        "Rescuers at the site on Monday.", "Photograph: Jane Roe/AFP")
    assert split_inline_credit("Rescuers at the site on Monday.") is None


@pytest.mark.parametrize("caption, credit", [
    ("Workers inspect the tracks at the depot on Monday.", "(Photo by Peter Lang/Getty Images)"),
    ("A view of the harbour at dawn.", "Photo by Anna Roe on Unsplash"),
    ("Demonstranten vor dem Rathaus am Montag.", "Foto von Hans Meier"),
    ("Il sindaco durante la conferenza stampa.", "Foto di Marco Bianchi/Ansa"),
    ("Manifestantes frente al ayuntamiento el lunes.", "Foto de Ana Ruiz/EFE"),
    ("Des manifestants devant la mairie lundi.", "Photo par Jean Dupont"),
    # An initial's stop and a domain's are no sentence end.
    ("Rescuers at the site on Monday.", "Photo: J. Smith/AFP"),
    ("Tramwaj na pętli przy ul. Puławskiej.", "Fot. M. Kowalski"),
    ("Die Mole im Hafen von Kiel.", "Foto: Hafenbild.de"),
])
def test_a_credit_that_names_its_maker_with_by_ends_a_caption(caption, credit):
    # Getty's "(Photo by NAME/Getty Images)" and its kin in other languages.
    assert split_inline_credit(f"{caption} {credit}") == (caption, credit)
    verdict = caption_rule(f"{caption} {credit}")
    assert verdict is not None and verdict.why == "rule:caption-credit"


@pytest.mark.parametrize("text", [
    # A headline: after "von" come a verb and an adjective, not a name.
    "Haltung gegenüber Bitcoin-ETFs umstritten? Video von SEC-kritischem Gensler geht viral",
    # "by" before no name.
    "The archive holds the whole collection. Photos by the thousand",
])
def test_by_before_no_name_ends_no_caption(text):
    assert split_inline_credit(text) is None and caption_rule(text) is None


def test_after_a_comma_a_credit_needs_its_colon_or_its_abbreviation():
    # Polish captions run on with ", fot."; the description keeps its words, not the comma.
    assert split_inline_credit("Tramwaj na pętli przy ul. Puławskiej, fot. Adam Nowak / Agencja Wyborcza.pl") == (
        "Tramwaj na pętli przy ul. Puławskiej", "fot. Adam Nowak / Agencja Wyborcza.pl")
    assert caption_rule("Eine der Windkraftanlagen im Steinheimer Becken, Foto: EnBW") is not None
    # A list of tags or services that runs on with ", Video ..." is no caption.
    for text in ("Tags: Camera Equipment, Camera Sensors, Mirrorless Cameras, Video Cameras",
                 "Key Services: Web Design, Search Engine Optimization, Social Media Marketing, Video Production"):
        assert split_inline_credit(text) is None and caption_rule(text) is None, text


@pytest.mark.parametrize("caption, credit, names, agencies", [
    # The wires' own forms: AP, Reuters, AFP via Getty, EPA, a newspaper's "Name/Agency".
    ("Lorraine Delacroix leaves the courthouse after the verdict on Thursday.", "(AP Photo/Sam Whitfield)",
     ["Sam Whitfield"], ["AP Photo"]),
    ("Rescuers search the rubble of a school in Kyiv.", "REUTERS/Jane Doe", ["Jane Doe"], ["Reuters"]),
    ("A farmer checks his crop near Lyon.", "(AFP via Getty Images)", [], ["AFP", "Getty Images"]),
    ("Ein Kahn auf einem Fließ bei Lehde.", "EPA/JENS BÜTTNER", ["Jens Büttner"], ["EPA"]),
    ("Senators leave the chamber after the vote.", "(J. Scott Roe/Associated Press)",
     ["J. Scott Roe"], ["Associated Press"]),
    ("Energieerzeugung per Photovoltaik auf dem Land.", "picture alliance | Anna Roe",
     ["Anna Roe"], ["picture alliance"]),
    # A paper's own photographer, with the paper and no agency.
    ("Crews clear sand from the coast road two days after the storm.", "(Jane Roe/The Gazette)",
     ["Jane Roe"], []),
    ("Senators leave the chamber after the vote.", "(Jane Roe for The Harbour Times)",
     ["Jane Roe"], []),
])
def test_an_agency_credit_in_brackets_or_alone_ends_a_caption(caption, credit, names, agencies):
    text = f"{caption} {credit}"
    verdict = caption_rule(text)
    assert verdict is not None and verdict.why == "rule:caption-credit"
    assert split_inline_credit(text) == (caption, credit)
    # The photographer is named; a paper that is no agency in the list is read as a name too.
    parsed = parse_credit(credit)
    assert parsed["names"][:len(names)] == names and parsed["agencies"] == agencies


def test_an_outlets_name_in_quote_marks_inside_the_credit_is_no_speech():
    caption = "Фельдшер принимает пациентов в новом пункте в Красном Яре."
    credit = "Фото: Илья Греков / «Открытая редакция Заречья»"
    verdict = caption_rule(f"{caption} {credit}")
    assert verdict is not None and verdict.why == "rule:caption-credit"
    # Speech in the description still keeps the line out.
    quoted = "«Мы работаем без выходных и без отпусков», — говорит фельдшер."
    assert caption_rule(f"{quoted} {credit}") is None


def test_a_stations_initials_before_its_photographer_end_a_caption():
    caption, credit = "The quarterback scrambles for a first down in the fourth quarter.", "(WKRT/Jane Roe)"
    verdict = caption_rule(f"{caption} {credit}")
    assert verdict is not None and verdict.why == "rule:caption-credit"
    assert split_inline_credit(f"{caption} {credit}") == (caption, credit)
    assert "Jane Roe" in parse_credit(credit)["names"]
    # One word on each side of the slash is no credit: "(Democrats/Republicans)".
    assert caption_rule("The party split over the bill in the end. (USA/Canada)") is None


@pytest.mark.parametrize("caption, credit", [
    # A photo's credit in brackets needs no stop before it; the caption's own stop may follow.
    ("La ministra y el alcalde, el 1 de marzo, en el Congreso", "(Foto: Ana Ruiz/Pool via REUTERS)."),
    ("Frische Spuren in einem Nordhang oberhalb von Arosa", "(Foto: R. Keller, 15.01.2025)."),
    ("The roof of the new market hall has been completed.", "(Picture by Lennox Carter.)"),
    ("Były prezes spółdzielni na sali rozpraw Sądu Rejonowego w Pile", "(fot. Łukasz Grzelak)"),
    # A copyright sign with names: after a stop, or with names only after it.
    ("Les Canadair en action au-dessus d'Allauch, samedi soir.", "© Rade Info"),
    ("Firefighters at the warehouse on Monday night.", "© Jane Roe / Harbour Ledger"),
    ("Мастер-класс по лепке глиняных свистулек для детей", "© Елена Кузнецова"),
    # A name with its outlet: "The ..." or a name in quote marks.
    ("The ferry leaves the Mud Dock stop on Tuesday.", "Jane Roe/The Harbour Ledger"),
    ("Учні ліцею на благодійному ярмарку в Харкові.", "Олена Мельник / «Черкаський Ранок»"),
    # A name in capitals after a slash; a photo's word right before the name in brackets.
    ("Remedios Pascual saca las hogazas del horno en su obrador.", "/ INÉS BARRADO"),
    ("Nicolò Ferrari, autore di una doppietta, al termine della gara", "(foto Studio Zanarini)"),
    # A file or stock picture's mark.
    ("Die Baustelle an der Hauptstraße im Frühjahr.", "(Symbolbild)"),
    ("Des pompiers sur les lieux de l'incendie, dimanche.", "(Photo d'illustration)"),
    ("Пожарные на месте происшествия.", "Фото из открытых источников"),
    # Labels for pictures that are not photos.
    ("Il progetto vincitore del concorso di architettura.", "Immagine: Città di Lugano"),
    ("So soll die neue Brücke über den Seerhein aussehen.", "Visualisierung: Stadt Konstanz"),
])
def test_a_bracketed_photo_credit_or_a_copyright_sign_ends_a_caption(caption, credit):
    assert caption_rule(f"{caption} {credit}") is not None
    assert split_inline_credit(f"{caption} {credit}") == (caption, credit)


@pytest.mark.parametrize("mark", [
    "(File photo)", "(Archive photo)", "(Stock photo)", "(Symbolbild)", "(Symbolfoto)", "(Archivbild)",
    "(Archivfoto)", "(Photo d'illustration)", "(Photo d'archives)", "(Image d'illustration)", "(Foto d'archivio)",
    "(Foto di archivio)", "(Imagen de archivo)", "(Foto de archivo)", "(Foto ilustrativa)", "(Zdjęcie ilustracyjne)",
    "(Fot. ilustracyjne)", "(Фото иллюстративное)", "(Иллюстративное фото)", "Фото из открытых источников",
    "Фото ілюстративне", "Ілюстративне фото", "Фото з відкритих джерел",
])
def test_every_file_pictures_mark_closes_a_caption(mark):
    # credit_tail looks for a stem of the marks before it searches: each must hold one.
    caption = "Firefighters at the warehouse on the ring road on Monday night."
    assert split_inline_credit(f"{caption} {mark}") == (caption, mark)


@pytest.mark.parametrize("text", [
    # A page's rights line names a year; a footer's ends with its company's stop.
    "All articles are checked by our editors. © 2024 The Gazette",
    "Read our privacy policy. © The Gazette Media Group Ltd.",
    # The sign with no stop before it is in a sentence.
    "The band © Harbour Records released the album in May.",
])
def test_a_copyright_sign_without_names_after_a_stop_ends_no_caption(text):
    assert caption_rule(text) is None and split_inline_credit(text) is None


@pytest.mark.parametrize("text, label, why", [
    ("VÍDEO | Así celebró la afición el ascenso en la plaza de España", Label.CAPTION, "rule:media-title"),
    ("WIDEO: Tak wygląda nowa trasa w podziemiach", Label.CAPTION, "rule:media-title"),
    ("Gallery: Crowds line the harbour for the tall ships", Label.CAPTION, "rule:media-title"),
    ("VIDÉO – Les images de l'éboulement filmées par le drone des pompiers", Label.CAPTION, "rule:media-title"),
    ("Vidéo : Rade Info / Yanis Benali", Label.CREDIT, "rule:credit-prefix"),
    ("Wideo: Radio Brzask/Łukasz Ćwik", Label.CREDIT, "rule:credit-prefix"),
    ("Video: Marta Ruiz", Label.CREDIT, "rule:credit-prefix"),
    ("Video: https://www.example.org/watch?v=abc", Label.CREDIT, "rule:credit-prefix"),
])
def test_a_videos_title_under_its_label_is_a_caption_and_a_name_there_a_credit(text, label, why):
    verdict = first_verdict(Block(text, tag="line"))
    assert (verdict.label, verdict.why) == (label, why)


@pytest.mark.parametrize("text", [
    "Figure 3. Ridership on the coastal line by month, 2019 to 2024.",
    "Fig. 2: Where the new wind farms will stand",
    "Table 1 – Results of the council vote, by ward",
    "Abb. 4: Die Pegelstände der Elbe im August",
    "Tableau 2. Répartition des dépenses par commune",
    "Gráfico 1: Evolución del paro en la provincia",
    "Rys. 3. Przebieg nowej obwodnicy",
    "Рис. 1. Схема новой развязки у вокзала",
    "Таблиця 2 — Обсяги врожаю за областями",
])
def test_a_line_that_opens_with_a_figures_number_is_its_caption(text):
    verdict = first_verdict(Block(text, tag="line"))
    assert (verdict.label, verdict.why) == (Label.CAPTION, "rule:figure-label")


@pytest.mark.parametrize("text", [
    # The body speaks of its figures and tables in sentences.
    "Figure 3 shows that ridership fell by a third during the closures.",
    "Table 1 lists every ward where turnout rose.",
    # A number alone, or a figure of speech.
    "Table 4",
    "Chart toppers: the singles of the summer",
])
def test_a_figure_named_in_a_sentence_is_no_caption(text):
    verdict = first_verdict(Block(text, tag="line"))
    assert verdict is None or verdict.why != "rule:figure-label"


@pytest.mark.parametrize("text", [
    # A news text may end with its source alone: that is the report's, not a photo's.
    "Das teilte die Polizei am Abend mit. Verletzt wurde niemand. (dpa)",
    "The central bank held rates at 4.5 percent on Thursday, as expected. (Reuters)",
    # The agency in a sentence.
    "The photo agency was sold last year. Getty Images bought it for an undisclosed sum.",
    "He declined to comment. Reuters could not verify the claim independently.",
    # A source in brackets ends a sentence of the body; only a photo's words make a credit.
    "Prices rose by three percent in May, the fastest pace in a year (Source: Eurostat).",
    "The mayor posted the clip on her account on Sunday evening (Video: Instagram)",
    # Brackets of one-word names, or of a page's links.
    "The party split over the bill in the end. (Democrats/Republicans)",
    "You are commenting using your Harbour account. ( Log Out / Change )",
    # An acronym spelt out is no credit, though EPA is also an agency's name.
    "The rule was written by the Environmental Protection Agency. Environmental Protection Agency (EPA)",
])
def test_an_agency_alone_or_in_a_sentence_ends_no_caption(text):
    assert caption_rule(text) is None and split_inline_credit(text) is None


PAGE = """<html><body><article>
<h1>Flood waters recede in the valley</h1>
<p>Flood waters began to recede on Monday in the lower valley, where hundreds of homes were damaged last week.</p>
<figure><img src="/img/valley.jpg" alt="A flooded street"><figcaption>A flooded street in the lower valley on Sunday. Photo: Anna Berg/Reuters</figcaption></figure>
<p>Officials said the clean-up would take several weeks and asked residents to boil drinking water until further notice.</p>
<figure><img src="/img/pump.jpg" alt="Pumps"><figcaption>Firefighters pump water out of a cellar.</figcaption><p class="credit">AP</p></figure>
<p>The regional government promised emergency funds for families who lost their homes, the spokesman said.</p>
</article></body></html>"""


def test_page_captions_carry_their_images_and_link_their_credits():
    doc = clean(PAGE, kind="html")
    first = doc.captions[0].to_dict()
    assert first["text"] == "A flooded street in the lower valley on Sunday."
    assert (first["src"], first["alt"]) == ("/img/valley.jpg", "A flooded street")
    credit = doc.credits[first["credit"]].to_dict()
    assert credit["text"] == "Photo: Anna Berg/Reuters" and credit["caption"] == 0
    assert credit["names"] == ["Anna Berg"] and credit["agencies"] == ["Reuters"]
    assert "Photo: Anna Berg" not in doc.text and "flooded street" not in doc.text
    assert "Officials said the clean-up" in doc.text


def test_plain_text_credits_are_structured_too():
    doc = clean("Bridge reopens\nThe old bridge reopened on Saturday after two years of repairs, the city said.\n"
                "Foto: PAP/Leszek Szymański\n", kind="text")
    assert [c.to_dict() for c in doc.credits] == [{
        "text": "Foto: PAP/Leszek Szymański", "kind": "photo", "why": "rule:credit-prefix",
        "names": ["Leszek Szymański"], "agencies": ["PAP"]}]


BBC_STYLE = """Ferry service resumes after storm

Author, Tomasz Wierzba

Role, Transport reporter

Ferries between the mainland and the islands sailed again on Friday, three days after a storm closed the harbour.

Image source, Getty Images

Image caption, Passengers queue for the first crossing at the harbour on Friday morning

The operator said extra sailings would run over the weekend to clear the backlog of freight and cars.

Media caption, Watch: the storm hits the harbour wall

Harbour staff said repairs to the damaged pier would take several weeks.
"""


def test_bbc_style_labels_mark_captions_and_the_credit_over_them_belongs_to_the_caption_below():
    # BBC puts "Image source" over "Image caption": the paragraph above the credit is
    # the article's lead, not the photo's caption.
    doc = clean(BBC_STYLE, kind="text")
    assert doc.text.startswith("Ferries between the mainland")
    assert "Image caption" not in doc.text and "Media caption" not in doc.text
    assert [c.text for c in doc.captions] == ["Passengers queue for the first crossing at the harbour on Friday morning",
                                              "Watch: the storm hits the harbour wall"]
    assert all(c.why == "rule:caption-label" for c in doc.captions)
    byline = doc.credits[0].to_dict()
    assert (byline["kind"], byline["names"], byline["why"]) == ("text", ["Tomasz Wierzba"], "rule:byline")
    source = next(c.to_dict() for c in doc.credits if c.text.startswith("Image source"))
    assert source["agencies"] == ["Getty Images"] and source["why"] == "rule:credit-prefix"
    # The credit over the caption is that caption's, and each points to the other.
    assert doc.credits[doc.captions[0].credit].text == "Image source, Getty Images"
    assert source["caption"] == 0 and doc.captions[1].credit is None


def test_a_credit_above_a_caption_is_its_own_only_when_no_caption_has_it_and_none_follows():
    from cleaner.document import Block, Paragraph
    from cleaner.items import lifted_items

    def para(label, text):
        return Paragraph(text, label, 0.9, "rule", label, "line")
    body = para(Label.BODY, "The ferry sailed again on Friday.")
    first, second = para(Label.CAPTION, "The ferry at the quay."), para(Label.CAPTION, "Passengers on board.")
    credit = para(Label.CREDIT, "Photo: Anna Berg/Reuters")
    own = para(Label.CREDIT, "Photo: Jan Roe/AP")
    for paras, links in (
        ([body, credit, second, body], [0]),           # BBC's order: the credit above is the caption's
        ([first, credit, second, body], [0, None]),    # the credit is the first caption's already
        ([body, credit, second, own], [1]),            # the caption has its own credit below
        ([para(Label.CREDIT, "By Jan Roe"), second, body], [None]),  # a byline is no picture's
    ):
        captions, credits, _ = lifted_items(paras, [Block(p.text) for p in paras])
        assert [c.credit for c in captions] == links, paras


@pytest.mark.parametrize("text", [
    "Bildunterschrift: Die Fähre legt am Freitagmorgen im Hafen an",
    "Pie de foto: El ferry atraca en el puerto el viernes por la mañana",
    "Caption: The ferry docks at the harbour on Friday morning",
])
def test_a_caption_label_makes_a_caption_in_any_of_our_languages(text):
    verdict = caption_rule(text)
    assert verdict is not None and verdict.why == "rule:caption-label"


def test_an_author_field_with_a_colon_is_no_byline():
    # A book review's "Author: H. G. Wells" names the book's author, which the review is about.
    from cleaner.rules import credit_rule
    assert credit_rule("Author: Harriet Stone") is None
    assert credit_rule("Author, Harriet Stone").why == "rule:byline"
