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

import sys
import unicodedata

from index.corpus import Proposal, View

from .answer import Answer, Hit, Quote, Table
from .query import attribute_label

TABLE_KINDS = ("breakdown", "compare")
REASON_KINDS = ("ranked", "similar")  # kinds whose cards say why each proposal is there


def plain_tag(p: Proposal, lang: str) -> str:
    """A citation without the year (one fiscal year loaded); `Assistant.tag` adds it when several are."""
    return f"#{p.number}"

WORDS = {
    "ja": {"unofficial_note": "英語訳：本ツール用の非公式訳", "unofficial": "非公式訳",
           "more": "ほかの引用 {n} 件・全文", "full": "全文を表示", "suggest": "参考になりそうな事業：{}",
           "fields": "対象分野", "original": "原文（日本語）"},
    "en": {"unofficial_note": "English rendering: unofficial translation made for this tool",
           "unofficial": "unofficial",
           "more": "{n} more quotes · full proposal", "full": "Full proposal",
           "suggest": "Perhaps worth a look: {}", "fields": "fields", "original": "Original (Japanese)"},
}
UNOFFICIAL = {lang: w["unofficial_note"] for lang, w in WORDS.items()}


def _w(lang: str) -> dict:
    return WORDS["en" if lang == "en" else "ja"]


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
    if v.lang == "en":
        return f"{v.proposer} | {v.domestic_city} – {v.target_area} ({v.country})"
    return f"{v.proposer}｜{v.domestic_city} – {v.target_area}（{v.country}）"


def _join(values, lang: str) -> str:
    return (", " if lang == "en" else "、").join(str(v) for v in values)


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
    lines = ["   「" + _apply_marks(q.text, q.marks, u_on, u_off, str) + "」"]
    if lang == "en" and q.en:
        lines.append("     " + _apply_marks(q.en, q.en_marks, u_on, u_off, str) + " [unofficial]")
    return lines


def hit_text(h: Hit, lang: str, *, u_on: str = "", u_off: str = "", reasons: bool = False,
             tag=plain_tag) -> list[str]:
    v = h.proposal.view(lang)
    lines = [f"{tag(h.proposal, lang)} {v.title}", f"   {meta_line(v)}"]
    if v.fields:
        label = _w(lang)["fields"]
        lines.append(f"   {label}: {_join(v.fields, lang)}" if lang == "en" else f"   {label}：{_join(v.fields, lang)}")
    best, _ = best_quote(h)
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
    if answer.kind == "none":
        if answer.suggestions:
            lines.append(suggestion_line(answer))
        return "\n".join(lines)
    if answer.kind in TABLE_KINDS and answer.table is not None:
        lines += ["", table_text(answer.table)]
        return "\n".join(lines)
    for h in answer.hits:
        lines.append("")
        lines += hit_text(h, lang, u_on=u_on, u_off=u_off, reasons=answer.kind == "similar", tag=tag)
    if lang == "en" and answer.hits:
        lines += ["", f"({UNOFFICIAL['en']}.)"]
    return "\n".join(lines)


# ---------------------------------------------------------------- HTML (web app)

# One pass over the text: HTML's special characters and Markdown's syntax characters all
# become numeric entities, which a Markdown renderer shows as the characters themselves,
# never as tags, links, images or emphasis.
_ESCAPES = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'\\`*_[]()#!|~{}+-:"})


def esc(text: object) -> str:
    """Text -> HTML that shows exactly the text: no tags, no Markdown."""
    return str(text).translate(_ESCAPES)


def quote_html(q: Quote, lang: str = "ja") -> str:
    """The verbatim Japanese sentence with its marks; for English questions its rendering under it."""
    ja = _apply_marks(q.text, q.marks, "<mark>", "</mark>", esc)
    out = f'<blockquote class="c2c-quote" lang="ja">「{ja}」</blockquote>'
    if lang == "en" and q.en:
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


def hit_card_html(h: Hit, lang: str, *, reasons: bool = False, tag=plain_tag) -> str:
    """A compact card: citation, title, one metadata line, chips, the best quote, (with `reasons`) a
    small grey line saying why it is there; the rest behind one <details>."""
    p = h.proposal
    cite = esc(tag(p, lang))
    v = p.view(lang)
    best, others = best_quote(h)
    quote = quote_html(best, lang) if best is not None else ""
    why = f'<div class="c2c-reasons">{esc("; ".join(h.reasons))}</div>' if (reasons and h.reasons) else ""
    w = _w(lang)
    summary = w["more"].format(n=len(others)) if others else w["full"]
    more = "".join(quote_html(q, lang) for q in others)
    return (f'<div class="c2c-card c2c-n{p.number}">'
            f'<div class="c2c-head"><span class="c2c-num">{cite}</span> <span class="c2c-title">{esc(v.title)}</span></div>'
            f'{meta_html(v)}{chips_html(v)}{quote}{why}'
            f'<details class="c2c-cite"><summary>{cite} · {esc(summary)}</summary>'
            f'{more}{full_proposal_html(p, lang, tag)}</details>'
            f'</div>')


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


def answer_html(answer: Answer, tag=plain_tag) -> str:
    """The answer as HTML; `tag(p, lang)` cites a proposal (`Assistant.tag` names the year when several are loaded)."""
    lang = answer.lang
    parts = [f'<div class="c2c-answer c2c-kind-{esc(answer.kind)}" lang="{lang}">',
             f'<p class="c2c-line">{esc(answer.text)}</p>']
    if answer.kind == "none":
        if answer.suggestions:
            parts.append(f'<p class="c2c-suggest">{esc(suggestion_line(answer))}</p>')
    elif answer.kind in TABLE_KINDS and answer.table is not None:
        parts.append(table_html(answer.table, bars=answer.kind == "breakdown"))
    else:
        parts += [hit_card_html(h, lang, reasons=answer.kind in REASON_KINDS, tag=tag) for h in answer.hits]
        if lang == "en" and answer.hits:
            parts.append(f'<div class="c2c-unofficial">{esc(UNOFFICIAL["en"])}.</div>')
    parts.append("</div>")
    return "".join(parts)


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
    if lang == "en":
        lines.append("\n(English renderings are unofficial translations made for this tool.)")
    return "\n".join(lines)


def similar_text(target: Proposal, hits, lang: str, tag) -> str:
    """`c2c similar`: the target, then each similar proposal with its score and reasons."""
    head = tag(target, lang)
    v = target.view(lang)
    lines = [f"Similar to {head} {v.title}:" if lang == "en" else f"{head} {v.title} に似た事業："]
    for h in hits:
        lines.append(f"  {tag(h.proposal, lang):<5} {h.score:.3f}  {h.proposal.view(lang).title}\n       "
                     + "; ".join(h.reasons))
    return "\n".join(lines)
