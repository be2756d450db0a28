"""similar: the proposals most like one, with the reasons (content, country, city, proposer, fields)."""
from __future__ import annotations

from dataclasses import replace

from .. import lines
from ..answer import Answer
from ..query import Intent
from ..view import CorpusView, Ctx
from .rules import KindUnit, Rule
from .common import named, selection
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
    sims = a.similar(target.id, top_k=ctx.top_k, lang=i.lang)
    hits = tuple(a.hit(h.proposal, h.score, "", {}, i, h.reasons, has_content=False) for h in sims)
    text = lines.similar(a.tag(target, i.lang), [a.tag(h.proposal, i.lang) for h in sims], i.lang)
    return Answer(i.question, i, text, hits, False, similar_to=target.number, kind="similar")


UNIT = KindUnit("similar", (
    Rule(10, lambda r: bool(r.i.numbers) and r.says("similar") and not r.says("compare"), "similar to #8"),
    Rule(20, lambda r: not r.i.numbers and bool(r.i.filters) and not r.i.content and not r.i.asked
         and r.says("similar") and not r.says("compare", "count"), "projects like the Airai one"),
), answer_similar, ("similar.*",))
