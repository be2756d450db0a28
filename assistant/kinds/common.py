"""Pieces every answer kind shares: which proposals a question selects, how a value is shown, hits.

Everything here reads the corpus through a `CorpusView` (assistant.view), never the assistant.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from index.corpus import Proposal, fiscal_label

from .. import lines
from ..answer import Answer, Hit
from ..knowledge import normalize
from ..query import Intent
from ..view import Allowed, CorpusView, Ctx


def asks_others(question: str, words) -> bool:
    """Does the question ask for the others beside what it names ("other", "besides", 「以外」, 「ほかに」)?"""
    norm = normalize(question)
    return any(words.lists[k].search(norm) for k in ("others", "besides"))


def without(i: Intent, props) -> Intent:
    """The question with these proposals set apart: no longer named, excluded from what it selects."""
    return replace(i, numbers=(), exclude_numbers=tuple(dict.fromkeys((*i.exclude_numbers, *(p.id for p in props)))))


def selection(a: "CorpusView", i: Intent, ctx: Ctx) -> list[Proposal]:
    """The proposals the question's filters, regions, scope and the UI filters allow, in number order.

    One boolean mask over the corpus, from the assistant's value -> positions maps (no per-record
    Python loop: a filtered question over 100k proposals costs milliseconds)."""
    return [a.corpus[p] for p in np.flatnonzero(selection_mask(a, i, ctx)).tolist()]


def selection_mask(a: "CorpusView", i: Intent, ctx: Ctx) -> np.ndarray:
    """`selection` as a boolean mask over the corpus."""
    filters = merge_filters(question_filters(a, i), ctx.given)
    excluded = dict(i.excluded)
    if i.kind == "breakdown" and i.asked == "fields" and i.asked in excluded:
        excluded.pop(i.asked)  # "fields other than X": X leaves the table, not the proposals (a proposal has
        # many fields; "countries other than Vietnam" leaves out Vietnam's proposals, each has one country)
    mask = np.ones(len(a.corpus), dtype=bool)
    if i.scope is not None:
        mask &= a.mask_of(i.scope)
    if i.exclude_numbers:
        mask &= ~a.mask_of(i.exclude_numbers)
    if i.years:
        mask &= np.isin(a.year_array, i.years)
    for key, values in filters.items():  # AND across keys, any value within a key (each, for `all_of`)
        for group in (_by_entry(a, key, values) if key in i.all_of else [values]):
            mask &= a.mask_of_values(key, group)
    for key, values in excluded.items():
        mask &= ~a.mask_of_values(key, values)
    if i.regions:
        mask &= np.logical_or.reduce([region_mask(a, r) for r in i.regions])
    for r in i.excluded_regions:
        mask &= ~region_mask(a, r)
    for key, op, n in i.sizes:  # "more than five target fields": how many values each proposal has
        mask &= SIZE_OPS[op](a.value_counts(key), n)
    return mask


SIZE_OPS = {"gt": np.greater, "ge": np.greater_equal, "lt": np.less, "le": np.less_equal, "eq": np.equal}


def _by_entry(a: "CorpusView", key: str, values: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The values grouped by the glossary entry they spell (デジタル技術 and デジタル技術（ＤＸ）are one field)."""
    groups: dict[object, list[str]] = {}
    for v in values:
        e = a.glossary.entry_for(key, v)
        groups.setdefault(id(e) if e is not None else v, []).append(v)
    return [tuple(g) for g in groups.values()]


def same_as_filters(a: "CorpusView", i: Intent) -> dict[str, tuple[str, ...]]:
    """"projects of the same country" / "what else does that company do?": the previous proposals'
    values of the key, as a filter (empty without `same_as`)."""
    if not i.same_as:
        return {}
    key, ids = i.same_as
    keys = (key,) if isinstance(key, str) else key  # (「同じ提案者で、同じ国の」: several keys, each shared)
    return {k: tuple(sorted({v for n in ids if n in a.by_id for v in a.by_id[n].metadata(k)})) for k in keys}


def question_filters(a: "CorpusView", i: Intent) -> dict[str, tuple[str, ...]]:
    """The question's own filters and its same-as values: a key both name holds either's values ("Including
    Thailand?" after the projects in #8's country: Palau's or Thailand's; a question naming a value and
    sharing another's is read no other way, as the two could only contradict)."""
    out = dict(i.filters)
    for key, values in same_as_filters(a, i).items():
        out[key] = tuple(sorted(set(values) | set(out.get(key, ()))))
    return out


def region_mask(a: "CorpusView", region) -> np.ndarray:
    """Proposals in a region: every key of its constraint matched by one of its values."""
    mask = np.ones(len(a.corpus), dtype=bool)
    for key, values in region.constraint.items():
        mask &= a.mask_of_values(key, values)
    return mask


def merge_filters(a: dict[str, tuple[str, ...]], b: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """AND across keys; where both name one key, only values in both remain."""
    out = dict(a)
    for key, values in b.items():
        out[key] = tuple(sorted(set(values) & set(out[key]))) if key in out else values
    return out


def value_label(a: "CorpusView", key: str, value: str, lang: str) -> str:
    """A metadata value as shown: the record's own text in Japanese, the glossary's English name."""
    if key == "year":
        return fiscal_label(int(value), lang)
    return a.view_label(key, value, lang)


def values_of(p: Proposal, key: str) -> tuple[str, ...]:
    """A proposal's values of a key a question can ask about (metadata, or its fiscal year)."""
    return (str(p.year),) if key == "year" else p.metadata(key)


def topic_words(a: "CorpusView", i: Intent) -> str:
    """Words to choose quotes by in a metadata answer: the named fields' names, and the content."""
    words = []
    for v in i.filters.get("fields", ()):
        e = a.glossary.entry_for("fields", v)
        words += [v] + ([e.ja, *e.aliases] if e else [])
    return " ".join(words + ([i.content] if i.content else []))


def metadata_hits(a: "CorpusView", i: Intent, props: list[Proposal], reason: str) -> tuple[Hit, ...]:
    topic = topic_words(a, i)
    return tuple(a.hit(p, 1.0, topic, {}, i, (lines.reason(reason, i.lang),), has_content=bool(topic))
                 for p in props)


def answer_of(i: Intent, kind: str, text: str, hits, *, exhaustive: bool = True, **kw) -> Answer:
    return Answer(i.question, i, text, tuple(hits), exhaustive, kind=kind, **kw)


def numbered(a: "CorpusView", i: Intent) -> list[Proposal] | None:
    """The proposals a question names by number (in the years it names), or None if one is missing."""
    props = [a.find(n, i.years) for n in i.numbers]
    return None if any(p is None for p in props) else props


def named(a: "CorpusView", i: Intent) -> list[Proposal] | None:
    """The proposals a question names: by number, else those a follow-up refers to ("compare them")."""
    if i.numbers or not i.subjects:
        return numbered(a, i)
    return [a.by_id[k] for k in i.subjects if k in a.by_id]


def allowed_ids(a: "CorpusView", i: Intent, ctx: Ctx) -> set[str] | None:
    """The ids the question's filters, regions, scope and years allow (None: no restriction)."""
    if i.filters or i.excluded or i.regions or i.excluded_regions or i.scope is not None or ctx.given \
            or i.exclude_numbers or i.years or i.sizes:
        positions = np.flatnonzero(selection_mask(a, i, ctx))
        return Allowed((a.corpus[p].id for p in positions.tolist()), positions)
    return None


def names_literally(a: "CorpusView", form: str, hit: Hit) -> bool:
    """Does the hit's evidence hold the name itself, not inside a longer known name (京都 in 東京都)?"""
    from ..knowledge import normalize

    name = normalize(form)
    longer = [n.text for n in a.knowledge.names if name in n.text and n.text != name]
    for e in hit.evidence:
        for text in (e.text, e.en or ""):
            t = normalize(text)
            for other in longer:
                t = t.replace(other, " ")
            if name in t:
                return True
    return False
