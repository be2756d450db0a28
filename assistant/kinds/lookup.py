"""lookup: a proposal by number (#4, No. 4, 4番, 提案番号4 …): the whole proposal."""
from __future__ import annotations

from .. import lines
from ..answer import Answer
from ..query import Intent
from ..view import CorpusView, Ctx
from .rules import KindUnit, Rule
from .common import answer_of, named
from .none import answer_none


def answer_lookup(a: "CorpusView", i: Intent, ctx: Ctx) -> Answer:
    props = named(a, i)
    if not props:  # a number that does not exist, or nothing named at all
        return answer_none(a, i, ctx)
    hits = tuple(a.full_hit(p, i) for p in props)
    return answer_of(i, "lookup", lines.lookup([(a.tag(p, i.lang), p.view(i.lang), lines.join([a.view_label("country", c, i.lang)
                                                                        for c in p.metadata("country")], i.lang))
                  for p in props], i.lang), hits)


UNIT = KindUnit("lookup", (
    Rule(41, lambda r: bool(r.i.numbers), "What is #4 about?"),
), answer_lookup, ("lookup.item",))
