import pytest

import numpy as np

from assistant.retrieve import fuse_linear, fuse_rrf, rank


def test_rrf_hand_computed():
    out = fuse_rrf([{1: 0.9, 2: 0.5, 3: 0.1}, {3: 7.0, 1: 2.0}], k=60)
    assert out[1] == pytest.approx(1 / 61 + 1 / 62)
    assert out[2] == pytest.approx(1 / 62)
    assert out[3] == pytest.approx(1 / 63 + 1 / 61)


def test_linear_minmax_dense_and_max_normalised_lexical():
    out = fuse_linear({1: 0.80, 2: 0.90, 3: 0.85}, {3: 4.0, 1: 2.0}, dense_weight=0.6)
    assert out[2] == pytest.approx(0.6 * 1.0)
    assert out[1] == pytest.approx(0.6 * 0.0 + 0.4 * 0.5)
    assert out[3] == pytest.approx(0.6 * 0.5 + 0.4 * 1.0)


def test_linear_with_one_side_empty():
    assert fuse_linear({}, {5: 2.0}, 0.5) == {5: pytest.approx(0.5)}
    assert fuse_linear({1: 0.3, 2: 0.3}, {}, 0.5) == {1: 0.5, 2: 0.5}


def test_rank_breaks_ties_by_number_and_filters():
    assert rank({3: 1.0, 1: 1.0, 2: 2.0}) == [(2, 2.0), (1, 1.0), (3, 1.0)]
    assert rank({3: 1.0, 1: 1.0, 2: 2.0}, allowed={1, 3}) == [(1, 1.0), (3, 1.0)]


def test_a_small_filter_over_a_large_corpus_is_scored_exactly(fake):
    """When the nearest vectors fetched cannot cover the corpus, the proposals a filter allows are
    scored from all their vectors (and keywords among them): the same scores a full search gives."""
    import numpy as np
    from dataclasses import replace

    from assistant.retrieve import score

    full = replace(fake.settings.retrieval, dense_candidates=10_000)  # every vector: exact
    small = replace(fake.settings.retrieval, dense_candidates=30)  # 172 vectors > 30: the exact path
    q = "hydrogen fuel cells in Indonesia"
    qv = fake.embedder.embed_queries([q])[0]
    allowed = [fake._position[p.id] for p in fake.corpus if p.number in (4, 9, 15)]
    want = score(fake.index, qv, q, full, fake._keys)
    got = score(fake.index, qv, q, small, fake._keys, np.array(allowed))
    assert set(got.dense) == {"2024-4", "2024-9", "2024-15"}
    for k in got.dense:
        assert got.dense[k] == pytest.approx(want.dense[k], abs=1e-5)
        assert got.lexical.get(k, 0) == pytest.approx(want.lexical.get(k, 0))
    cut = score(fake.index, qv, q, small, fake._keys)  # no filter: only the 30 nearest vectors
    assert len(cut.dense) < len(want.dense)


def test_the_fusion_in_arrays_is_the_two_pure_functions_number_for_number():
    import random

    from assistant.config import RRF_TIE_BREAK, RetrievalConfig
    from assistant.retrieve import _rrf_with_tie_break

    cfg = RetrievalConfig()
    rng = random.Random(7)
    for _ in range(60):
        keys = [f"2024-{i}" for i in range(rng.randint(0, 400))]
        dense = {k: round(rng.random(), rng.choice([2, 6])) for k in rng.sample(keys, len(keys) // 2)}
        lexical = {k: round(rng.random() * 10, rng.choice([1, 6])) for k in rng.sample(keys, len(keys) // 3)}
        rrf, linear = fuse_rrf([dense, lexical], cfg.rrf_k), fuse_linear(dense, lexical, cfg.dense_weight)
        assert _rrf_with_tie_break(dense, lexical, cfg) == {k: v + RRF_TIE_BREAK * linear.get(k, 0.0)
                                                            for k, v in rrf.items()}
        order = {k: i for i, k in enumerate(keys)}
        fused = {k: round(v, 3) for k, v in rrf.items()}  # ties, broken by corpus order
        assert rank(fused, None, order) == sorted(fused.items(), key=lambda x: (-x[1], order[x[0]]))


def test_the_fusion_over_positions_is_the_fusion_of_the_dictionaries():
    """retrieve's array path (`_fuse_at`, then a ranking by score and position) gives the numbers, the order of the
    fused dictionary and the ranking of `fuse` and `rank`, ties included."""
    import random

    from assistant.config import RetrievalConfig
    from assistant.retrieve import Scores, _fuse_at, _rank_at, fuse

    cfg = RetrievalConfig()
    rng = random.Random(11)
    for _ in range(80):
        keys = [f"{rng.choice([2023, 2024])}-{i}" for i in range(rng.randint(1, 400))]
        keys = list(dict.fromkeys(keys))
        key_rank = np.argsort(np.argsort(np.array(keys), kind="stable"), kind="stable")
        d_at = np.array(rng.sample(range(len(keys)), len(keys) // 2), dtype=np.int64)
        l_at = np.array(rng.sample(range(len(keys)), len(keys) // 3), dtype=np.int64)
        dense = {keys[i]: round(rng.random(), rng.choice([1, 6])) for i in d_at.tolist()}
        lexical = {keys[i]: round(rng.random() * 10, rng.choice([0, 6])) for i in l_at.tolist()}
        scores = Scores(dense, dict(dense), {}, lexical, d_at, l_at)
        want = fuse(scores, cfg)
        at, values = _fuse_at(scores, cfg, key_rank)
        got = dict(zip([keys[i] for i in at.tolist()], values.tolist()))
        assert got == want and list(got) == list(want)
        order = {k: i for i, k in enumerate(keys)}
        allowed = set(rng.sample(keys, len(keys) // 2))
        among = np.array(sorted(order[k] for k in allowed), dtype=np.int64)
        assert _rank_at(at, values, among, keys) == rank(want, allowed, order)
        assert _rank_at(at, values, None, keys) == rank(want, None, order)
