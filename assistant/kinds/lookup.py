"""lookup: a proposal by number (#4, No. 4, 4番, 提案番号4 …): the whole proposal."""
from __future__ import annotations

from .. import lines
from ..answer import Answer
from ..query import Intent
from ..view import CorpusView, Ctx
from .rules import KindUnit, Rule
from ..config import LOOKUP_SELECTED_MAX
from .common import answer_of, named, selection
from .listing import answer_list
from .none import answer_none


def answer_lookup(a: "CorpusView", i: Intent, ctx: Ctx) -> Answer:
    props, listed = named(a, i), None
    if not props and not i.numbers:  # "Tell me about the Chile project": the few the question names by a place,
        # field or actor, whole, after the line that counts them
        props = selection(a, i, ctx)
        listed = answer_list(a, i, ctx)
        if not props or len(props) > LOOKUP_SELECTED_MAX:
            return listed
    if not props:  # a number that does not exist, or nothing named at all
        return answer_none(a, i, ctx)
    hits = tuple(a.full_hit(p, i) for p in props)
    text = lines.lookup([(a.tag(p, i.lang), p.view(i.lang), lines.join([a.view_label("country", c, i.lang)
                                                                        for c in p.metadata("country")], i.lang))
                         for p in props], i.lang)
    return answer_of(i, "lookup", f"{listed.text}\n{text}" if listed is not None else text, hits)


UNIT = KindUnit("lookup", (
    Rule(41, lambda r: bool(r.i.numbers), "What is #4 about?"),
    Rule(79, lambda r: r.narrowed and not (r.i.content or r.i.asked or r.i.excluded or r.i.excluded_regions
                                           or r.i.sizes or r.i.unknown)
         and r.says("record_asks") and not r.says("count", "share", "compare", "similar"), "Tell me about the Chile project"),
), answer_lookup, ("lookup.item",))
