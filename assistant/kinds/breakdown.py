"""breakdown: every value of an attribute with its count and proposals; most / least; proposals ranked by how many values they have."""
from __future__ import annotations

from dataclasses import replace

from .. import lines
from ..answer import Answer
from ..query import Intent
from ..view import CorpusView, Ctx
from .rules import KindUnit, Rule
from ..answer import Table
from ..query import attribute_label
from .common import answer_of, metadata_hits, numbered, selection, value_label, values_of
from .none import answer_none

from index.corpus import Proposal
from ..config import FEW_VALUES


def answer_per_proposal(a: "CorpusView", i: Intent, ctx: Ctx) -> Answer:
    """"Which proposal has the most target fields?", 「対象分野が最も少ない事業」: proposals ranked by
    how many values of the key they have; the first (or last) rank named, ties together."""
    if i.numbers:  # "#8 or #12": those two, said as the answer's scope
        named = numbered(a, i)
        if not named:
            return answer_none(a, i, ctx)
        i = replace(i, scope=tuple(p.id for p in named), numbers=())
    props = selection(a, i, ctx)
    key, lang = i.asked or "fields", i.lang
    if not props:
        return answer_none(a, i, ctx)
    counted = sorted(props, key=lambda p: (-len(values_of(p, key)), p.year, p.number))
    levels = sorted({len(values_of(p, key)) for p in props}, reverse=i.extreme != "least")
    best = levels[min(i.rank, len(levels)) - 1]
    winners = [p for p in counted if len(values_of(p, key)) == best]
    table = Table((attribute_label("numbers", lang), attribute_label("how_many", lang), attribute_label(key, lang)),
                  tuple((a.tag(p, lang), len(values_of(p, key)),
                         lines.join([value_label(a, key, v, lang) for v in values_of(p, key)], lang)) for p in counted))
    text = lines.per_proposal(key, a.cites(winners, lang), best, len(props), a.describe(i, ctx), lang,
                              least=i.extreme == "least", rank=min(i.rank, len(levels)))
    shown = winners + [p for p in counted if p not in winners] if len(props) == 2 \
        else winners  # "which of the two has more?": both, the one with more first; "which of them (three or
    # more) has the fewest?": the one that has
    return answer_of(i, "breakdown", text, metadata_hits(a, i, shown, "metadata"), table=table)


def answer_breakdown(a: "CorpusView", i: Intent, ctx: Ctx) -> Answer:
    if i.per_proposal:
        return answer_per_proposal(a, i, ctx)
    props = selection(a, i, ctx)
    if len(props) == 1 and i.scope is not None and i.asked not in (None, "title") and not i.extreme \
            and not i.excluded:
        # "who proposed the Hanoi one?" after Vietnam's six: one proposal's value, said as such, not a
        # breakdown of one row (attribute answers hand their questions of many proposals here); a question
        # asked afresh keeps its breakdown, which says what selected the one and how many it is
        from .attribute import answer_attribute
        return answer_attribute(a, replace(i, kind="attribute"), ctx)
    key, lang = i.asked or _compared_key(i) or "country", i.lang
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
    def in_both(v):  # as the list writes it too, when the other language writes it differently
        own, other = value_label(a, key, v, lang), value_label(a, key, v, lines.other(lang))
        return lines.both(own, other, lang) if own != other else own

    def said(v):  # a few values: as the list writes them too ("same organisation?" is answered by the name)
        return in_both(v) if key != "year" and len(rows) <= FEW_VALUES else value_label(a, key, v, lang)

    def both(v):  # the one or few a superlative names: as the list writes them too, as an attribute answer does
        # ("Most projects: Nippon Koei Co., Ltd. (日本工営(株))": the name to look for in the ministry's list)
        return said(v) if key == "year" or len(winners) > FEW_VALUES else in_both(v)

    named = [(said(v), tags(ps)) for v, ps in rows]
    win = [(both(v), tags(ps)) for v, ps in winners]
    text = lines.breakdown(key, named, len(props), a.describe(i, ctx), lang, extreme=i.extreme, winners=win,
                           rank=i.rank)
    won = {p.id for _, ps in winners for p in ps}
    shown = [p for p in props if p.id in won] if winners else props
    if winners and key == _compared_key(i) and len(rows) <= 3:  # "Indonesia or Thailand: which has more?":
        shown += [p for p in props if p.id not in won]  # both, the one with more first (as for two proposals)
    hits = metadata_hits(a, i, shown, "metadata")
    return answer_of(i, "breakdown", text, hits, table=table)


def _compared_key(i: Intent) -> str | None:
    """"Indonesia or Thailand: which country has more proposals?": the key named with several values."""
    return next((k for k, vs in i.filters.items() if len(vs) >= 2 and k != "fields"), None)


UNIT = KindUnit("breakdown", (
    Rule(58, lambda r: not (r.i.asked or r.i.content or r.i.numbers) and _compared_key(r.i) is not None
         and bool(r.i.extreme), "Indonesia or Thailand: which has more proposals?"),
    Rule(36, lambda r: r.i.per_proposal and len(r.i.numbers) >= 2, "Which has more target fields, #8 or #12?"),
    Rule(55, lambda r: r.i.per_proposal, "which proposal has the most target fields?"),
    Rule(60, lambda r: bool(r.i.asked) and bool(r.i.extreme or r.says("per", "count")), "分野ごとの件数"),
    Rule(61, lambda r: bool(r.i.asked) and r.says("coverage") and not (r.narrowed or r.i.content),
         "which countries are covered?"),
), answer_breakdown, ("breakdown.*", "per_proposal.*", "group.*", "ordinal.*", "project.n"))
