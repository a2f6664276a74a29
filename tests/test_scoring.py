"""The fast scoring path must give what the model gives on the named features it learned from."""
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.dataset import read_docs
from cleaner.document import Block, Label
from cleaner.features import _DIGIT, _head_words, _letters_capitals_digits, document_features, tokens
from cleaner.lexicons import MAX_SCAN, _alternation, _load, voice
from cleaner.pipeline import html_blocks
from cleaner.rules import first_verdict, word_count

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(scope="module")
def cleaner():
    return Cleaner()


def _both(cleaner, blocks, lang):
    verdicts = [first_verdict(b, lang) for b in blocks]
    named = cleaner.model.predict_proba(document_features(blocks, verdicts, lang))
    fast = cleaner.scorer.predict_proba(blocks, verdicts, lang)
    return named, fast


def test_fast_path_matches_named_features_on_labelled_fixtures(cleaner):
    docs = list(read_docs(FIXTURES / "labelled"))
    assert len(docs) > 200
    for doc in docs:
        named, fast = _both(cleaner, list(doc.blocks), doc.lang)
        assert fast.shape == named.shape
        assert np.allclose(fast, named, atol=1e-5), doc.id


def test_fast_path_matches_on_html_blocks_with_page_cues(cleaner):
    pages = sorted((FIXTURES / "html").glob("*.html"))
    assert pages
    cued = 0
    for page in pages:
        _, blocks, meta = html_blocks(page.read_bytes().decode("utf-8", "replace"))
        cued += sum(bool(b.cues) or not b.in_main or b.link_density > 0 for b in blocks)
        named, fast = _both(cleaner, blocks, meta.get("language"))
        assert np.allclose(fast, named, atol=1e-5), page.name
    assert cued  # the page cues, links and left-out blocks were exercised


def _fixture_documents():
    docs = [(list(d.blocks), d.lang, "text") for d in read_docs(FIXTURES / "labelled")]
    for page in sorted((FIXTURES / "html").glob("*.html")):
        _, blocks, meta = html_blocks(page.read_bytes().decode("utf-8", "replace"))
        docs.append((blocks, meta.get("language"), "html"))
    return docs


def test_rows_left_unscored_leave_the_others_as_they_were(cleaner):
    for blocks, lang, _ in _fixture_documents()[:60]:
        verdicts = [first_verdict(b, lang) for b in blocks]
        wanted = [i % 3 != 1 for i in range(len(blocks))]
        full = cleaner.scorer.predict_proba(blocks, verdicts, lang)
        some = cleaner.scorer.predict_proba(blocks, verdicts, lang, wanted)
        assert np.allclose(some[wanted], full[wanted], atol=1e-9)


def test_no_label_depends_on_a_rule_paragraphs_probabilities(cleaner, monkeypatch):
    """Stage 5 leaves a rule's paragraphs unscored (Cleaner._label): the context pass
    must read none of their probabilities. Given the most an appeal or a caption can
    have instead, every paragraph of every fixture comes out the same."""
    from cleaner.scoring import Scorer

    docs = _fixture_documents()
    before = [[(p.label, p.why, p.score) for p in cleaner.label(b, lang, kind)] for b, lang, kind in docs]
    real = Scorer.predict_proba

    def loud(self, blocks, verdicts, lang=None, wanted=None):
        probs = real(self, blocks, verdicts, lang)
        if wanted is not None:
            probs[[not w for w in wanted]] = 1.0
        return probs

    monkeypatch.setattr(Scorer, "predict_proba", loud)
    after = [[(p.label, p.why, p.score) for p in cleaner.label(b, lang, kind)] for b, lang, kind in docs]
    assert after == before
    rules = [p for doc in before for p in doc if p[1].startswith("rule:")]
    assert len(rules) > 100 and any(p[0] is Label.APPEAL for p in rules)


def test_repeated_words_pairs_and_unknown_words_count_once(cleaner):
    blocks = [Block("Donate donate DONATE now, donate now: zzqxv zzqxv!"), Block("Support us."),
              Block(""), Block("a_b c-d 42 © | / @")]
    named, fast = _both(cleaner, blocks, "en")
    assert np.allclose(fast, named, atol=1e-5)


def _naive(patterns):
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@pytest.mark.parametrize("patterns", [
    [r"\bab", r"x", r"\bc|d", r"\be(f|g)", r"\b[|(]h"],
    [r"\bsupport us\b", r"\bdonate\b", r"[$€]\d+", r"\bany amount\b"],
])
def test_factored_alternation_matches_like_the_plain_one(patterns):
    texts = ["ab", "xab", "cd", "d", "zc", "ef", "zef", "|h", "z(h", "support us", "we support usual",
             "donate", "undonated", "€5 any amount", "5€", "", "ab x ab"]
    plain, factored = _naive(patterns), re.compile(_alternation(patterns))
    for text in texts:
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in factored.finditer(text)], text


def test_factored_lexicons_find_what_the_plain_alternations_find():
    appeal = _load("appeal")
    lists = [[p for ps in appeal["strong"].values() for p in ps], [p for ps in appeal["channels"].values() for p in ps],
             appeal["cues"], appeal["topic"]]
    texts = [b.text.lower() for d in read_docs(FIXTURES / "labelled") for b in d.blocks]
    for patterns in lists:
        plain, factored = _naive(patterns), re.compile(_alternation(patterns))
        hits = 0
        for text in texts:
            spans = [m.span() for m in plain.finditer(text)]
            assert spans == [m.span() for m in factored.finditer(text)], text
            hits += bool(spans)
        assert hits  # the fixtures exercise each list


@given(st.one_of(st.text(), st.text(alphabet=st.characters(max_codepoint=127)),
                 st.text(alphabet=st.characters(max_codepoint=127) | st.sampled_from("“”’–—éÉßİǅ²١٢Ⅻ"))))
def test_counting_shortcuts_count_as_python_does(text):
    # ASCII characters are counted by deleting bytes, and word counts are remembered:
    # the features must not change for it.
    assert _letters_capitals_digits(text) == (sum(map(str.isalpha, text)), sum(map(str.isupper, text)),
                                              len(_DIGIT.findall(text)))
    assert word_count(text) == len(text.split())
    # Heads whose word characters are all ASCII, curly quotes and dashes or not, are split by bytes.
    assert _head_words(text)[1] == re.findall(r"\w+", text[:MAX_SCAN].lower())


_VOICE_WORDS = st.sampled_from(["you", "your", "yours", "you_", "_you", "we", "our", "ourselves", "ihr", "ihre",
                                 "ваш", "вас", "ваша", "нам", "tú", "cię", "said", "according to", "123", "x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_VOICE_WORDS, st.text(max_size=3)), max_size=25).map(" ".join))
def test_voice_counted_over_word_runs_is_what_the_searches_count(text):
    # shape_features counts "you" and "we" over the head's runs of \w (features._head_words).
    lower, runs = _head_words(text)
    assert runs == re.findall(r"\w+", lower)  # ASCII text is split by bytes.translate, not the regex
    assert voice(lower, runs) == voice(lower)
    assert tokens(Block(text)) == re.findall(r"[^\W_]+", text[:MAX_SCAN].lower())[:120]


def test_a_paragraph_with_no_known_feature_scores_as_the_intercept_alone(cleaner):
    # Summed by runs of rows, an empty run must add nothing, wherever it falls.
    model = cleaner.model
    known = {name: 1.0 for name in list(model.vocabulary)[:2]}
    for feats in ([{}, known, {}], [{}, {}], [known, {}], [{}, known]):
        cols = [model.vocabulary[name] for f in feats for name in f]
        fast = cleaner.scorer._softmax(len(feats), [len(f) for f in feats], cols, [1.0] * len(cols))
        assert np.allclose(fast, model.predict_proba(feats), atol=1e-5)


def test_remembered_token_columns_stay_bounded_and_right(cleaner, monkeypatch):
    import cleaner.scoring as scoring

    vocab = cleaner.model.vocabulary
    words = {name[2:]: col for name, col in vocab.items() if name.startswith("w=")}
    prefixes = {name[2:]: col for name, col in vocab.items() if name.startswith("p=")}
    monkeypatch.setattr(scoring, "MAX_REMEMBERED_TOKENS", 3)
    columns = scoring._TokenColumns(words, prefixes)
    assert len(columns) == len(words)
    toks = ("donate support newsletter readers independent journalism subscribe today "
            "zzqxjournalistic subscribezz frobnicating qqqq donatingzz").split()
    assert sum(tok not in words for tok in toks) == 5
    assert columns["subscribezz"][1] is not None   # a prefix column outside the vocabulary
    first = [columns[t] for t in toks]
    # Past the bound only the tokens outside the vocabulary are forgotten.
    assert len(columns) <= len(words) + 3
    assert all(tok in columns for tok in words)
    assert [columns[t] for t in toks] == first
    for tok, cols in zip(toks, first):
        # (word column, prefix column), None for a part the vocabulary lacks
        assert cols == (vocab.get("w=" + tok), vocab.get("p=" + tok[:5]) if len(tok) > 5 else None)


def test_remembered_place_columns_are_those_of_every_place(cleaner):
    from cleaner.features import place_features

    scorer, vocab = Cleaner().scorer, cleaner.model.vocabulary
    for n in range(1, 300):
        for i in range(n):
            want = {vocab[name]: value for name, value in place_features(i, n).items() if name in vocab}
            assert scorer._place_columns(i, n) == want, (i, n)
    assert len(scorer._places) <= 60


def test_no_model_holds_a_paragraphs_own_rule_verdict(cleaner):
    # The fast path looks a paragraph's own cues up in the vocabulary without leaving
    # out its "rule=" verdict: that holds because training never names one.
    from cleaner.model import Model
    from cleaner.model_files import model_folder, text_part

    blocks = [Block("Donate now"), Block("Photo: AFP"), Block("The council met on Tuesday.")]
    verdicts = [first_verdict(b) for b in blocks]
    assert verdicts[0] and verdicts[1]
    for feats in document_features(blocks, verdicts):
        assert not any(name.startswith("rule=") for name in feats)
    assert any(name.startswith("next:rule=") for name in document_features(blocks, verdicts)[0])
    for model in (cleaner.model, Model.load(text_part(model_folder(None)))):
        assert not any(name.startswith("rule=") for name in model.vocabulary)
