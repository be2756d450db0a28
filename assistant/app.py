"""The web chat: a thin Gradio shell over `Assistant`.

`build_app(assistant)` returns a `gr.Blocks`; the callbacks are plain functions
(`Callbacks`) that tests call without a server; only `serve()` launches.
Each browser session keeps its own `Conversation` in a `gr.State` (follow-ups
refer to that session's previous answer; "new conversation" and the chat's
trash icon reset it). A question shows at once with a pending line; its answer
replaces it. Each answer carries its own copy button (plain text, not HTML) and
follow-up questions; downloads are buttons beside their own format choice. The UI
shows one language at a time (the browser's on first load, then the switch), and
<html lang> follows it; colours follow the browser's light/dark scheme.
Safe by default: analytics off (set before gradio is imported), no share link,
127.0.0.1 unless told otherwise, system fonts only (no CDN), every question
and document text escaped before it reaches the page, a bounded queue, and
optional basic auth from C2C_AUTH_USER / C2C_AUTH_PASSWORD.
"""
from __future__ import annotations

import os

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # must precede the gradio import
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_SERVER_NAME", "127.0.0.1")

import sys  # noqa: E402
from dataclasses import dataclass  # noqa: E402

import gradio as gr  # noqa: E402

from index.corpus import Proposal, fiscal_label  # noqa: E402

from .answer import Answer  # noqa: E402
from .config import Settings  # noqa: E402
from .core import MAX_TOP_K, Assistant, Conversation  # noqa: E402
from .errors import C2CError  # noqa: E402
from .query import FILTER_KEYS, FILTERS, attribute_label, filter_corpus  # noqa: E402
from .messages import msg  # noqa: E402
from .render import answer_html, esc, full_proposal_html, message_html  # noqa: E402

CONCURRENCY_LIMIT = 4
QUEUE_MAX_SIZE = 64
LANG_CHOICES = ("日本語", "English")

LABELS = {
    "ja": {
        "title": "脱炭素都市間連携事業（{years}）検索アシスタント",
        "subtitle": "{n}件の応募事業概要から、原文をそのまま引用して答えます（生成はしません）。引用は事業番号 #N で示します。",
        "chat_tab": "チャット", "similar_tab": "類似事業", "overview_tab": "一覧・グラフ",
        "question": "質問（日本語または英語）", "placeholder": "例：ベトナムで廃棄物発電を扱う事業は？",
        "send": "送信", "new_chat": "新しい会話", "chat": "回答",
        "filters": "絞り込み（質問の条件と組み合わせ）", "top_k": "表示件数（上限）",
        "similar_of": "この事業に似た事業", "similar_btn": "類似事業を表示", "pick": "事業を選択",
        "examples": "質問の例", "lang": "表示言語 / Language",
        "table": "事業一覧（列見出しで並べ替え、行をクリックで詳細）",
        "export_fmt": "出力形式", "export_table": "一覧をダウンロード", "export_answer": "最新の回答をダウンロード",
        "export_similar": "類似事業をダウンロード", "charts": "グラフ",
        "similar_head": "{tag}に似ている事業", "year": "年度",
        "similar_explain": "似ている順に並べています。順位は、内容の類似度（意味と語句の近さ、0〜1）に、"
                           "対象分野の重なり・同じ対象国・同じ国内都市・同じ提案者を加えて決めています。",
        "empty": "質問を入力してください。", "pending": "回答を探しています",
        "similar_question": "#{n}に似た事業", "similar_question_year": "{year}の#{n}に似た事業",
        "ask_first": "まず質問してください。", "pick_first": "まず事業を選んでください。",
        "welcome": (
            "**{n}件の事業について、日本語または英語で質問できます。**\n\n"
            "- 検索：「ベトナムで廃棄物発電を扱う事業は？」\n"
            "- 一覧：「インドネシアの事業の一覧」\n"
            "- 番号で：「事業8について」「#5の提案者は？」\n"
            "- 件数・内訳：「国別の事業数」「北九州市の事業はいくつ？」\n"
            "- 比較：「#8と#12を比較」\n"
            "- 類似：「#8に似た事業」\n"
            "- 続けて質問：「そのうち水素技術のものは？」「提案者は？」\n\n"
            "答えは原文の引用です（#N は事業番号）。「新しい会話」で前の回答への参照を消します。"
        ),
        "examples_list": ["ベトナムで廃棄物発電を扱う事業は？", "インドネシアの事業の一覧", "そのうち水素技術のものは？",
                          "国別の事業数", "#8と#12を比較", "#8に似た事業"],
    },
    "en": {
        "title": "City-to-City Collaboration for a Zero-Carbon Society ({years}) — search assistant",
        "subtitle": "Answers quote the {n} proposal summaries verbatim and cite them as #N; nothing is generated. "
                    "English renderings are unofficial translations.",
        "chat_tab": "Chat", "similar_tab": "Similar projects", "overview_tab": "Overview",
        "question": "Question (English or Japanese)", "placeholder": "e.g. Which projects work on hydrogen?",
        "send": "Send", "new_chat": "New conversation", "chat": "Answers",
        "filters": "Filters (combined with what the question says)", "top_k": "Max results",
        "similar_of": "Projects similar to", "similar_btn": "Show similar projects", "pick": "Pick a proposal",
        "examples": "Example questions", "lang": "表示言語 / Language",
        "table": "All proposals (click a header to sort, a row for details)",
        "export_fmt": "Format", "export_table": "Download the table", "export_answer": "Download the last answer",
        "export_similar": "Download similar projects", "charts": "Charts",
        "similar_head": "Projects most similar to {tag}", "year": "Fiscal year",
        "similar_explain": "Most similar first. The order blends the content similarity (meaning and wording, "
                           "0 to 1) with shared fields, the same country, the same Japanese city and the same proposer.",
        "empty": "Type a question first.", "pending": "Looking for the answer",
        "similar_question": "similar to #{n}", "similar_question_year": "similar to #{n} of {year}",
        "ask_first": "Ask a question first.", "pick_first": "Pick a proposal first.",
        "welcome": (
            "**Ask about the {n} proposals in English or Japanese.**\n\n"
            "- Search: \"Which projects work on hydrogen?\"\n"
            "- List: \"Which projects are in Indonesia?\"\n"
            "- By number: \"project 8\", \"who proposed #5?\"\n"
            "- Counts: \"how many projects per country?\"\n"
            "- Compare: \"compare #8 and #12\"\n"
            "- Similar: \"what is similar to project 8?\"\n"
            "- Follow-ups: \"which of them are in Indonesia?\", \"who proposed it?\"\n\n"
            "Answers quote the source (#N is the proposal number). \"New conversation\" forgets the previous answers."
        ),
        "examples_list": ["Which projects work on hydrogen?", "Which projects are in Indonesia?",
                          "which of them work on hydrogen?", "how many projects per country?",
                          "compare #8 and #12", "What is similar to project 8?"],
    },
}
TABLE_KEYS = ("number", "title", "proposer", "domestic_city", "target_area", "country", "fields")
FILTER_IDS = {f.key: f.flag for f in FILTERS}  # element ids: c2c-filter-country, -city, -partner, ...

# The page's own script (no external assets), run once on load:
# - after each new answer (and the pending line before it), scroll the chat so the question is at the
#   top of the view with its answer's first line under it (Gradio's autoscroll, which jumps to the
#   end, is off); window.c2cScrolled counts the answers revealed (tests wait on it);
# - the copy button of an answer puts its plain text (data-copy) on the clipboard;
# - `#N` in an answer opens N's record in that answer; a follow-up button asks its question;
# - window.c2cLang(code) sets <html lang> (the UI language).
PAGE_JS = """
() => {
  const seen = new WeakSet();
  window.c2cLang = (l) => { document.documentElement.lang = (l === 'English' || l === 'en') ? 'en' : 'ja'; return []; };
  const scroller = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (/(auto|scroll)/.test(s.overflowY) && p.scrollHeight > p.clientHeight + 1) return p;
    }
    return null;
  };
  const rowOf = (el) => el.closest('.message-row') || el.closest('.message') || el;
  const reveal = () => {
    const chat = document.getElementById('c2c-chat');
    if (!chat) return;
    const shown = chat.querySelectorAll('.c2c-answer, .c2c-pending');
    if (!shown.length) return;
    const last = shown[shown.length - 1];
    if (seen.has(last)) return;
    shown.forEach((a) => seen.add(a));
    const box = rowOf(last);
    const sc = scroller(box);
    // the question just above, when it is short enough to leave the answer's start in view
    let top = box;
    const rows = [...chat.querySelectorAll('.message-row')];
    const i = rows.indexOf(box);
    if (i > 0 && sc && rows[i - 1].getBoundingClientRect().height < sc.clientHeight * 0.35) top = rows[i - 1];
    if (sc) sc.scrollTop += top.getBoundingClientRect().top - sc.getBoundingClientRect().top - 4;
    const y = top.getBoundingClientRect().top;
    if (y < 0 || y > window.innerHeight - 120) window.scrollBy(0, y - 8);
    if (last.classList.contains('c2c-answer')) window.c2cScrolled = (window.c2cScrolled || 0) + 1;
  };
  new MutationObserver(() => requestAnimationFrame(reveal)).observe(document.body, {childList: true, subtree: true});
  const copy = async (text) => {
    window.c2cCopied = text;
    try { await navigator.clipboard.writeText(text); return; } catch (e) { /* fall back below */ }
    const t = document.createElement('textarea');
    t.value = text; t.style.position = 'fixed'; t.style.left = '-9999px';
    document.body.appendChild(t); t.select();
    try { document.execCommand('copy'); } finally { t.remove(); }
  };
  const ask = (q) => {
    const box = document.querySelector('#c2c-question textarea');
    const send = document.querySelector('#c2c-send');
    if (!box || !send) return;
    box.value = q;
    box.dispatchEvent(new Event('input', {bubbles: true}));
    setTimeout(() => send.click(), 0);
  };
  const act = (ev) => {
    const el = ev.target.closest('.c2c-copy, .c2c-ref, .c2c-fu');
    if (!el) return;
    ev.preventDefault();
    if (el.classList.contains('c2c-copy')) {
      const text = el.parentElement.querySelector('.c2c-copytext');
      copy(text ? text.textContent : '');
      el.classList.add('c2c-done');
      setTimeout(() => el.classList.remove('c2c-done'), 1500);
    } else if (el.classList.contains('c2c-fu')) {
      ask(el.textContent.trim());
    } else {
      const n = [...el.classList].map((c) => /^c2c-ref-(\\d+)$/.exec(c)).find(Boolean);
      const answer = el.closest('.c2c-answer') || document;
      const rec = n && answer.querySelector('details.c2c-rec-' + n[1]);
      if (!rec) return;
      for (let d = rec; d; d = d.parentElement && d.parentElement.closest('details')) d.open = true;
      rec.scrollIntoView({block: 'start'});
    }
  };
  document.addEventListener('click', act, true);
  document.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' && ev.target.closest && ev.target.closest('.c2c-ref')) act(ev); }, true);
  return [];
}
"""
# The UI language from the browser on first load (the radio's change event relabels the page);
# <html lang> follows it at once.
BROWSER_LANG_JS = """() => {
  const choice = (navigator.language || 'ja').toLowerCase().startsWith('ja') ? '日本語' : 'English';
  document.documentElement.lang = choice === 'English' ? 'en' : 'ja';
  return choice;
}"""
SET_LANG_JS = "(l) => { document.documentElement.lang = (l === 'English') ? 'en' : 'ja'; return []; }"

CSS = """
/* One set of colours per scheme (Gradio puts .dark on the page when the browser prefers dark);
   every text colour has a contrast of at least 4.5:1 on its background in both. */
:root, .gradio-container {
  --c2c-text: #1f2328; --c2c-muted: #57606a; --c2c-card: #fbfcfb; --c2c-border: #d0d7de;
  --c2c-accent: #1f6f43; --c2c-quote-bg: #ffffff; --c2c-quote-bar: #b6c8bb; --c2c-quote-en: #3d444d;
  --c2c-tag-bg: #e6f2ea; --c2c-tag: #1f4f33; --c2c-th: #eef3ef; --c2c-mark: #ffe58a; --c2c-mark-text: #1f2328;
  --c2c-link: #0b5cad; --c2c-bar: #2e7d4f; --c2c-btn: #f3f6f4;
}
.dark, .dark .gradio-container {
  --c2c-text: #e6edf3; --c2c-muted: #b1bac4; --c2c-card: #161b22; --c2c-border: #3d444d;
  --c2c-accent: #7ee2a8; --c2c-quote-bg: #0d1117; --c2c-quote-bar: #4d7a5c; --c2c-quote-en: #c9d1d9;
  --c2c-tag-bg: #1c3326; --c2c-tag: #b7f0cc; --c2c-th: #22302a; --c2c-mark: #6b5a00; --c2c-mark-text: #fff8d6;
  --c2c-link: #79c0ff; --c2c-bar: #56b67e; --c2c-btn: #21262d;
}
.c2c-answer { font-size: 15px; line-height: 1.55; max-width: 100%; overflow-wrap: anywhere; color: var(--c2c-text); }
.c2c-line { font-weight: 600; margin: 0 0 8px 0; color: var(--c2c-text); }
.c2c-suggest { color: var(--c2c-text); }
.c2c-card { border: 1px solid var(--c2c-border); border-left: 4px solid var(--c2c-accent); border-radius: 6px; padding: 8px 12px; margin: 8px 0; background: var(--c2c-card); color: var(--c2c-text); max-width: 100%; box-sizing: border-box; overflow-wrap: anywhere; }
.c2c-head, .c2c-title { font-size: 16px; font-weight: 600; color: var(--c2c-text); }
.c2c-num { color: var(--c2c-accent); }
.c2c-meta { color: var(--c2c-text); font-size: 13px; margin: 4px 0 2px 0; }
.c2c-meta b { color: var(--c2c-muted); font-weight: 600; margin-right: 2px; }
.c2c-tags { margin: 2px 0 4px 0; }
.c2c-tag { display: inline-block; background: var(--c2c-tag-bg); color: var(--c2c-tag); border-radius: 10px; padding: 1px 8px; margin: 2px 4px 2px 0; font-size: 12px; }
.c2c-quote, .c2c-quote-en { margin: 6px 0; padding: 4px 10px; border-left: 3px solid var(--c2c-quote-bar); background: var(--c2c-quote-bg); color: var(--c2c-text); }
.c2c-quote-en { color: var(--c2c-quote-en); }
.c2c-quote mark, .c2c-quote-en mark { background: var(--c2c-mark); color: var(--c2c-mark-text); padding: 0 1px; }
.c2c-unofficial, .c2c-reasons, .c2c-explain { color: var(--c2c-muted); font-size: 12px; }
.c2c-reasons { margin-top: 4px; }
.c2c-similar-head { font-size: 16px; margin: 14px 0 2px 0; }
.c2c-explain { margin: 0 0 6px 0; }
.c2c-cite summary, .c2c-records > summary { cursor: pointer; color: var(--c2c-link); font-size: 13px; min-height: 44px; display: flex; align-items: center; }
.c2c-full { font-size: 14px; padding: 6px 0; color: var(--c2c-text); }
.c2c-how { display: inline-block; font-size: 12px; color: var(--c2c-muted); border: 1px solid var(--c2c-border); border-radius: 8px; padding: 0 6px; }
.c2c-related { margin-top: 12px; padding: 6px 10px; border: 1px dashed var(--c2c-border); border-radius: 6px; }
.c2c-related-head, .c2c-sub { font-size: 14px; margin: 4px 0; color: var(--c2c-muted); }
.c2c-related ul { margin: 0; padding-left: 1.2em; }
.c2c-compare { display: flex; flex-wrap: wrap; gap: 12px; }
.c2c-gists, .c2c-fields { flex: 1 1 320px; min-width: 0; }
.c2c-gist { margin: 6px 0; }
.c2c-shared { margin: 0 0 6px 0; padding-left: 1.2em; }
.c2c-ref { color: var(--c2c-link); text-decoration: underline; cursor: pointer; }
.c2c-tools { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-top: 8px; }
.c2c-copy, .c2c-fu { min-height: 44px; min-width: 44px; padding: 4px 12px; border: 1px solid var(--c2c-border); border-radius: 18px; background: var(--c2c-btn); color: var(--c2c-text); cursor: pointer; font-size: 14px; }
.c2c-fu-label { color: var(--c2c-muted); font-size: 13px; }
.c2c-copytext, .c2c-copied, .c2c-done .c2c-copy-label { display: none !important; }
.c2c-done .c2c-copied { display: inline !important; }
.c2c-pending { color: var(--c2c-muted); }
.c2c-pending::after { content: " …"; animation: c2c-dots 1s steps(3) infinite; }
@keyframes c2c-dots { from { opacity: .3; } to { opacity: 1; } }
.c2c-table-wrap { max-width: 100%; overflow-x: auto; }
.c2c-table { border-collapse: collapse; font-size: 13px; margin: 4px 0; color: var(--c2c-text); }
.c2c-table th, .c2c-table td { border: 1px solid var(--c2c-border); padding: 3px 8px; text-align: left; vertical-align: top; overflow-wrap: break-word; word-break: normal; min-width: 3em; max-width: 24em; }
.c2c-kind-compare .c2c-table th, .c2c-kind-compare .c2c-table td { min-width: 7em; }
.c2c-table th { background: var(--c2c-th); color: var(--c2c-text); }
.c2c-numcell { text-align: right !important; }
.c2c-barcell { min-width: 80px; width: 120px; }
.c2c-bar { display: block; height: 10px; background: var(--c2c-bar); border-radius: 2px; }
""" + "".join(f".c2c-w{p} {{ width: {p}%; }}\n" for p in range(0, 101, 5)) + """
#c2c-header h2 { overflow-wrap: anywhere; white-space: normal; }
.gradio-container { max-width: 100% !important; overflow-x: hidden; }
#c2c-chat { height: 62vh !important; }
/* the overview table: every column at least 64 px, scrolling sideways inside its own box */
#c2c-table table { min-width: 720px; }
#c2c-table th, #c2c-table td { min-width: 64px; }
#c2c-table .table-wrap, #c2c-table .table-container { overflow-x: auto; max-width: 100%; }
.c2c-dl { min-height: 44px; }
/* the trash icon sits at the chat's top right: the questions (right-aligned) keep clear of it */
#c2c-chat .user-row { padding-right: 52px; }
/* answers open at their start, so Gradio's round "scroll to bottom" button would only cover quotes */
#c2c-chat .scroll-down-button-container { display: none !important; }
#c2c-charts img { max-width: 600px !important; width: 100% !important; height: auto !important; }
@media (max-width: 640px) {
  .gradio-container { padding: 4px !important; }
  #c2c-top { flex-direction: column !important; gap: 4px !important; }
  #c2c-top > * { width: 100% !important; min-width: 0 !important; }
  #c2c-lang .wrap { flex-wrap: nowrap; }
  #c2c-header h2 { font-size: 17px; margin: 0; }
  #c2c-header p { font-size: 12px; margin: 2px 0; }
  #c2c-chat { height: 46vh !important; }
  #c2c-lang { min-width: 0 !important; }
  #c2c-chat .message-buttons button, #c2c-chat button.action, #c2c-chat .icon-button { min-width: 44px; min-height: 44px; }
}
footer { display: none !important; }
"""


def _theme():
    font = [gr.themes.Font("system-ui"), gr.themes.Font("Noto Sans CJK JP"), gr.themes.Font("sans-serif")]
    mono = [gr.themes.Font("ui-monospace"), gr.themes.Font("monospace")]
    return gr.themes.Soft(primary_hue="green", font=font, font_mono=mono)


def text_message(text: str) -> str:
    """A user's words as chat content that renders as plain text (no HTML, no Markdown)."""
    return esc(text)


def ui_language(choice: str | None) -> str:
    """The radio's choice -> "ja" / "en" (an already short code passes through)."""
    return "en" if choice in ("English", "en") else "ja"


# The components `Callbacks.relabel` updates, in the order of its return value.
RELABELED = ("header", "chat_tab", "similar_tab", "overview_tab", "chat", "box", "send", "new_chat", "examples",
             "filters", *FILTER_KEYS, "years", "top_k", "sim_pick", "sim_btn", "fmt", "sim_fmt", "tab_fmt",
             "ans_btn", "pick", "sim_export", "tab_export", "table", "plot", "ui_lang")


@dataclass
class Callbacks:
    """Plain functions behind the UI; each returns what the components show.

    The chat keeps one `Conversation` per browser session in a `gr.State` (created on the
    session's first question, never shared), so follow-ups refer to that session's answers.
    When several fiscal years are loaded, a year filter restricts the chat, the overview and
    the downloads, and every citation names its year (`Assistant.tag`).
    """

    assistant: Assistant

    # ------------------------------------------------------------ years and labels
    @property
    def several_years(self) -> bool:
        return len(self.assistant.years) > 1

    def tag(self, p: Proposal, lang: str) -> str:
        return self.assistant.tag(p, lang)

    def year_choices(self, lang: str) -> list[tuple[str, int]]:
        return [(fiscal_label(y, lang), y) for y in self.assistant.years]

    def chosen_years(self, years) -> tuple[int, ...]:
        """The year filter's value -> the years to keep; none chosen (or all) means every loaded year."""
        chosen = tuple(sorted({int(y) for y in (years or ()) if str(y).strip()} & set(self.assistant.years)))
        return () if set(chosen) == set(self.assistant.years) else chosen

    def in_years(self, years) -> list[Proposal]:
        chosen = self.chosen_years(years)
        return [p for p in self.assistant.corpus if not chosen or p.year in chosen]

    def text(self, lang: str, key: str) -> str:
        """A label with the loaded years and the number of proposals filled in."""
        years = msg("sep.years", lang).join(fiscal_label(y, lang) for y in self.assistant.years)
        return LABELS[lang][key].format(years=years, n=len(self.assistant.corpus))

    def header(self, lang: str) -> str:
        return f"## {self.text(lang, 'title')}\n{self.text(lang, 'subtitle')}"

    # ------------------------------------------------------------ chat
    def conversation(self, conv: Conversation | None) -> Conversation:
        return conv if isinstance(conv, Conversation) else self.assistant.conversation()

    def choices(self, key: str, lang: str) -> list[tuple[str, str]]:
        """A filter's choices: one per label (variants of one value, デジタル技術 / デジタル技術（ＤＸ）, are
        one choice; the filter matches them all)."""
        out, labels = [], set()
        for p in self.assistant.corpus:
            for v in p.metadata(key):
                label = self.assistant.glossary.label(key, v, lang)
                if label not in labels:
                    labels.add(label)
                    out.append((label, v))
        return out

    def pick_value(self, p: Proposal):
        """What a proposal dropdown holds for `p`: its number, or its id ("2025-1") when several years are loaded."""
        return p.id if self.several_years else p.number

    def proposal_choices(self, lang: str, proposals=None) -> list[tuple[str, object]]:
        props = self.assistant.corpus if proposals is None else proposals
        return [(f"{self.tag(p, lang)} {p.view(lang).title}", self.pick_value(p)) for p in props]

    def respond(self, question: str, history: list | None, countries=None, cities=None, partners=None,
                proposers=None, fields=None, top_k=5, years=None):
        """One question outside any conversation: (history, cleared textbox, similar update, the Answer or None)."""
        return self.chat(question, history, None, countries, cities, partners, proposers, fields, top_k, years)[:4]

    def chat(self, question: str, history: list | None, conv: Conversation | None = None, countries=None,
             cities=None, partners=None, proposers=None, fields=None, top_k=5, years=None, lang: str | None = None):
        """One question in this session's conversation (`conv`, made here on the session's first question).
        `lang` is the UI language (an empty question gets its message in it).

        Returns (history, cleared textbox, similar-dropdown update, the Answer or None, the conversation).
        """
        conv = self.conversation(conv)
        history = list(history or [])
        given = {"country": countries, "domestic_city": cities, "target_area": partners,
                 "proposer": proposers, "fields": fields}
        shown = (question or "").strip()[:500] or "…"
        history.append({"role": "user", "content": text_message(shown)})
        if lang is not None and not (question or "").strip():
            history.append({"role": "assistant", "content": message_html(LABELS[ui_language(lang)]["empty"])})
            return history, "", gr.update(), None, conv
        try:
            answer = conv.ask(question or "", top_k=int(top_k or 5), filters={k: v for k, v in given.items() if v},
                              years=self.chosen_years(years) or None)
        except C2CError as e:
            history.append({"role": "assistant", "content": message_html(str(e))})
            return history, "", gr.update(), None, conv
        history.append({"role": "assistant", "content": answer_html(answer, self.tag)})
        return history, "", self._similar_update(answer), answer, conv

    def pending(self, question: str, history: list | None, lang: str = "ja"):
        """Shown the moment a question is sent: (history with the question and a pending line, cleared
        textbox, the question kept for `answer_pending`)."""
        history = list(history or [])
        shown = (question or "").strip()[:500] or "…"
        history.append({"role": "user", "content": text_message(shown)})
        history.append({"role": "assistant", "content": f'<p class="c2c-pending">{esc(LABELS[ui_language(lang)]["pending"])}</p>'})
        return history, "", question or ""

    def answer_pending(self, question: str, history: list | None, conv: Conversation | None = None, countries=None,
                       cities=None, partners=None, proposers=None, fields=None, top_k=5, years=None,
                       lang: str = "ja", fmt: str = "csv"):
        """The answer replacing the pending line: `chat`'s outputs and the answer's download."""
        history = list(history or [])
        if len(history) >= 2 and "c2c-pending" in str(history[-1].get("content", "")):
            history = history[:-2]
        out = self.chat(question, history, conv, countries, cities, partners, proposers, fields, top_k, years, lang)
        return (*out, self.answer_download(out[3], fmt, lang))

    def answer_download(self, answer, fmt: str = "csv", lang: str = "ja"):
        """The answer's download button: its file in the chosen format (nothing to download before an answer)."""
        if answer is None:
            return gr.update(value=None)
        return self.export_answer(answer, fmt, lang)

    def clear_chat(self, conv: Conversation | None = None):
        """The chat's trash icon (Gradio has emptied the screen): forget the answers too."""
        _, pick, last_answer, conv = self.new_conversation(conv)
        return pick, last_answer, conv, gr.update(value=None)

    def new_conversation(self, conv: Conversation | None = None):
        """The "new conversation" button: (empty chat, no similar choices, no last answer, the reset conversation)."""
        conv = self.conversation(conv)
        conv.reset()
        return [], gr.update(choices=[], value=None), None, conv

    def _similar_update(self, answer: Answer | None, lang: str | None = None):
        if answer is None:
            return gr.update(choices=[], value=None)
        choices = self.proposal_choices(lang or answer.lang, [h.proposal for h in answer.hits])
        return gr.update(choices=choices, value=choices[0][1] if choices else None)

    def similar_in_chat(self, number, history: list | None, conv: Conversation | None = None, lang: str = "ja"):
        if number in (None, ""):
            return list(history or []), "", gr.update(), None, self.conversation(conv)
        lang = ui_language(lang)
        try:
            p = self.assistant.get(number)
        except C2CError:
            return self.chat(LABELS[lang]["similar_question"].format(n=number), history, conv, lang=lang)
        if self.several_years:
            question = LABELS[lang]["similar_question_year"].format(n=p.number, year=fiscal_label(p.year, lang))
        else:
            question = LABELS[lang]["similar_question"].format(n=p.number)
        return self.chat(question, history, conv, lang=lang)

    # ------------------------------------------------------------ similar projects
    def similar_panel(self, number, lang: str = "ja", *, with_target: bool = True) -> str:
        """The picked proposal in full (unless `with_target`: the caller shows it), then under one heading
        the proposals most similar to it, each with its score and reasons, and what the score blends."""
        lang = ui_language(lang)
        if number in (None, ""):
            return ""
        try:
            target = self.assistant.get(number)
            hits = self.assistant.similar(target.id, top_k=5, lang=lang)
        except C2CError as e:
            return f"<p>{esc(str(e))}</p>"
        L = LABELS[lang]
        parts = ['<div class="c2c-answer c2c-similar">']
        if with_target:
            parts.append(full_proposal_html(target, lang, self.tag))
        parts.append(f'<h3 class="c2c-line c2c-similar-head">{esc(L["similar_head"].format(tag=self.tag(target, lang)))}</h3>'
                     f'<p class="c2c-explain">{esc(L["similar_explain"])}</p>')
        for h in hits:
            v = h.proposal.view(lang)
            # no blended number in the head (it can exceed 1); the reasons give the content similarity (0-1)
            parts.append(f'<div class="c2c-card c2c-n{v.number}"><div class="c2c-head">'
                         f'<span class="c2c-num">{esc(self.tag(h.proposal, lang))}</span> {esc(v.title)}</div>'
                         f'<div class="c2c-reasons">{esc("; ".join(h.reasons))}</div></div>')
        return "".join(parts) + "</div>"

    # ------------------------------------------------------------ overview and export
    def filtered(self, countries=None, cities=None, partners=None, proposers=None, fields=None, years=None) -> list:
        given = {"country": countries, "domestic_city": cities, "target_area": partners,
                 "proposer": proposers, "fields": fields}
        return filter_corpus(self.in_years(years), self.assistant.glossary, {k: v for k, v in given.items() if v})

    def table_headers(self, lang: str) -> list[str]:
        keys = [attribute_label(k, lang) for k in TABLE_KEYS]
        return keys[:1] + [LABELS[lang]["year"]] + keys[1:] if self.several_years else keys

    def table(self, proposals: list, lang: str) -> dict:
        """The overview table: {"headers": [...], "data": [[...], ...]} in one language (a year column
        beside the number when several years are loaded)."""
        lang = ui_language(lang)
        sep = msg("sep.cell", lang)
        rows = []
        for p in proposals:
            v = p.view(lang)
            year = [fiscal_label(p.year, lang)] if self.several_years else []
            rows.append([v.number, *year, v.title, v.proposer, v.domestic_city, v.target_area, v.country,
                         sep.join(v.fields)])
        return {"headers": self.table_headers(lang), "data": rows}

    def overview(self, countries=None, cities=None, partners=None, proposers=None, fields=None, lang="ja",
                 years=None):
        """(table value, chart figure) for the filtered proposals."""
        from .charts import programme_figure

        lang = ui_language(lang)
        proposals = self.filtered(countries, cities, partners, proposers, fields, years)
        shown = tuple(sorted({p.year for p in proposals})) if self.several_years else ()
        figure = programme_figure(proposals, self.assistant.glossary, lang, shown) if proposals else None
        return gr.update(value=self.table(proposals, lang)), figure

    def detail(self, number, lang: str = "ja") -> str:
        """The full proposal once (in the UI language; English with the Japanese original), then its similar projects."""
        lang = ui_language(lang)
        if number in (None, ""):
            return ""
        try:
            p = self.assistant.get(number)
        except C2CError as e:
            return f"<p>{esc(str(e))}</p>"
        return full_proposal_html(p, lang, self.tag) + self.similar_panel(p.id, lang, with_target=False)

    def row_proposal(self, row: list) -> str:
        """A table row -> the id of its proposal (number, and the year column when several years are shown)."""
        number = int(row[0])
        if self.several_years and len(row) > 1:
            # the year as either language writes it: the table may have been drawn before the language changed
            year = {fiscal_label(y, l): y for y in self.assistant.years for l in ("ja", "en")}.get(str(row[1]))
            if year is not None:
                return f"{year}-{number}"
        return str(number)

    def select_row(self, table_value, lang: str, evt: gr.SelectData) -> str:
        lang = ui_language(lang)
        row = getattr(evt, "row_value", None)
        if not row:
            index = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
            data = table_value.get("data") if isinstance(table_value, dict) else getattr(table_value, "values", None)
            if data is None:
                return ""
            row = list(data[index])
        col = evt.index[1] if isinstance(evt.index, (list, tuple)) and len(evt.index) > 1 else None
        if col is not None and evt.value is not None and col < len(row) and str(row[col]) != str(evt.value):
            return ""  # the table was redrawn under the click (a filter's refresh, then the tab's): the row sent is
            # not the one clicked, and no proposal is better than the wrong one; the next click opens it
        return self.detail(self.row_proposal(row), lang)

    def _export(self, rows: list[dict], columns, fmt: str, stem: str, lang: str):
        """A download in the UI language's headers; the file box appears with it."""
        from .export import column_labels

        if self.several_years:
            columns = (*(("rank",) if columns[0] == "rank" else ()), "year",
                       *(c for c in columns if c != "rank"))
        path = _write_export(rows, fmt, stem, columns=columns, headers=column_labels(ui_language(lang)))
        return gr.update(value=path, visible=True)

    def export_table(self, fmt: str, countries=None, cities=None, partners=None, proposers=None, fields=None,
                     years=None, lang: str = "ja"):
        from .export import PROPOSAL_COLUMNS, proposal_rows

        rows = proposal_rows(self.filtered(countries, cities, partners, proposers, fields, years),
                             with_year=self.several_years)
        return self._export(rows, PROPOSAL_COLUMNS, fmt, "c2c-proposals", lang)

    def export_answer(self, answer, fmt: str, lang: str = "ja"):
        from .export import ANSWER_COLUMNS, answer_rows

        if answer is None:
            raise gr.Error(LABELS[ui_language(lang)]["ask_first"])
        return self._export(answer_rows(answer, with_year=self.several_years), ANSWER_COLUMNS, fmt, "c2c-answer",
                            lang)

    def similar_download(self, number, fmt: str = "csv", lang: str = "ja"):
        """The similar tab's download button: the picked proposal's similar projects (nothing before a pick)."""
        if number in (None, ""):
            return gr.update(value=None)
        return self.export_similar(number, fmt, lang)

    def export_similar(self, number, fmt: str, lang: str = "ja"):
        from .export import SIMILAR_COLUMNS, similar_rows

        lang = ui_language(lang)
        if number in (None, ""):
            raise gr.Error(LABELS[lang]["pick_first"])
        target = self.assistant.get(number)
        rows = similar_rows(target, self.assistant.similar(target.id, lang=lang), with_year=self.several_years)
        return self._export(rows, SIMILAR_COLUMNS, fmt, f"c2c-similar-{target.id if self.several_years else target.number}",
                            lang)

    def relabel(self, lang_choice: str, answer: Answer | None = None):
        """Updates for every labelled component when the UI language changes (order: `RELABELED`)."""
        lang = ui_language(lang_choice)
        L = LABELS[lang]
        updates = {
            "header": gr.update(value=self.header(lang)),
            "chat_tab": gr.update(label=L["chat_tab"]),
            "similar_tab": gr.update(label=L["similar_tab"]),
            "overview_tab": gr.update(label=L["overview_tab"]),
            "chat": gr.update(label=L["chat"], placeholder=self.text(lang, "welcome")),
            "box": gr.update(label=L["question"], placeholder=L["placeholder"]),
            "send": gr.update(value=L["send"]),
            "new_chat": gr.update(value=L["new_chat"]),
            "examples": gr.update(label=L["examples"], samples=[[q] for q in L["examples_list"]]),
            "filters": gr.update(label=L["filters"]),
            **{f.key: gr.update(label=f.label(lang), choices=self.choices(f.key, lang)) for f in FILTERS},
            "years": gr.update(label=L["year"], choices=self.year_choices(lang)),
            "top_k": gr.update(label=L["top_k"]),
            "sim_pick": (self._similar_update(answer, lang) if answer is not None else gr.update())
            | {"label": L["similar_of"]},
            "sim_btn": gr.update(value=L["similar_btn"]),
            "fmt": gr.update(label=L["export_fmt"]),
            "sim_fmt": gr.update(label=L["export_fmt"]),
            "tab_fmt": gr.update(label=L["export_fmt"]),
            "ans_btn": gr.update(label=L["export_answer"]),
            "pick": gr.update(label=L["pick"], choices=self.proposal_choices(lang)),
            "sim_export": gr.update(label=L["export_similar"]),
            "tab_export": gr.update(label=L["export_table"]),
            "table": gr.update(label=L["table"]),
            "plot": gr.update(label=L["charts"]),
            "ui_lang": lang,
        }
        return [updates[name] for name in RELABELED]


def _write_export(rows: list[dict], fmt: str, stem: str, *, columns=None, headers=None) -> str:
    """Write rows to a fresh temporary file (csv: UTF-8 with BOM; xlsx) and return its path."""
    import tempfile
    from pathlib import Path

    from .export import write_csv, write_xlsx

    folder = Path(tempfile.mkdtemp(prefix="c2c-export-"))
    if fmt == "xlsx":
        path = folder / f"{stem}.xlsx"
        write_xlsx(rows, path, columns=columns, headers=headers)
    else:
        path = folder / f"{stem}.csv"
        write_csv(rows, path, columns=columns, headers=headers)
    return str(path)


def build_app(assistant: Assistant, *, lang: str = "ja", browser_language: bool = True) -> gr.Blocks:
    """The page. With `browser_language`, the UI language follows the browser's on first load."""
    cb = Callbacks(assistant)
    L = LABELS[lang]
    with gr.Blocks(title="c2c-assistant", analytics_enabled=False) as demo:
        ui_lang = gr.State(lang)
        conv = gr.State(None)  # this session's Conversation, made on its first question
        last_answer = gr.State(None)
        with gr.Row(equal_height=False, elem_id="c2c-top"):
            header = gr.Markdown(cb.header(lang), elem_id="c2c-header")
            switch = gr.Radio(list(LANG_CHOICES), value=LANG_CHOICES[lang == "en"], label=L["lang"],
                              elem_id="c2c-lang", scale=0, min_width=250)
        with gr.Tabs():
            with gr.Tab(L["chat_tab"], id="chat", elem_id="c2c-chat-tab") as chat_tab:
                # Gradio's own copy buttons would copy the message's HTML; each answer has its own
                # copy button holding plain text instead. The trash icon starts a new conversation.
                chat = gr.Chatbot(label=L["chat"], show_label=False, height="62vh", elem_id="c2c-chat", autoscroll=False,
                                  placeholder=cb.text(lang, "welcome"), sanitize_html=True, feedback_options=None,
                                  buttons=[])
                with gr.Row(equal_height=True):
                    box = gr.Textbox(label=L["question"], placeholder=L["placeholder"], lines=1, max_lines=4,
                                     scale=5, min_width=180, elem_id="c2c-question", max_length=2000)
                    send = gr.Button(L["send"], variant="primary", scale=1, min_width=70, elem_id="c2c-send")
                    new_chat = gr.Button(L["new_chat"], scale=1, min_width=70, elem_id="c2c-new")
                with gr.Row(equal_height=True, elem_id="c2c-answer-tools"):
                    sim_pick = gr.Dropdown([], label=L["similar_of"], elem_id="c2c-similar-pick", min_width=200, scale=2)
                    sim_btn = gr.Button(L["similar_btn"], elem_id="c2c-similar-btn", min_width=120, scale=1)
                    fmt = gr.Radio(["csv", "xlsx"], value="csv", label=L["export_fmt"], elem_id="c2c-format",
                                   min_width=140, scale=1)
                    ans_btn = gr.DownloadButton(L["export_answer"], value=None, elem_id="c2c-export-answer",
                                                elem_classes=["c2c-dl"], min_width=120, scale=1)
                examples = gr.Dataset(components=[box], samples=[[q] for q in L["examples_list"]],
                                      label=L["examples"], elem_id="c2c-examples")
            with gr.Tab(L["similar_tab"], id="similar", elem_id="c2c-similar-tab") as similar_tab:
                pick = gr.Dropdown(cb.proposal_choices(lang), value=None, label=L["pick"],
                                   elem_id="c2c-pick", filterable=True)
                with gr.Row(equal_height=True):
                    sim_fmt = gr.Radio(["csv", "xlsx"], value="csv", label=L["export_fmt"], elem_id="c2c-similar-format",
                                       min_width=140, scale=1)
                    sim_export = gr.DownloadButton(L["export_similar"], value=None, elem_id="c2c-export-similar",
                                                   elem_classes=["c2c-dl"], min_width=120, scale=1)
                sim_out = gr.HTML(elem_id="c2c-similar-out")
            with gr.Tab(L["overview_tab"], id="overview", elem_id="c2c-overview-tab") as overview_tab:
                with gr.Row(equal_height=True):
                    tab_fmt = gr.Radio(["csv", "xlsx"], value="csv", label=L["export_fmt"], elem_id="c2c-table-format",
                                       min_width=140, scale=1)
                    tab_export = gr.DownloadButton(L["export_table"], value=cb.export_table("csv", lang=lang)["value"],
                                                   elem_id="c2c-export-table", elem_classes=["c2c-dl"], min_width=120,
                                                   scale=1)
                widths = ["6%", "34%", "14%", "10%", "12%", "8%", "16%"]
                if cb.several_years:
                    widths = ["5%", "8%", "31%", "13%", "10%", "11%", "8%", "14%"]
                table = gr.Dataframe(value=cb.table(assistant.corpus, lang), label=L["table"],
                                     interactive=False, elem_id="c2c-table", wrap=True, column_widths=widths)
                detail = gr.HTML(elem_id="c2c-detail")
                plot = gr.Plot(label=L["charts"], elem_id="c2c-charts")
        with gr.Accordion(L["filters"], open=False, elem_id="c2c-filters") as filters_acc:
            filt = {}
            with gr.Row():
                for f in FILTERS:
                    filt[f.key] = gr.Dropdown(cb.choices(f.key, lang), multiselect=True, label=f.label(lang),
                                              elem_id=f"c2c-filter-{FILTER_IDS[f.key]}", value=[], min_width=160)
                # the fiscal years (all by default); shown only when more than one is loaded
                years = gr.Dropdown(cb.year_choices(lang), multiselect=True, label=L["year"],
                                    value=list(assistant.years), elem_id="c2c-filter-year", min_width=160,
                                    visible=cb.several_years)
            top_k = gr.Slider(1, max(1, min(len(assistant.corpus), MAX_TOP_K)), value=5, step=1, label=L["top_k"],
                              elem_id="c2c-topk")
        filters = list(filt.values())
        asked = gr.State("")
        inputs = [asked, chat, conv, *filters, top_k, years, ui_lang, fmt]
        outputs = [chat, box, sim_pick, last_answer, conv, ans_btn]
        # the question and a pending line at once, then the answer in their place
        for trigger in (box.submit, send.click):
            trigger(cb.pending, [box, chat, ui_lang], [chat, box, asked], api_name=False, queue=False).then(
                cb.answer_pending, inputs, outputs, api_name=False)
        ask_api = gr.Button(visible=False)
        ask_api.click(cb.chat, [box, chat, conv, *filters, top_k, years], outputs[:5], api_name="ask")
        new_chat.click(cb.new_conversation, [conv], [chat, sim_pick, last_answer, conv], api_name=False).then(
            lambda: gr.update(value=None), None, [ans_btn], api_name=False)
        chat.clear(cb.clear_chat, [conv], [sim_pick, last_answer, conv, ans_btn], api_name=False)
        examples.click(lambda sample: sample[0], [examples], [box], api_name=False)
        sim_btn.click(cb.similar_in_chat, [sim_pick, chat, conv, ui_lang], outputs[:5], api_name=False).then(
            cb.answer_download, [last_answer, fmt, ui_lang], [ans_btn], api_name=False)
        fmt.change(cb.answer_download, [last_answer, fmt, ui_lang], [ans_btn], api_name=False)
        pick.change(cb.similar_panel, [pick, ui_lang], [sim_out], api_name="similar")
        for trigger in (pick.change, sim_fmt.change):
            trigger(cb.similar_download, [pick, sim_fmt, ui_lang], [sim_export], api_name=False)
        for f in (*filters, years):
            f.change(cb.overview, [*filters, ui_lang, years], [table, plot], api_name=False)
        overview_tab.select(cb.overview, [*filters, ui_lang, years], [table, plot], api_name=False)
        table.select(cb.select_row, [table, ui_lang], [detail], api_name=False)
        for f in (*filters, years, tab_fmt):
            f.change(cb.export_table, [tab_fmt, *filters, years, ui_lang], [tab_export], api_name=False)
        export_api = gr.Button(visible=False)
        export_api.click(cb.export_table, [tab_fmt, *filters, years, ui_lang], [tab_export], api_name="export")
        named = {"header": header, "chat_tab": chat_tab, "similar_tab": similar_tab, "overview_tab": overview_tab,
                 "chat": chat, "box": box, "send": send, "new_chat": new_chat, "examples": examples,
                 "filters": filters_acc, **filt, "years": years, "top_k": top_k, "sim_pick": sim_pick,
                 "sim_btn": sim_btn, "fmt": fmt, "sim_fmt": sim_fmt, "tab_fmt": tab_fmt, "ans_btn": ans_btn,
                 "pick": pick, "sim_export": sim_export, "tab_export": tab_export, "table": table, "plot": plot,
                 "ui_lang": ui_lang}
        switch.change(cb.relabel, [switch, last_answer], [named[n] for n in RELABELED], api_name=False).then(
            None, [switch], None, js=SET_LANG_JS, api_name=False).then(
            cb.overview, [*filters, ui_lang, years], [table, plot], api_name=False).then(
            cb.export_table, [tab_fmt, *filters, years, ui_lang], [tab_export], api_name=False).then(
            cb.answer_download, [last_answer, fmt, ui_lang], [ans_btn], api_name=False)
        if browser_language:
            demo.load(None, None, [switch], js=BROWSER_LANG_JS, api_name=False)
        else:
            demo.load(None, [switch], None, js=SET_LANG_JS, api_name=False)
    demo.queue(default_concurrency_limit=CONCURRENCY_LIMIT, max_size=QUEUE_MAX_SIZE)
    return demo


def auth_from_env() -> tuple[str, str] | None:
    user, password = os.environ.get("C2C_AUTH_USER"), os.environ.get("C2C_AUTH_PASSWORD")
    if user and password:
        return (user, password)
    if user or password:
        raise ValueError("set both C2C_AUTH_USER and C2C_AUTH_PASSWORD, or neither")
    return None


def launch(demo: gr.Blocks, *, host: str = "127.0.0.1", port: int = 7860, block: bool = True, quiet: bool = True,
           mcp: Assistant | None = None):
    """Start the server; returns (app, local_url). With `mcp` (an assistant), the MCP tools of
    `assistant/mcp_server.py` are served too, at /gradio_api/mcp/."""
    app_kwargs = {}
    if mcp is not None:
        from .mcp_server import Tools, http_lifespan

        app_kwargs["lifespan"] = http_lifespan(Tools(lambda: mcp), host=host, auth=auth_from_env())
    app, url, _ = demo.launch(app_kwargs=app_kwargs,
        server_name=host, server_port=port, share=False, auth=auth_from_env(), inbrowser=False,
        prevent_thread_lock=not block, quiet=quiet, show_error=False, ssr_mode=False, pwa=False,
        mcp_server=False, theme=_theme(), css=CSS, js=PAGE_JS, footer_links=[], enable_monitoring=False,
    )
    return app, url


def serve(settings: Settings, *, host: str = "127.0.0.1", port: int = 7860, quiet: bool = False,
          mcp: bool = False) -> int:
    from .core import load_assistant

    assistant = load_assistant(settings, progress=not quiet)
    demo = build_app(assistant)
    print(f"c2c: serving on http://{host}:{port}  (Ctrl+C to stop)", file=sys.stderr, flush=True)
    if mcp:
        print(f"c2c: MCP tools (streamable HTTP) at http://{host}:{port}/gradio_api/mcp/", file=sys.stderr, flush=True)
    launch(demo, host=host, port=port, block=True, quiet=True, mcp=assistant if mcp else None)
    return 0
