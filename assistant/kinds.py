"""One small answering function per kind of question.

Each `answer_<kind>(a, intent, ctx)` takes the assistant (records, glossary,
retrieval), the understood `Intent` and the per-question context (top-k,
retrieval config, timings) and returns an `Answer`. Answer lines come from
the templates in `assistant.lines`; every value in them comes from the
records or the glossary, every count is computed, every quote is verbatim.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from index.corpus import Proposal, fiscal_label

from . import lines
from .answer import Answer, Hit, Table
from .config import COMPARE_MAX
from .query import Intent, attribute_label

if TYPE_CHECKING:  # pragma: no cover
    from .config import RetrievalConfig
    from .core import Assistant


@dataclass
class Ctx:
    top_k: int
    config: "RetrievalConfig"
    given: dict[str, tuple[str, ...]]  # filters from the UI / CLI
    stages: dict[str, float]


# ---------------------------------------------------------------- shared pieces

def selection(a: "Assistant", i: Intent, ctx: Ctx) -> list[Proposal]:
    """The proposals the question's filters, regions, scope and the UI filters allow, in number order.

    One boolean mask over the corpus, from the assistant's value -> positions maps (no per-record
    Python loop: a filtered question over 100k proposals costs milliseconds)."""
    filters = merge_filters(i.filters, ctx.given)
    excluded = dict(i.excluded)
    if i.kind == "breakdown" and i.asked in excluded:
        excluded.pop(i.asked)  # "fields other than X": X leaves the table, not the proposals
    filters = merge_filters(filters, same_as_filters(a, i))
    mask = np.ones(len(a.corpus), dtype=bool)
    if i.scope is not None:
        mask &= a.mask_of(i.scope)
    if i.exclude_numbers:
        mask &= ~a.mask_of(i.exclude_numbers)
    if i.years:
        mask &= np.isin(a.year_array, i.years)
    for key, values in filters.items():  # AND across keys, any value within a key
        mask &= a.mask_of_values(key, values)
    for key, values in excluded.items():
        mask &= ~a.mask_of_values(key, values)
    if i.regions:
        mask &= np.logical_or.reduce([region_mask(a, r) for r in i.regions])
    for r in i.excluded_regions:
        mask &= ~region_mask(a, r)
    return [a.corpus[p] for p in np.flatnonzero(mask).tolist()]


def same_as_filters(a: "Assistant", i: Intent) -> dict[str, tuple[str, ...]]:
    """"projects of the same country" / "what else does that company do?": the previous proposals'
    values of the key, as a filter (empty without `same_as`)."""
    if not i.same_as:
        return {}
    key, ids = i.same_as
    return {key: tuple(sorted({v for k in ids if k in a.by_id for v in a.by_id[k].metadata(key)}))}


def region_mask(a: "Assistant", region) -> np.ndarray:
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


def value_label(a: "Assistant", key: str, value: str, lang: str) -> str:
    """A metadata value as shown: the record's own text in Japanese, the glossary's English name."""
    if key == "year":
        return fiscal_label(int(value), lang)
    return a.glossary.label(key, value, lang) if lang == "en" else value


def values_of(p: Proposal, key: str) -> tuple[str, ...]:
    """A proposal's values of a key a question can ask about (metadata, or its fiscal year)."""
    return (str(p.year),) if key == "year" else p.metadata(key)


def _topic_words(a: "Assistant", i: Intent) -> str:
    """Words to choose quotes by in a metadata answer: the named fields' names, and the content."""
    words = []
    for v in i.filters.get("fields", ()):
        e = a.glossary.entry_for("fields", v)
        words += [v] + ([e.ja, *e.aliases] if e else [])
    return " ".join(words + ([i.content] if i.content else []))


def metadata_hits(a: "Assistant", i: Intent, props: list[Proposal], reason: str) -> tuple[Hit, ...]:
    topic = _topic_words(a, i)
    return tuple(a.hit(p, 1.0, topic, {}, i, (lines.reason(reason, i.lang),), has_content=bool(topic))
                 for p in props)


def _answer(i: Intent, kind: str, text: str, hits, *, exhaustive: bool = True, **kw) -> Answer:
    return Answer(i.question, i, text, tuple(hits), exhaustive, kind=kind, **kw)


# ---------------------------------------------------------------- kinds

def answer_none(a: "Assistant", i: Intent, ctx: Ctx) -> Answer:
    """Named things in no proposal, numbers that do not exist, or nothing searchable."""
    lang = i.lang
    missing = [n for n in i.numbers if a.find(n, i.years) is None]
    if missing:
        text = lines.no_number(missing, a.number_range, lang, a.year_label(lang, i.years))
        return _answer(i, "none", text, ())
    if i.unknown:
        # a name in no record's metadata may still be in the text (an investor, a university, a plant
        # maker named in a summary): "none" only after the titles and summaries were searched
        for u in i.unknown:
            forms = list(dict.fromkeys(f for f in (u.label(lang), u.ja, u.en) if f))
            for form in forms:
                found = a.topic(replace(i, kind="ranked", content=form), ctx, allowed=_allowed(a, i, ctx), topic=form)
                hits = tuple(h for h in found.hits if _names_literally(a, form, h))
                if hits:
                    return replace(found, hits=hits) if len(hits) == len(found.hits) else \
                        a.topic(replace(i, kind="ranked", content=form), ctx, allowed={h.proposal.id for h in hits},
                                topic=form)
        names = [u.label(lang) for u in i.unknown]
        countries = {u.country for u in i.unknown if u.country}
        near = [p for p in a.corpus if a.iso_of(p.country) in countries]
        return _answer(i, "none", lines.no_proposal_for(names, lang, a.year_label(lang, i.years),
                                                        [a.tag(p, lang) for p in near]), (),
                       suggestions=tuple(p.number for p in near))
    if i.regions:
        return _answer(i, "none", lines.no_proposal_for([r.label(lang) for r in i.regions], lang,
                                                        a.year_label(lang, i.years), ()), ())
    return _answer(i, "none", lines.nothing_matches(lang, a.describe(i, ctx)), ())


def _names_literally(a: "Assistant", form: str, hit: Hit) -> bool:
    """Does the hit's evidence hold the name itself, not inside a longer known name (京都 in 東京都)?"""
    from .knowledge import normalize

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


def numbered(a: "Assistant", i: Intent) -> list[Proposal] | None:
    """The proposals a question names by number (in the years it names), or None if one is missing."""
    props = [a.find(n, i.years) for n in i.numbers]
    return None if any(p is None for p in props) else props


def named(a: "Assistant", i: Intent) -> list[Proposal] | None:
    """The proposals a question names: by number, else those a follow-up refers to ("compare them")."""
    if i.numbers or not i.subjects:
        return numbered(a, i)
    return [a.by_id[k] for k in i.subjects if k in a.by_id]


def answer_lookup(a: "Assistant", i: Intent, ctx: Ctx) -> Answer:
    props = named(a, i)
    if props is None:
        return answer_none(a, i, ctx)
    hits = tuple(a.full_hit(p, i) for p in props)
    return _answer(i, "lookup", lines.lookup([(a.tag(p, i.lang), p.view(i.lang)) for p in props], i.lang), hits)


def _subjects(a: "Assistant", i: Intent, ctx: Ctx) -> list[Proposal]:
    """What an attribute question is about: numbered proposals, else the named ones, else the best match."""
    if i.numbers:
        return numbered(a, i) or []
    if i.subjects:
        return [a.by_id[k] for k in i.subjects if k in a.by_id]
    if i.filters or i.excluded or i.regions or i.scope is not None:
        chosen = selection(a, i, ctx)
        if i.content and len(chosen) > 1 and i.scope is None:
            # "the title of the Indonesian cement study": the named ones, narrowed to the best match
            ranked = a.ranked(i, ctx, allowed={p.id for p in chosen})
            return [ranked.hits[0].proposal] if ranked.hits else chosen
        return chosen
    if i.content:  # "who proposed the small hydropower project?": the proposal whose text names it
        claimed = a.topic(i, ctx, allowed=None)
        return [claimed.hits[0].proposal] if claimed.hits else []
    return []


def answer_attribute(a: "Assistant", i: Intent, ctx: Ctx) -> Answer:
    if i.numbers and numbered(a, i) is None:
        return answer_none(a, i, ctx)
    subjects = _subjects(a, i, ctx)
    if not subjects and i.content and not (i.filters or i.excluded or i.regions or i.scope is not None):
        return a.topic(replace(i, kind="ranked"), ctx, allowed=None)  # no proposal's text names it: say so
    if not subjects:
        return answer_none(a, i, ctx)
    if len(subjects) > 1 and not i.numbers and not i.subjects and i.followup is None:
        return answer_breakdown(a, replace(i, kind="breakdown"), ctx)  # "which partner cities are in Indonesia?"
    lang = i.lang
    sentences = []
    for key in (i.asked or "title", *i.also):  # "the proposer and the Japanese city": one sentence each
        pairs = []
        for p in subjects:
            if key == "title":
                values = [lines.both(p.view(lang).title, p.view("en" if lang == "ja" else "ja").title, lang)]
            else:
                values = [lines.both(value_label(a, key, v, lang), value_label(a, key, v, lines.other(lang)), lang)
                          for v in values_of(p, key)]
            pairs.append((a.tag(p, lang), values))
        sentences.append(lines.attribute(key, pairs, lang))
    text = (". " if lang == "en" else "").join(sentences)
    return _answer(i, "attribute", text, metadata_hits(a, i, subjects, "attribute"))


def answer_count(a: "Assistant", i: Intent, ctx: Ctx) -> Answer:
    props = selection(a, i, ctx)
    if i.content and props:
        ranked = a.ranked(i, ctx, allowed={p.id for p in props}, limit=len(a.corpus))
        props = [h.proposal for h in ranked.hits]
    hits = metadata_hits(a, i, props, "metadata")
    text = lines.count(len(props), [a.tag(p, i.lang) for p in props], a.describe(i, ctx), lang=i.lang,
                       year=a.year_label(i.lang, i.years))
    return _answer(i, "count", text, hits, exhaustive=not i.content)


def answer_list(a: "Assistant", i: Intent, ctx: Ctx, kind: str = "list") -> Answer:
    props = selection(a, i, ctx)
    if not props and (i.regions or i.unknown):
        return answer_none(a, i, ctx)
    hits = metadata_hits(a, i, props, "metadata")
    text = lines.listing(len(props), [a.tag(p, i.lang) for p in props], a.describe(i, ctx), i.lang)
    return _answer(i, kind, text, hits)


def answer_region(a: "Assistant", i: Intent, ctx: Ctx) -> Answer:
    return answer_list(a, i, ctx, kind="region")


def answer_per_proposal(a: "Assistant", i: Intent, ctx: Ctx) -> Answer:
    """"Which proposal has the most target fields?", 「対象分野が最も少ない事業」: proposals ranked by
    how many values of the key they have; the first (or last) rank named, ties together."""
    props = selection(a, i, ctx)
    key, lang = i.asked or "fields", i.lang
    if not props:
        return answer_none(a, i, ctx)
    counted = sorted(props, key=lambda p: (-len(values_of(p, key)), p.year, p.number))
    levels = sorted({len(values_of(p, key)) for p in props}, reverse=i.extreme != "least")
    best = levels[min(i.rank, len(levels)) - 1]
    winners = [p for p in counted if len(values_of(p, key)) == best]
    table = Table((attribute_label("numbers", lang), attribute_label("count", lang), attribute_label(key, lang)),
                  tuple((a.tag(p, lang), len(values_of(p, key)),
                         lines.join([value_label(a, key, v, lang) for v in values_of(p, key)], lang)) for p in counted))
    text = lines.per_proposal(key, [a.tag(p, lang) for p in winners], best, len(props), a.describe(i, ctx), lang,
                              least=i.extreme == "least")
    return _answer(i, "breakdown", text, metadata_hits(a, i, winners, "metadata"), table=table)


def answer_unrecorded(a: "Assistant", i: Intent, ctx: Ctx) -> Answer:
    """Budgets, dates, durations, results, contacts: the list does not record them. Says so, names the
    proposal meant (by number, by a follow-up's "it", or by names that select one) and what is recorded."""
    if i.numbers and numbered(a, i) is None:
        return answer_none(a, i, ctx)
    if i.numbers or i.subjects:
        props = named(a, i) or []
    elif i.filters or i.regions or i.scope is not None:
        chosen = selection(a, i, ctx)
        props = chosen if len(chosen) == 1 else []
    else:
        props = []
    label = a.knowledge.words.unrecorded_labels.get(i.missing, {}).get(i.lang, i.missing)
    text = lines.unrecorded(label, [a.tag(p, i.lang) for p in props], i.lang)
    hits = tuple(a.hit(p, 1.0, "", {}, i, (lines.reason("attribute", i.lang),), has_content=False) for p in props)
    return _answer(i, "unrecorded", text, hits)


def answer_breakdown(a: "Assistant", i: Intent, ctx: Ctx) -> Answer:
    if i.per_proposal:
        return answer_per_proposal(a, i, ctx)
    props = selection(a, i, ctx)
    key, lang = i.asked or "country", i.lang
    if key == "title":
        key = "fields"
    groups: dict[str, list[Proposal]] = {}
    first: dict[str, str] = {}  # values that the glossary names alike (デジタル技術, デジタル技術（ＤＸ）) count as one
    for p in props:
        for v in dict.fromkeys(values_of(p, key)):
            if v in i.excluded.get(key, ()):
                continue
            same = first.setdefault(a.glossary.label(key, v, "en"), v)
            if p not in groups.get(same, []):
                groups.setdefault(same, []).append(p)
    rows = sorted(groups.items(), key=lambda kv: (-len(kv[1]), value_label(a, key, kv[0], lang)))
    if i.extreme == "several":
        winners = [r for r in rows if len(r[1]) >= 2]
    elif i.extreme and rows:
        # "other" fields are one-off labels, not a field people ask the least of
        pool = [r for r in rows if not (key == "fields" and r[0].startswith("その他"))] or rows
        levels = sorted({len(r[1]) for r in pool}, reverse=i.extreme != "least")
        best = levels[min(i.rank, len(levels)) - 1]
        winners = [r for r in pool if len(r[1]) == best]
    else:
        winners = []
    def tags(ps):
        return [a.tag(p, lang) for p in ps]

    table = Table((attribute_label(key, lang), attribute_label("count", lang), attribute_label("numbers", lang)),
                  tuple((value_label(a, key, v, lang), len(ps), lines.cite(tags(ps), lang)) for v, ps in rows))
    named = [(value_label(a, key, v, lang), tags(ps)) for v, ps in rows]
    win = [(value_label(a, key, v, lang), tags(ps)) for v, ps in winners]
    text = lines.breakdown(key, named, len(props), a.describe(i, ctx), lang, extreme=i.extreme, winners=win,
                           rank=i.rank)
    won = {p.id for _, ps in winners for p in ps}
    shown = [p for p in props if p.id in won] if winners else props
    hits = metadata_hits(a, i, shown, "metadata")
    return _answer(i, "breakdown", text, hits, table=table)


COMPARE_KEYS = ("proposer", "domestic_city", "target_area", "country", "fields")


def answer_compare(a: "Assistant", i: Intent, ctx: Ctx) -> Answer:
    if not i.numbers and not i.subjects:  # "compare the two Palau projects": the ones the names select
        props = selection(a, i, ctx)
        if not 2 <= len(props) <= COMPARE_MAX:
            return answer_list(a, replace(i, kind="list"), ctx)
    else:
        props = named(a, i)
    if props is None:
        return answer_none(a, i, ctx)
    lang = i.lang
    same, differ, rows = [], [], []
    for key in COMPARE_KEYS:
        values = [p.metadata(key) for p in props]
        cells = [lines.join([value_label(a, key, v, lang) for v in vs], lang) for vs in values]
        if key == "fields":
            shared = [v for v in values[0] if all(v in vs for vs in values[1:])]
            verdict = lines.shared_fields([value_label(a, key, v, lang) for v in shared], lang)
            if shared:
                same.append((key, lines.join([value_label(a, key, v, lang) for v in shared], lang)))
            if any(set(vs) != set(values[0]) for vs in values[1:]):  # each field once: the rest, per proposal
                own = [lines.join([value_label(a, key, v, lang) for v in vs if v not in shared], lang) for vs in values]
                differ.append((key, own))
        elif all(vs == values[0] for vs in values[1:]):
            verdict = lines.same(lang)
            same.append((key, cells[0]))
        else:
            verdict = lines.different(lang)
            differ.append((key, cells))
        rows.append((attribute_label(key, lang), *cells, verdict))
    rows.insert(0, (attribute_label("title", lang), *[p.view(lang).title for p in props], ""))
    table = Table(("", *[a.tag(p, lang) for p in props], lines.verdict_header(lang)), tuple(rows))
    hits = tuple(a.hit(p, 1.0, p.title, {}, i, (lines.reason("compare", lang),), has_content=True, max_quotes=1)
                 for p in props)
    tags = [a.tag(p, lang) for p in props]
    text = lines.compare(tags, same, [(k, list(zip(tags, cells)) if cells else None) for k, cells in differ], lang)
    return _answer(i, "compare", text, hits, table=table)


def answer_similar(a: "Assistant", i: Intent, ctx: Ctx) -> Answer:
    if not i.numbers and not i.subjects:  # "projects like the Airai one": the one the names select, else a list
        props = selection(a, i, ctx)
        if len(props) != 1:
            return answer_list(a, replace(i, kind="list"), ctx)
    else:  # by number, or "anything similar to it?"
        props = named(a, i) or None
    if props is None:
        return answer_none(a, i, ctx)
    target = props[0]
    sims = a.similar(target.id, top_k=ctx.top_k, lang=i.lang)
    hits = tuple(a.hit(h.proposal, h.score, "", {}, i, h.reasons, has_content=False) for h in sims)
    text = lines.similar(a.tag(target, i.lang), [a.tag(h.proposal, i.lang) for h in sims], i.lang)
    return Answer(i.question, i, text, hits, False, similar_to=target.number, kind="similar")


def _allowed(a: "Assistant", i: Intent, ctx: Ctx) -> set[str] | None:
    """The ids the question's filters, regions, scope and years allow (None: no restriction)."""
    if i.filters or i.excluded or i.regions or i.excluded_regions or i.scope is not None or ctx.given \
            or i.exclude_numbers or i.years:
        return {p.id for p in selection(a, i, ctx)}
    return None


def answer_ranked(a: "Assistant", i: Intent, ctx: Ctx) -> Answer:
    allowed = _allowed(a, i, ctx)
    if not a._has_words(i.content or i.question):
        return _answer(i, "none", lines.nothing_matches(i.lang, a.describe(i, ctx)), ())
    return a.topic(i, ctx, allowed=allowed)


ANSWERERS = {
    "none": answer_none, "lookup": answer_lookup, "attribute": answer_attribute, "count": answer_count,
    "list": answer_list, "region": answer_region, "breakdown": answer_breakdown, "compare": answer_compare,
    "similar": answer_similar, "ranked": answer_ranked, "unrecorded": answer_unrecorded,
}


