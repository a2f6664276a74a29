"""Every document gets a language, and the language picks the appeal lexicon."""
import pytest

from cleaner import clean
from cleaner.language import detect_language
from cleaner.lexicons import hits

SAMPLES = {
    "en": "The city council voted on Tuesday to close the old bridge for repairs, which will take two years.",
    "de": "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke für zwei Jahre zu sperren und zu sanieren.",
    "fr": "Le conseil municipal a voté mardi la fermeture du vieux pont pendant deux ans pour des travaux.",
    "es": "El ayuntamiento votó el martes cerrar el puente viejo durante dos años para repararlo por completo.",
    "it": "Il consiglio comunale ha votato martedì la chiusura del vecchio ponte per due anni di lavori.",
    "pl": "Rada miasta zagłosowała we wtorek za zamknięciem starego mostu na dwa lata z powodu remontu.",
    "uk": "Міська рада у вівторок проголосувала за закриття старого мосту на два роки для ремонту.",
    "ru": "Городской совет во вторник проголосовал за закрытие старого моста на два года для ремонта.",
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_each_language_of_the_fixtures_is_told_apart(lang):
    assert detect_language([SAMPLES[lang]]) == lang
    doc = clean(SAMPLES[lang] + "\n\n" + SAMPLES[lang].replace("two", "three"), kind="text")
    assert doc.metadata["language"] == lang


def test_the_declared_language_decides_only_when_the_text_cannot():
    assert detect_language(["OK"], declared="de-AT") == "de"
    assert detect_language([SAMPLES["fr"]], declared="en-GB") == "fr"
    assert detect_language([""], declared=None) is None
    assert detect_language(["\ud800 12:30"], declared="pl_PL") == "pl"  # no crash on a lone surrogate


EN, DE = SAMPLES["en"] + " ", SAMPLES["de"] + " "


def test_a_sure_opening_decides_and_an_unsure_one_reads_on():
    # CLD2 is sure of the first thousand characters (all English): the German after
    # them, most of the sample, is not read.
    assert detect_language([EN * 11, DE * 30]) == "en"
    # Half English, half German at first: not sure, so the whole sample decides.
    assert detect_language([(EN + DE) * 6, DE * 30]) == "de"


def test_html_pages_record_their_language():
    page = ("<html lang='it'><body><article><p>" + SAMPLES["it"] + "</p><p>"
            + SAMPLES["it"].replace("due", "tre") + "</p></article></body></html>")
    assert clean(page).metadata["language"] == "it"


def test_the_language_picks_the_appeal_phrases():
    plea = "Unterstützen Sie unabhängigen Journalismus: Jetzt spenden und Mitglied werden."
    assert hits(plea.lower(), None).appeal and hits(plea, "de").appeal
    # A German plea inside a Polish article is not what the Polish lexicon looks for,
    # while English pleas are looked for on pages of every language.
    assert not hits(plea, "pl").appeal
    assert hits("Please support our journalism with a donation today.", "pl").appeal
