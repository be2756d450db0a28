"""compare: two to five proposals side by side, named by number, by a follow-up, or by description."""
from __future__ import annotations

from dataclasses import replace

from .. import lines
from ..answer import Answer
from ..query import Intent
from ..view import CorpusView, Ctx
from .rules import KindUnit, Rule
from ..answer import Table
from ..config import COMPARE_MAX
from ..query import attribute_label
from .common import answer_of, named, selection, value_label
from .listing import answer_list
from .none import answer_none


COMPARE_KEYS = ("proposer", "domestic_city", "target_area", "country", "fields")


def answer_compare(a: "CorpusView", i: Intent, ctx: Ctx) -> Answer:
    if not i.numbers and not i.subjects:  # "compare the two Palau projects": the ones the names select
        props = selection(a, i, ctx)
        if not 2 <= len(props) <= COMPARE_MAX:
            several = [k for k, vs in i.filters.items() if len(vs) >= 2]
            if len(props) > COMPARE_MAX and len(several) == 1:
                # 「ベトナムとインドネシアで件数を比べると？」: the named values compared, each with its projects
                from .breakdown import answer_breakdown

                return answer_breakdown(a, replace(i, kind="breakdown", asked=several[0]), ctx)
            return answer_list(a, replace(i, kind="list"), ctx)
    elif i.numbers and i.subjects:  # 「16番と比べると？」 after an answer about #13
        props = named(a, i)
        if props is not None:
            props = [a.by_id[k] for k in i.subjects if k in a.by_id and a.by_id[k] not in props] + props
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
    return answer_of(i, "compare", text, hits, table=table)


UNIT = KindUnit("compare", (
    Rule(30, lambda r: len(r.i.numbers) >= 2 and r.says("compare"), "How do #2 and #4 differ?"),
    Rule(35, lambda r: not r.i.numbers and r.says("compare") and bool(r.i.filters or r.i.regions) and not r.i.asked
         and not r.says("share"),  # ("what share of the proposals target Vietnam?" is a count)
         "compare the two Palau projects"),
), answer_compare, ("compare.*",))
