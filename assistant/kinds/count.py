"""count: how many proposals a question's conditions select, then the list."""
from __future__ import annotations

import re

from .. import lines
from ..answer import Answer
from ..knowledge import normalize
from ..messages import msg
from ..query import Intent
from ..view import CorpusView, Ctx
from .rules import KindUnit, Rule
from .common import answer_of, metadata_hits, selection


def answer_count(a: "CorpusView", i: Intent, ctx: Ctx) -> Answer:
    """The number of proposals the conditions select; with a topic ("How many projects use small
    hydropower?"), of those whose text supports it (the topic answer's claims, with their evidence)."""
    several = [k for k, vs in i.filters.items() if len(vs) >= 2]
    if several and not i.content and each_counted(i.question, a.knowledge.words):
        # 「大阪市の提案は何件で、富山市の提案は何件？」: a count for each value, not one for all
        from dataclasses import replace

        from .breakdown import answer_breakdown

        return answer_breakdown(a, replace(i, kind="breakdown", asked=several[0]), ctx)
    props = selection(a, i, ctx)
    if i.content and props:
        claimed = a.topic(i, ctx, allowed={p.id for p in props})
        hits, exhaustive = claimed.hits, claimed.exhaustive
        props = [h.proposal for h in hits]
    else:
        hits, exhaustive = metadata_hits(a, i, props, "metadata"), True
    desc = a.describe(i, ctx)
    if i.content:  # "0 projects by Nippon Koei mentioning “round”": what was counted is said, never a bare 0
        label = lines.topic_label(i.topic or i.content, i)
        counted = "count.not_mentions" if i.negated else "count.mentions"  # (「…に触れていないのは何件？」)
        desc = msg(counted, i.lang, desc=desc + msg("count.mentions_sep", i.lang) if desc else "", label=label).strip()
    text = lines.count(len(props), a.cites(props, i.lang), desc, lang=i.lang, year=a.year_label(i.lang, i.years))
    share = a.knowledge.words.lists.get("share")
    if share is not None and share.search(normalize(i.question)) and props:
        # 「全体の何割？」, "what share of the proposals …?": the count as a share of all the proposals (of the year)
        total = sum(1 for p in a.corpus if not i.years or p.year in i.years)
        text += lines.share(len(props), total, i.lang)
    return answer_of(i, "count", text, hits, exhaustive=exhaustive)


def each_counted(question: str, words) -> bool:
    """Is a count asked for each named value: the count words twice ("how many in Osaka, and how many in
    Toyama?"), or with "each" (「それぞれ何件」)?"""
    from ..knowledge import normalize

    norm = normalize(question)
    count, each = words.lists["count"].pattern, words.lists.get("each")
    return bool(count is not None and len(count.findall(norm)) >= 2) or bool(each is not None and each.search(norm))


# "Is it true that Japan NUS submitted five proposals?": a number stated beside the projects word
STATED_COUNT = re.compile(r"\b(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                          r"(?:projects|proposals)\b|(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*件(?:の|も|ある|あり|です|$)")

UNIT = KindUnit("count", (
    Rule(70, lambda r: r.says("count", "share") or (bool(STATED_COUNT.search(r.norm)) and bool(r.i.filters or r.i.regions)),
         "How many projects are in Thailand?"),
), answer_count, ("count.*", "tail.cites", "tail.none", "project.n"))
