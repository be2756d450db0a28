import pytest

from index.lexical import LexicalIndex, tokenize


def test_japanese_becomes_bigrams_without_hiragana_pairs():
    assert tokenize("水素の利活用") == ["水素", "素の", "の利", "利活", "活用"]
    assert tokenize("ですます") == []  # grammar only


def test_a_middle_dot_separates_words():
    """「原料・燃料」 is two words: no bigram 「料・」 or 「・燃」 joins them (half-width ･ alike)."""
    assert tokenize("原料・燃料") == tokenize("原料･燃料") == ["原料", "燃料"]


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


def test_parallel_build_equals_serial(corpus):
    import numpy as np

    from index.store import lexical_text

    texts = [lexical_text(p) for p in corpus] * 3
    one = LexicalIndex.build(texts, processes=1)
    two = LexicalIndex.build(texts, processes=2)
    assert one.vocab == two.vocab
    assert np.array_equal(one.indptr, two.indptr) and np.array_equal(one.indices, two.indices)
    assert np.array_equal(one.data, two.data)


def test_k1_b_are_used_and_saved(tmp_path):
    import bm25s
    import numpy as np

    texts = ["水素の製造と水素の輸送", "風力発電の導入", "hydrogen fuel cells", "水素"]
    idx = LexicalIndex.build(texts, k1=0.9, b=0.4)
    ref = bm25s.BM25(k1=0.9, b=0.4)
    ref.index([tokenize(t) for t in texts], show_progress=False)
    assert np.allclose(idx.scores("水素"), ref.get_scores(["水素"]), atol=1e-6)
    idx.save(tmp_path)
    again = LexicalIndex.load(tmp_path)
    assert (again.k1, again.b) == (0.9, 0.4)


def test_top_and_document_frequency():
    idx = LexicalIndex.build(["水素の製造", "風力発電の導入", "水素 水素 hydrogen", "水素発電"])
    positions, scores = idx.top("水素", 2)
    full = idx.scores("水素")
    assert list(positions) == sorted(range(4), key=lambda i: (-full[i], i))[:2]
    assert list(scores) == [full[i] for i in positions]
    assert len(idx.top("水素", 10)[0]) == 3 and len(idx.top("チョコ", 5)[0]) == 0
    df = idx.document_frequency()
    assert df["水素"] == 3 and df["発電"] == 2
    assert idx.common_tokens(0.75) == {"水素"}
