"""similar: the proposals most like one, with the reasons (content, country, city, proposer, fields)."""
from __future__ import annotations

from dataclasses import replace

from .. import lines
from ..answer import Answer
from ..query import Intent
from ..view import CorpusView, Ctx
from .rules import KindUnit, Rule
from ..config import TOP_K_MAX
from .common import allowed_ids, answer_of, asks_others, metadata_hits, named, selection, without
from .listing import answer_list
from .none import answer_none


def answer_similar(a: "CorpusView", i: Intent, ctx: Ctx) -> Answer:
    if not i.numbers and not i.subjects:  # "projects like the Airai one": the one the names select, else a list
        props = selection(a, i, ctx)
        if len(props) != 1:
            return answer_list(a, replace(i, kind="list"), ctx)
    else:  # by number, or "anything similar to it?"
        props = named(a, i) or None
    if props is None:
        return answer_none(a, i, ctx)
    target = props[0]
    if i.numbers and (i.filters or i.content) and asks_others(i.question, a.knowledge.words):
        answer = _like_it_with(a, i, ctx, target)  # not "similar to #12, the Koror one": that names #12
        if answer.hits:  # 「15番の富山市・バリ州の事業に似た提案はほかに？」: the names were #15's own
            return answer
    sims = a.similar(target.id, top_k=ctx.top_k, lang=i.lang)
    hits = tuple(a.hit(h.proposal, h.score, "", {}, i, h.reasons, has_content=False) for h in sims)
    text = lines.similar(a.tag(target, i.lang), [a.tag(h.proposal, i.lang) for h in sims], i.lang)
    return Answer(i.question, i, text, hits, False, similar_to=target.number, kind="similar")


def _like_it_with(a: "CorpusView", i: Intent, ctx: Ctx, target) -> Answer:
    """"Something similar to #6 - which other proposals deal with septic tanks?", 「15番と似たような、水素と交通に
    取り組む事業はほかに？」: the others that the topic or the names select, the most like #N first."""
    others = without(i, [target])
    if i.content:
        return a.topic(replace(others, kind="ranked"), ctx, allowed=allowed_ids(a, others, ctx))
    chosen = selection(a, others, ctx)
    rank = {h.proposal.id: n for n, h in enumerate(a.similar(target.id, top_k=TOP_K_MAX, lang=i.lang))}
    chosen = sorted(chosen, key=lambda p: rank.get(p.id, len(rank)))
    hits = metadata_hits(a, others, chosen, "metadata")
    text = lines.listing(len(chosen), a.cites(chosen, i.lang), a.describe(others, ctx), i.lang)
    return answer_of(others, "list", text, hits)


UNIT = KindUnit("similar", (
    Rule(10, lambda r: bool(r.i.numbers) and r.says("similar") and not r.says("compare"), "similar to #8"),
    Rule(20, lambda r: not r.i.numbers and bool(r.i.filters) and not r.i.content and not r.i.asked
         and not r.i.unknown and r.says("similar") and not r.says("compare", "count")
         and not (r.i.excluded and r.says("others")), "projects like the Airai one"),  # (not "like the Hanoi one,
    # other projects with both hydrogen and DX?": the example set apart, the others asked by their fields; nor
    # "Malaysian cities like Penang or Johor Bahru?": places in no proposal, given as examples, are what is asked)
), answer_similar, ("similar.*",))
