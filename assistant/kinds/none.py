"""none: a name in no proposal (after the text was searched), a number that does not exist, nothing searchable."""
from __future__ import annotations

from dataclasses import replace

from .. import lines
from ..answer import Answer
from ..query import Intent
from ..view import CorpusView, Ctx
from .rules import KindUnit, Rule
from ..knowledge import normalize
from .common import allowed_ids, answer_of, names_literally


def answer_none(a: "CorpusView", i: Intent, ctx: Ctx) -> Answer:
    """Named things in no proposal, numbers that do not exist, or nothing searchable."""
    lang = i.lang
    missing = [n for n in i.numbers if a.find(n, i.years) is None]
    if missing:
        text = lines.no_number(missing, a.number_range, lang, a.year_label(lang, i.years))
        return answer_of(i, "none", text, ())
    if i.unknown:
        # a name in no record's metadata may still be in the text (an investor, a university, a plant
        # maker named in a summary): "none" only after the titles and summaries were searched
        for u in i.unknown:
            forms = list(dict.fromkeys(f for f in (u.label(lang), u.ja, u.en) if f))
            for form in forms:
                found = a.topic(replace(i, kind="ranked", content=form), ctx, allowed=allowed_ids(a, i, ctx), topic=form)
                hits = tuple(h for h in found.hits if names_literally(a, form, h))
                if hits:
                    return replace(found, hits=hits) if len(hits) == len(found.hits) else \
                        a.topic(replace(i, kind="ranked", content=form), ctx, allowed={h.proposal.id for h in hits},
                                topic=form)
        names = [u.label(lang) for u in i.unknown]
        countries = {u.country for u in i.unknown if u.country}
        near = [p for p in a.corpus if a.iso_of(p.country) in countries]
        text = lines.no_proposal_for(names, lang, a.year_label(lang, i.years), [a.tag(p, lang) for p in near])
        if _offered_beside(a, i):  # 「名古屋市や横浜市は参加していますか？」: Nagoya in none, Yokohama in #5
            from .listing import answer_list  # (listing answers "none" through this module)

            listed = answer_list(a, replace(i, unknown=(), kind="list"), ctx)
            return replace(listed, text=f"{text} {listed.text}")
        return answer_of(i, "none", text, (), suggestions=tuple(p.number for p in near))
    if i.regions:
        return answer_of(i, "none", lines.no_proposal_for([r.label(lang) for r in i.regions], lang,
                                                        a.year_label(lang, i.years), ()), ())
    return answer_of(i, "none", lines.nothing_matches(lang, a.describe(i, ctx)), ())


_SAME_KIND = {"city": ("domestic_city", "target_area"), "prefecture": ("domestic_city", "target_area"),
              "country": ("country",), "organisation": ("proposer",)}  # an unknown name's kind, the keys it is of


def _offered_beside(a: "CorpusView", i: Intent) -> bool:
    """A name in no proposal offered as an alternative to known ones of the same kind (question_words
    either_names: 「名古屋市や横浜市」, "Nagoya or Yokohama"): each is answered ("Kitakyushu and Surabaya?" asks
    one project with both)."""
    either = a.knowledge.words.lists.get("either_names")
    return bool(i.filters) and either is not None and either.search(normalize(i.question)) is not None \
        and all(any(k in i.filters for k in _SAME_KIND.get(u.kind, ())) for u in i.unknown)


UNIT = KindUnit("none", (
    Rule(50, lambda r: bool(r.i.unknown) and (not (r.i.filters or r.i.regions) or any(
        u.kind != "organisation" for u in r.i.unknown)), "Is JICA involved? Kitakyushu and Surabaya?"),
    # ("Besides Hyderabad, does any proposal cover Delhi?": an exclusion narrows nothing the names could be in)
    Rule(1000, lambda r: True, "(nothing else applies)"),
), answer_none, ("none.no_number", "none.no_proposal", "none.same_country", "none.nothing_matches", "scope.among",
                 "listing.*"))
