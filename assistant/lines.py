"""Answer lines: the catalogue's templates (data/messages.json) filled with computed values.

Nothing here is generated and nothing here is spelled in a language: each function computes the values
(numbers, citations, labels from the records and the glossary) and asks `messages.msg` for the sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache

from index.resources import data_path

from .messages import and_join, msg
from .messages import join as _join
from .query import Intent, attribute_label

OTHER = {"ja": "en", "en": "ja"}


def other(lang: str) -> str:
    return OTHER[lang]


def join(values, lang: str) -> str:
    return _join(values, lang)


def cite(items, lang: str) -> str:
    """Citations: numbers become "#N"; strings (already "#N (FY2025)") are kept."""
    return join([f"#{n}" if isinstance(n, int) else n for n in items], lang)


def both(value: str, other_value: str, lang: str) -> str:
    """A value with its other-language form in brackets, when that differs."""
    if not other_value or other_value == value:
        return value
    return msg("both", lang, value=value, other=other_value)


def projects(n: int, lang: str) -> str:
    """"1 project" / "3 projects" / 「3件」."""
    return msg("project.n", lang, n=n)


def reason(code: str, lang: str, value: float | None = None) -> str:
    if code == "semantic":
        return msg("reason.semantic", lang, value=value)
    return msg(f"reason.{code}", lang)


def no_number(missing, number_range: tuple[int, int], lang: str, year: str) -> str:
    lo, hi = number_range
    return msg("none.no_number", lang, nums=cite(missing, lang), year=year, lo=lo, hi=hi)


def no_year(missing, loaded, lang: str) -> str:
    from index.corpus import fiscal_label

    want = join([fiscal_label(y, lang) for y in missing], lang)
    have = join([fiscal_label(y, lang) for y in loaded], lang)
    return msg("none.no_year", lang, want=want, have=have)


def no_proposal_for(names, lang: str, year: str, suggest) -> str:
    text = msg("none.no_proposal", lang, year=year, names=msg("sep.or", lang).join(names))
    if suggest:
        text += msg("none.same_country", lang, cites=cite(suggest, lang))
    return text


def nothing_matches(lang: str, desc: str) -> str:
    scope = msg("scope.among", lang, desc=desc) if desc else ""
    return msg("none.nothing_matches", lang, scope=scope)


def lookup(cited, lang: str) -> str:
    """cited: [(citation, view, country label)] (the country as other answers name it: "Vietnam", not the
    rendering's "Viet Nam")."""
    return msg("sep.items", lang).join(
        msg("lookup.item", lang, tag=c, title=v.title, proposer=v.proposer, city=v.domestic_city,
            partner=v.target_area, country=country) for c, v, country in cited)


def attribute(key: str, pairs, lang: str, besides: str = "") -> str:
    """pairs: [(citation "#N", [value, ...])]; `besides`: the values the question set apart, in words."""
    label = msg(f"attribute.label.{key}", lang)
    if besides:  # "What fields does #3 list besides waste management?" (said where the language says it)
        label = msg("attribute.besides_label", lang, label=label, names=besides)
    def item(n, values):  # several target fields: how many, too ("Target fields of #11 (8): …")
        if besides:
            n = msg("attribute.besides_tag", lang, tag=n, names=besides)
        if key == "fields" and len(values) > 1:
            return msg("attribute.item_n", lang, tag=n, label=label, values=join(values, lang), n=len(values))
        return msg("attribute.item", lang, tag=n, label=label, values=join(values, lang))

    return msg("sep.items", lang).join(item(n, values) for n, values in pairs) + msg("end.sentence", lang)


def count(n: int, numbers, desc: str, *, lang: str, year: str) -> str:
    scope = msg("count.scope", lang, desc=desc) if desc else msg("count.scope_year", lang, year=year)
    head = msg("count.head", lang, n=n, scope=scope)
    return head + (msg("tail.cites", lang, cites=cite(numbers, lang)) if numbers else msg("tail.none", lang))


def with_value(tag: str, value: str, lang: str) -> str:
    """"#16 (Oriental Consultants)" / 「#16（オリエンタルコンサルタンツ）」."""
    return msg("cite.with_value", lang, tag=tag, value=value)


def listing(n: int, numbers, desc: str, lang: str) -> str:
    if not n:
        return msg("listing.empty", lang, desc=desc)
    scope = msg("listing.scope", lang, desc=desc) if desc else msg("listing.scope_none", lang)
    return msg("listing.head", lang, n=n, scope=scope, cites=cite(numbers, lang)).replace("  ", " ")


def group(key: str, n: int, lang: str) -> str:
    """"countries" / "country" for n of them (English); the attribute's label in Japanese."""
    return msg(f"group.{key}", lang, n=n) or attribute_label(key, lang)


def breakdown(key: str, named, total: int, desc: str, lang: str, *, extreme: str | None, winners,
              rank: int = 1) -> str:
    """named: [(label, [numbers])] most first; winners: the ones with the most/least."""
    def item(label, nums):
        return msg("breakdown.item", lang, label=label, n=len(nums), cites=cite(nums, lang))

    label = attribute_label(key, lang)
    scope = msg("breakdown.scope", lang, desc=desc) if desc else ""
    if not named:
        return msg("breakdown.empty", lang, scope=scope)
    head = ""
    if winners and extreme == "several":
        head = msg("breakdown.several", lang, label=label, n=len(winners),
                   items=msg("sep.breakdown", lang).join(item(w, nums) for w, nums in winners))
    elif winners:
        k = len(winners[0][1])
        most = extreme == "most"
        if rank > 1:
            ordinal = msg(f"ordinal.{rank}", lang) if f"ordinal.{rank}" in _ids() else msg("ordinal.n", lang, rank=rank)
            which = msg("breakdown.nth_most" if most else "breakdown.nth_least", lang, rank=rank, ordinal=ordinal)
        else:
            which = msg("breakdown.most" if most else "breakdown.least", lang)
        head = msg("breakdown.winners", lang, n=len(winners), k=k, which=which, label=label,
                   names=msg("sep.and_names", lang).join(w for w, _ in winners), count=projects(k, lang))
    return head + msg("breakdown.tail", lang, total=total, scope=scope, label=label, groups=len(named),
                      group=group(key, len(named), lang), projects=projects(total, lang),
                      items=msg("sep.breakdown", lang).join(item(lb, nums) for lb, nums in named))


def _ids():
    from .messages import catalogue

    return catalogue()


def same(lang: str) -> str:
    return msg("compare.same", lang)


def different(lang: str) -> str:
    return msg("compare.different", lang)


def verdict_header(lang: str) -> str:
    return msg("compare.verdict_header", lang)


def shared_fields(names, lang: str) -> str:
    return msg("compare.shared_fields", lang, names=join(names, lang)) if names else msg("compare.none_shared", lang)


def compare(items, same_items, differ_items, lang: str) -> str:
    """Shared values, then what differs with each proposal's value ("country: #3 Vietnam, #9 Indonesia");
    for target fields, the shared ones among the shared values and each proposal's others among the
    differences (each field once)."""
    def values(pairs):
        return msg("compare.values_sep", lang).join(
            msg("compare.value", lang, tag=tag, value=v) if v else msg("compare.no_value", lang, tag=tag)
            for tag, v in pairs)

    def differ_label(k):
        return msg("compare.other_fields", lang) if k == "fields" else _lower_first(attribute_label(k, lang))

    same_part = msg("sep.breakdown", lang).join(
        msg("compare.same_item", lang, label=_lower_first(attribute_label(k, lang)), value=v) for k, v in same_items
    ) or msg("compare.nothing_same", lang)
    differ_part = msg("sep.breakdown", lang).join(
        msg("compare.differ_values", lang, label=differ_label(k), values=values(pairs)) if pairs else differ_label(k)
        for k, pairs in differ_items) or msg("compare.nothing_differs", lang)
    return msg("compare.line", lang, tags=msg("compare.tags_sep", lang).join(items), same=same_part, differ=differ_part)


def _lower_first(label: str) -> str:
    """"Country" -> "country", but "Japanese city" stays (a proper adjective); Japanese is unchanged."""
    return label if label.split()[0] in ("Japanese",) else label[:1].lower() + label[1:]


def similar(target: str, items, lang: str) -> str:
    return msg("similar.line", lang, target=target, cites=cite(items, lang))


def _topic_scope(desc: str, lang: str) -> str:
    """" among projects in Vietnam", but " other than #12" (no "projects among projects")."""
    if not desc:
        return ""
    sets = [msg(k, lang, cited="").strip() for k in ("describe.other_than", "describe.among")]
    return msg("topic.scope_set" if any(s and desc.startswith(s) for s in sets) else "topic.scope", lang, desc=desc)


def topic(label: str, by_name, by_meaning, desc: str, lang: str) -> str:
    """"3 projects mention “LED lighting”: #14 and #18." — the claim and its number."""
    n = len(by_name) + len(by_meaning)
    scope = _topic_scope(desc, lang)
    if by_name and by_meaning:
        return msg("topic.both", lang, n=n, scope=scope, label=label, names=and_list(by_name, lang),
                   meaning=and_list(by_meaning, lang), has=msg("topic.has", lang, n=len(by_meaning)))
    if by_name:
        return msg("topic.names", lang, n=n, scope=scope, label=label, cites=and_list(by_name, lang))
    return msg("topic.meaning", lang, n=n, scope=scope, label=label, cites=and_list(by_meaning, lang))


def no_topic(label: str, desc: str, lang: str, year: str, read: int | None = None) -> str:
    """Nothing in the text supports the topic: said plainly (with `read`, only that many proposals were
    read - a corpus too large to read whole - and the line says so)."""
    scope = _topic_scope(desc, lang)
    if read is not None:
        return msg("topic.none_partial", lang, label=label, scope=scope, k=read)
    return msg("topic.none", lang, label=label, scope=scope, year=year)


def unrecorded(missing: str, cited, lang: str) -> str:
    """The list does not record it; what it does record (for the proposal meant, if one)."""
    recorded = msg("unrecorded.recorded", lang)
    head = msg("unrecorded.head", lang, missing=missing)
    tail = msg("unrecorded.for", lang, cites=and_list(cited, lang), recorded=recorded) if cited else \
        msg("unrecorded.each", lang, recorded=recorded)
    return head + tail


def text_says(tag: str, quote: str, lang: str) -> str:
    """What a summary sentence says about a thing the list has no column for (a date in the text)."""
    return msg("unrecorded.text_says", lang, tag=tag, quote=quote)


def quoted(text: str, en: str | None, lang: str) -> str:
    """A source sentence as an answer line shows it: the verbatim Japanese in 「」; in English, its rendering with
    the Japanese it renders (a rendering alone is no quote of the source)."""
    if lang == "en" and en:
        return msg("quote.rendered", lang, quote=en, original=text)
    return msg("quote.source", lang, quote=text)


def topic_quote(quote: str, lang: str) -> str:
    """The sentence that supports a topic, after the answer line about one proposal."""
    return msg("topic.quote", lang, quote=quote)


def topic_more_quote(quote: str, lang: str) -> str:
    """One more sentence that supports the topic, after `topic_quote` ("what studies does it plan?")."""
    return msg("topic.quote_more", lang, quote=quote)


def topic_quotes(quotes, lang: str) -> str:
    """The sentence that supports a topic for each of a few claimed proposals: [(number, quote)]."""
    return msg("topic.quotes", lang, items=msg("sep.items", lang).join(
        msg("topic.quote_item", lang, n=n, quote=q) for n, q in quotes))


def per_proposal(key: str, winners, n: int, total: int, desc: str, lang: str, *, least: bool, rank: int = 1) -> str:
    """"#11 has the most target fields: 8." / 「対象分野が最も多い事業は#11（8件）です。」; at a rank below the first,
    "the second most" / 「2番目に少ない」."""
    label = group(key, 2, lang)
    scope = (msg("per_proposal.scope", lang, projects=projects(total, lang), desc=desc).rstrip() if desc else "")
    if rank > 1:
        ordinal = msg(f"ordinal.{rank}", lang) if f"ordinal.{rank}" in _ids() else msg("ordinal.n", lang, rank=rank)
        which = msg("per_proposal.nth_least" if least else "per_proposal.nth_most", lang, rank=rank,
                    ordinal=ordinal.lower())
    else:
        which = msg("per_proposal.least" if least else "per_proposal.most", lang)
    return msg("per_proposal.line", lang, n=len(winners), k=n, cites=and_list(winners, lang), which=which,
               label=label, scope=scope)


def alternatives(parts, lang: str) -> str:
    """"solar or wind power" / 「ホテル・リゾート施設」."""
    return msg("sep.or", lang).join(parts)


_LATIN_RUN = re.compile(r"[a-z][a-z0-9'-]*")


@lru_cache(maxsize=1)
def _acronyms() -> dict[str, str]:
    """The acronyms of the glossary's terms (data/terms.json: MOU, JCM, LED) by their lower-case form."""
    from .evidence import terms_file  # (evidence reads the lines it quotes with: imported when first asked)

    groups = terms_file(data_path("terms.json"))["groups"]
    return {w.lower(): w for g in groups for w in g.get("en", ()) if re.fullmatch(r"[A-Z][A-Z0-9]+s?", w)}


def topic_label(topic: str, intent: Intent) -> str:
    """The topic as the answer line names it: its words as the question typed them ("LED", "Sojitz"); a
    follow-up's topic, typed in an earlier question, writes a known acronym in capitals (「覚書・MOU」)."""
    said = re.findall(r"[A-Za-z][A-Za-z0-9'-]*", intent.question)
    typed = {**_acronyms(), **{w.lower().replace("-", ""): w for w in said if "-" in w},  # "e-buses", read "ebuses"
             **{w.lower(): w for w in said}}

    def shown_as(words):
        return _with_little_words(" ".join(_LATIN_RUN.sub(lambda m: typed.get(m.group(), m.group()), w) for w in words),
                                  intent.question)

    parts, shown = [], set()
    for head, leads, last in _same_last(topic.split(" / ")):  # a word the alternatives share is named once (ボイラー
        # 高効率化・更新; ボイラー・冷凍機 高効率化; ゴミ収集 車両・船 電動化)
        if leads:
            shown.update(w for lead in leads for w in lead.split())
            middle = alternatives(list(dict.fromkeys(shown_as(lead.split()) for lead in leads)), intent.lang)
            parts.append(" ".join(x for x in (shown_as(head.split()), middle, shown_as([last])) if x))
        else:
            words = [w for w in last.split() if w not in shown] or last.split()
            parts.append(shown_as(words))
        shown.update(head.split() + last.split())
    return alternatives(list(dict.fromkeys(parts)), intent.lang)


def _same_last(parts: list[str]) -> list[tuple[str, list[str], str]]:
    """Alternatives in a row that end in the same word, with the same words first and words of their own between
    (ボイラー 高効率化 / 冷凍機 高効率化; ゴミ収集 車両 電動化 / ゴミ収集 船 電動化): (the first words, their own words, the
    last word) once; any other alternative as ("", [], itself)."""
    out: list[tuple[str, list[str], str]] = []
    for part in parts:
        words = part.split()
        if out and len(words) >= 2:
            head, leads, last = out[-1]
            if leads and words[-1] == last and " ".join(words[:-1]).startswith(head) \
                    and (own := " ".join(words[len(head.split()):-1])):
                leads.append(own)
                continue
            before = last.split()
            if not leads and len(before) >= 2 and before[-1] == words[-1]:
                n = 0
                while n < min(len(before), len(words)) - 1 and before[n] == words[n]:
                    n += 1
                mine, theirs = before[n:-1], words[n:-1]
                if mine and theirs and not set(mine) & set(theirs):
                    out[-1] = (" ".join(before[:n]), [" ".join(mine), " ".join(theirs)], words[-1])
                    continue
        out.append(("", [], part))
    return out


_LITTLE = ("to", "of", "for", "and", "in", "on", "by", "into", "from")


def _with_little_words(label: str, question: str) -> str:
    """"Race Zero" -> "Race to Zero", "memorandum understanding" -> "memorandum of understanding": a little
    word the question had between two of the label's words is shown again."""
    words = label.split()
    if len(words) < 2 or not label.isascii():
        return label
    out = [words[0]]
    for a, b in zip(words, words[1:]):
        m = re.search(rf"\b{re.escape(a)}\s+({'|'.join(_LITTLE)})\s+{re.escape(b)}\b", question, re.IGNORECASE)
        if m:
            out.append(m.group(1).lower())
        out.append(b)
    return " ".join(out)


def check(tag: str, yes: bool, lang: str, *, label: str = "", desc: str = "", quote: str = "",
          actual: str = "") -> str:
    """"Yes: #3 mentions “solar power”." / 「いいえ、#15は該当しません（対象分野：省エネルギー）。」 A yes from the text
    quotes the sentence that says it; a no from the record says what the record has instead (`actual`): "No: #5 is
    not by Nippon Koei Co., Ltd. It is by Overseas Environmental Cooperation Center (OECC)."."""
    if label:
        line = msg("check.topic_yes" if yes else "check.topic_no", lang, tag=tag, label=label)
        return line + (msg("check.quote", lang, quote=quote) if yes and quote else "")
    line = msg("check.filter_yes" if yes else "check.filter_no", lang, tag=tag, desc=desc)
    if not yes and actual:
        line += msg("check.filter_actual", lang, tag=tag, actual=actual)
    return line.replace("..", ".")  # a value that ends with a full stop (Co., Ltd.) ends the sentence


def and_list(items, lang: str) -> str:
    """"#1, #2 and #3" / 「#1、#2、#3」."""
    return and_join([f"#{n}" if isinstance(n, int) else n for n in items], lang)


def ranked(numbers, desc: str, lang: str) -> str:
    scope = msg("ranked.scope", lang, desc=desc) if desc else ""
    return msg("ranked.line", lang, scope=scope, cites=cite(numbers, lang))


def not_named(label: str, cites, named, desc: str, lang: str) -> str:
    """"15 projects do not mention “JCM”: #1, #2 … (3 do: #5 …)" — the complement of a topic's claims, the
    claimed ones said apart."""
    scope = _topic_scope(desc, lang)
    if not cites:
        return msg("topic.not_named_all", lang, label=label, scope=scope, n=len(named), named=and_list(named, lang))
    apart = msg("topic.named_apart", lang, n=len(named), named=and_list(named, lang)) if named \
        else msg("topic.named_apart_none", lang)
    return msg("topic.not_named", lang, n=len(cites), scope=scope, label=label, cites=and_list(cites, lang),
               apart=apart).strip()


def share(n: int, total: int, lang: str) -> str:
    """" (33% of all 18)" / 「（全18件の33%）」: a count as a share of the whole list."""
    return msg("count.share", lang, pct=round(100 * n / total) if total else 0, total=total)
