"""ranked (a topic): the proposals whose text supports the topic, each with the sentence that does; the nearby ones apart as see also; none when the text supports it nowhere. A filter narrows, the topic decides."""
from __future__ import annotations

from dataclasses import replace

from ..knowledge import normalize
from .. import lines
from ..answer import Answer
from ..query import Intent
from ..view import CorpusView, Ctx
from .rules import KindUnit, Rule
from .common import allowed_ids, answer_of, asks_others, numbered, without
from .listing import answer_list
from .lookup import answer_lookup


def answer_ranked(a: "CorpusView", i: Intent, ctx: Ctx) -> Answer:
    if i.numbers and _others_beside(i.question, a.knowledge.words) and (named := numbered(a, i)):
        # 「12番のようにEVの導入を扱っている案件は、12番以外にありますか？」: the topic, without #12
        i = without(i, named)
    allowed = allowed_ids(a, i, ctx)
    if not a.has_words(i.content or i.question):
        if i.filters or i.regions or i.excluded or i.excluded_regions:
            # 「交通分野の脱炭素を含む事業」: words every proposal uses add nothing to the field named
            return answer_list(a, replace(i, kind="list", content="", topic="", list=True), ctx)
        return answer_of(i, "none", lines.nothing_matches(i.lang, a.describe(i, ctx)), ())
    answer = a.topic(i, ctx, allowed=allowed)
    what = a.knowledge.words.lists.get("asks_what")
    one = tuple(i.scope) if i.scope is not None and len(i.scope) == 1 else \
        tuple(allowed) if (i.filters or i.regions) and allowed is not None and len(allowed) == 1 else ()
    if answer.kind == "none" and one and what is not None and what.search(normalize(i.question)):
        # "What specific studies does it plan?" after one proposal, 「滋賀県の事業ではどんな技術の導入を検討して
        # いますか？」 of the one its names select, its words in no sentence: its record
        record = answer_lookup(a, replace(i, kind="lookup", subjects=one, numbers=(), filters={}, regions=()), ctx)
        return replace(record, text=f"{answer.text} {record.text}")
    return answer


def _others_beside(question: str, words) -> bool:
    """The others beside a named proposal, not "what else does that project…" (its own record)."""
    return asks_others(question, words) and not words.lists["singular_refer"].search(normalize(question))


UNIT = KindUnit("ranked", (
    Rule(37, lambda r: bool(r.i.numbers) and bool(r.i.content) and not r.i.asked and not r.i.filters
         and _others_beside(r.i.question, r.w) and not r.says("compare", "similar"),
         "Which projects besides #12 deal with EVs?"),
    Rule(80, lambda r: bool(r.i.regions or r.i.excluded_regions) and bool(r.i.content), "LED lighting in ASEAN"),
    Rule(90, lambda r: bool(r.i.filters or r.i.excluded or r.i.years) and bool(r.i.content),
         "ベトナムで廃棄物発電を扱う事業は？"),
    Rule(100, lambda r: bool(r.i.content), "Which projects use small hydropower?"),
), answer_ranked, ("topic.*", "reason.names", "reason.meaning", "reason.related", "none.nothing_matches"))
