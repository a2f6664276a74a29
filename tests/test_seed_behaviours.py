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
