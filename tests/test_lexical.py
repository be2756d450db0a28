import pytest

from index.lexical import LexicalIndex, tokenize


def test_japanese_becomes_bigrams_without_hiragana_pairs():
    assert tokenize("水素の利活用") == ["水素", "素の", "の利", "利活", "活用"]
    assert tokenize("ですます") == []  # grammar only


def test_full_width_and_case_are_normalised():
    assert tokenize("ＪＣＭ") == tokenize("jcm") == ["jcm"]
    assert tokenize("２０５０年") == ["年", "2050"]


def test_english_is_stemmed_and_stop_words_dropped():
    assert tokenize("Which projects studied the hydrogen plants?") == ["studi", "hydrogen", "plant"]


def test_single_kanji_stays_a_unigram():
    assert tokenize("国") == ["国"]


def test_bm25_scores_and_zero_for_unknown_words():
    idx = LexicalIndex.build(["水素の製造", "風力発電の導入", "hydrogen fuel cells"])
    s = idx.scores("水素")
    assert s[0] > 0 and s[1] == 0 and s[2] == 0
    assert idx.scores("Hydrogen")[2] > 0
    assert not idx.scores("チョコレート").any()
    assert not idx.scores("").any()


def test_save_and_load(tmp_path):
    idx = LexicalIndex.build(["水素の製造", "風力発電の導入"])
    idx.save(tmp_path)
    again = LexicalIndex.load(tmp_path)
    assert list(again.scores("風力")) == list(idx.scores("風力"))


def test_numpy_scores_equal_bm25s(corpus):
    import bm25s
    import numpy as np

    from index.store import lexical_text

    texts = [lexical_text(p) for p in corpus]
    ours = LexicalIndex.build(texts)
    ref = bm25s.BM25()
    ref.index([tokenize(t) for t in texts], show_progress=False)
    for q in ["水素と燃料電池の水素", "coke dry quenching", "ベトナムの廃棄物発電", "Palau wind power", "zzz"]:
        toks = [t for t in tokenize(q) if t in ref.vocab_dict]
        expected = ref.get_scores(toks) if toks else np.zeros(len(texts))
        assert np.allclose(ours.scores(q), expected, atol=1e-5)


def test_coverage_hand_computed():
    import math

    idx = LexicalIndex.build(["水素の製造", "風力発電の導入", "hydrogen fuel cells"])
    w_h2, w_hydro, w_missing = math.log1p(3 / 1), math.log1p(3 / 1), math.log1p(3 / 1)
    cov = idx.coverage("水素 hydrogen チョコ")
    assert cov[0] == cov[2] == pytest.approx(w_h2 / (w_h2 + w_hydro + 2 * w_missing))
    assert cov[1] == 0
