"""The web chat: a thin Gradio shell over `Assistant`.

`build_app(assistant)` returns a `gr.Blocks`; the callbacks are plain functions
(`Callbacks`) that tests call without a server; only `serve()` launches.
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

from .answer import Answer  # noqa: E402
from .config import Settings  # noqa: E402
from .core import Assistant, QuestionError  # noqa: E402
from .query import FILTER_KEYS  # noqa: E402
from .render import answer_html, esc, full_proposal_html  # noqa: E402

CONCURRENCY_LIMIT = 4
QUEUE_MAX_SIZE = 64

LABELS = {
    "ja": {
        "title": "脱炭素都市間連携事業（令和6年度）検索アシスタント",
        "subtitle": "18件の応募事業概要から、原文をそのまま引用して答えます（生成はしません）。引用は事業番号 #N で示します。",
        "chat_tab": "チャット", "similar_tab": "類似事業", "question": "質問（日本語または英語）",
        "placeholder": "例：ベトナムで廃棄物発電を扱う事業は？", "send": "送信", "clear": "会話を消去",
        "filters": "絞り込み（質問の条件と組み合わせ）", "country": "対象国", "domestic_city": "国内都市",
        "target_area": "対象都市・地域", "proposer": "提案者", "fields": "対象分野", "top_k": "表示件数（上限）",
        "similar_of": "この事業に似た事業", "similar_btn": "類似事業を表示", "pick": "事業を選択",
        "examples": "質問の例", "lang": "表示言語 / Language", "chat": "回答",
        "overview_tab": "一覧・グラフ", "table": "事業一覧（列見出しで並べ替え、行をクリックで詳細）",
        "export_fmt": "出力形式", "export_table": "一覧をダウンロード", "export_answer": "最新の回答をダウンロード",
        "export_similar": "類似事業をダウンロード", "file": "ファイル", "charts": "グラフ",
        "cols": ["番号", "事業名", "提案者", "国内都市", "対象都市・地域", "対象国", "対象分野"],
    },
    "en": {
        "title": "City-to-City Collaboration for a Zero-Carbon Society (FY2024) — search assistant",
        "subtitle": "Answers quote the 18 proposal summaries verbatim and cite them as #N; nothing is generated. "
                    "English renderings are unofficial translations.",
        "chat_tab": "Chat", "similar_tab": "Similar projects", "question": "Question (Japanese or English)",
        "placeholder": "e.g. Which projects work on hydrogen?", "send": "Send", "clear": "Clear chat",
        "filters": "Filters (combined with what the question says)", "country": "Country",
        "domestic_city": "Japanese city", "target_area": "Partner city / region", "proposer": "Proposer",
        "fields": "Target field", "top_k": "Max results", "similar_of": "Projects similar to",
        "similar_btn": "Show similar projects", "pick": "Pick a proposal", "examples": "Example questions",
        "lang": "表示言語 / Language", "chat": "Answers",
        "overview_tab": "Overview", "table": "All proposals (click a header to sort, a row for details)",
        "export_fmt": "Format", "export_table": "Download the table", "export_answer": "Download the last answer",
        "export_similar": "Download similar projects", "file": "File", "charts": "Charts",
        "cols": ["No.", "Title", "Proposer", "Japanese city", "Partner", "Country", "Fields"],
    },
}

EXAMPLES = [
    "Which projects work on hydrogen?",
    "ベトナムで廃棄物発電を扱う事業は？",
    "What is similar to project 8?",
    "インドネシアの事業の一覧",
    "coke dry quenching",
    "木造の高断熱住宅を海外に展開する事業",
]

CSS = """
.c2c-answer { font-size: 15px; line-height: 1.55; }
.c2c-line { font-weight: 600; margin: 0 0 8px 0; }
.c2c-card { border: 1px solid #d0d7de; border-left: 4px solid #1f6f43; border-radius: 6px; padding: 10px 12px; margin: 10px 0; background: #fbfcfb; }
.c2c-head { font-size: 16px; font-weight: 600; }
.c2c-num { color: #1f6f43; }
.c2c-title-en { color: #444; font-style: italic; margin-top: 2px; }
.c2c-meta { color: #333; font-size: 13px; margin: 6px 0 4px 0; }
.c2c-meta b { color: #57606a; font-weight: 600; margin-right: 2px; }
.c2c-tags { margin: 4px 0 6px 0; }
.c2c-tag { display: inline-block; background: #e6f2ea; color: #1f4f33; border-radius: 10px; padding: 1px 8px; margin: 2px 4px 2px 0; font-size: 12px; }
.c2c-quote, .c2c-quote-en { margin: 6px 0; padding: 4px 10px; border-left: 3px solid #b6c8bb; background: #fff; }
.c2c-quote-en { color: #444; border-left-color: #c9d3e0; }
.c2c-quote mark, .c2c-quote-en mark { background: #ffe58a; padding: 0 1px; }
.c2c-unofficial { color: #6e7781; font-size: 12px; }
.c2c-reasons { color: #6e7781; font-size: 12px; margin-top: 4px; }
.c2c-cite summary { cursor: pointer; color: #0b5cad; font-size: 13px; }
.c2c-full { font-size: 14px; padding: 6px 0; }
footer { display: none !important; }
"""


def _theme():
    font = [gr.themes.Font("system-ui"), gr.themes.Font("Noto Sans CJK JP"), gr.themes.Font("sans-serif")]
    mono = [gr.themes.Font("ui-monospace"), gr.themes.Font("monospace")]
    return gr.themes.Soft(primary_hue="green", font=font, font_mono=mono)


def text_message(text: str) -> str:
    """A user's words as chat content that renders as plain text (no HTML, no Markdown)."""
    return esc(text)


@dataclass
class Callbacks:
    """Plain functions behind the UI; each returns what the components show."""

    assistant: Assistant

    def choices(self, key: str, lang: str) -> list[tuple[str, str]]:
        values = []
        for p in self.assistant.corpus:
            for v in p.metadata(key):
                if v not in values:
                    values.append(v)
        return [(self._label(key, v, lang), v) for v in values]

    def _label(self, key: str, value: str, lang: str) -> str:
        g = self.assistant.glossary
        if lang == "en":
            return f"{g.label(key, value, 'en')} ({value})"
        return f"{value}（{g.label(key, value, 'en')}）"

    def proposal_choices(self, lang: str) -> list[tuple[str, int]]:
        out = []
        for p in self.assistant.corpus:
            title = p.en.title if (lang == "en" and p.en) else p.title
            out.append((f"#{p.number} {title}", p.number))
        return out

    def respond(self, question: str, history: list | None, countries=None, cities=None, partners=None,
                proposers=None, fields=None, top_k=5):
        """Answer one question: (history, cleared textbox, similar-dropdown update, the Answer or None)."""
        history = list(history or [])
        filters = {"country": countries, "domestic_city": cities, "target_area": partners,
                   "proposer": proposers, "fields": fields}
        shown = (question or "").strip()[:500] or "…"
        history.append({"role": "user", "content": text_message(shown)})
        try:
            answer = self.assistant.ask(question or "", top_k=int(top_k or 5),
                                        filters={k: v for k, v in filters.items() if v})
        except QuestionError as e:
            history.append({"role": "assistant", "content": f'<p class="c2c-line">{esc(str(e))}</p>'})
            return history, "", gr.update(), None
        history.append({"role": "assistant", "content": answer_html(answer)})
        return history, "", self._similar_update(answer), answer

    def _similar_update(self, answer: Answer):
        lang = answer.lang
        choices = []
        for h in answer.hits:
            title = h.proposal.en.title if (lang == "en" and h.proposal.en) else h.proposal.title
            choices.append((f"#{h.number} {title}", h.number))
        return gr.update(choices=choices, value=choices[0][1] if choices else None)

    def similar_in_chat(self, number, history: list | None, lang: str = "ja"):
        history = list(history or [])
        if number in (None, ""):
            return history, gr.update()
        question = f"similar to #{number}" if lang == "en" else f"#{number}に似た事業"
        return self.respond(question, history)[0], gr.update()

    def similar_panel(self, number, lang: str = "ja") -> str:
        if number in (None, ""):
            return ""
        try:
            target = self.assistant.get(number)
            hits = self.assistant.similar(target.number, top_k=5, lang=lang)
        except QuestionError as e:
            return f"<p>{esc(str(e))}</p>"
        head = ("Projects most similar to" if lang == "en" else "似ている事業：")
        parts = [f'<div class="c2c-answer"><p class="c2c-line">{esc(head)} #{target.number}</p>',
                 full_proposal_html(target, lang)]
        for h in hits:
            p = h.proposal
            title = p.en.title if (lang == "en" and p.en) else p.title
            parts.append(f'<div class="c2c-card c2c-n{p.number}"><div class="c2c-head">'
                         f'<span class="c2c-num">#{p.number}</span> {esc(title)} '
                         f'<span class="c2c-unofficial">score {h.score:.3f}</span></div>'
                         f'<div class="c2c-reasons">{esc("; ".join(h.reasons))}</div></div>')
        return "".join(parts) + "</div>"

    # ------------------------------------------------------------ overview and export
    def filtered(self, countries=None, cities=None, partners=None, proposers=None, fields=None) -> list:
        from .export import filter_corpus

        return filter_corpus(self.assistant.corpus, self.assistant.glossary, country=countries, city=cities,
                             partner=partners, proposer=proposers, field=fields)

    def table(self, proposals: list, lang: str) -> dict:
        """The overview table: {"headers": [...], "data": [[...], ...]}."""
        rows = []
        for p in proposals:
            if lang == "en" and p.en:
                rows.append([p.number, p.en.title, p.en.proposer, p.en.domestic_city, p.en.target_area,
                             p.en.country, "; ".join(p.en.fields)])
            else:
                rows.append([p.number, p.title, p.proposer, p.domestic_city, p.target_area, p.country,
                             "、".join(p.fields)])
        return {"headers": LABELS[lang]["cols"], "data": rows}

    def overview(self, countries=None, cities=None, partners=None, proposers=None, fields=None, lang="ja"):
        """(table value, chart figure) for the filtered proposals."""
        from .charts import programme_figure

        proposals = self.filtered(countries, cities, partners, proposers, fields)
        figure = programme_figure(proposals, self.assistant.glossary, lang) if proposals else None
        return gr.update(value=self.table(proposals, lang)), figure

    def detail(self, number, lang: str = "ja") -> str:
        """The full proposal (Japanese, unofficial English) and its similar projects."""
        if number in (None, ""):
            return ""
        try:
            p = self.assistant.get(number)
        except QuestionError as e:
            return f"<p>{esc(str(e))}</p>"
        return full_proposal_html(p, lang) + self.similar_panel(p.number, lang)

    def select_row(self, table_value, lang: str, evt: gr.SelectData) -> str:
        row = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        data = table_value.get("data") if isinstance(table_value, dict) else getattr(table_value, "values", None)
        if data is None:
            return ""
        number = data[row][0] if hasattr(data, "__getitem__") else None
        return self.detail(int(number), lang)

    def export_table(self, fmt: str, countries=None, cities=None, partners=None, proposers=None, fields=None) -> str:
        from .export import proposal_rows

        rows = proposal_rows(self.filtered(countries, cities, partners, proposers, fields))
        return _write_export(rows, fmt, "c2c-proposals")

    def export_answer(self, answer, fmt: str) -> str | None:
        from .export import answer_rows

        if answer is None:
            raise gr.Error("Ask a question first. / まず質問してください。")
        return _write_export(answer_rows(answer), fmt, "c2c-answer")

    def export_similar(self, number, fmt: str, lang: str = "ja") -> str | None:
        from .export import similar_rows

        if number in (None, ""):
            raise gr.Error("Pick a proposal first. / まず事業を選んでください。")
        target = self.assistant.get(number)
        return _write_export(similar_rows(target.number, self.assistant.similar(target.number, lang=lang)), fmt,
                             f"c2c-similar-{target.number}")

    def relabel(self, lang_choice: str):
        """Updates for every labelled component when the UI language changes."""
        lang = "en" if lang_choice == "English" else "ja"
        L = LABELS[lang]
        updates = [
            gr.update(value=f"## {L['title']}\n{L['subtitle']}"),
            gr.update(label=L["question"], placeholder=L["placeholder"]),
            gr.update(value=L["send"]),
            gr.update(label=L["chat"]),
        ]
        for key in FILTER_KEYS:
            updates.append(gr.update(label=L[key], choices=self.choices(key, lang)))
        updates += [
            gr.update(label=L["top_k"]),
            gr.update(label=L["similar_of"]),
            gr.update(value=L["similar_btn"]),
            gr.update(label=L["pick"], choices=self.proposal_choices(lang)),
            lang,
        ]
        return updates


def _write_export(rows: list[dict], fmt: str, stem: str) -> str:
    """Write rows to a fresh temporary file (csv: UTF-8 with BOM; xlsx) and return its path."""
    import tempfile
    from pathlib import Path

    from .export import write_csv, write_xlsx

    folder = Path(tempfile.mkdtemp(prefix="c2c-export-"))
    if fmt == "xlsx":
        path = folder / f"{stem}.xlsx"
        write_xlsx(rows, path)
    else:
        path = folder / f"{stem}.csv"
        write_csv(rows, path)
    return str(path)


def build_app(assistant: Assistant, *, lang: str = "ja") -> gr.Blocks:
    cb = Callbacks(assistant)
    L = LABELS[lang]
    with gr.Blocks(title="c2c-assistant", analytics_enabled=False) as demo:
        ui_lang = gr.State(lang)
        with gr.Row():
            header = gr.Markdown(f"## {L['title']}\n{L['subtitle']}", elem_id="c2c-header")
            switch = gr.Radio(["日本語", "English"], value="日本語" if lang == "ja" else "English",
                              label=L["lang"], elem_id="c2c-lang", scale=0, min_width=220)
        last_answer = gr.State(None)
        with gr.Row():
            with gr.Column(scale=1, min_width=260):
                filt = {}
                for key, eid in zip(FILTER_KEYS, ("country", "city", "partner", "proposer", "field")):
                    filt[key] = gr.Dropdown(cb.choices(key, lang), multiselect=True, label=L[key],
                                            elem_id=f"c2c-filter-{eid}", value=[])
                top_k = gr.Slider(1, 18, value=5, step=1, label=L["top_k"], elem_id="c2c-topk")
                sim_pick = gr.Dropdown([], label=L["similar_of"], elem_id="c2c-similar-pick")
                sim_btn = gr.Button(L["similar_btn"], elem_id="c2c-similar-btn")
                fmt = gr.Radio(["csv", "xlsx"], value="csv", label=L["export_fmt"], elem_id="c2c-format")
                ans_btn = gr.Button(L["export_answer"], elem_id="c2c-export-answer", size="sm")
                file_out = gr.File(label=L["file"], elem_id="c2c-file", interactive=False)
            with gr.Column(scale=3):
                with gr.Tabs():
                    with gr.Tab("チャット / Chat", id="chat"):
                        chat = gr.Chatbot(label=L["chat"], height=560, elem_id="c2c-chat",
                                          sanitize_html=True, feedback_options=None, buttons=["copy"])
                        with gr.Row():
                            box = gr.Textbox(label=L["question"], placeholder=L["placeholder"], lines=1,
                                             max_lines=4, scale=5, elem_id="c2c-question", max_length=2000)
                            send = gr.Button(L["send"], variant="primary", scale=1, elem_id="c2c-send")
                        gr.Examples(EXAMPLES, inputs=[box], label=L["examples"])
                    with gr.Tab("類似事業 / Similar projects", id="similar"):
                        pick = gr.Dropdown(cb.proposal_choices(lang), value=None, label=L["pick"],
                                           elem_id="c2c-pick", filterable=True)
                        sim_export = gr.Button(L["export_similar"], elem_id="c2c-export-similar", size="sm")
                        sim_out = gr.HTML(elem_id="c2c-similar-out")
                    with gr.Tab("一覧・グラフ / Overview", id="overview", elem_id="c2c-overview-tab") as overview_tab:
                        tab_export = gr.Button(L["export_table"], elem_id="c2c-export-table", size="sm")
                        table = gr.Dataframe(value=cb.table(assistant.corpus, lang), label=L["table"],
                                             interactive=False, elem_id="c2c-table", wrap=True,
                                             column_widths=["6%", "34%", "14%", "10%", "12%", "8%", "16%"])
                        detail = gr.HTML(elem_id="c2c-detail")
                        plot = gr.Plot(label=L["charts"], elem_id="c2c-charts")
        filters = list(filt.values())
        inputs = [box, chat, *filters, top_k]
        outputs = [chat, box, sim_pick, last_answer]
        box.submit(cb.respond, inputs, outputs, api_name="ask")
        send.click(cb.respond, inputs, outputs, api_name=False)
        sim_btn.click(cb.similar_in_chat, [sim_pick, chat, ui_lang], [chat, sim_pick], api_name=False)
        pick.change(cb.similar_panel, [pick, ui_lang], [sim_out], api_name="similar")
        for f in filters:
            f.change(cb.overview, [*filters, ui_lang], [table, plot], api_name=False)
        overview_tab.select(cb.overview, [*filters, ui_lang], [table, plot], api_name=False)
        table.select(cb.select_row, [table, ui_lang], [detail], api_name=False)
        tab_export.click(cb.export_table, [fmt, *filters], [file_out], api_name="export")
        ans_btn.click(cb.export_answer, [last_answer, fmt], [file_out], api_name=False)
        sim_export.click(cb.export_similar, [pick, fmt, ui_lang], [file_out], api_name=False)
        switch.change(cb.relabel, [switch],
                      [header, box, send, chat, *filters, top_k, sim_pick, sim_btn, pick, ui_lang],
                      api_name=False).then(cb.overview, [*filters, ui_lang], [table, plot], api_name=False)
    demo.queue(default_concurrency_limit=CONCURRENCY_LIMIT, max_size=QUEUE_MAX_SIZE)
    return demo


def auth_from_env() -> tuple[str, str] | None:
    user, password = os.environ.get("C2C_AUTH_USER"), os.environ.get("C2C_AUTH_PASSWORD")
    if user and password:
        return (user, password)
    if user or password:
        raise ValueError("set both C2C_AUTH_USER and C2C_AUTH_PASSWORD, or neither")
    return None


def launch(demo: gr.Blocks, *, host: str = "127.0.0.1", port: int = 7860, block: bool = True, quiet: bool = True):
    """Start the server; returns (app, local_url)."""
    app, url, _ = demo.launch(
        server_name=host, server_port=port, share=False, auth=auth_from_env(), inbrowser=False,
        prevent_thread_lock=not block, quiet=quiet, show_error=False, ssr_mode=False, pwa=False,
        mcp_server=False, theme=_theme(), css=CSS, footer_links=[], enable_monitoring=False,
    )
    return app, url


def serve(settings: Settings, *, host: str = "127.0.0.1", port: int = 7860, quiet: bool = False) -> int:
    from .core import load_assistant

    assistant = load_assistant(settings, progress=not quiet)
    demo = build_app(assistant)
    print(f"c2c: serving on http://{host}:{port}  (Ctrl+C to stop)", file=sys.stderr, flush=True)
    launch(demo, host=host, port=port, block=True, quiet=True)
    return 0
