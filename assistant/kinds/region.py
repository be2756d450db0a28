"""region: the proposals in a world region or a place below the country (Southeast Asia, Java, Kyushu)."""
from __future__ import annotations

from dataclasses import replace

from ..answer import Answer
from ..knowledge import normalize
from ..query import Intent
from ..view import CorpusView, Ctx
from .rules import KindUnit, Rule
from .listing import answer_list


def answer_region(a: "CorpusView", i: Intent, ctx: Ctx) -> Answer:
    """Exactly the proposals in the region, as a list; but asked which proposals mention it (question_words
    mention_asks: 「ASEANに触れている提案は？」), the ones whose text names it, when any does (#13's
    「マレーシア・ASEAN展開」), as a topic answer with its quotes."""
    mention = a.knowledge.words.lists.get("mention_asks")
    if mention is not None and len(i.regions) == 1 and not (i.excluded_regions or i.filters or i.scope) \
            and mention.search(normalize(i.question)):
        named = a.topic(replace(i, regions=(), kind="ranked", list=False), ctx, allowed=None, topic=i.regions[0].ja)
        if named.hits and named.kind != "none":
            return named
    return answer_list(a, i, ctx)


UNIT = KindUnit("region", (
    Rule(81, lambda r: bool(r.i.regions or r.i.excluded_regions), "projects in Southeast Asia"),
), answer_region, ("listing.*", "describe.region", "region.countries", "topic.*", "reason.names"))
