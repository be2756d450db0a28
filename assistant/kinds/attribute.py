"""attribute: who proposed / which city / partner / country / fields / title of the proposals a question names."""
from __future__ import annotations

from dataclasses import replace

from .. import lines
from ..answer import Answer
from ..knowledge import normalize
from ..config import COMPARE_MAX
from ..query import CITY_KEYS, Intent
from ..view import CorpusView, Ctx
from ..messages import msg
from .rules import KindUnit, Rule
from index.corpus import Proposal

from .breakdown import answer_breakdown
from .common import answer_of, metadata_hits, numbered, selection, value_label, values_of
from .none import answer_none


def _subjects(a: "CorpusView", i: Intent, ctx: Ctx) -> list[Proposal]:
    """What an attribute question is about: numbered proposals, else the named ones, else the best match."""
    if i.numbers:
        return numbered(a, i) or []
    if i.subjects:
        named = [a.by_id[k] for k in i.subjects if k in a.by_id]
        return _claimed_among(a, i, ctx, named) if i.content and len(named) > 1 else named
    if i.filters or i.excluded or i.regions or i.scope is not None:
        chosen = selection(a, i, ctx)
        if i.content and len(chosen) > 1 and i.scope is None:
            # "the title of the Indonesian cement study": the named ones, narrowed to the best match
            ranked = a.ranked(i, ctx, allowed={p.id for p in chosen})
            return [ranked.hits[0].proposal] if ranked.hits else chosen
        return _claimed_among(a, i, ctx, chosen) if i.content and len(chosen) > 1 else chosen
    if i.content:  # "who proposed the small hydropower project?": the proposal whose text names it; "which
        # cities have a 2050 net-zero target mentioned?": each proposal that does
        # each one whose text names it, unless the question names one project in a language that marks
        # number ("who proposed the small hydropower project?"); 「LED照明を提案しているのは？」 and "who proposes
        # LED lighting?" ask of every proposal that mentions it, not of the best match alone
        claimed = a.topic(i, ctx, allowed=None)
        words, norm = a.knowledge.words, normalize(i.question)
        one = words.grammar[i.lang].get("marks_number", True) and not words.lists["plural_nouns"].search(norm) \
            and bool(words.lists["project_noun"].search(norm))
        return [h.proposal for h in claimed.hits[:1 if one else None]]
    return []


def _claimed_among(a: "CorpusView", i: Intent, ctx: Ctx, props: list[Proposal]) -> list[Proposal]:
    """"Which one is based on an MOU signed in February 2022, and which Japanese city is behind it?" after three:
    the ones whose text says it (when none does, all of them, as asked)."""
    all_of = a.knowledge.words.lists.get("all_of")
    if all_of is not None and all_of.search(normalize(i.question)) and " / " not in (i.topic or ""):
        return props  # 「どちらも観光地ですね。それぞれの対象国は？」: said of all of them, a remark, no condition
    claimed = a.topic(replace(i, kind="ranked"), ctx, allowed={p.id for p in props})
    return [h.proposal for h in claimed.hits] or props


def answer_attribute(a: "CorpusView", i: Intent, ctx: Ctx) -> Answer:
    if i.numbers and numbered(a, i) is None:
        return answer_none(a, i, ctx)
    subjects = _subjects(a, i, ctx)
    unnamed = not (i.filters or i.excluded or i.regions or i.scope is not None)  # no proposal named or selected
    if not subjects and i.content and unnamed:
        return a.topic(replace(i, kind="ranked"), ctx, allowed=None)  # no proposal's text names it: say so
    if not subjects and unnamed and not (i.numbers or i.subjects or i.content) and i.asked not in (None, "title"):
        # 「提案者は？」, "Who are the proposers?" asked first: of every proposal, value by value
        return answer_breakdown(a, replace(i, kind="breakdown"), ctx)
    if not subjects:
        return answer_none(a, i, ctx)
    each = a.knowledge.words.lists.get("each")
    if len(subjects) > 1 and not i.numbers and not i.subjects and i.followup is None \
            and not ((i.also or (each is not None and each.search(normalize(i.question))))
                     and len(subjects) <= COMPARE_MAX):
        # (「パラオ向けの2件の国内都市と提案者」, 「愛媛県の2件の…それぞれ」: each)
        scope = tuple(p.id for p in subjects) if i.content and not (i.filters or i.excluded or i.regions) else i.scope
        return answer_breakdown(a, replace(i, kind="breakdown", scope=scope), ctx)  # "which partner cities are in
        # Indonesia?"; "which cities have a 2050 net-zero target mentioned?": those whose text says it
    lang = i.lang
    sentences = []
    for key in (i.asked or "title", *i.also):  # "the proposer and the Japanese city": one sentence each
        pairs = []
        besides = set(i.excluded.get(key, ())) if key == i.asked else set()  # "fields besides waste management"
        says = ""
        for p in subjects:
            if key == "title":
                values = [lines.both(p.view(lang).title, p.view(lines.other(lang)).title, lang)]
            else:
                own = values_of(p, key)
                kept = [v for v in own if v not in besides] or own  # (besides its only city: what else the text names)
                values = [lines.both(value_label(a, key, v, lang), value_label(a, key, v, lines.other(lang)), lang)
                          for v in kept]
                if len(subjects) == 1:  # "besides Ho Chi Minh City, which other city …" of it: beyond its city
                    beyond = bool(besides) and besides >= set(own) \
                        or a.knowledge.words.other_key(normalize(i.question)) == key
                    says = _names_more(a, p, key, own, beyond, lang)
                if key == "target_area" and "country" not in (i.asked, *i.also):  # "Are any of the partner
                    # cities in South America?": the partner with its country
                    country = lines.join([value_label(a, "country", c, lang) for c in values_of(p, "country")], lang)
                    values = [msg("attribute.in_country", lang, value=v, country=country) for v in values]
            pairs.append((a.tag(p, lang), values))
        if len(subjects) == 1 and besides >= set(values_of(subjects[0], key)):
            besides = set()  # ("besides Ho Chi Minh City" of its one city: the city, and what the text names)
        named = lines.join(dict.fromkeys(value_label(a, key, v, lang) for v in sorted(besides)), lang)
        sentences.append(lines.attribute(key, pairs, lang, named) + (msg("end.before_quote", lang) + says if says else ""))
    text = msg("sep.sentences", lang).join(sentences)
    return answer_of(i, "attribute", text, metadata_hits(a, i, subjects, "attribute"))


def _names_more(a: "CorpusView", p: Proposal, key: str, values: tuple[str, ...], beyond: bool, lang: str) -> str:
    """"Which Indian cities does it cover?" of ハイデラバード市等, "besides Ho Chi Minh City, which other city …?": the
    list's city names fewer places than the text (it ends in a question_words more_marks word: 等, "etc."), or
    the question asks `beyond` it; the first summary sentence naming the city (without that word) is quoted."""
    if key not in CITY_KEYS:
        return ""
    marks = a.knowledge.words.lists.get("more_marks")
    ends = tuple(marks.ja) if marks is not None else ()
    if not beyond and not (ends and any(v.endswith(ends) for v in values)):
        return ""
    stems = [v[:-len(m)] if (m := next((e for e in ends if v.endswith(e)), "")) else v for v in values]
    en = p.en.sentences if p.en is not None else ()
    for n, sentence in enumerate(p.sentences):
        if any(stem and stem in sentence for stem in stems):
            return lines.topic_quote(lines.quoted(sentence, en[n] if n < len(en) else None, lang), lang)
    return ""


UNIT = KindUnit("attribute", (
    Rule(40, lambda r: bool(r.i.numbers) and bool(r.i.asked), "who proposed #13?"),
    Rule(62, lambda r: bool(r.i.asked), "Which country is Koror State in?"),
), answer_attribute, ("attribute.item", "attribute.label.*", "both", "sep.sentences", "topic.quote", "end.before_quote"))
