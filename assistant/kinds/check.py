"""check: a yes-or-no question about one to three named proposals ("Does #5 include hydrogen?",
「3番は太陽光発電を扱っていますか？」, "does it cover energy saving?" after #15): yes or no for each, from the
text (a topic, with the sentence that names it) or the record (a target field, a country …)."""
from __future__ import annotations

from dataclasses import replace

from .. import lines
from ..answer import Answer
from ..query import Intent
from ..view import CorpusView, Ctx
from .common import answer_of, named
from .none import answer_none
from .rules import KindUnit, Rule

CHECK_MAX = 3  # more named proposals than this is a list question, not a yes or no


def asks_yes_no(norm: str, lang: str, words) -> bool:
    """English asks yes or no with its first word ("Does …", "Is …"); Japanese with its ending (…ますか)."""
    yn = words.lists.get("yes_no")
    if yn is None:
        return False
    if words.grammar[lang]["asks_yes_no_first"]:
        return any(norm.startswith(w + " ") for w in yn.en)
    which = words.lists.get("interrogatives")  # 「どっちが…」, 「…のは？」: which, not whether
    return bool(yn.search(norm)) and not (which is not None and which.search(norm))


def answer_check(a: "CorpusView", i: Intent, ctx: Ctx) -> Answer:
    props = named(a, i)
    if not props:
        return answer_none(a, i, ctx)
    lang = i.lang
    texts, hits, no = [], [], set()
    if i.filters:  # a field, a country …: the record says it
        from ..answer import describe_filters

        desc = describe_filters(i.filters, a.glossary, lang)
        for p in props:
            yes = all(any(v in p.metadata(k) for v in values) for k, values in i.filters.items())
            actual = "" if yes else describe_filters({k: p.metadata(k) for k in i.filters}, a.glossary, lang,
                                                     all_of=tuple(i.filters))  # (all its values hold)
            texts.append(lines.check(a.tag(p, lang), yes, lang, desc=desc, actual=actual))
            hits.append(a.full_hit(p, i))
            if not yes:
                no.add(p.id)
    if i.content or i.topic:  # a topic: the text says it, or it does not
        topic = i.topic or i.content
        claims = a.topic(replace(i, filters={}, scope=None, subjects=()), ctx, allowed={p.id for p in props},
                         topic=topic)
        claimed = {h.proposal.id: h for h in claims.hits}
        label = lines.topic_label(topic, i)
        for p in props:
            ev = claimed[p.id].evidence[0] if p.id in claimed and claimed[p.id].evidence else None
            quote = ev.shown(lang) if ev is not None else ""
            texts.append(lines.check(a.tag(p, lang), p.id in claimed, lang, label=label, quote=quote))
            if not i.filters:
                hits.append(claimed.get(p.id) or a.full_hit(p, i))
            if p.id not in claimed:
                no.add(p.id)
    if len(props) >= 2:  # "Does either of them deal with fluorocarbon recovery?": the ones the answer says yes of
        # (one proposal asked about stays the answer's subject, yes or no)
        hits = [h for h in hits if h.proposal.id not in no]
    return answer_of(i, "check", " ".join(texts), hits)


def reads(r) -> bool:
    """A yes-or-no question about one to three named proposals (read on its own, or after another answer)."""
    i = r.i
    return 1 <= len(i.numbers) <= CHECK_MAX and bool(i.content or i.filters) and not i.asked \
        and not r.says("compare", "similar", "others") and asks_yes_no(r.norm, i.lang, r.w)
    # 「17番と同じくタイを対象とした案件はほかにありますか」: the others are asked for, not #17


UNIT = KindUnit("check", (
    Rule(39, reads, "Does #5 include hydrogen?"),
), answer_check, ("check.*",))
