"""The seeds' behaviours on articles of our own, in other wordings and languages."""
import pytest

import cleaner
from cleaner import Label

CREDIT_ENDINGS = {
    "en": ("Dam repairs finished ahead of spring floods",
           ["Engineers finished repairs to the Verkhnia dam on Friday, two weeks before the spring thaw is expected to raise the river.",
            "\"We had no margin left, and the crews worked through the weekends to close the last breach,\" the regional water authority said in a statement.",
            "The dam was damaged by shelling in October, when a section of its spillway collapsed and flooded two villages downstream.",
            "As the Courier reported earlier, residents of both villages were moved to temporary housing in the district centre."],
           "Photo: Reuters/ANNA KOVAL"),
    "de": ("Neue Fähre für die Halligen",
           ["Die Halligen bekommen im Sommer eine neue Fähre, die auch bei niedrigem Wasserstand fahren kann.",
            "„Damit sind wir endlich nicht mehr vom Tidenkalender abhängig“, sagte der Bürgermeister der Gemeinde am Dienstag.",
            "Das Schiff kostet rund neun Millionen Euro, zwei Drittel davon zahlt das Land."],
           "Foto: dpa/Carsten Rehder"),
    "uk": ("У Житомирі відкрили новий пункт незламності",
           ["У Житомирі в понеділок відкрили пункт незламності, розрахований на двісті відвідувачів.",
            "«Тут є генератор, вода, зв'язок і тепло, тож люди зможуть перечекати будь-які відключення», — розповіла заступниця міського голови.",
            "За даними міськради, це вже дванадцятий такий пункт у місті."],
           "Фото: Укрінформ"),
    "pl": ("Nowy most na Wiśle otwarty dla ruchu",
           ["Nowy most na Wiśle w Kwidzynie został w sobotę otwarty dla ruchu samochodowego.",
            "„To inwestycja, na którą region czekał od pół wieku” – powiedział wojewoda podczas uroczystości.",
            "Budowa trwała cztery lata i kosztowała ponad pół miliarda złotych."],
           "Fot. PAP/Adam Warżawa"),
}


@pytest.mark.parametrize("lang", sorted(CREDIT_ENDINGS))
def test_headline_body_and_trailing_credit(lang):
    title, body, credit = CREDIT_ENDINGS[lang]
    doc = cleaner.clean("\n".join([title, *body, credit]))
    assert doc.title == title
    assert doc.text == "\n\n".join(body)
    assert [c.text for c in doc.credits] == [credit]


APPEAL_ENDINGS = {
    "en": ("Read also:",
           ["Thank you for reading to the end. If this story was useful, we would like to ask you for something.",
            "Our newsroom has no owner and no investor. We are paid for by readers, and only because readers like you decide, every month, that independent reporting from the front line is worth a few dollars.",
            "Become a supporter from $3 a month, and help us keep every article free for everyone.",
            "Support us"]),
    "de": ("Lesen Sie auch:",
           ["Sie haben diesen Artikel bis zum Ende gelesen. Das freut uns sehr.",
            "Unabhängiger Lokaljournalismus kostet Geld. Wir finanzieren uns ausschließlich über Leserinnen und Leser wie Sie und sind auf Ihre Unterstützung angewiesen.",
            "Mit einem kleinen monatlichen Beitrag helfen Sie uns, auch künftig frei zugänglich zu berichten. Unterstützen Sie uns jetzt.",
            "Jetzt unterstützen"]),
    "uk": ("Читайте також:",
           ["Дякуємо, що дочитали цей матеріал до кінця.",
            "Ми — незалежна редакція і не маємо інвестора. Нашу роботу оплачують читачі, такі як ви, і саме тому ми можемо писати правду.",
            "Підтримайте нас щомісячним внеском — навіть ціна однієї чашки кави має значення. Станьте патроном редакції.",
            "Підтримати"]),
}


@pytest.mark.parametrize("lang", sorted(APPEAL_ENDINGS))
def test_read_more_then_appeal_block_at_the_end(lang):
    read_more, appeal = APPEAL_ENDINGS[lang]
    title, body, _ = CREDIT_ENDINGS[lang]
    # No headline here: the first line is a long sentence that must stay body.
    doc = cleaner.clean("\n\n".join([*body, read_more, *appeal]) + "\n")
    assert doc.title is None
    assert doc.text == "\n\n".join(body)
    assert [a.text for a in doc.appeals] == appeal
    (boiler,) = doc.by_label(Label.BOILERPLATE)
    assert boiler.text == read_more


def test_every_label_decision_is_explained():
    title, body, credit = CREDIT_ENDINGS["en"]
    doc = cleaner.clean("\n".join([title, *body, credit]))
    for p in doc.paragraphs:
        assert p.why == "model" or p.why.split(":")[0] in ("rule", "html", "context")


# A photo at an article's end: its caption and credit, then the page's tail.
PHOTO_TAILS = {
    "en": (["Workers began dismantling the old pier at Saltmarsh Bay on Monday after engineers declared it unsafe following the winter storms.",
            "\"It has stood for ninety years, but the piles are rotten through,\" the harbour master told reporters at the site.",
            "The council expects a replacement to open in 2027, at a cost of about four million pounds."],
           "A crane lifts a section of the pier's deck on Monday morning.", "Photo: Saltmarsh Gazette / Tom Reed",
           ["Read also:", "Ferry timetable changes from next week",
            "Support independent local journalism: become a member from £3 a month."]),
    "de": (["In Kleinfelden hat am Montag der Abriss der alten Stadthalle begonnen, nachdem Gutachter erhebliche Schäden am Dach festgestellt hatten.",
            "„Wir hätten das Gebäude gern erhalten, aber die Sanierung wäre doppelt so teuer gewesen“, sagte der Bürgermeister.",
            "Der Neubau soll im Herbst 2027 fertig sein und rund zwölf Millionen Euro kosten."],
           "Ein Bagger reißt am Montagmorgen die Fassade der Stadthalle ein.", "Foto: Kleinfeldener Anzeiger/Jana Roth",
           ["Lesen Sie auch:", "Neue Buslinie ab Dezember",
            "Unterstützen Sie unabhängigen Lokaljournalismus: Jetzt Mitglied werden."]),
}


@pytest.mark.parametrize("lang", sorted(PHOTO_TAILS))
def test_a_caption_over_the_last_photo_credit_before_the_pages_tail(lang):
    body, caption, credit, tail = PHOTO_TAILS[lang]
    doc = cleaner.clean("\n\n".join([*body, caption, credit, *tail]))
    assert doc.text == "\n\n".join(body)
    assert [c.text for c in doc.captions] == [caption]
    assert [(c.text, c.caption) for c in doc.credits] == [(credit, 0)]
    # Without the caption, the article's last paragraph sits over the credit: it stays.
    doc = cleaner.clean("\n\n".join([*body, credit, *tail]))
    assert doc.text == "\n\n".join(body) and not doc.captions
