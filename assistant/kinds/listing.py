"""list: exactly the proposals a question's metadata selects (country, city, partner, proposer, field, year)."""
from __future__ import annotations


from .. import lines
from ..answer import Answer
from ..query import Intent
from ..view import CorpusView, Ctx
from .rules import KindUnit, Rule
from ..config import LIST_VALUES_MAX
from .common import answer_of, metadata_hits, numbered, selection, value_label, values_of, without
from .none import answer_none


def answer_list(a: "CorpusView", i: Intent, ctx: Ctx, kind: str = "list") -> Answer:
    if i.numbers and (named := numbered(a, i)):  # 「17番と同じくタイの案件はほかに？」: the others
        i = without(i, named)
    props = selection(a, i, ctx)
    if not props and (i.regions or i.unknown):
        return answer_none(a, i, ctx)
    hits = metadata_hits(a, i, props, "metadata")
    cites = a.cites(props, i.lang)
    key = next(iter(i.excluded), None) or ("country" if i.excluded_regions else None)
    if key and len(props) <= LIST_VALUES_MAX:
        cites = [a.tag(p, i.lang) for p in props]  # "which of them isn't by Nippon Koei?": who it is, then;
        # 「東南アジア以外の国を対象にした案件は？」: which country each is in
        cites = [lines.with_value(c, lines.join([value_label(a, key, v, i.lang) for v in values_of(p, key)], i.lang),
                                  i.lang) for c, p in zip(cites, props)]
    text = lines.listing(len(props), cites, a.describe(i, ctx), i.lang)
    return answer_of(i, kind, text, hits)


UNIT = KindUnit("list", (
    Rule(38, lambda r: bool(r.i.numbers) and bool(r.i.filters) and r.says("others", "besides") and not r.i.asked
         and not r.i.content and not r.says("compare", "similar"), "Other projects in Thailand besides #17?"),
    Rule(91, lambda r: bool(r.i.filters or r.i.excluded or r.i.years or r.i.sizes), "Which projects are in Indonesia?"),
), answer_list, ("listing.*", "project.n"))
