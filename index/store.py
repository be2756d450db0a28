"""Build, save and load the index folder.

An index folder holds::

    manifest.json     format version, engine, model id, dim, prefixes, tokenizer,
                      corpus sha256, build time, counts, and the sha256 of every file
    vectors.faiss     inner product over L2-normalised vectors: for each proposal one
                      vector of its Japanese text and one of its English rendering,
                      then one per summary sentence in each language
    rows.jsonl        one line per vector: proposal id (year-number), sentence index, language
    lexical/          bm25s arrays (JSON + .npy), one document per proposal

It is written into a temporary folder beside its final place and renamed into
place, so a crash in the middle of a build leaves the previous index intact.
`load_index` checks the manifest against the corpus and embedder, and every
file against its checksum; any mismatch raises `IndexStale` or `IndexCorrupt`,
which `open_index` answers with a rebuild.
"""
from __future__ import annotations

import hashlib
import json
import os
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

FORMAT_VERSION = 2  # 2: rows carry the proposal id (year-number)
TEXT_RECIPE = "title+places+summary-v1"
FLAT_LIMIT = 200_000  # above this many vectors the FAISS index is HNSW instead of flat




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


def corpus_fingerprint(corpus: Sequence[Proposal]) -> str:
    """sha256 over everything the index is built from (text, renderings, recipe, tokenizer)."""
    h = hashlib.sha256()
    h.update(f"{TEXT_RECIPE}|{TOKENIZER_NAME}|".encode())
    for p in corpus:
        h.update(json.dumps(p.to_dict(), ensure_ascii=False, sort_keys=True).encode("utf-8"))
        h.update(json.dumps(list(p.sentences), ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


@dataclass
class Index:
    folder: Path
    manifest: dict
    faiss_index: object
    rows: list[Row]
    lexical: LexicalIndex

    def search(self, query_vector: np.ndarray, k: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(scores, row ids) of the k nearest vectors (all of them by default)."""
        k = min(k or self.faiss_index.ntotal, self.faiss_index.ntotal)
        q = np.ascontiguousarray(query_vector.reshape(1, -1), dtype=np.float32)
        scores, ids = self.faiss_index.search(q, k)
        keep = ids[0] >= 0
        return scores[0][keep], ids[0][keep]

    def vectors(self) -> np.ndarray:
        return self.faiss_index.reconstruct_n(0, self.faiss_index.ntotal)


def make_faiss(vectors: np.ndarray):
    import faiss

    dim = vectors.shape[1]
    if len(vectors) > FLAT_LIMIT:
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = 256
    else:
        index = faiss.IndexFlatIP(dim)
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _embed_with_progress(embedder: Embedder, texts: list[str], progress: bool, batch: int = 16) -> np.ndarray:
    from tqdm import tqdm

    out = []
    with tqdm(total=len(texts), desc="embedding", unit="text", disable=not progress, file=sys.stderr) as bar:
        for start in range(0, len(texts), batch):
            chunk = texts[start:start + batch]
            out.append(embedder.embed_passages(chunk))
            bar.update(len(chunk))
    return np.vstack(out) if out else np.zeros((0, embedder.dim), dtype=np.float32)


def build_index(corpus: Sequence[Proposal], embedder: Embedder, folder: Path, *, progress: bool = True) -> Index:
    """Embed the corpus and write the index folder atomically; return the loaded index."""
    import faiss

    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    started = time.time()
    rows, texts = rows_for(corpus)
    vectors = _embed_with_progress(embedder, texts, progress)
    if vectors.shape != (len(rows), embedder.dim):
        raise IndexCorrupt(f"the embedder returned {vectors.shape} vectors for {len(rows)} texts")
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.build-", dir=folder.parent))
    try:
        index = make_faiss(vectors)
        faiss.write_index(index, str(tmp / "vectors.faiss"))
        with open(tmp / "rows.jsonl", "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps({"id": r.key, "sentence": r.sentence, "lang": r.lang}) + "\n")
        lexical = LexicalIndex.build(lexical_text(p) for p in corpus)
        (tmp / "lexical").mkdir()
        lexical.save(tmp / "lexical")
        files = sorted(p for p in tmp.rglob("*") if p.is_file())
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
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "build_seconds": round(time.time() - started, 2),
            "counts": {
                "proposals": len(corpus),
                "vectors": len(rows),
                "sentences": sum(1 for r in rows if r.sentence >= 0),
            },
            "files": {str(p.relative_to(tmp)): _sha256(p) for p in files},
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        _replace_dir(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return load_index(folder, embedder, corpus)


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


def check_manifest(manifest: dict, embedder: Embedder, corpus: Sequence[Proposal]) -> None:
    """Raise IndexStale when the index does not belong to this corpus and embedder."""
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
    if manifest.get("corpus_sha256") != corpus_fingerprint(corpus):
        raise IndexStale(f"the corpus changed since the index was built: {fix}")


def load_index(folder: Path, embedder: Embedder, corpus: Sequence[Proposal]) -> Index:
    import faiss

    folder = Path(folder)
    manifest = read_manifest(folder)
    check_manifest(manifest, embedder, corpus)
    files = manifest.get("files") or {}
    for name in ("vectors.faiss", "rows.jsonl"):
        if name not in files:
            raise IndexCorrupt(f"{folder}/manifest.json does not list {name}")
    for name, digest in files.items():
        path = folder / name
        if not path.is_file():
            raise IndexCorrupt(f"{path} is missing")
        if _sha256(path) != digest:
            raise IndexCorrupt(f"{path} is damaged (checksum mismatch)")
    try:
        faiss_index = faiss.read_index(str(folder / "vectors.faiss"))
        rows = [Row(r["id"], r["sentence"], r["lang"]) for r in map(
            json.loads, (folder / "rows.jsonl").read_text(encoding="utf-8").splitlines())]
        lexical = LexicalIndex.load(folder / "lexical")
    except Exception as e:  # noqa: BLE001 - any failure to read is a damaged index
        raise IndexCorrupt(f"{folder} cannot be read ({type(e).__name__}: {e})") from None
    counts = manifest.get("counts", {})
    if not (faiss_index.ntotal == len(rows) == counts.get("vectors")) or faiss_index.d != embedder.dim:
        raise IndexCorrupt(f"{folder}: vector count or dimension does not match the manifest")
    return Index(folder, manifest, faiss_index, rows, lexical)


def open_index(folder: Path, embedder: Embedder, corpus: Sequence[Proposal], *, progress: bool = True,
               rebuild: bool = True) -> Index:
    """Load the index; when it is missing, stale or damaged, say why and rebuild it."""
    try:
        return load_index(folder, embedder, corpus)
    except IndexProblem as e:
        if not rebuild:
            raise
        if not isinstance(e, IndexMissing):
            print(f"c2c: {e}; rebuilding the index", file=sys.stderr)
        elif progress:
            print(f"c2c: building the index in {folder} (first use)", file=sys.stderr)
        return build_index(corpus, embedder, folder, progress=progress)
