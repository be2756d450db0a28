"""The assistant: corpus + glossary + embedder + index, and the two questions it answers.

`load_assistant()` opens everything (building the index on first use);
`Assistant.ask(question)` and `Assistant.similar(number)` are what the CLI,
the web app and the eval call.
"""
from __future__ import annotations

import re
import threading
import time
import unicodedata
from dataclasses import dataclass, field, replace

import numpy as np

from index.corpus import Proposal, load_corpus
from index.embed import Embedder, make_embedder
from index.store import Index, open_index

from .answer import Answer, Hit, answer_line, choose_quotes
from .config import RetrievalConfig, Settings
from .query import (FILTER_KEYS, Glossary, Intent, QuestionError, detect_lang, load_glossary, matches_filters,
                    normalize, resolve_values, understand)
from .retrieve import Scores, fuse, rank, score
from .similar import DENSE_SHARE, SimilarHit, keyword_similarity, proposal_vectors, rank_similar

MAX_QUESTION_CHARS = 2000
MAX_TOP_K = 50

_SIMILAR = [
    re.compile(r"\bsimilar\s+(?:to\s+)?(?:the\s+)?(?:project|proposal|no\.?|number|#)?\s*#?(\d{1,4})\b"),
    re.compile(r"\blike\s+(?:project|proposal|#)\s*#?(\d{1,4})\b"),
    re.compile(r"#?(\d{1,4})\s*(?:番)?(?:の事業|の提案)?\s*(?:に|と)\s*(?:似|類似)"),
    re.compile(r"#?(\d{1,4})\s*(?:番)?(?:の事業|の提案)?\s*の\s*類似"),
]
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_question(question: object) -> str:
    """Strip control characters and surrounding space; reject empty and oversized input."""
    if not isinstance(question, str):
        raise QuestionError("the question must be text")
    text = _CONTROL.sub(" ", question).strip()
    if not text:
        raise QuestionError("the question is empty: type what you are looking for")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"the question is {len(text):,} characters long; the limit is {MAX_QUESTION_CHARS:,}"
        )
    return text


def check_top_k(top_k: object) -> int:
    if isinstance(top_k, bool) or not isinstance(top_k, (int, np.integer)):
        raise QuestionError(f"top-k must be a whole number from 1 to {MAX_TOP_K}, not {top_k!r}")
    if not 1 <= int(top_k) <= MAX_TOP_K:
        raise QuestionError(f"top-k must be from 1 to {MAX_TOP_K}, not {top_k}")
    return int(top_k)


def similar_target(question: str) -> int | None:
    """The proposal number in 'what is similar to project 8?' / '8番に似た事業', else None."""
    norm = normalize(question)
    for pattern in _SIMILAR:
        m = pattern.search(norm)
        if m:
            return int(m.group(1))
    return None


@dataclass
class Timings:
    """Seconds spent per stage of the last answer (for benchmarks)."""

    stages: dict[str, float] = field(default_factory=dict)


@dataclass
class Assistant:
    settings: Settings
    corpus: list[Proposal]
    glossary: Glossary
    embedder: Embedder | None
    index: Index
    timings: Timings = field(default_factory=Timings)

    def __post_init__(self) -> None:
        self.by_number = {p.number: p for p in self.corpus}
        self._numbers = [p.number for p in self.corpus]
        self._position = {n: i for i, n in enumerate(self._numbers)}
        self._content: np.ndarray | None = None  # proposal x proposal content similarity
        self._lock = threading.Lock()  # the embedding engines are not documented thread-safe
        self.common_tokens = common_tokens(self.corpus)

    # ------------------------------------------------------------ lookups
    def get(self, number: object) -> Proposal:
        try:
            n = int(str(number).strip().lstrip("#"))
        except ValueError:
            raise QuestionError(f"{number!r} is not a proposal number") from None
        if n not in self.by_number:
            raise QuestionError(
                f"there is no proposal #{n}: numbers run from {min(self.by_number)} to {max(self.by_number)}"
            )
        return self.by_number[n]

    def resolve_filters(self, filters: dict[str, object] | None) -> dict[str, tuple[str, ...]]:
        """User-given filter values (any language, aliases) -> exact metadata values."""
        out: dict[str, tuple[str, ...]] = {}
        for key, values in (filters or {}).items():
            if key not in FILTER_KEYS:
                raise QuestionError(f"unknown filter {key!r}: use one of {', '.join(FILTER_KEYS)}")
            if values is None or (not isinstance(values, str) and len(values) == 0):
                continue
            out[key] = resolve_values(self.glossary, self.corpus, key, values)
        return out

    # ------------------------------------------------------------ ask
    def ask(self, question: str, *, top_k: int | None = None, filters: dict[str, object] | None = None,
            config: RetrievalConfig | None = None) -> Answer:
        started = time.perf_counter()
        stages: dict[str, float] = {}
        text = clean_question(question)
        k = check_top_k(self.settings.top_k if top_k is None else top_k)
        config = config or self.settings.retrieval
        given = self.resolve_filters(filters)

        target = similar_target(text)
        if target is not None:
            answer = self._similar_answer(text, self.get(target).number, k)
            self.timings.stages = {"similar": time.perf_counter() - started, "total": time.perf_counter() - started}
            return answer

        t = time.perf_counter()
        intent = understand(text, self.glossary) if config.use_filters else Intent(text, detect_lang(text))
        merged = _merge_filters(intent.filters, given)
        intent = replace(intent, filters=merged) if given else intent
        stages["understand"] = time.perf_counter() - t

        excluded = intent.excluded
        allowed = ({p.number for p in self.corpus if matches_filters(p, merged, excluded)}
                   if (merged or excluded) else None)
        exhaustive = bool(merged or excluded) and not intent.content and config.use_filters
        if exhaustive:
            hits = [self._hit(self.by_number[n], 1.0, text, {}, intent, ("metadata match",))
                    for n in sorted(allowed)]
            stages["compose"] = time.perf_counter() - t
            line = answer_line(intent, hits, exhaustive=True, filters=merged, glossary=self.glossary,
                               excluded=excluded)
            self.timings.stages = {**stages, "total": time.perf_counter() - started}
            return Answer(text, intent, line, tuple(hits), True)

        t = time.perf_counter()
        qv = None
        if config.use_dense and self.embedder:
            with self._lock:
                qv = self.embedder.embed_queries([text])[0]
        stages["embed"] = time.perf_counter() - t
        t = time.perf_counter()
        scores = score(self.index, qv, text, config, self._numbers)
        stages["search"] = time.perf_counter() - t
        t = time.perf_counter()
        fused = fuse(scores, config)
        ranked = rank(fused, allowed)
        ranked = self._apply_floor(ranked, scores, text, intent.lang, config)[:k]
        stages["fusion"] = time.perf_counter() - t
        t = time.perf_counter()
        hits = [self._hit(self.by_number[n], s, text, scores.sentence, intent, _reasons(n, scores, intent))
                for n, s in ranked]
        line = answer_line(intent, hits, exhaustive=False, filters=merged, glossary=self.glossary,
                           excluded=excluded)
        stages["compose"] = time.perf_counter() - t
        self.timings.stages = {**stages, "total": time.perf_counter() - started}
        return Answer(text, intent, line, tuple(hits), False)

    def _apply_floor(self, ranked: list[tuple[int, float]], scores: Scores, question: str, lang: str,
                     config: RetrievalConfig) -> list[tuple[int, float]]:
        """Nothing when no proposal matches well; else the ranking, cut far below the top."""
        if not ranked or not self._has_words(question):
            return []
        if config.use_lexical or config.use_dense:
            coverage = self.index.lexical.coverage(question) if config.use_lexical else None
            floor = config.dense_floor_ja if lang == "ja" else config.dense_floor_en
            def good(n: int) -> bool:
                if coverage is not None and coverage[self._position[n]] >= config.coverage_floor:
                    return True
                return scores.dense_best.get(n, 0.0) >= floor
            if not any(good(n) for n, _ in ranked):
                return []
        top = ranked[0][1]
        return [(n, s) for n, s in ranked if top <= 0 or s >= config.relative_floor * top]

    def _has_words(self, question: str) -> bool:
        """Does the question hold any searchable word (not only punctuation, emoji, greetings)?"""
        from index.lexical import tokenize

        return any(t not in self.common_tokens for t in tokenize(question))

    def _hit(self, p: Proposal, s: float, question: str, sentence_scores, intent: Intent,
             reasons: tuple[str, ...]) -> Hit:
        quotes = choose_quotes(p, question, sentence_scores, lang=intent.lang, common=self.common_tokens,
                               has_content=bool(intent.content) or not (intent.filters or intent.excluded))
        return Hit(p, float(s), quotes, reasons)

    # ------------------------------------------------------------ similar
    def similar(self, number: object, *, top_k: int = 5, lang: str = "ja") -> list[SimilarHit]:
        target = self.get(number)
        k = check_top_k(top_k)
        with self._lock:
            if self._content is None:
                pv = proposal_vectors(self.index.vectors(), self.index.rows, self._numbers)
                self._content = DENSE_SHARE * (pv @ pv.T) + (1 - DENSE_SHARE) * keyword_similarity(self.corpus)
        content = self._content[self._position[target.number]]
        return rank_similar(target, self.corpus, content, lang=lang, glossary=self.glossary)[:k]

    def _similar_answer(self, text: str, number: int, k: int) -> Answer:
        lang = detect_lang(text)
        sims = self.similar(number, top_k=k, lang=lang)
        intent = Intent(text, lang)
        hits = tuple(Hit(h.proposal, h.score, choose_quotes(h.proposal, "", {}, lang=lang, has_content=False),
                         h.reasons) for h in sims)
        nums = ", ".join(f"#{h.number}" for h in sims)
        line = (f"Projects most similar to #{number}: {nums}" if lang == "en"
                else f"#{number} に似た事業：{nums.replace(', ', '、')}")
        return Answer(text, intent, line, hits, False, similar_to=number)


def common_tokens(corpus: list[Proposal], share: float = 0.7) -> frozenset[str]:
    """Summary tokens found in at least `share` of the proposals: too common to mark or pick quotes by."""
    from index.lexical import tokenize

    counts: dict[str, int] = {}
    for p in corpus:
        text = p.summary + " " + (p.en.summary if p.en else "")
        for tok in set(tokenize(text)):
            counts[tok] = counts.get(tok, 0) + 1
    return frozenset(t for t, c in counts.items() if c >= share * len(corpus))


def _merge_filters(a: dict[str, tuple[str, ...]], b: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """AND across keys; where both name one key, only values in both remain."""
    out = dict(a)
    for key, values in b.items():
        out[key] = tuple(sorted(set(values) & set(out[key]))) if key in out else values
    return out


def _reasons(n: int, scores: Scores, intent: Intent) -> tuple[str, ...]:
    reasons = []
    if n in scores.lexical:
        reasons.append("keyword match")
    if n in scores.dense_best:
        reasons.append(f"semantic similarity {scores.dense_best[n]:.3f}")
    if intent.filters:
        reasons.append("matches the filters")
    return tuple(reasons)


def load_assistant(settings: Settings | None = None, *, progress: bool = True, embedder: Embedder | None = None,
                   rebuild: bool = True) -> Assistant:
    """Open the corpus, glossary, embedder and index (built on first use)."""
    settings = settings or Settings()
    corpus = load_corpus(settings.source, settings.english)
    glossary = load_glossary(settings.glossary)
    if embedder is None:
        embedder = make_embedder(settings.engine, model=settings.model, cache_dir=settings.cache_dir)
    index = open_index(settings.index_dir, embedder, corpus, progress=progress, rebuild=rebuild)
    return Assistant(settings, corpus, glossary, embedder, index)
