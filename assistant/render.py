"""Turn answers into terminal text and into safe HTML for the web app.

Quotes are shown verbatim. In HTML every piece of text is escaped and the
matched words are wrapped in <mark>; in a terminal they are underlined when
stdout is a TTY and left plain otherwise, so the printed quote is the source
text itself.
"""
from __future__ import annotations

import sys

from index.corpus import Proposal

from .answer import Answer, Hit, Quote

UNOFFICIAL = {"en": "English rendering: unofficial translation made for this tool",
              "ja": "英語訳：本ツール用の非公式訳"}


def _apply_marks(text: str, marks, open_: str, close: str, escape) -> str:
    out, pos = [], 0
    for a, b in marks:
        out.append(escape(text[pos:a]))
        out.append(open_ + escape(text[a:b]) + close)
        pos = b
    out.append(escape(text[pos:]))
    return "".join(out)


def answer_text(answer: Answer, *, tty: bool | None = None) -> str:
    tty = sys.stdout.isatty() if tty is None else tty
    u_on, u_off = ("\x1b[4m", "\x1b[24m") if tty else ("", "")
    lines = [answer.text]
    en = answer.lang == "en"
    for h in answer.hits:
        p = h.proposal
        title = p.en.title if en and p.en else p.title
        lines.append("")
        lines.append(f"#{p.number} {title}")
        if en and p.en:
            lines.append(f"   {p.en.proposer} | {p.en.domestic_city} – {p.en.target_area} ({p.en.country})")
            lines.append(f"   fields: {', '.join(p.en.fields)}")
        else:
            lines.append(f"   {p.proposer}｜{p.domestic_city} – {p.target_area}（{p.country}）")
            lines.append(f"   対象分野：{'、'.join(p.fields)}")
        for q in h.quotes:
            lines.append("   「" + _apply_marks(q.text, q.marks, u_on, u_off, str) + "」")
            if q.en:
                lines.append("     " + _apply_marks(q.en, q.en_marks, u_on, u_off, str) + " [unofficial]")
        if h.reasons:
            lines.append("   " + "; ".join(h.reasons))
    return "\n".join(lines)


# ---------------------------------------------------------------- HTML (web app)

# One pass over the text: HTML's special characters and Markdown's syntax characters all
# become numeric entities, which a Markdown renderer shows as the characters themselves,
# never as tags, links, images or emphasis.
_ESCAPES = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'\\`*_[]()#!|~{}+-:"})


def esc(text: str) -> str:
    """Text -> HTML that shows exactly the text: no tags, no Markdown."""
    return text.translate(_ESCAPES)


def quote_html(q: Quote) -> str:
    ja = _apply_marks(q.text, q.marks, "<mark>", "</mark>", esc)
    out = f'<blockquote class="c2c-quote" lang="ja">「{ja}」</blockquote>'
    if q.en:
        en = _apply_marks(q.en, q.en_marks, "<mark>", "</mark>", esc)
        out += f'<blockquote class="c2c-quote-en" lang="en">{en} <span class="c2c-unofficial">[unofficial]</span></blockquote>'
    return out


def proposal_meta_html(p: Proposal, lang: str) -> str:
    if lang == "en" and p.en:
        rows = [("Proposer", p.en.proposer), ("Japanese city", p.en.domestic_city),
                ("Partner", p.en.target_area), ("Country", p.en.country)]
        tags = p.en.fields
    else:
        rows = [("提案者", p.proposer), ("国内都市", p.domestic_city), ("対象都市・地域", p.target_area),
                ("対象国", p.country)]
        tags = p.fields
    meta = " · ".join(f"<span><b>{esc(k)}</b> {esc(v)}</span>" for k, v in rows)
    tag_html = "".join(f'<span class="c2c-tag">{esc(t)}</span>' for t in tags)
    return f'<div class="c2c-meta">{meta}</div><div class="c2c-tags">{tag_html}</div>'


def full_proposal_html(p: Proposal, lang: str) -> str:
    """The whole proposal: Japanese text, and the English rendering labelled unofficial."""
    ja_title = esc(p.title)
    body = "".join(f"<p>{esc(s)}</p>" for s in p.sentences)
    out = (f'<div class="c2c-full"><h4>#{p.number} {ja_title}</h4>{proposal_meta_html(p, "ja")}'
           f'<div lang="ja">{body}</div>')
    if p.en:
        en_body = "".join(f"<p>{esc(s)}</p>" for s in p.en.sentences)
        out += (f'<h5>{esc(p.en.title)}</h5><p class="c2c-unofficial">{esc(UNOFFICIAL["en"])}</p>'
                f'{proposal_meta_html(p, "en")}<div lang="en">{en_body}</div>')
    return out + "</div>"


def hit_card_html(h: Hit, lang: str) -> str:
    p = h.proposal
    title = esc(p.title)
    sub = f'<div class="c2c-title-en">{esc(p.en.title)} <span class="c2c-unofficial">[unofficial]</span></div>' \
        if (lang == "en" and p.en) else ""
    quotes = "".join(quote_html(q) for q in h.quotes)
    reasons = f'<div class="c2c-reasons">{esc("; ".join(h.reasons))}</div>' if h.reasons else ""
    more = "Full proposal" if lang == "en" else "全文を表示"
    return (f'<div class="c2c-card c2c-n{p.number}">'
            f'<div class="c2c-head"><span class="c2c-num">#{p.number}</span> <span class="c2c-title">{title}</span></div>'
            f'{sub}{proposal_meta_html(p, lang)}{quotes}{reasons}'
            f'<details class="c2c-cite"><summary>#{p.number} · {more}</summary>{full_proposal_html(p, lang)}</details>'
            f'</div>')


def answer_html(answer: Answer) -> str:
    cards = "".join(hit_card_html(h, answer.lang) for h in answer.hits)
    note = ""
    if answer.lang == "en" and answer.hits:
        note = f'<div class="c2c-unofficial">{esc(UNOFFICIAL["en"])}.</div>'
    return f'<div class="c2c-answer"><p class="c2c-line">{esc(answer.text)}</p>{cards}{note}</div>'
