"""unrecorded: budgets, dates, durations, results, contacts — the list does not record them; said so, with the proposal meant and what the list does record."""
from __future__ import annotations

import re
from dataclasses import replace

from .. import lines
from ..config import UNRECORDED_SCOPE_MAX
from ..answer import Answer
from ..query import Intent
from ..view import CorpusView, Ctx
from .rules import KindUnit
from .common import answer_of, named, numbered, selection
from .none import answer_none


def answer_unrecorded(a: "CorpusView", i: Intent, ctx: Ctx) -> Answer:
    """Budgets, dates, durations, results, contacts: the list does not record them. Says so, names the
    proposal meant (by number, by a follow-up's "it", or by names that select one) and what is recorded."""
    if i.numbers and numbered(a, i) is None:
        return answer_none(a, i, ctx)
    if i.numbers or i.subjects:
        props = named(a, i) or []
    elif i.filters or i.regions or i.scope is not None:
        props = selection(a, i, ctx)  # 「愛媛県の案件の連絡先」: both named
    else:
        props = []
    label = a.knowledge.words.unrecorded_labels.get(i.missing, {}).get(i.lang, i.missing)
    # "When was the Osaka-EEC memorandum signed?": no column for it, but a summary sentence may say it
    rest = _rest_of_topic(i, a.knowledge.words)
    claims = a.topic(replace(i, filters={}, scope=None, subjects=(), numbers=()), ctx,
                     allowed={p.id for p in props}, topic=rest) if props and rest else None
    if claims is not None and claims.hits and len(props) > 1:  # 「タイの案件の覚書はいつ締結された？」: of the
        # Thai projects, the one whose text names the memorandum is meant ("the Indonesian cement project": #4)
        props = [p for p in props if any(h.proposal.id == p.id for h in claims.hits)]
    if len(props) > UNRECORDED_SCOPE_MAX and not (i.numbers or i.subjects):
        props, claims = [], None  # (many selected, none meant in particular)
    text = lines.unrecorded(label, [a.tag(p, i.lang) for p in props], i.lang)
    hits = [a.hit(p, 1.0, "", {}, i, (lines.reason("attribute", i.lang),), has_content=False) for p in props]
    quoted = False
    if claims is not None:
        for h in claims.hits:
            ev = h.evidence[0] if h.evidence else None
            if ev is not None and ev.where == "summary":
                quote = ev.shown(i.lang)
                text += lines.text_says(a.tag(h.proposal, i.lang), quote, i.lang)
                hits = [h if x.proposal.id == h.proposal.id else x for x in hits]
                quoted = True
                if i.missing == "dates" and not _DATED.search(ev.text):  # 「協力覚書はいつ頃結ぶ予定？」: the
                    # sentence that names the topic gives no date; a dated one that names a word of it does
                    text += _dated(a, h.proposal, i.lang, rest.split())
    if props and not quoted and i.missing == "dates":  # "and when was the Thai one signed?": a dated sentence
        for p in props:
            text += _dated(a, p, i.lang)
    return answer_of(i, "unrecorded", text, tuple(hits))


def _dated(a: "CorpusView", p, lang: str, words: list[str] | None = None) -> str:
    """"The summary of #N says …" with its first sentence that names a date (and one of `words`, when given), in
    the answer's language; "" when there is none."""
    n = next((k for k, sent in enumerate(p.sentences)
              if _DATED.search(sent) and (words is None or any(w in sent for w in words))), None)
    if n is None:
        return ""
    en = p.en.sentences[n] if p.en and n < len(p.en.sentences) else None
    return lines.text_says(a.tag(p, lang), lines.quoted(p.sentences[n], en, lang), lang)


_DATED = re.compile(r"(?:19|20)\d\d\s*年|\d{1,2}\s*月")  # a year or a month the summary names


def _rest_of_topic(i: Intent, words) -> str:
    """The question's topic words without the words of the thing not recorded ("memorandum signed")."""
    pattern = words.unrecorded[i.missing].pattern if i.missing in words.unrecorded else None
    rest = pattern.sub(" ", f" {i.content} ") if pattern is not None else i.content
    return " ".join(rest.split())


def _counts_it(norm: str, thing: str, words) -> bool:
    """"How many staff are assigned to it?": the count is of the unrecorded thing, not of proposals."""
    pattern = words.unrecorded[thing].pattern
    return pattern is not None and any(
        pattern.match(norm, m.start()) or pattern.match(norm, _SPACES.match(norm, m.end()).end())
        for m in words.lists["count"].finditer(norm))  # ("how many staff" is one phrase of the thing)


_SPACES = re.compile(r"\s*")


def reread(norm: str, i: Intent, words) -> Intent:
    """Applied over any reading (a follow-up's too): a question about what the list does not record."""
    from dataclasses import replace

    thing = words.find_unrecorded(norm)
    if i.kind == "count":  # a count of proposals, unless it counts a thing the list does not record
        thing = next((k for k in words.unrecorded if _counts_it(norm, k, words)), None)
    when = i.asked == "year" and any(k in words.unrecorded and words.unrecorded[k].search(norm)
                                     for k in ("duration", "dates", "results"))  # "how many years do they run?":
    # how long, not the list's fiscal years; "expected CO2 reductions in tonnes per year": a rate
    if thing is None or (i.kind in ("breakdown", "compare", "similar") and not when):
        return i
    names_one = bool(i.numbers or i.subjects or i.filters or i.regions or i.scope is not None)
    other = f" {i.content} "  # ("when each project starts, or who the contact person is": two unrecorded things)
    other = words.any_unrecorded.blank(other)  # (all things' words at once, overlapping ones too: 結果 inside
    # 採択結果 leaves none of it behind)
    other_words = other.split()
    projects, achieved = words.lists.get("projects"), words.lists.get("achieved")
    each = words.lists.get("each")
    of_projects = thing == "results" and projects is not None and achieved is not None \
        and bool(projects.search(norm) and (achieved.search(norm) or (each is not None and each.search(norm))))
    # "What emission reductions have these projects achieved so far?", "What CO2 reductions are expected from each
    # project?": what the projects achieved or are to achieve, whatever it is (not "survey results from previous
    # years")
    if not names_one and other_words and not i.extreme and not of_projects:
        return i  # 「サッカーのワールドカップの結果」: a topic (in no proposal), not a proposal's results; but "which
        # proposal achieved the largest CO2 reductions?" ranks by an amount the list does not record
    return replace(i, kind="unrecorded", missing=thing)


UNIT = KindUnit("unrecorded", (), answer_unrecorded, ("unrecorded.*",))
