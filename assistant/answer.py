"""Answer composition: the answer line, quotes chosen from the summary, marked words.

Every quote's `text` is a verbatim substring of the proposal's summary (see
`index.corpus` for what "verbatim" means for this PDF extraction); `marks` are
character spans inside it where the question's words occur. The English
rendering of a quoted sentence travels beside it as `en` (unofficial).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from index.corpus import Proposal
from index.lexical import tokenize

from .config import QUOTE_MARGIN, QUOTE_MAX, QUOTE_OVERLAP_WEIGHT
from .lines import quoted
from .messages import shows_rendering
from .query import FILTER_KEYS, Glossary, Intent


@dataclass(frozen=True)
class Quote:
    text: str  # verbatim Japanese summary sentence
    sentence: int  # index in proposal.sentences
    marks: tuple[tuple[int, int], ...] = ()  # spans of `text` that match the question
    en: str | None = None  # the English rendering of the sentence (unofficial)
    en_marks: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict:
        return {"text": self.text, "sentence": self.sentence, "marks": [list(m) for m in self.marks],
                "en": self.en, "en_marks": [list(m) for m in self.en_marks]}


@dataclass(frozen=True)
class Evidence:
    """Why an answer claims a proposal for a topic: the sentence of its text that supports it.

    `how` is "names" (the text names the topic: the term or a glossary synonym, in either
    language) or "meaning" (a sentence close in meaning, above the calibrated threshold).
    `text` is verbatim from the Japanese source (a summary sentence, or the title / a field);
    `en` its English rendering when there is one (unofficial); `where` is "summary", "title" or "fields".
    """

    how: str
    text: str
    score: float
    where: str = "summary"
    sentence: int | None = None  # index in proposal.sentences when where == "summary"
    en: str | None = None
    term: str | None = None  # the word found, for "names"

    def quote(self, lang: str) -> str:
        """The sentence as an answer in `lang` quotes it: the English rendering in English when there is one."""
        return self.en if lang == "en" and self.en else self.text

    def shown(self, lang: str) -> str:
        """The sentence as an answer line shows it, marks included: in English the rendering with its source."""
        return quoted(self.text, self.en, lang)

    def to_dict(self) -> dict:
        return {"how": self.how, "text": self.text, "score": round(float(self.score), 6), "where": self.where,
                "sentence": self.sentence, "en": self.en, "term": self.term}


@dataclass(frozen=True)
class Hit:
    proposal: Proposal
    score: float
    quotes: tuple[Quote, ...] = ()
    reasons: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()  # for topic claims: what in the text supports the claim

    @property
    def number(self) -> int:
        return self.proposal.number

    def to_dict(self, lang: str = "ja") -> dict:
        p = self.proposal
        return {
            "number": p.number,
            "year": p.year,
            "id": p.id,
            "score": round(float(self.score), 6),
            "title": p.title,
            "title_en": p.en.title if p.en else None,
            "proposer": p.proposer,
            "domestic_city": p.domestic_city,
            "target_area": p.target_area,
            "country": p.country,
            "fields": list(p.fields),
            "quotes": [q.text for q in self.quotes],
            "quotes_en": [q.en for q in self.quotes] if shows_rendering(lang) else [],
            "quote_details": [q.to_dict() for q in self.quotes],
            "reasons": list(self.reasons),
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class Table:
    """A small table in an answer (breakdowns, comparisons): header and rows of plain values."""

    columns: tuple[str, ...]
    rows: tuple[tuple, ...]

    def to_dict(self) -> dict:
        return {"columns": list(self.columns), "rows": [list(r) for r in self.rows]}


@dataclass(frozen=True)
class Answer:
    query: str
    intent: Intent
    text: str  # the answer line
    hits: tuple[Hit, ...]
    exhaustive: bool
    similar_to: int | None = None
    kind: str = "ranked"  # the name of the kind that answered (assistant.kinds.UNITS); a region answers as "list"
    table: Table | None = None
    suggestions: tuple[int, ...] = ()  # proposals worth a look when the answer is "none"
    related: tuple[Hit, ...] = ()  # "see also": nearby proposals that the answer does NOT claim
    timings: dict[str, float] = field(default_factory=dict, compare=False)  # seconds per stage

    @property
    def lang(self) -> str:
        return self.intent.lang

    @property
    def numbers(self) -> tuple[int, ...]:
        """The hits' numbers within their years (what `#N` shows)."""
        return tuple(h.number for h in self.hits)

    @property
    def ids(self) -> tuple[str, ...]:
        """The hits' ids ("2024-7"): unique across years; a follow-up's scope."""
        return tuple(h.proposal.id for h in self.hits)

    def to_dict(self) -> dict:
        out = {
            "query": self.query,
            "lang": self.lang,
            "kind": self.kind,
            "intent": self.intent.to_dict(),
            "exhaustive": self.exhaustive,
            "answer": self.text,
            "similar_to": self.similar_to,
            "hits": [h.to_dict(self.lang) for h in self.hits],
        }
        if self.table is not None:
            out["table"] = self.table.to_dict()
        if self.suggestions:
            out["suggestions"] = list(self.suggestions)
        out["related"] = [h.to_dict(self.lang) for h in self.related]
        return out


# ---------------------------------------------------------------- marks

@lru_cache(maxsize=8192)
def _normalized_with_map(text: str) -> tuple[str, tuple[int, ...]]:
    """NFKC-lowercased text and, for each of its characters, the index in `text` (cached: the same corpus
    sentences are marked for many questions)."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch).lower():
            out.append(c)
            where.append(i)
    return "".join(out), tuple(where)


@lru_cache(maxsize=16384)
def _word_tokens(word: str) -> frozenset[str]:
    return frozenset(tokenize(word))


_WORD = re.compile(r"[a-z0-9]+")
_HIRAGANA = re.compile(r"[\u3040-\u309f]")


def mark_spans(text: str, query_tokens: set[str]) -> tuple[tuple[int, int], ...]:
    """Spans of `text` covered by the question's tokens (bigrams or stemmed words), merged."""
    if not query_tokens or not text:
        return ()
    norm, where = _normalized_with_map(text)
    covered = [False] * len(norm)
    for tok in query_tokens:
        if tok.isascii():
            continue
        start = norm.find(tok)
        while start >= 0:
            for i in range(start, start + len(tok)):
                covered[i] = True
            start = norm.find(tok, start + 1)
    latin = {t for t in query_tokens if t.isascii()}
    if latin:
        for m in _WORD.finditer(norm):
            if _word_tokens(m.group()) & latin:
                for i in range(m.start(), m.end()):
                    covered[i] = True
    spans: list[list[int]] = []
    for i, c in enumerate(covered):
        if not c:
            continue
        a, b = where[i], where[i] + 1
        if spans and a <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], b)
        else:
            spans.append([a, b])
    return tuple((a, b) for a, b in spans)


# ---------------------------------------------------------------- quotes

@lru_cache(maxsize=8192)
def _token_set(text: str) -> frozenset[str]:
    """Tokens of a (corpus) sentence; cached, as the same sentences are scored for every question."""
    return frozenset(tokenize(text))


def choose_quotes(p: Proposal, question: str, sentence_scores: dict[tuple[int, int, str], float],
                  *, lang: str, has_content: bool, common: frozenset[str] = frozenset(),
                  max_quotes: int = QUOTE_MAX, margin: float = QUOTE_MARGIN) -> tuple[Quote, ...]:
    """1-3 summary sentences that best match the question, verbatim, with marks.

    `common` tokens (found in most proposals, like 事業) neither score nor get marked.
    """
    if not p.sentences:
        return ()
    q_tokens = {t for t in tokenize(question) if not _HIRAGANA.search(t)} - common if has_content else set()
    scored = []
    for i, s in enumerate(p.sentences):
        dense = max(sentence_scores.get((p.id, i, "ja"), 0.0), sentence_scores.get((p.id, i, "en"), 0.0))
        words = _token_set(s)
        if p.en:
            words = words | _token_set(p.en.sentences[i])
        overlap = len(q_tokens & words) / len(q_tokens) if q_tokens else 0.0
        scored.append((dense + QUOTE_OVERLAP_WEIGHT * overlap, i))
    if has_content:
        scored.sort(key=lambda x: (-x[0], x[1]))
        best = scored[0][0]
        chosen = [i for s, i in scored[:max_quotes] if s >= best - margin]
    else:
        chosen = [0]  # a listing: the opening sentence says what the project is
    quotes = []
    for i in sorted(chosen):
        text = p.sentences[i]
        en = p.en.sentences[i] if (p.en and shows_rendering(lang)) else None
        quotes.append(Quote(text, i, mark_spans(text, q_tokens), en, mark_spans(en, q_tokens) if en else ()))
    return tuple(quotes)


# ---------------------------------------------------------------- answer lines

def describe_filters(filters: dict[str, tuple[str, ...]], glossary: Glossary, lang: str,
                     excluded: dict[str, tuple[str, ...]] | None = None, all_of: tuple[str, ...] = ()) -> str:
    """A question's filters in words (data/messages.json: filter.*): "in Vietnam, not by IGES" /
    「対象国：ベトナム、提案者：IGES以外」."""
    from .messages import msg

    parts = []
    for group, negative in ((filters, False), (excluded or {}, True)):
        for key in FILTER_KEYS:
            if key in group:
                joiner = "filter.nor" if negative else "filter.and" if key in all_of else "filter.or"
                names = msg(joiner, lang).join(  # two spellings, one label
                    dict.fromkeys(v if (lang == "ja" and key == "proposer") else glossary.label(key, v, lang)
                                  for v in group[key]))  # a proposer as the list writes it: 日本工営(株)
                text = msg(f"filter.{key}", lang, names=names)
                parts.append(msg("filter.not", lang, text=text) if negative else text)
    return msg("describe.sep", lang).join(parts)
