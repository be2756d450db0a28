"""region: the proposals in a world region or a place below the country (Southeast Asia, Java, Kyushu)."""
from __future__ import annotations

from ..answer import Answer
from ..query import Intent
from ..view import CorpusView, Ctx
from .rules import KindUnit, Rule
from .listing import answer_list


def answer_region(a: "CorpusView", i: Intent, ctx: Ctx) -> Answer:
    return answer_list(a, i, ctx)  # answers as a list: exactly the proposals in the region


UNIT = KindUnit("region", (
    Rule(81, lambda r: bool(r.i.regions or r.i.excluded_regions), "projects in Southeast Asia"),
), answer_region, ("listing.*", "describe.region", "region.countries"))
