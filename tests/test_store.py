import json
import os

import numpy as np
import pytest

from index.corpus import Proposal
from index.store import (IndexCorrupt, IndexMissing, IndexStale, build_index, load_index, open_index,
                         rows_for)

from .conftest import FakeEmbedder


def test_build_save_load_same_results(tmp_path, corpus, fake_embedder):
    folder = tmp_path / "idx"
    built = build_index(corpus, fake_embedder, folder, progress=False)
    loaded = load_index(folder, fake_embedder, corpus)
    q = fake_embedder.embed_queries(["水素と燃料電池"])[0]
    s1, i1 = built.search(q, 20)
    s2, i2 = loaded.search(q, 20)
    assert list(i1) == list(i2) and np.allclose(s1, s2)
    assert list(built.lexical.scores("水素")) == list(loaded.lexical.scores("水素"))
    m = loaded.manifest
    assert m["counts"] == {"proposals": 18, "vectors": 2 * 18 + 2 * 68, "sentences": 2 * 68}
    assert m["model_id"] == "fake-hash-64" and m["dim"] == 64 and m["format_version"] == 2
    assert m["query_prefix"] == "query: " and len(m["corpus_sha256"]) == 64


def test_faiss_equals_brute_force(tmp_path, corpus, fake_embedder):
    index = build_index(corpus, fake_embedder, tmp_path / "idx", progress=False)
    _, texts = rows_for(corpus)
    vectors = fake_embedder.embed_passages(texts)
    for question in ["hydrogen fuel cells", "セメント産業", "Palau wind"]:
        q = fake_embedder.embed_queries([question])[0]
        scores, ids = index.search(q, 10)
        brute = vectors @ q
        assert np.allclose(scores, np.sort(brute)[::-1][:10], atol=1e-5)
        assert np.allclose(brute[ids], scores, atol=1e-5)


def test_rows_map_back_to_proposal_sentence_and_language(corpus):
    rows, texts = rows_for(corpus)
    by = {(r.key, r.sentence, r.lang): t for r, t in zip(rows, texts)}
    assert by[("2024-2", 4, "ja")] == "(3)コークス乾式消火設備の導入可能性調査"
    assert by[("2024-8", 2, "en")] == corpus[7].en.sentences[2]
    assert corpus[0].title in by[("2024-1", -1, "ja")]


def test_missing_index(tmp_path, corpus, fake_embedder):
    with pytest.raises(IndexMissing):
        load_index(tmp_path / "nothing", fake_embedder, corpus)


def test_stale_when_corpus_changes(tmp_path, corpus, fake_embedder):
    folder = tmp_path / "idx"
    build_index(corpus, fake_embedder, folder, progress=False)
    edited = list(corpus)
    edited[0] = Proposal(**{**corpus[0].__dict__, "summary": corpus[0].summary + "追記"})
    with pytest.raises(IndexStale, match="corpus changed"):
        load_index(folder, fake_embedder, edited)


def test_stale_when_model_differs(tmp_path, corpus, fake_embedder):
    folder = tmp_path / "idx"
    build_index(corpus, fake_embedder, folder, progress=False)
    with pytest.raises(IndexStale, match="built with the model 'fake-hash-64'"):
        load_index(folder, FakeEmbedder(64, name="other-model"), corpus)


def test_manifest_from_another_model_is_rebuilt(tmp_path, corpus, fake_embedder, capsys):
    folder = tmp_path / "idx"
    build_index(corpus, fake_embedder, folder, progress=False)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["model_id"] = "intfloat/multilingual-e5-base"
    (folder / "manifest.json").write_text(json.dumps(manifest))
    index = open_index(folder, fake_embedder, corpus, progress=False)
    assert index.manifest["model_id"] == "fake-hash-64"
    assert "rebuilding" in capsys.readouterr().err


@pytest.mark.parametrize("damage", ["truncate", "flip", "delete", "manifest"])
def test_damaged_files_are_detected_and_rebuilt(tmp_path, corpus, fake_embedder, damage, capsys):
    folder = tmp_path / "idx"
    build_index(corpus, fake_embedder, folder, progress=False)
    target = folder / "vectors.faiss"
    if damage == "truncate":
        target.write_bytes(target.read_bytes()[:1000])
    elif damage == "flip":
        data = bytearray(target.read_bytes())
        data[-5] ^= 0xFF
        target.write_bytes(bytes(data))
    elif damage == "delete":
        (folder / "rows.jsonl").unlink()
    else:
        (folder / "manifest.json").write_text("{not json")
    with pytest.raises((IndexCorrupt, IndexMissing)):
        load_index(folder, fake_embedder, corpus)
    index = open_index(folder, fake_embedder, corpus, progress=False)
    assert index.faiss_index.ntotal == 172


class ExplodingEmbedder(FakeEmbedder):
    def embed_passages(self, texts):
        if self.calls >= 3:
            raise RuntimeError("power cut")
        return super().embed_passages(texts)


def test_a_crash_mid_build_leaves_the_previous_index(tmp_path, corpus, fake_embedder):
    folder = tmp_path / "idx"
    build_index(corpus, fake_embedder, folder, progress=False)
    before = (folder / "manifest.json").read_text()
    with pytest.raises(RuntimeError, match="power cut"):
        build_index(corpus, ExplodingEmbedder(), folder, progress=False)
    assert (folder / "manifest.json").read_text() == before
    load_index(folder, fake_embedder, corpus)
    leftovers = [p for p in os.listdir(tmp_path) if p != "idx"]
    assert leftovers == []


def test_unwritable_cache_dir_raises_oserror(tmp_path, corpus, fake_embedder):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    with pytest.raises(OSError):
        build_index(corpus, fake_embedder, blocker / "index" / "idx", progress=False)
