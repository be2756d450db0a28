"""Turn answers into terminal text and into safe HTML for the web app, one layout per answer kind.

Every answer starts with its answer line. `breakdown` and `compare` answers show
their table (HTML <table>, or aligned text columns in a terminal); `none`
answers a short message (and proposals worth a look, if any); every other kind
shows compact cards: number, title, one line of metadata, field chips and the
single best quote, with further quotes and the full proposal behind one
disclosure.

Quotes are shown verbatim (`Quote.text` as is). In HTML every piece of text is
escaped and the matched words are wrapped in <mark>; in a terminal they are
underlined when stdout is a TTY and left plain otherwise, so the printed quote
is the source text itself.
"""
from __future__ import annotations

import re
import sys
import unicodedata

from index.corpus import Proposal, View

from .answer import Answer, Hit, Quote, Table
from .messages import join, msg, shows_rendering
from .query import attribute_label

TABLE_KINDS = ("breakdown", "compare")
REASON_KINDS = ("ranked", "similar")  # kinds whose cards say why each proposal is there


def plain_tag(p: Proposal, lang: str) -> str:
    """A citation without the year (one fiscal year loaded); `Assistant.tag` adds it when several are."""
    return f"#{p.number}"

WORDS = {
    "ja": {"unofficial_note": "英語訳：本ツール用の非公式訳", "unofficial": "非公式訳",
           "more": "ほかの引用 {n} 件・全文", "full": "全文を表示", "suggest": "参考になりそうな事業：{}",
           "fields": "対象分野", "original": "原文（日本語）",
           "copy": "回答をコピー", "copied": "コピーしました",
           "related": "関連（この回答には含めていません）", "names": "テーマを明記", "meaning": "意味が近い",
           "proposal": "事業", "value": "{key}", "gist": "各事業の要点（原文）", "shared": "共通",
           "differing": "異なる点", "compare_head": "{tags}の比較", "records": "各事業の全文",
           "followups": "続けて質問：", "fu_proposer": "提案者は？", "fu_compare": "{a}と{b}を比較",
           "fu_similar": "{a}に似た事業", "fu_fields": "{a}の対象分野は？", "fu_city": "国内都市は？"},
    "en": {"unofficial_note": "English rendering: unofficial translation made for this tool",
           "unofficial": "unofficial",
           "more": "{n} more quotes · full proposal", "full": "Full proposal",
           "suggest": "Perhaps worth a look: {}", "fields": "fields", "original": "Original (Japanese)",
           "copy": "Copy answer", "copied": "Copied",
           "related": "See also (not part of this answer)", "names": "names the topic", "meaning": "close in meaning",
           "proposal": "Proposal", "value": "{key}", "gist": "What each proposal does (quoted)", "shared": "Shared",
           "differing": "Differences", "compare_head": "Comparing {tags}", "records": "Full records",
           "followups": "Ask next:", "fu_proposer": "who proposed them?", "fu_compare": "compare {a} and {b}",
           "fu_similar": "similar to {a}", "fu_fields": "what fields does {a} cover?",
           "fu_city": "which Japanese cities?"},
}
UNOFFICIAL = {lang: w["unofficial_note"] for lang, w in WORDS.items()}


def _w(lang: str) -> dict:
    return WORDS[lang]


def _apply_marks(text: str, marks, open_: str, close: str, escape) -> str:
    out, pos = [], 0
    for a, b in marks:
        out.append(escape(text[pos:a]))
        out.append(open_ + escape(text[a:b]) + close)
        pos = b
    out.append(escape(text[pos:]))
    return "".join(out)


def best_quote(h: Hit) -> tuple[Quote | None, list[Quote]]:
    """The quote with the most marked characters (the first on a tie) and the others in source order."""
    if not h.quotes:
        return None, []
    best = max(h.quotes, key=lambda q: (sum(b - a for a, b in q.marks) + sum(b - a for a, b in q.en_marks),
                                        -q.sentence))
    return best, [q for q in h.quotes if q is not best]


def meta_line(v: View) -> str:
    """One line of metadata: proposer | Japanese city – partner (country)."""
    return msg("meta.line", v.lang, proposer=v.proposer, city=v.domestic_city, partner=v.target_area,
               country=v.country)


def _join(values, lang: str) -> str:
    return join([str(v) for v in values], lang)


def suggestion_line(answer: Answer) -> str:
    if not answer.suggestions:
        return ""
    return _w(answer.lang)["suggest"].format(_join((f"#{n}" for n in answer.suggestions), answer.lang))


# ---------------------------------------------------------------- text (terminal)

def text_width(s: str) -> int:
    """Columns a string takes in a terminal (wide East Asian characters count two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
               for c in s)


def table_text(table: Table) -> str:
    """A table as aligned text columns (numbers right-aligned)."""
    rows = [tuple("" if c is None else str(c) for c in table.columns)]
    rows += [tuple("" if c is None else str(c) for c in r) for r in table.rows]
    n = max(len(r) for r in rows)
    rows = [r + ("",) * (n - len(r)) for r in rows]
    widths = [max(text_width(r[i]) for r in rows) for i in range(n)]
    numeric = [bool(table.rows) and all(isinstance(r[i], (int, float)) for r in table.rows if i < len(r))
               for i in range(n)]
    out = []
    for k, r in enumerate(rows):
        cells = []
        for i, c in enumerate(r):
            pad = " " * (widths[i] - text_width(c))
            cells.append(pad + c if (numeric[i] and k) else c + pad)
        out.append("  ".join(cells).rstrip())
        if k == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def _quote_text(q: Quote, lang: str, u_on: str, u_off: str) -> list[str]:
    a, b = brackets(q.text)
    lines = ["   " + a + _apply_marks(q.text, q.marks, u_on, u_off, str) + b]
    if shows_rendering(lang) and q.en:
        lines.append("     " + _apply_marks(q.en, q.en_marks, u_on, u_off, str) + " [unofficial]")
    return lines


def hit_text(h: Hit, lang: str, *, u_on: str = "", u_off: str = "", reasons: bool = False,
             tag=plain_tag) -> list[str]:
    v = h.proposal.view(lang)
    lines = [f"{tag(h.proposal, lang)} {v.title}", f"   {meta_line(v)}"]
    if v.fields:
        label = _w(lang)["fields"]
        lines.append(msg("render.fields_line", lang, label=label, values=_join(v.fields, lang)))
    best, _ = best_quote(h)
    if h.evidence:  # a topic claim: how the text supports it
        lines.append(f"   [{_w(lang)['names' if h.evidence[0].how == 'names' else 'meaning']}]")
    if best is not None:
        lines += _quote_text(best, lang, u_on, u_off)
    if reasons and h.reasons:
        lines.append("   " + "; ".join(h.reasons))
    return lines


def answer_text(answer: Answer, *, tty: bool | None = None, tag=plain_tag) -> str:
    tty = sys.stdout.isatty() if tty is None else tty
    u_on, u_off = ("\x1b[4m", "\x1b[24m") if tty else ("", "")
    lang = answer.lang
    lines = [answer.text]
    see_also = related_text(answer, tag)
    if answer.kind == "none":
        if answer.suggestions:
            lines.append(suggestion_line(answer))
        return "\n".join(lines + see_also)
    if answer.kind in TABLE_KINDS and answer.table is not None:
        lines += ["", table_text(answer.table)]
        return "\n".join(lines)
    for h in answer.hits:
        lines.append("")
        lines += hit_text(h, lang, u_on=u_on, u_off=u_off, reasons=answer.kind == "similar", tag=tag)
    lines += see_also
    if shows_rendering(lang) and answer.hits:
        lines += ["", f"({UNOFFICIAL['en']}.)"]
    return "\n".join(lines)


def related_text(answer: Answer, tag=plain_tag) -> list[str]:
    """The terminal's "see also" lines: nearby proposals the answer does not claim, one line each."""
    if not answer.related:
        return []
    lang = answer.lang
    return ["", _w(lang)["related"] + ":"] + [f"  {tag(h.proposal, lang)} {h.proposal.view(lang).title}"
                                              for h in answer.related]


# ---------------------------------------------------------------- HTML (web app)

# One pass over the text: HTML's special characters and Markdown's syntax characters all
# become numeric entities, which a Markdown renderer shows as the characters themselves,
# never as tags, links, images or emphasis.
_ESCAPES = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'\\`*_[]()#!|~{}+-:"})


def esc(text: object) -> str:
    """Text -> HTML that shows exactly the text: no tags, no Markdown."""
    return str(text).translate(_ESCAPES)


def brackets(text: str) -> tuple[str, str]:
    """The 「」 put around a quote; none when the sentence itself starts with 「 (it would show 「「,
    and its own 」 closes inside it). The quote box (or the `> ` of Markdown) still marks it."""
    return ("", "") if text.startswith("「") else ("「", "」")


def quoted(text: str) -> str:
    """A verbatim sentence in 「」 (plain text)."""
    a, b = brackets(text)
    return f"{a}{text}{b}"


def quote_html(q: Quote, lang: str = "ja") -> str:
    """The verbatim Japanese sentence with its marks; for English questions its rendering under it."""
    ja = _apply_marks(q.text, q.marks, "<mark>", "</mark>", esc)
    a, b = brackets(q.text)
    out = f'<blockquote class="c2c-quote" lang="ja">{a}{ja}{b}</blockquote>'
    if shows_rendering(lang) and q.en:
        en = _apply_marks(q.en, q.en_marks, "<mark>", "</mark>", esc)
        out += (f'<blockquote class="c2c-quote-en" lang="en">{en} '
                f'<span class="c2c-unofficial">[unofficial]</span></blockquote>')
    return out


def meta_html(v: View) -> str:
    return f'<div class="c2c-meta">{esc(meta_line(v))}</div>'


def chips_html(v: View) -> str:
    if not v.fields:
        return ""
    return '<div class="c2c-tags">' + "".join(f'<span class="c2c-tag">{esc(t)}</span>' for t in v.fields) + "</div>"


def proposal_meta_html(p: Proposal, lang: str) -> str:
    """Labelled metadata and field chips of one proposal in one language."""
    v = p.view(lang)
    rows = [(attribute_label(k, lang), getattr(v, k)) for k in ("proposer", "domestic_city", "target_area", "country")]
    meta = " · ".join(f"<span><b>{esc(k)}</b> {esc(val)}</span>" for k, val in rows)
    return f'<div class="c2c-meta">{meta}</div>{chips_html(v)}'


def full_proposal_html(p: Proposal, lang: str, tag=plain_tag) -> str:
    """The whole proposal in `lang`; for English the unofficial rendering, then the Japanese original.
    `tag(p, lang)` is its citation ("#7", or "#7 (FY2025)" when several years are loaded)."""
    v = p.view(lang)
    body = "".join(f"<p>{esc(s)}</p>" for s in v.sentences)
    out = f'<div class="c2c-full"><h4>{esc(tag(p, lang))} {esc(v.title)}</h4>'
    if not v.official:
        out += f'<p class="c2c-unofficial">{esc(UNOFFICIAL["en"])}</p>'
    out += f'{proposal_meta_html(p, v.lang)}<div lang="{v.lang}">{body}</div>'
    if not v.official:
        ja = p.view("ja")
        ja_body = "".join(f"<p>{esc(s)}</p>" for s in ja.sentences)
        out += (f'<h5>{esc(_w("en")["original"])}: {esc(ja.title)}</h5>'
                f'{proposal_meta_html(p, "ja")}<div lang="ja">{ja_body}</div>')
    return out + "</div>"


def evidence_html(h: Hit, lang: str) -> str:
    """Why a topic answer claims this proposal: each supporting sentence (the topic's words marked where it
    is quoted), labelled "names the topic" or "close in meaning" (nothing when the answer gives no evidence)."""
    if not h.evidence:
        return ""
    w = _w(lang)
    out = []
    for e in h.evidence:
        how = w["names"] if e.how == "names" else w["meaning"]
        quote = next((q for q in h.quotes if e.where == "summary" and q.sentence == e.sentence), None)
        if quote is not None:
            body = quote_html(quote, lang)
        else:  # the title or a target field names it, or a sentence not among the quotes
            a, b = brackets(e.text)
            en = (f'<div class="c2c-quote-en" lang="en">{esc(e.en)} <span class="c2c-unofficial">[unofficial]</span></div>'
                  if shows_rendering(lang) and e.en else "")
            body = f'<blockquote class="c2c-quote" lang="ja">{a}{esc(e.text)}{b}</blockquote>{en}'
        out.append(f'<div class="c2c-evidence c2c-ev-{esc(e.how)}"><span class="c2c-how">{esc(how)}</span>{body}</div>')
    return "".join(out)


def record_html(p: Proposal, lang: str, tag=plain_tag, *, label: str | None = None, others=()) -> str:
    """One disclosure holding a proposal's full record; `#N` links in the answer open it."""
    cite = esc(tag(p, lang))
    summary = label if label is not None else _w(lang)["full"]
    more = "".join(quote_html(q, lang) for q in others)
    return (f'<details class="c2c-cite c2c-record c2c-rec-{p.number}"><summary>{cite} · {esc(summary)}</summary>'
            f'{more}{full_proposal_html(p, lang, tag)}</details>')


def hit_card_html(h: Hit, lang: str, *, reasons: bool = False, tag=plain_tag) -> str:
    """A compact card: citation, title, one metadata line, chips, the best quote (or the evidence
    that supports a topic claim), (with `reasons`) a small grey line saying why it is there; the rest
    behind one <details>."""
    p = h.proposal
    cite = esc(tag(p, lang))
    v = p.view(lang)
    best, others = best_quote(h)
    evidence = evidence_html(h, lang)
    quote = evidence or (quote_html(best, lang) if best is not None else "")
    if evidence:  # the quotes not shown as evidence go behind the disclosure
        shown = {e.sentence for e in h.evidence if e.where == "summary"}
        others = [q for q in h.quotes if q.sentence not in shown]
    why = f'<div class="c2c-reasons">{esc("; ".join(h.reasons))}</div>' if (reasons and h.reasons) else ""
    w = _w(lang)
    summary = w["more"].format(n=len(others)) if others else w["full"]
    return (f'<div class="c2c-card c2c-n{p.number}">'
            f'<div class="c2c-head"><span class="c2c-num">{cite}</span> <span class="c2c-title">{esc(v.title)}</span></div>'
            f'{meta_html(v)}{chips_html(v)}{quote}{why}'
            f'{record_html(p, lang, tag, label=summary, others=others)}'
            f'</div>')


def related_html(answer: Answer, tag=plain_tag) -> str:
    """The "see also" section: proposals near the question that the answer does not claim."""
    if not answer.related:
        return ""
    lang = answer.lang
    items = []
    for h in answer.related:
        v = h.proposal.view(lang)
        best, _ = best_quote(h)
        quote = quote_html(best, lang) if best is not None else ""
        items.append(f'<li class="c2c-rel c2c-n{h.number}"><span class="c2c-num">{esc(tag(h.proposal, lang))}</span> '
                     f'{esc(v.title)}{quote}</li>')
    return (f'<section class="c2c-related"><h4 class="c2c-related-head">{esc(_w(lang)["related"])}</h4>'
            f'<ul>{"".join(items)}</ul></section>')


def _bar_column(table: Table) -> int | None:
    """The first column whose values are all non-negative numbers (a breakdown's counts)."""
    for i in range(len(table.columns)):
        values = [r[i] for r in table.rows if i < len(r)]
        if values and all(isinstance(x, (int, float)) and not isinstance(x, bool) and x >= 0 for x in values):
            return i
    return None


def table_html(table: Table, *, bars: bool = False) -> str:
    """An escaped HTML table inside its own scrolling box; with `bars`, a small inline bar per row."""
    col = _bar_column(table) if bars else None
    top = max((r[col] for r in table.rows), default=0) if col is not None else 0
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in table.columns)
    if col is not None:
        head += '<th aria-hidden="true"></th>'
    body = []
    for r in table.rows:
        cells = "".join(f'<td class="{"c2c-numcell" if i == col else ""}">{esc("" if c is None else c)}</td>'
                        for i, c in enumerate(r))
        if col is not None:
            pct = round(100 * r[col] / top) if top else 0
            cells += (f'<td class="c2c-barcell"><span class="c2c-bar c2c-w{5 * round(pct / 5)}" '
                      f'style="width:{pct}%"></span></td>')
        body.append(f"<tr>{cells}</tr>")
    return (f'<div class="c2c-table-wrap"><table class="c2c-table"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


def table_line(answer: Answer) -> str:
    """A table answer's line without the part its table shows ("…の対象国は8種類：ベトナム 6件…" ->
    "…の対象国は8種類")."""
    text = answer.text
    for sep in ("：", ": "):
        if sep in text:
            return text.split(sep, 1)[0]
    return text


def _is_status(table: Table) -> bool:
    """A comparison's last column says same/different for each row."""
    return bool(table.columns) and not str(table.columns[-1]).startswith("#") and len(table.columns) > 3


def compare_parts(table: Table, skip=()) -> tuple[list[tuple[str, str]], Table]:
    """A comparison table as (shared fields [(label, value)], the table of differing fields): each field
    once, as shared when every proposal has the same value, else as a row of the differences. Rows
    labelled in `skip` (the titles, shown with each gist) are left out."""
    status = _is_status(table)
    width = len(table.columns) - (1 if status else 0)
    shared, rows = [], []
    for r in table.rows:
        if str(r[0]) in skip:
            continue
        values = [("" if c is None else str(c)) for c in r[1:width]]
        if len(values) > 1 and len(set(values)) == 1 and values[0]:
            shared.append((str(r[0]), values[0]))
            continue
        note = str(r[-1]) if status and len(r) >= width + 1 else ""
        extra = (note,) if status else ()
        rows.append((r[0], *r[1:width], *extra))
    notes = status and any(str(r[-1]) and str(r[-1]) not in _SAME_DIFFERENT for r in rows)
    columns = tuple(table.columns[:width]) + ((table.columns[-1],) if notes else ())
    if status and not notes:
        rows = [r[:width] for r in rows]
    else:
        rows = [tuple("" if (i == width and str(c) in _SAME_DIFFERENT) else c for i, c in enumerate(r)) for r in rows]
    return shared, Table(columns, tuple(rows))


_SAME_DIFFERENT = {"同じ", "異なる", "same", "different", "Same", "Different", ""}


def attribute_keys(answer: Answer) -> tuple[str, ...]:
    keys = tuple(k for k in (answer.intent.asked, *answer.intent.also) if k)
    return tuple(dict.fromkeys(keys))


def attribute_value(p: Proposal, key: str, lang: str) -> str:
    v = p.view(lang)
    value = getattr(v, key, None)
    if value is None:
        return ""
    return _join(value, lang) if isinstance(value, (tuple, list)) else str(value)


def attribute_table(answer: Answer, tag=plain_tag) -> Table | None:
    """An attribute of several proposals as a table (proposal, value); None when it is not one."""
    keys = attribute_keys(answer)
    if answer.kind != "attribute" or len(answer.hits) < 2 or not keys:
        return None
    lang = answer.lang
    try:
        columns = (_w(lang)["proposal"], *(attribute_label(k, lang) for k in keys))
    except KeyError:
        return None
    rows = tuple((f"{tag(h.proposal, lang)} {h.proposal.view(lang).title}",
                  *(attribute_value(h.proposal, k, lang) for k in keys)) for h in answer.hits)
    return Table(columns, rows)


def gist(h: Hit) -> Quote | None:
    """The quote that best shows what a proposal does: its best quote."""
    return best_quote(h)[0]


def followups(answer: Answer, tag=plain_tag) -> list[str]:
    """Two or three next questions built from the answer, in its language (sent with one tap)."""
    w = _w(answer.lang)
    hits = answer.hits
    if answer.kind == "none" or not hits:
        return []
    a = tag(hits[0].proposal, answer.lang)
    out = []
    if answer.kind == "compare":
        out = [w["fu_similar"].format(a=tag(h.proposal, answer.lang)) for h in hits[:2]]
    elif answer.kind == "breakdown":
        return []
    elif len(hits) >= 2:
        b = tag(hits[1].proposal, answer.lang)
        if "proposer" not in attribute_keys(answer):
            out.append(w["fu_proposer"])
        out += [w["fu_compare"].format(a=a, b=b), w["fu_similar"].format(a=a)]
    else:
        if answer.kind != "attribute" or "fields" not in attribute_keys(answer):
            out.append(w["fu_fields"].format(a=a))
        if answer.kind != "similar":
            out.append(w["fu_similar"].format(a=a))
    return out[:3]


def _attr(text: str) -> str:
    """Text for an HTML attribute: escaped, newlines kept as entities (a Markdown renderer would end
    an HTML block at a blank line)."""
    return esc(text).replace("\n", "&#10;").replace("\r", "")


def _with_refs(text: str, numbers) -> str:
    """Escaped text whose `#N` (for the proposals whose record the answer holds) open that record."""
    out, pos = [], 0
    for m in re.finditer(r"#(\d+)", text):
        n = int(m.group(1))
        if n not in numbers:
            continue
        out.append(esc(text[pos:m.start()]))
        out.append(f'<span class="c2c-ref c2c-ref-{n}" role="button" tabindex="0">{esc(m.group(0))}</span>')
        pos = m.end()
    out.append(esc(text[pos:]))
    return "".join(out)


def _table_with_refs(table: Table, numbers, *, bars: bool = False) -> str:
    page = table_html(table, bars=bars)
    return re.sub(r"&#35;(\d+)", lambda m: (f'<span class="c2c-ref c2c-ref-{m.group(1)}" role="button" tabindex="0">'
                                            f'&#35;{m.group(1)}</span>') if int(m.group(1)) in numbers else m.group(0),
                  page)


def answer_html(answer: Answer, tag=plain_tag) -> str:
    """The answer as HTML; `tag(p, lang)` cites a proposal (`Assistant.tag` names the year when several are loaded).

    The answer line (or, above a table, the part the table does not repeat), then per kind: cards
    (with the evidence of a topic claim), a table with bars (breakdowns), shared fields, the
    differences and each proposal's gist (comparisons), a (proposal, value) table (an attribute of
    several proposals); a "see also" section for related proposals the answer does not claim; a copy
    button holding the answer as plain text; two or three follow-up questions. `#N` opens N's record.
    """
    lang = answer.lang
    w = _w(lang)
    numbers = {h.number for h in answer.hits}
    parts = [f'<div class="c2c-answer c2c-kind-{esc(answer.kind)}" lang="{lang}">']
    records = False
    attr_table = attribute_table(answer, tag)
    if answer.kind == "none":
        parts.append(f'<p class="c2c-line">{esc(answer.text)}</p>')
        if answer.suggestions:
            parts.append(f'<p class="c2c-suggest">{esc(suggestion_line(answer))}</p>')
    elif answer.kind == "compare" and answer.table is not None:
        tags = _join((tag(h.proposal, lang) for h in answer.hits), lang)
        parts.append(f'<p class="c2c-line">{_with_refs(w["compare_head"].format(tags=tags), numbers)}</p>')
        shared, differing = compare_parts(answer.table, skip=(attribute_label("title", lang),))
        parts.append('<div class="c2c-compare">')
        parts.append(f'<div class="c2c-gists"><h4 class="c2c-sub">{esc(w["gist"])}</h4>')
        for h in answer.hits:
            q = gist(h)
            v = h.proposal.view(lang)
            parts.append(f'<div class="c2c-gist c2c-n{h.number}"><div class="c2c-head">'
                         f'{_with_refs(tag(h.proposal, lang), numbers)} <span class="c2c-title">{esc(v.title)}</span></div>'
                         f'{quote_html(q, lang) if q is not None else ""}</div>')
        parts.append('</div><div class="c2c-fields">')
        if shared:
            items = "".join(f"<li><b>{esc(k)}</b> {esc(v)}</li>" for k, v in shared)
            parts.append(f'<h4 class="c2c-sub">{esc(w["shared"])}</h4><ul class="c2c-shared">{items}</ul>')
        if differing.rows:
            parts.append(f'<h4 class="c2c-sub">{esc(w["differing"])}</h4>{_table_with_refs(differing, numbers)}')
        parts.append("</div></div>")
        records = True
    elif answer.kind in TABLE_KINDS and answer.table is not None:
        parts.append(f'<p class="c2c-line">{_with_refs(table_line(answer), numbers)}</p>')
        parts.append(_table_with_refs(answer.table, numbers, bars=answer.kind == "breakdown"))
        records = True
    elif attr_table is not None:
        parts.append(f'<p class="c2c-line">{_with_refs(" / ".join(attr_table.columns[1:]), numbers)}</p>')
        parts.append(_table_with_refs(attr_table, numbers))
        records = True
    elif answer.kind == "attribute" and answer.hits:
        # the value is the answer; the proposal's card is one tap away, not repeated
        parts.append(f'<p class="c2c-line">{_with_refs(answer.text, numbers)}</p>')
        records = True
    else:
        parts.append(f'<p class="c2c-line">{_with_refs(answer.text, numbers)}</p>')
        parts += [hit_card_html(h, lang, reasons=answer.kind in REASON_KINDS, tag=tag) for h in answer.hits]
    if records and answer.hits:
        inner = "".join(record_html(h.proposal, lang, tag, label=h.proposal.view(lang).title) for h in answer.hits)
        if len(answer.hits) > 3:
            parts.append(f'<details class="c2c-records"><summary>{esc(w["records"])} ({len(answer.hits)})</summary>'
                         f'{inner}</details>')
        else:
            parts.append(f'<div class="c2c-records">{inner}</div>')
    parts.append(related_html(answer, tag))
    if shows_rendering(lang) and (answer.hits or answer.related) and answer.kind != "none":
        parts.append(f'<div class="c2c-unofficial">{esc(UNOFFICIAL["en"])}.</div>')
    asks = followups(answer, tag)
    # (the chat's sanitizer drops data-* attributes: the plain text travels in a hidden <pre>, the
    # follow-up question is the button's own text)
    tools = (f'<button type="button" class="c2c-copy" title="{esc(w["copy"])}"><span class="c2c-copy-label">'
             f'{esc(w["copy"])}</span><span class="c2c-copied">{esc(w["copied"])}</span></button>'
             f'<pre class="c2c-copytext">{_attr(answer_plain(answer, tag))}</pre>')
    if asks:
        tools += (f'<span class="c2c-fu-label">{esc(w["followups"])}</span>'
                  + "".join(f'<button type="button" class="c2c-fu">{esc(q)}</button>' for q in asks))
    parts.append(f'<div class="c2c-tools">{tools}</div>')
    parts.append("</div>")
    return "".join(parts)


def _md_cell(value) -> str:
    return ("" if value is None else str(value)).replace("|", "\\|").replace("\n", " ")


def markdown_table(table: Table) -> str:
    lines = ["| " + " | ".join(_md_cell(c) for c in table.columns) + " |",
             "|" + "|".join("---" for _ in table.columns) + "|"]
    lines += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in table.rows]
    return "\n".join(lines)


def answer_plain(answer: Answer, tag=plain_tag) -> str:
    """The answer as the text a person pastes into an email (light Markdown): the answer line, each
    cited proposal with its metadata and its quote, tables as Markdown tables, see-also last."""
    lang = answer.lang
    w = _w(lang)
    lines = [answer.text]
    if answer.kind == "none":
        if answer.suggestions:
            lines.append(suggestion_line(answer))
        return "\n".join(lines)
    table = answer.table if answer.kind in TABLE_KINDS else attribute_table(answer, tag)
    if table is not None:
        lines += ["", markdown_table(table)]
    cited = answer.hits if (table is None or answer.kind == "compare") else ()
    for h in cited:
        v = h.proposal.view(lang)
        lines += ["", f"**{tag(h.proposal, lang)} {v.title}**", meta_line(v)]
        quotes = [e.text for e in h.evidence] or [q.text for q in (gist(h),) if q is not None]
        for q in quotes:
            lines.append(f"> {q}")
        best = gist(h)
        if shows_rendering(lang) and best is not None and best.en and not h.evidence:
            lines.append(f"> {best.en} [unofficial]")
    if answer.related:
        lines += ["", w["related"] + ":"]
        lines += [f"- {tag(h.proposal, lang)} {h.proposal.view(lang).title}" for h in answer.related]
    if shows_rendering(lang) and answer.hits:
        lines += ["", f"({UNOFFICIAL['en']}.)"]
    return "\n".join(lines)


def message_html(text: str) -> str:
    """A one-line message in the chat (errors, notices)."""
    return f'<div class="c2c-answer"><p class="c2c-line">{esc(text)}</p></div>'


# ---------------------------------------------------------------- CLI listings

def proposals_text(corpus: list[Proposal], lang: str) -> str:
    """`c2c proposals`: one block per proposal, the year shown when several are listed."""
    several = len({p.year for p in corpus}) > 1
    lines = []
    for p in corpus:
        v = p.view(lang)
        year = f" FY{p.year}" if several else ""
        lines.append(f"#{p.number:<3}{year} {v.title}\n     {meta_line(v)}\n     {_join(v.fields, lang)}")
    if msg("render.unofficial_all", lang):
        lines.append(msg("render.unofficial_all", lang))
    return "\n".join(lines)


def similar_text(target: Proposal, hits, lang: str, tag) -> str:
    """`c2c similar`: the target, then each similar proposal with its score and reasons."""
    head = tag(target, lang)
    v = target.view(lang)
    lines = [msg("render.similar_head", lang, tag=head, title=v.title)]
    for h in hits:
        lines.append(f"  {tag(h.proposal, lang):<5} {h.score:.3f}  {h.proposal.view(lang).title}\n       "
                     + "; ".join(h.reasons))
    return "\n".join(lines)
