"""Answer lines: fixed templates in Japanese and English, filled with computed values.

Nothing here is generated; each function formats values it is given.
"""
from __future__ import annotations

from .query import attribute_label


def other(lang: str) -> str:
    return "ja" if lang == "en" else "en"


def join(values, lang: str) -> str:
    return (", " if lang == "en" else "、").join(values)


def cite(items, lang: str) -> str:
    """Citations: numbers become "#N"; strings (already "#N (FY2025)") are kept."""
    return join([f"#{n}" if isinstance(n, int) else n for n in items], lang)


def both(value: str, other_value: str, lang: str) -> str:
    """A value with its other-language form in brackets, when that differs."""
    if not other_value or other_value == value:
        return value
    return f"{value} ({other_value})" if lang == "en" else f"{value}（{other_value}）"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


REASONS = {
    "metadata": ("条件に一致", "matches the question's conditions"),
    "attribute": ("質問の事業", "the project asked about"),
    "compare": ("比較対象", "compared"),
    "lookup": ("指定された番号", "the number asked for"),
    "keyword": ("キーワード一致", "keyword match"),
    "filters": ("絞り込み条件に一致", "matches the filters"),
    "names": ("本文がこの話題に触れている", "the text names the topic"),
    "meaning": ("意味の近い記述がある", "a sentence close in meaning"),
    "related": ("近いが、この話題への言及はない", "nearby, but does not mention the topic"),
}


def reason(code: str, lang: str, value: float | None = None) -> str:
    if code == "semantic":
        return f"semantic similarity {value:.3f}" if lang == "en" else f"意味の近さ {value:.3f}"
    ja, en = REASONS[code]
    return en if lang == "en" else ja


def no_number(missing, number_range: tuple[int, int], lang: str, year: str) -> str:
    lo, hi = number_range
    nums = cite(missing, lang)
    if lang == "en":
        return f"There is no proposal {nums} in {year}: proposals are numbered {lo} to {hi}."
    return f"{year}の提案に{nums}はありません（番号は{lo}〜{hi}です）。"


def no_year(missing, loaded, lang: str) -> str:
    from index.corpus import fiscal_label

    want = join([fiscal_label(y, lang) for y in missing], lang)
    have = join([fiscal_label(y, lang) for y in loaded], lang)
    if lang == "en":
        return f"No list for {want} is loaded (loaded: {have}). Add one with `c2c add FILE`."
    return f"{want}の一覧は読み込まれていません（読み込み済み：{have}）。`c2c add FILE` で追加できます。"


def no_proposal_for(names, lang: str, year: str, suggest) -> str:
    if lang == "en":
        text = f"No {year} proposal involves {' or '.join(names)}."
        if suggest:
            text += f" Proposals in the same country: {cite(suggest, lang)}."
        return text
    text = f"{'・'.join(names)}に関わる{year}の提案はありません。"
    if suggest:
        text += f"同じ国の事業：{cite(suggest, lang)}"
    return text


def nothing_matches(lang: str, desc: str) -> str:
    if lang == "en":
        scope = f" among projects {desc}" if desc else ""
        return (f"No project matches this question{scope}. Try other words, or ask by number, "
                "country, city, proposer or field.")
    scope = f"（{desc}）" if desc else ""
    return f"この質問に合う事業は見つかりませんでした{scope}。別の言葉で聞くか、番号・国・都市・提案者・分野で聞いてください。"


def lookup(cited, lang: str) -> str:
    """cited: [(citation, view)]."""
    parts = [f"{c} {v.title}" for c, v in cited]
    return ("; ".join(parts)) if lang == "en" else "／".join(parts)


def attribute(key: str, pairs, lang: str) -> str:
    """pairs: [(citation "#N", [value, ...])]."""
    label = attribute_label(key, lang)
    if lang == "en":
        verb = {"proposer": "Proposer", "domestic_city": "Japanese city", "target_area": "Partner city / region",
                "country": "Country", "fields": "Target fields", "title": "Title", "year": "Fiscal year"}[key]
        return "; ".join(f"{verb} of {n}: {', '.join(values)}" for n, values in pairs)
    return "／".join(f"{n}の{label}は{'、'.join(values)}です" for n, values in pairs) + "。"


def count(n: int, numbers, desc: str, *, lang: str, year: str) -> str:
    if lang == "en":
        scope = f" {desc}" if desc else f" in {year}"
        return f"{plural(n, 'project')}{scope}" + (f": {cite(numbers, lang)}" if numbers else ".")
    scope = f"（{desc}）" if desc else f"（{year}）"
    return f"該当する事業は{n}件です{scope}" + (f"：{cite(numbers, lang)}" if numbers else "。")


def listing(n: int, numbers, desc: str, lang: str) -> str:
    if not n:
        return f"No project {desc}." if lang == "en" else f"該当する事業はありません（{desc}）。"
    if lang == "en":
        return f"{plural(n, 'project')} {desc}: {cite(numbers, lang)}".replace("  ", " ")
    scope = f"（{desc}）" if desc else ""
    return f"該当する事業は{n}件です{scope}：{cite(numbers, lang)}"


GROUP_EN = {"country": "countries", "domestic_city": "Japanese cities", "target_area": "partner cities / regions",
            "proposer": "proposers", "fields": "target fields", "year": "fiscal years"}


GROUP_EN_ONE = {"country": "country", "domestic_city": "Japanese city", "target_area": "partner city / region",
                "proposer": "proposer", "fields": "target field", "year": "fiscal year"}
ORDINAL_EN = {2: "Second", 3: "Third", 4: "Fourth", 5: "Fifth"}


def breakdown(key: str, named, total: int, desc: str, lang: str, *, extreme: str | None, winners,
              rank: int = 1) -> str:
    """named: [(label, [numbers])] most first; winners: the ones with the most/least."""
    def item(label, nums):
        return (f"{label} {len(nums)} ({cite(nums, lang)})" if lang == "en"
                else f"{label} {len(nums)}件（{cite(nums, lang)}）")

    if lang == "en":
        scope = f" {desc}" if desc else ""
        if not named:
            return f"No project{scope}."
        head = ""
        if winners and extreme == "several":
            head = f"With more than one project: {'; '.join(item(w, nums) for w, nums in winners)}. "
        elif winners:
            n = len(winners[0][1])
            which = "Most" if extreme == "most" else "Fewest"
            if rank > 1:
                which = f"{ORDINAL_EN.get(rank, f'{rank}th')} {'most' if extreme == 'most' else 'fewest'}"
            each = " each" if len(winners) > 1 else ""
            head = f"{which} projects: {' and '.join(w for w, _ in winners)} ({plural(n, 'project')}{each}). "
        group = GROUP_EN[key] if len(named) != 1 else GROUP_EN_ONE[key]
        return (f"{head}{len(named)} {group} across {plural(total, 'project')}{scope}: "
                + "; ".join(item(label, nums) for label, nums in named))
    label = attribute_label(key, lang)
    scope = f"（{desc}）" if desc else ""
    if not named:
        return f"該当する事業はありません{scope}。"
    head = ""
    if winners and extreme == "several":
        head = f"複数の事業がある{label}：{'、'.join(item(w, nums) for w, nums in winners)}。"
    elif winners:
        n = len(winners[0][1])
        which = "最も多い" if extreme == "most" else "最も少ない"
        if rank > 1:
            which = f"{rank}番目に{'多い' if extreme == 'most' else '少ない'}"
        head = f"{which}{label}は{'と'.join(w for w, _ in winners)}（{n}件）です。"
    return f"{head}{total}件の事業{scope}の{label}は{len(named)}種類：" + "、".join(item(lb, nums) for lb, nums in named)


def same(lang: str) -> str:
    return "same" if lang == "en" else "同じ"


def different(lang: str) -> str:
    return "different" if lang == "en" else "異なる"


def verdict_header(lang: str) -> str:
    return "same or different" if lang == "en" else "同じ／異なる"


def shared_fields(names, lang: str) -> str:
    if lang == "en":
        return f"shared: {', '.join(names)}" if names else "none shared"
    return f"共通：{'、'.join(names)}" if names else "共通なし"


def compare(items, same_items, differ_items, lang: str) -> str:
    """Shared values, then what differs with each proposal's value ("country: #3 Vietnam, #9 Indonesia");
    for target fields, the shared ones among the shared values and each proposal's others among the
    differences (each field once)."""
    nums = (" and " if lang == "en" else "と").join(items)

    def values(pairs, sep):
        return sep.join(f"{tag} {v}" if v else f"{tag} –" for tag, v in pairs)

    if lang == "en":
        s = "; ".join(f"{_lower_first(attribute_label(k, lang))}: {v}" for k, v in same_items) or "no listed attribute"
        d = "; ".join(f"{'other target fields' if k == 'fields' else _lower_first(attribute_label(k, lang))}"
                      + (f": {values(pairs, ', ')}" if pairs else "") for k, pairs in differ_items) or "nothing listed"
        return f"{nums} share: {s}. They differ in: {d}."
    s = "、".join(f"{attribute_label(k, lang)}（{v}）" for k, v in same_items) or "共通の項目なし"
    d = "、".join(f"{'その他の対象分野' if k == 'fields' else attribute_label(k, lang)}"
                 + (f"（{values(pairs, '／')}）" if pairs else "") for k, pairs in differ_items) or "なし"
    return f"{nums}の共通点：{s}。異なる点：{d}。"


def _lower_first(label: str) -> str:
    """"Country" -> "country", but "Japanese city" stays (a proper adjective)."""
    return label if label.split()[0] in ("Japanese",) else label[:1].lower() + label[1:]


def similar(target: str, items, lang: str) -> str:
    if lang == "en":
        return f"Projects most similar to {target}: {cite(items, lang)}"
    return f"{target} に似た事業：{cite(items, lang)}"


def topic(label: str, by_name, by_meaning, desc: str, lang: str) -> str:
    """"3 projects mention “LED lighting”: #14 and #18; close in meaning: #6" — the claim and its number."""
    n = len(by_name) + len(by_meaning)
    if lang == "en":
        scope = f" among projects {desc}" if desc else ""
        verb = "mentions" if n == 1 else "mention"
        head = f"{plural(n, 'project')}{scope} {verb} “{label}”" if by_name else \
            f"{plural(n, 'project')}{scope} {'has' if n == 1 else 'have'} a sentence close in meaning to “{label}”"
        if by_name and by_meaning:
            return f"{head}: {and_list(by_name, lang)} name it; {and_list(by_meaning, lang)} " \
                   f"{'has' if len(by_meaning) == 1 else 'have'} a sentence close in meaning."
        return f"{head}: {and_list(by_name or by_meaning, lang)}."
    scope = f"（{desc}）" if desc else ""
    if by_name and by_meaning:
        return f"「{label}」に触れている事業は{n}件です{scope}：{cite(by_name, lang)}（記述あり）、" \
               f"{cite(by_meaning, lang)}（意味の近い記述）。"
    if by_name:
        return f"「{label}」に触れている事業は{n}件です{scope}：{cite(by_name, lang)}。"
    return f"「{label}」に意味の近い記述がある事業は{n}件です{scope}：{cite(by_meaning, lang)}。"


def no_topic(label: str, desc: str, lang: str, year: str) -> str:
    """Nothing in the text supports the topic: said plainly."""
    if lang == "en":
        scope = f" among projects {desc}" if desc else ""
        return f"No {year} proposal{scope} mentions “{label}”."
    scope = f"（{desc}）" if desc else ""
    return f"「{label}」に触れている{year}の事業はありません{scope}。"


RECORDED = {"en": "the proposer, the Japanese city, the partner city or region, the country, the title, the target "
                  "fields and a summary",
            "ja": "提案者・国内都市・対象都市・地域・対象国・事業名・対象分野・事業概要"}


def unrecorded(missing: str, cited, lang: str) -> str:
    """The list does not record it; what it does record (for the proposal meant, if one)."""
    if lang == "en":
        head = f"The list does not record {missing} for any proposal."
        tail = f" For {and_list(cited, lang)} it records {RECORDED['en']}." if cited else \
            f" It records {RECORDED['en']} of each proposal."
        return head + tail
    head = f"一覧には{missing}の記載がありません。"
    tail = f"{cite(cited, lang)}について記載があるのは{RECORDED['ja']}です。" if cited else \
        f"記載があるのは各事業の{RECORDED['ja']}です。"
    return head + tail


def per_proposal(key: str, winners, n: int, total: int, desc: str, lang: str, *, least: bool) -> str:
    """"#12 has the most target fields (6 of them)." / 「対象分野が最も多い事業は#12（6件）です。」"""
    label = attribute_label(key, lang)
    if lang == "en":
        label = GROUP_EN.get(key, label)
        scope = f" among {plural(total, 'project')} {desc}".rstrip() if desc else ""
        which = "fewest" if least else "most"
        verb = "has" if len(winners) == 1 else "have"
        return f"{and_list(winners, lang)} {verb} the {which} {label.lower()}{scope}: {n} each." if len(winners) > 1 \
            else f"{winners[0]} has the {which} {label.lower()}{scope}: {n}."
    scope = f"（{desc}）" if desc else ""
    return f"{label}が最も{'少ない' if least else '多い'}事業{scope}は{cite(winners, lang)}（{n}件）です。"


def alternatives(parts, lang: str) -> str:
    """"solar or wind power" / 「ホテル・リゾート施設」."""
    return (" or " if lang == "en" else "・").join(parts)


def and_list(items, lang: str) -> str:
    """"#1, #2 and #3" / 「#1、#2、#3」."""
    items = [f"#{n}" if isinstance(n, int) else n for n in items]
    if lang != "en" or len(items) < 2:
        return join(items, lang)
    return ", ".join(items[:-1]) + " and " + items[-1]


def ranked(numbers, desc: str, lang: str) -> str:
    if lang == "en":
        scope = f" (only projects {desc})" if desc else ""
        return f"Best matches{scope}: {cite(numbers, lang)}"
    scope = f"（{desc}に限定）" if desc else ""
    return f"関連する事業{scope}：{cite(numbers, lang)}"
