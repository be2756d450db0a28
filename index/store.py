"""Build, save and load the index folder.

An index folder holds::

    manifest.json     format version, engine, model id, dim, prefixes, tokenizer,
                      corpus sha256, build parameters, build time, counts, and per file
                      its sha256, size and modification time
    vectors.faiss     inner product over L2-normalised vectors: for each proposal one
                      vector of its Japanese text and one of its English rendering,
                      then one per summary sentence in each language. Exact (flat) up
                      to FLAT_LIMIT vectors, IVF with fp16 codes above (IndexParams),
                      its direct map saved so that vectors can be read back
    rows.npz          per vector: doc (the proposal's position in the corpus, = its
                      keyword document), sentence (-1 = whole proposal), lang (0 ja, 1 en)
    ids.json          the proposal ids (year-number) in corpus order
    common.json       summary-token document frequencies (tokens in >= 5% of proposals),
                      for Index.common_tokens; and the records' English words (the typo
                      corrector's vocabulary, Index.english_words)
    lexical/          BM25 arrays (JSON + .npy, bm25s layout), one document per proposal

It is written into a temporary folder beside its final place and renamed into
place, so a crash in the middle of a build leaves the previous index intact.
`load_index` checks the manifest against the corpus, embedder and build
parameters (`IndexStale`), and each file's size and modification time against
the manifest; a file whose time changed (copied, touched) is hashed and must
match its sha256 (`IndexCorrupt`). `open_index` answers either with a rebuild.
`verify_index` hashes every file (the `c2c index verify` command).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .corpus import Proposal
from .embed import Embedder
from .errors import IndexCorrupt, IndexMissing, IndexProblem, IndexStale
from .lexical import TOKENIZER_NAME, LexicalIndex

FORMAT_VERSION = 3  # 2: rows carry the proposal id (year-number); 3: rows.npz + ids.json, file sizes/times
TEXT_RECIPE = "title+places+summary-v1"
# Above this many vectors the FAISS index is approximate (IVF, fp16 codes) instead of exact
# (flat). A flat search costs ~0.25 ms per 1,000 vectors on one core (21 ms at 95,600 vectors);
# 50,000 vectors ~ 5,000 proposals keeps every exact search under ~15 ms and the real corpus
# (172 vectors) exact.
FLAT_LIMIT = 50_000
APPROXIMATE = "IndexIVFScalarQuantizer"
LANGS = ("ja", "en")


@dataclass(frozen=True)
class IndexParams:
    """Build and search parameters of the index.

    The defaults equal assistant/config.py (IVF_NPROBE, IVF_TRAIN_PER_LIST, BM25_K1, BM25_B);
    callers pass those values, `index/` does not import `assistant/`. Above `flat_limit`
    vectors the index is an inverted file of sqrt(vectors) lists with fp16 codes
    (faiss IndexIVFScalarQuantizer): half the bytes of float32, and a search reads only the
    `ivf_nprobe` lists nearest the question. ivf_nprobe is a search-time setting (changing it
    never rebuilds); the others are recorded in the manifest and an index built with other
    values is stale.
    """

    ivf_nprobe: int = 64
    ivf_train_per_list: int = 64
    bm25_k1: float = 1.5
    bm25_b: float = 0.75
    flat_limit: int = FLAT_LIMIT

    def faiss_kind(self, vectors: int) -> str:
        return APPROXIMATE if vectors > self.flat_limit else "IndexFlatIP"

    @staticmethod
    def ivf_lists(vectors: int) -> int:
        return max(1, int(round(vectors ** 0.5)))

    def built_with(self, vectors: int) -> dict:
        """The parameters the saved index depends on (compared at load)."""
        out = {"bm25_k1": self.bm25_k1, "bm25_b": self.bm25_b, "faiss": self.faiss_kind(vectors)}
        if out["faiss"] == APPROXIMATE:
            out.update(ivf_lists=self.ivf_lists(vectors), ivf_train_per_list=self.ivf_train_per_list,
                       ivf_codes="fp16")
        return out


@dataclass(frozen=True)
class Row:
    key: str  # the proposal's id, e.g. "2024-7"
    sentence: int  # -1 for the whole proposal
    lang: str  # "ja" | "en"


def proposal_text(p: Proposal, lang: str) -> str:
    """The text embedded (and keyword-indexed) for a whole proposal."""
    if lang == "ja":
        return f"{p.title}\n{p.domestic_city}・{p.target_area}（{p.country}）\n{p.summary}"
    en = p.en
    return f"{en.title}\n{en.domestic_city} – {en.target_area} ({en.country})\n{en.summary}"


def lexical_text(p: Proposal) -> str:
    parts = [proposal_text(p, "ja"), p.proposer, " ".join(p.fields)]
    if p.en:
        parts += [proposal_text(p, "en"), p.en.proposer, " ".join(p.en.fields)]
    return "\n".join(parts)


def summary_text(p: Proposal) -> str:
    """The text whose tokens decide which tokens are common (as assistant.core.common_tokens)."""
    return p.summary + " " + (p.en.summary if p.en else "")


COMMON_MIN_SHARE = 0.05  # common.json keeps the summary tokens found in at least this share of proposals


def summary_document_frequency(corpus: Sequence[Proposal], min_share: float = COMMON_MIN_SHARE) -> dict[str, int]:
    """Token -> number of proposals whose summary (Japanese + English) holds it, for tokens in at
    least `min_share` of them (tokenised in parallel for large corpora, like the keyword index)."""
    from .lexical import _count, tokenize

    n = len(corpus)
    if not n:
        return {}
    vocab, token_ids, docs, _ = _count([summary_text(p) for p in corpus], tokenize, None)
    pairs = np.unique(token_ids * n + docs)
    df = np.bincount(pairs // n, minlength=len(vocab))
    return {vocab[i]: int(df[i]) for i in np.flatnonzero(df >= min_share * n).tolist()}


_WORD = re.compile(r"[a-z][a-z']+")


def english_words(corpus: Sequence[Proposal]) -> list[str]:
    """The English words (lower case, NFKC) of every record's title and summary sentences, in the
    language a record is shown in English (its rendering, else the Japanese original): the words an
    English question may use without being taken for a typo. Each distinct text is read once."""
    from .lexical import normalize

    texts: set[str] = set()
    for p in corpus:
        v = p.view("en")
        texts.add(v.title)
        texts.update(v.sentences)
    words: set[str] = set()
    for text in texts:
        words.update(_WORD.findall(normalize(text)))
    return sorted(words)


def rows_for(corpus: Sequence[Proposal]) -> tuple[list[Row], list[str]]:
    """Every vector's row and text, in index order."""
    rows: list[Row] = []
    texts: list[str] = []
    langs = ["ja", "en"] if all(p.en for p in corpus) else ["ja"]
    for lang in langs:
        for p in corpus:
            rows.append(Row(p.id, -1, lang))
            texts.append(proposal_text(p, lang))
    for lang in langs:
        for p in corpus:
            sentences = p.sentences if lang == "ja" else p.en.sentences
            for i, s in enumerate(sentences):
                rows.append(Row(p.id, i, lang))
                texts.append(s)
    return rows, texts


_SEP, _END = "\x1f", "\x1e"  # unit and record separators: never in the text (control characters)


def _record_text(p: Proposal) -> str:
    fields = [p.id, p.proposer, p.domestic_city, p.target_area, p.country, p.title, _SEP.join(p.fields),
              p.summary, _SEP.join(p.sentences)]
    en = p.en
    if en is not None:
        fields += ["en", en.proposer, en.domestic_city, en.target_area, en.country, en.title, _SEP.join(en.fields),
                   _SEP.join(en.sentences)]
    return _SEP.join(fields)


def corpus_fingerprint(corpus: Sequence[Proposal]) -> str:
    """sha256 over everything the index is built from (ids, text, renderings, recipe, tokenizer).

    One pass of string joins (no JSON): ~0.15 s per 100k proposals.
    """
    h = hashlib.sha256(f"{TEXT_RECIPE}|{TOKENIZER_NAME}|v3|".encode())
    for start in range(0, len(corpus), 10_000):
        h.update("".join(_record_text(p) + _END for p in corpus[start:start + 10_000]).encode("utf-8"))
    return h.hexdigest()


class RowTable(Sequence[Row]):
    """The rows as a read-only sequence of `Row`, made on access from three arrays.

    ~10 bytes per vector instead of a Python object each: 1M rows load in milliseconds.
    """

    def __init__(self, doc: np.ndarray, sentence: np.ndarray, lang: np.ndarray, ids: Sequence[str]):
        self.doc, self.sentence, self.lang, self.ids = doc, sentence, lang, list(ids)

    @classmethod
    def from_rows(cls, rows: Sequence[Row]) -> "RowTable":
        if isinstance(rows, RowTable):
            return rows
        ids: list[str] = []
        position: dict[str, int] = {}
        for r in rows:
            if r.key not in position:
                position[r.key] = len(ids)
                ids.append(r.key)
        return cls(np.fromiter((position[r.key] for r in rows), np.int32, len(rows)),
                   np.fromiter((r.sentence for r in rows), np.int32, len(rows)),
                   np.fromiter((LANGS.index(r.lang) for r in rows), np.int8, len(rows)), ids)

    def __len__(self) -> int:
        return len(self.doc)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return Row(self.ids[self.doc[i]], int(self.sentence[i]), LANGS[self.lang[i]])

    def __iter__(self):
        ids = self.ids
        for d, s, l in zip(self.doc.tolist(), self.sentence.tolist(), self.lang.tolist()):
            yield Row(ids[d], s, LANGS[l])


def row_arrays(corpus: Sequence[Proposal]) -> RowTable:
    """The rows of `rows_for` as arrays (same order), without the texts."""
    langs = ["ja", "en"] if all(p.en for p in corpus) else ["ja"]
    counts = np.array([len(p.sentences) for p in corpus], dtype=np.int64)
    n = len(corpus)
    positions = np.arange(n, dtype=np.int32)
    sent_doc = np.repeat(positions, counts)
    sent_index = (np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts))
    doc = np.concatenate([positions] * len(langs) + [sent_doc] * len(langs)) if n else np.zeros(0, np.int32)
    sentence = np.concatenate([np.full(n, -1, np.int32)] * len(langs)
                              + [sent_index.astype(np.int32)] * len(langs)) if n else np.zeros(0, np.int32)
    lang = np.concatenate([np.full(n, LANGS.index(l), np.int8) for l in langs]
                          + [np.full(len(sent_doc), LANGS.index(l), np.int8) for l in langs]) if n else np.zeros(0, np.int8)
    return RowTable(doc.astype(np.int32), sentence, lang, [p.id for p in corpus])


@dataclass
class Index:
    folder: Path
    manifest: dict
    faiss_index: object
    rows: Sequence[Row]  # a RowTable once constructed
    lexical: LexicalIndex
    common: dict | None = None  # common.json (None only for an Index made by hand)

    def __post_init__(self) -> None:
        self.rows = RowTable.from_rows(self.rows)

    # ------------------------------------------------------------ rows as arrays
    @property
    def ids(self) -> list[str]:
        """Proposal ids in corpus order: position p is keyword document p."""
        return self.rows.ids

    @property
    def row_doc(self) -> np.ndarray:
        """Per vector, the position of its proposal (int32)."""
        return self.rows.doc

    @property
    def row_sentence(self) -> np.ndarray:
        """Per vector, its summary sentence index, -1 for the whole proposal (int32)."""
        return self.rows.sentence

    @property
    def row_lang(self) -> np.ndarray:
        """Per vector, 0 = Japanese, 1 = English (int8; LANGS[i] is the code)."""
        return self.rows.lang

    # ------------------------------------------------------------ search
    def search(self, query_vector: np.ndarray, k: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(scores, row ids) of the k nearest vectors (all of them by default; exact only for a flat index)."""
        k = min(k or self.faiss_index.ntotal, self.faiss_index.ntotal)
        q = np.ascontiguousarray(query_vector.reshape(1, -1), dtype=np.float32)
        scores, ids = self.faiss_index.search(q, k)
        keep = ids[0] >= 0
        return scores[0][keep], ids[0][keep]

    def search_rows(self, query_vector: np.ndarray, positions) -> tuple[np.ndarray, np.ndarray]:
        """(scores, row ids) of every vector of the proposals at `positions`, computed exactly from the
        stored vectors: a filtered search that no nearest-neighbour cut can miss."""
        rows = np.concatenate([self._rows_of(p) for p in np.asarray(positions).tolist()] or
                              [np.zeros(0, dtype=np.int64)])
        if not len(rows):
            return np.zeros(0, dtype=np.float32), rows
        vectors = self.faiss_index.reconstruct_batch(rows)
        return vectors @ np.asarray(query_vector, dtype=np.float32).reshape(-1), rows

    @property
    def _rows_by_doc(self) -> tuple[np.ndarray, np.ndarray]:
        """(row ids grouped by proposal, group starts per position), computed once."""
        cached = self.__dict__.get("_rows_by_doc_cache")
        if cached is None:
            order = np.argsort(self.rows.doc, kind="stable")
            starts = np.searchsorted(self.rows.doc[order], np.arange(len(self.rows.ids) + 1))
            cached = self.__dict__["_rows_by_doc_cache"] = (order, starts)
        return cached

    def _rows_of(self, position: int, whole: bool = False) -> np.ndarray:
        """The row ids of the proposal at `position` in index order; `whole`: its whole-proposal rows only."""
        order, starts = self._rows_by_doc
        rows = order[starts[position]:starts[position + 1]]
        return rows[self.rows.sentence[rows] < 0] if whole else rows

    def best_per_proposal(self, values: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Vectorised per-proposal maxima of a `search` result.

        Returns (positions, doc_best, sent_best): the corpus positions of the proposals
        with a whole-proposal vector among the results (ascending), the best of those
        whole-proposal scores, and the best of their sentence scores (= doc_best where
        none of their sentences is among the results). Same numbers as retrieve.score's loop.
        """
        values = np.asarray(values, dtype=np.float32)
        ids = np.asarray(ids, dtype=np.int64)
        n = len(self.rows.ids)
        docs = self.rows.doc[ids]
        whole = self.rows.sentence[ids] < 0
        doc_best = np.full(n, -np.inf, dtype=np.float32)
        sent_best = np.full(n, -np.inf, dtype=np.float32)
        np.maximum.at(doc_best, docs[whole], values[whole])
        np.maximum.at(sent_best, docs[~whole], values[~whole])
        positions = np.flatnonzero(doc_best > -np.inf)
        d, s = doc_best[positions], sent_best[positions]
        return positions, d, np.where(s > -np.inf, s, d)

    def common_tokens(self, share: float) -> frozenset[str]:
        """Summary tokens (Japanese + English summary, `tokenize`) found in at least `share` of the
        proposals: the same set as assistant.core.common_tokens(corpus, share), read from common.json
        (counted at build). `share` must be >= COMMON_MIN_SHARE (0.05)."""
        if self.common is None:
            raise IndexStale(f"{self.folder}: this index has no common-token counts: run `c2c index build`")
        if share < self.common["min_share"]:
            raise ValueError(f"common tokens are kept from a share of {self.common['min_share']}, not {share}")
        n = self.common["documents"]
        return frozenset(t for t, c in self.common["df"].items() if c >= share * n)

    def english_words(self) -> frozenset[str] | None:
        """`english_words(corpus)` as counted at build (None for an index built before it was stored)."""
        words = (self.common or {}).get("words")
        return frozenset(words) if isinstance(words, list) else None

    def proposal_vectors(self, positions) -> np.ndarray:
        """One unit vector per proposal position: the mean of its whole-proposal rows (Japanese,
        English), read back from the index (fp16 codes above FLAT_LIMIT)."""
        positions = np.asarray(positions, dtype=np.int64)
        out = np.zeros((len(positions), self.faiss_index.d), dtype=np.float32)
        for i, p in enumerate(positions.tolist()):
            rows = self._rows_of(p, whole=True)
            if len(rows):
                out[i] = self.faiss_index.reconstruct_batch(rows).sum(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)

    def vectors(self) -> np.ndarray:
        return self.faiss_index.reconstruct_n(0, self.faiss_index.ntotal)


def make_faiss(vectors: np.ndarray, params: IndexParams | None = None):
    import faiss

    params = params or IndexParams()
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    dim = vectors.shape[1]
    if params.faiss_kind(len(vectors)) == APPROXIMATE:
        lists = params.ivf_lists(len(vectors))
        index = faiss.IndexIVFScalarQuantizer(faiss.IndexFlatIP(dim), dim, lists, faiss.ScalarQuantizer.QT_fp16,
                                              faiss.METRIC_INNER_PRODUCT)
        sample = min(len(vectors), lists * params.ivf_train_per_list)
        pick = np.random.default_rng(0).choice(len(vectors), size=sample, replace=False)  # deterministic
        index.train(vectors[np.sort(pick)])
        index.nprobe = params.ivf_nprobe
        index.add(vectors)
        index.make_direct_map()  # row id -> code, saved with the index: reconstruct() works after load
        return index
    index = faiss.IndexFlatIP(dim)
    index.add(vectors)
    return index


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _file_entry(path: Path) -> dict:
    st = path.stat()
    return {"sha256": _sha256(path), "bytes": st.st_size, "mtime_ns": st.st_mtime_ns}


def _embed_with_progress(embedder: Embedder, texts: list[str], progress: bool, batch: int = 16) -> np.ndarray:
    from tqdm import tqdm

    out = np.empty((len(texts), embedder.dim), dtype=np.float32)
    with tqdm(total=len(texts), desc="embedding", unit="text", disable=not progress, file=sys.stderr) as bar:
        for start in range(0, len(texts), batch):
            chunk = texts[start:start + batch]
            got = np.asarray(embedder.embed_passages(chunk), dtype=np.float32)
            if got.shape != (len(chunk), embedder.dim):
                raise IndexCorrupt(f"the embedder returned {got.shape} vectors for {len(chunk)} texts")
            out[start:start + len(chunk)] = got
            bar.update(len(chunk))
    return out


def build_index(corpus: Sequence[Proposal], embedder: Embedder, folder: Path, *, progress: bool = True,
                params: IndexParams | None = None) -> Index:
    """Embed the corpus and write the index folder atomically; return the loaded index."""
    import faiss

    params = params or IndexParams()
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    started = time.time()
    stages: dict[str, float] = {}
    t = time.perf_counter()
    _, texts = rows_for(corpus)
    table = row_arrays(corpus)
    vectors = _embed_with_progress(embedder, texts, progress)
    del texts
    stages["embed"] = time.perf_counter() - t
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.build-", dir=folder.parent))
    try:
        t = time.perf_counter()
        index = make_faiss(vectors, params)
        del vectors
        faiss.write_index(index, str(tmp / "vectors.faiss"))
        stages["faiss"] = time.perf_counter() - t
        np.savez(tmp / "rows.npz", doc=table.doc, sentence=table.sentence, lang=table.lang)
        (tmp / "ids.json").write_text(json.dumps(table.ids, ensure_ascii=False), encoding="utf-8")
        t = time.perf_counter()
        lexical = LexicalIndex.build((lexical_text(p) for p in corpus), k1=params.bm25_k1, b=params.bm25_b)
        (tmp / "lexical").mkdir()
        lexical.save(tmp / "lexical")
        del lexical
        common = {"documents": len(corpus), "min_share": COMMON_MIN_SHARE, "df": summary_document_frequency(corpus),
                  "words": english_words(corpus)}
        (tmp / "common.json").write_text(json.dumps(common, ensure_ascii=False), encoding="utf-8")
        stages["bm25"] = time.perf_counter() - t
        t = time.perf_counter()
        files = sorted(p for p in tmp.rglob("*") if p.is_file())
        entries = {str(p.relative_to(tmp)): _file_entry(p) for p in files}
        stages["checksums"] = time.perf_counter() - t
        manifest = {
            "format_version": FORMAT_VERSION,
            "engine": embedder.engine,
            "model_id": embedder.name,
            "dim": int(embedder.dim),
            "query_prefix": embedder.query_prefix,
            "passage_prefix": embedder.passage_prefix,
            "tokenizer": TOKENIZER_NAME,
            "text_recipe": TEXT_RECIPE,
            "corpus_sha256": corpus_fingerprint(corpus),
            "faiss": type(index).__name__,
            "params": {**params.built_with(index.ntotal), "ivf_nprobe": params.ivf_nprobe},
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "build_seconds": round(time.time() - started, 2),
            "build_stages_seconds": {k: round(v, 2) for k, v in stages.items()},
            "counts": {
                "proposals": len(corpus),
                "vectors": len(table),
                "sentences": int((table.sentence >= 0).sum()),
            },
            "files": entries,
        }
        del index
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        _replace_dir(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return load_index(folder, embedder, corpus, params=params)


def _replace_dir(new: Path, target: Path) -> None:
    """Put `new` at `target`; the old folder is moved aside first and removed after."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}-{time.time_ns()}")
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def read_manifest(folder: Path) -> dict:
    path = Path(folder) / "manifest.json"
    if not path.exists():
        raise IndexMissing(f"no index at {folder}")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise IndexCorrupt(f"{path} is damaged ({e})") from None
    if not isinstance(manifest, dict):
        raise IndexCorrupt(f"{path} is damaged (not a JSON object)")
    return manifest


def check_manifest(manifest: dict, embedder: Embedder, corpus: Sequence[Proposal],
                   params: IndexParams | None = None) -> None:
    """Raise IndexStale when the index does not belong to this corpus, embedder and parameters."""
    fix = "run `c2c index build` (or just ask: a stale index is rebuilt automatically)"
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexStale(f"index format {manifest.get('format_version')} is not {FORMAT_VERSION}: {fix}")
    if manifest.get("model_id") != embedder.name:
        raise IndexStale(
            f"the index was built with the model {manifest.get('model_id')!r}, the current embedder "
            f"is {embedder.name!r}: {fix}"
        )
    if (manifest.get("dim"), manifest.get("query_prefix"), manifest.get("passage_prefix")) != (
        embedder.dim, embedder.query_prefix, embedder.passage_prefix
    ):
        raise IndexStale(f"the index was built with other dimensions or prefixes: {fix}")
    wanted = (params or IndexParams()).built_with(int((manifest.get("counts") or {}).get("vectors") or 0))
    saved = {k: (manifest.get("params") or {}).get(k) for k in wanted}
    if saved != wanted:
        changed = ", ".join(f"{k} {saved[k]} -> {wanted[k]}" for k in wanted if saved[k] != wanted[k])
        raise IndexStale(f"the index was built with other parameters ({changed}): {fix}")
    if manifest.get("corpus_sha256") != corpus_fingerprint(corpus):
        raise IndexStale(f"the corpus changed since the index was built: {fix}")


_REQUIRED = ("vectors.faiss", "rows.npz", "ids.json", "common.json")


def _check_files(folder: Path, manifest: dict) -> None:
    """Cheap check: each listed file exists with its size; a changed modification time costs a hash."""
    files = manifest.get("files") or {}
    for name in _REQUIRED:
        if name not in files:
            raise IndexCorrupt(f"{folder}/manifest.json does not list {name}")
    for name, entry in files.items():
        path = folder / name
        try:
            st = path.stat()
        except FileNotFoundError:
            raise IndexCorrupt(f"{path} is missing") from None
        if not isinstance(entry, dict) or st.st_size != entry.get("bytes"):
            raise IndexCorrupt(f"{path} is damaged (size differs from the manifest)")
        if st.st_mtime_ns != entry.get("mtime_ns") and _sha256(path) != entry.get("sha256"):
            raise IndexCorrupt(f"{path} is damaged (checksum mismatch)")


def verify_index(folder: Path) -> list[str]:
    """Full check of an index folder: every listed file present with its size and sha256.

    Returns the problems found, one sentence each; an empty list means the files are intact.
    (Whether the index fits the current corpus and model is `load_index`'s question.)
    """
    folder = Path(folder)
    try:
        manifest = read_manifest(folder)
    except IndexProblem as e:
        return [str(e)]
    problems: list[str] = []
    if manifest.get("format_version") != FORMAT_VERSION:
        problems.append(f"{folder}: index format {manifest.get('format_version')} is not {FORMAT_VERSION}")
    files = manifest.get("files") or {}
    problems += [f"{folder}/manifest.json does not list {name}" for name in _REQUIRED if name not in files]
    for name, entry in sorted(files.items()):
        path = folder / name
        if not path.is_file():
            problems.append(f"{path} is missing")
            continue
        digest = entry.get("sha256") if isinstance(entry, dict) else entry
        size = entry.get("bytes") if isinstance(entry, dict) else None
        if size is not None and path.stat().st_size != size:
            problems.append(f"{path} is damaged (size {path.stat().st_size} bytes, the manifest says {size})")
        elif _sha256(path) != digest:
            problems.append(f"{path} is damaged (checksum mismatch)")
    listed = set(files) | {"manifest.json"}
    problems += [f"{p} is not listed in the manifest" for p in sorted(folder.rglob("*"))
                 if p.is_file() and str(p.relative_to(folder)) not in listed]
    return problems


def _read_faiss(path: Path):
    """Memory-map the vectors (IO_FLAG_MMAP_IFC): opening takes milliseconds whatever the size, and
    only the pages searches touch become resident. A plain read where mapping is not supported."""
    import faiss

    flag = getattr(faiss, "IO_FLAG_MMAP_IFC", None)
    if flag is not None:
        try:
            return faiss.read_index(str(path), flag)
        except RuntimeError:
            pass
    return faiss.read_index(str(path))


def load_index(folder: Path, embedder: Embedder, corpus: Sequence[Proposal], *,
               params: IndexParams | None = None) -> Index:
    params = params or IndexParams()
    folder = Path(folder)
    manifest = read_manifest(folder)
    check_manifest(manifest, embedder, corpus, params)
    _check_files(folder, manifest)
    try:
        faiss_index = _read_faiss(folder / "vectors.faiss")
        with np.load(folder / "rows.npz", allow_pickle=False) as z:
            table = RowTable(z["doc"], z["sentence"], z["lang"],
                             json.loads((folder / "ids.json").read_text(encoding="utf-8")))
        lexical = LexicalIndex.load(folder / "lexical")
        common = json.loads((folder / "common.json").read_text(encoding="utf-8"))
        if not isinstance(common.get("df"), dict) or common.get("documents") != len(corpus):
            raise ValueError("common.json does not fit the corpus")
    except Exception as e:  # noqa: BLE001 - any failure to read is a damaged index
        raise IndexCorrupt(f"{folder} cannot be read ({type(e).__name__}: {e})") from None
    if hasattr(faiss_index, "nprobe"):
        faiss_index.nprobe = params.ivf_nprobe
    counts = manifest.get("counts", {})
    if not (faiss_index.ntotal == len(table) == len(table.sentence) == len(table.lang) == counts.get("vectors")) \
            or faiss_index.d != embedder.dim:
        raise IndexCorrupt(f"{folder}: vector count or dimension does not match the manifest")
    if table.ids != [p.id for p in corpus] or lexical.num_docs != len(corpus) or (
            len(table) and (int(table.doc.max()) >= len(corpus) or int(table.doc.min()) < 0)):
        raise IndexCorrupt(f"{folder}: the rows or keyword index do not match the corpus")
    return Index(folder, manifest, faiss_index, table, lexical, common)


def open_index(folder: Path, embedder: Embedder, corpus: Sequence[Proposal], *, progress: bool = True,
               rebuild: bool = True, params: IndexParams | None = None) -> Index:
    """Load the index; when it is missing, stale or damaged, say why and rebuild it.

    `params`: IndexParams (default: the values of assistant/config.py).
    """
    try:
        return load_index(folder, embedder, corpus, params=params)
    except IndexProblem as e:
        if not rebuild:
            raise
        if not isinstance(e, IndexMissing):
            print(f"c2c: {e}; rebuilding the index", file=sys.stderr)
        elif progress:
            print(f"c2c: building the index in {folder} (first use)", file=sys.stderr)
        return build_index(corpus, embedder, folder, progress=progress, params=params)
