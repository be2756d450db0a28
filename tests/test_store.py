import json
import os
from dataclasses import replace

import numpy as np
import pytest

from index.store import (IndexCorrupt, IndexMissing, IndexParams, IndexStale, build_index, corpus_fingerprint,
                         load_index, open_index, row_arrays, rows_for, verify_index)

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
    assert m["model_id"] == "fake-hash-64" and m["dim"] == 64 and m["format_version"] == 3
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
    edited[0] = replace(corpus[0], summary=corpus[0].summary + "追記")
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
        target.write_bytes(bytes(data))  # same size: caught by the changed modification time + hash
        st = target.stat()
        os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    elif damage == "delete":
        (folder / "rows.npz").unlink()
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


def test_row_table_equals_rows_for(tmp_path, corpus, fake_embedder):
    rows, _ = rows_for(corpus)
    assert list(row_arrays(corpus)) == rows
    index = build_index(corpus, fake_embedder, tmp_path / "idx", progress=False)
    assert list(index.rows) == rows and index.rows[5] == rows[5] and index.rows[-1] == rows[-1]
    assert index.ids == [p.id for p in corpus]
    assert [index.ids[d] for d in index.row_doc] == [r.key for r in rows]


def test_load_does_not_hash_unchanged_files(tmp_path, corpus, fake_embedder, monkeypatch):
    import index.store as store

    folder = tmp_path / "idx"
    build_index(corpus, fake_embedder, folder, progress=False)
    monkeypatch.setattr(store, "_sha256", lambda path: pytest.fail(f"hashed {path}"))
    load_index(folder, fake_embedder, corpus)


def test_copied_folder_with_new_times_still_loads(tmp_path, corpus, fake_embedder):
    folder = tmp_path / "idx"
    build_index(corpus, fake_embedder, folder, progress=False)
    for p in folder.rglob("*"):
        if p.is_file():
            os.utime(p, ns=(1, 10**18))  # times differ, contents are intact: hashed and accepted
    load_index(folder, fake_embedder, corpus)


def test_verify_index(tmp_path, corpus, fake_embedder):
    folder = tmp_path / "idx"
    assert verify_index(folder) and "no index" in verify_index(folder)[0]
    build_index(corpus, fake_embedder, folder, progress=False)
    assert verify_index(folder) == []
    target = folder / "lexical" / "data.csc.index.npy"
    data = bytearray(target.read_bytes())
    data[-3] ^= 0xFF
    stat = target.stat()
    target.write_bytes(bytes(data))
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size and time: only a full check sees it
    load_index(folder, fake_embedder, corpus)
    problems = verify_index(folder)
    assert len(problems) == 1 and "data.csc.index.npy is damaged (checksum mismatch)" in problems[0]
    (folder / "ids.json").unlink()
    (folder / "stray.txt").write_text("x")
    problems = verify_index(folder)
    assert any("ids.json is missing" in p for p in problems)
    assert any("stray.txt is not listed" in p for p in problems)


def test_best_per_proposal_equals_the_loop(tmp_path, corpus, fake_embedder):
    index = build_index(corpus, fake_embedder, tmp_path / "idx", progress=False)
    for question, k in [("hydrogen fuel cells", 40), ("セメント産業", 172), ("Palau wind", 7)]:
        values, ids = index.search(fake_embedder.embed_queries([question])[0], k)
        doc_best, sent_best = {}, {}
        for value, i in zip(values.tolist(), ids.tolist()):
            row = index.rows[i]
            target = doc_best if row.sentence < 0 else sent_best
            target[row.key] = max(target.get(row.key, -1.0), value)
        positions, d, s = index.best_per_proposal(values, ids)
        keys = [index.ids[p] for p in positions]
        assert sorted(keys) == sorted(doc_best)
        for key, dv, sv in zip(keys, d.tolist(), s.tolist()):
            assert dv == pytest.approx(doc_best[key]) and sv == pytest.approx(sent_best.get(key, doc_best[key]))


def test_common_tokens_from_the_index(tmp_path, corpus, fake_embedder):
    from assistant.core import common_tokens

    index = build_index(corpus, fake_embedder, tmp_path / "idx", progress=False)
    for share in (0.05, 0.3, 0.7, 1.0):
        assert index.common_tokens(share) == common_tokens(corpus, share)
    assert "事業" in index.common_tokens(0.7) and "廃棄" not in index.common_tokens(0.7)
    assert index.common_tokens(1.01) == set()
    with pytest.raises(ValueError):
        index.common_tokens(0.01)
    df = index.lexical.document_frequency()
    assert df["事業"] == 18 and df["水素"] < 18


def test_ivf_above_the_flat_limit(tmp_path, corpus, fake_embedder):
    params = IndexParams(flat_limit=100, ivf_nprobe=13, ivf_train_per_list=8)
    folder = tmp_path / "idx"
    index = build_index(corpus, fake_embedder, folder, progress=False, params=params)
    lists = IndexParams.ivf_lists(index.faiss_index.ntotal)
    assert index.manifest["faiss"] == "IndexIVFScalarQuantizer" and index.faiss_index.nlist == lists
    assert index.faiss_index.nprobe == 13 and index.manifest["params"]["ivf_train_per_list"] == 8
    flat = build_index(corpus, fake_embedder, tmp_path / "flat", progress=False)
    assert flat.manifest["faiss"] == "IndexFlatIP"
    # every list searched: the same neighbours as exact search (fp16 codes change scores by < 1e-3)
    exact = load_index(folder, fake_embedder, corpus, params=IndexParams(**{**params.__dict__, "ivf_nprobe": lists}))
    assert exact.faiss_index.nprobe == lists  # a search-time parameter never makes the index stale
    q = fake_embedder.embed_queries(["hydrogen fuel cells"])[0]
    got, want = exact.search(q, 10), flat.search(q, 10)
    assert set(got[1]) == set(want[1]) and np.allclose(got[0], want[0], atol=1e-3)
    with pytest.raises(IndexStale, match="ivf_train_per_list 8 -> 64"):
        load_index(folder, fake_embedder, corpus, params=IndexParams(flat_limit=100))
    with pytest.raises(IndexStale, match="bm25_k1"):
        load_index(tmp_path / "flat", fake_embedder, corpus, params=IndexParams(bm25_k1=1.2))


def test_bm25_parameters_reach_the_index(tmp_path, corpus, fake_embedder):
    a = build_index(corpus, fake_embedder, tmp_path / "a", progress=False)
    b = build_index(corpus, fake_embedder, tmp_path / "b", progress=False, params=IndexParams(bm25_k1=0.9, bm25_b=0.3))
    assert (b.lexical.k1, b.lexical.b) == (0.9, 0.3)
    assert not np.allclose(a.lexical.scores("水素 hydrogen"), b.lexical.scores("水素 hydrogen"))


def test_fingerprint_sees_every_indexed_field(corpus):
    from dataclasses import replace

    base = corpus_fingerprint(corpus)
    p = corpus[3]
    for changed in (replace(p, proposer=p.proposer + "x"), replace(p, year=p.year + 1),
                    replace(p, en=replace(p.en, fields=p.en.fields + ("x",)))):
        assert corpus_fingerprint([*corpus[:3], changed, *corpus[4:]]) != base


def test_index_without_common_json_is_rebuilt(tmp_path, corpus, fake_embedder):
    folder = tmp_path / "idx"
    build_index(corpus, fake_embedder, folder, progress=False)
    manifest = json.loads((folder / "manifest.json").read_text())
    del manifest["files"]["common.json"]
    (folder / "manifest.json").write_text(json.dumps(manifest))
    (folder / "common.json").unlink()
    with pytest.raises(IndexCorrupt, match="common.json"):
        load_index(folder, fake_embedder, corpus)
    assert open_index(folder, fake_embedder, corpus, progress=False).common_tokens(0.7)
