"""An invented 3-proposal FY2025 list, written in every form `c2c add` reads: the text layout, a
ruled table PDF in the ministry's layout (A4 landscape, 8 columns, header repeated per page, a row
continued on the next page with its 番号 cell empty, a title above and 「- N -」 below), a paged text
PDF with the same furniture, an XLSX workbook and a CSV file. Files are written where the test asks
(tmp_path); nothing generated is committed."""
from __future__ import annotations

import csv
from pathlib import Path

TITLE = "令和７年度脱炭素社会実現のための都市間連携事業委託業務　応募事業概要書"
HEADER_JA = ("番号", "提案者", "国内都市", "対象都市・地域", "対象国", "事業名", "対象分野", "事業概要")
HEADER_EN = ("No.", "Proposer", "Japanese city", "Partner city", "Country", "Title", "Target fields", "Summary")

# Summaries are paragraphs (a hard line break in the cell); the characters the PDF layer tends to
# change are in them on purpose: － （） 〜 ～ ・ 「」 ％ full-width digits.
PROPOSALS = [
    {"number": 1, "proposer": "(株)アジア環境研究所", "domestic_city": "北九州市", "target_area": "セブ市",
     "country": "フィリピン", "title": "セブ市における太陽光発電と蓄電池による公共施設の脱炭素化推進事業",
     "fields": ["再生可能エネルギー", "省エネルギー", "制度構築支援"],
     "summary": ["北九州市－セブ市の都市間連携により、市庁舎と公立病院に太陽光発電と蓄電池を導入する可能性を調査する。"
                 "（令和７年８月〜９月頃）に現地調査を行い、電力消費量の３０％削減を目指す。",
                 "具体的な活動は以下のとおり",
                 "(1)公共施設のエネルギー診断",
                 "(2)「ゼロカーボン・シティ計画」の策定支援"]},
    {"number": 2, "proposer": "日本工営(株)", "domestic_city": "名古屋市", "target_area": "タクロバン市",
     "country": "フィリピン", "title": "タクロバン市の廃棄物発電導入支援事業",
     "fields": ["廃棄物処理", "再生可能エネルギー"],
     "summary": ["タクロバン市で廃棄物発電の導入可能性を調査し、埋立処分量の削減と電力供給～地域の雇用創出を図る。"
                 "名古屋市の清掃工場の運営ノウハウを活かし、市の職員研修を実施する。"]},
    {"number": 3, "proposer": "日本エヌ・ユー・エス(株)", "domestic_city": "富山市", "target_area": "バリ州",
     "country": "インドネシア", "title": "バリ州における水素利活用推進事業",
     "fields": ["水素技術", "その他（観光地の交通）"],
     "summary": ["バリ州で再生可能エネルギー由来の水素の製造と利用を検討する。富山市の水素ステーション整備の経験を共有し、"
                 "観光地の交通の脱炭素化に向けたロードマップを作成する。"]},
]


def _wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def to_text(proposals=PROPOSALS, title: str = TITLE, wrap: int = 44) -> str:
    """The text layout the bundled list uses (index/corpus.py)."""
    out = [title, "", " ".join(HEADER_JA), ""]
    for p in proposals:
        out.append(f"{p['number']} {p['proposer']} {p['domestic_city']} {p['target_area']} {p['country']}")
        out.extend(_wrap(p["title"], 24))
        out.append("")
        out.extend(f"・{f}" for f in p["fields"])
        out.append("")
        for paragraph in p["summary"]:
            out.extend(_wrap(paragraph, wrap))
        out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------- PDF

CID_FONT = "HeiseiKakuGo-W5"
TTF_CANDIDATES = ("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",  # Debian fonts-ipafont-gothic
                  "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
                  "/usr/share/fonts/truetype/takao-gothic/TakaoPGothic.ttf",
                  "/usr/share/fonts/truetype/ipafont/ipag.ttf")


def register_font(font: str = CID_FONT) -> str:
    """A CID font by name (no file needed), or a TrueType file embedded in the PDF (its path)."""
    from reportlab.pdfbase import pdfmetrics

    if font in pdfmetrics.getRegisteredFontNames():
        return font
    if font.endswith((".ttf", ".otf", ".ttc")):
        from reportlab.pdfbase.ttfonts import TTFont

        pdfmetrics.registerFont(TTFont(font, font))
    else:
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont(font))
    return font


def embeddable_font() -> str | None:
    """A Japanese TrueType font reportlab can embed, if the machine has one (CFF-outline
    OpenType such as Noto CJK .ttc cannot be embedded by reportlab)."""
    for path in TTF_CANDIDATES:
        if Path(path).is_file():
            try:
                register_font(path)
                return path
            except Exception:
                continue
    return None


# column widths (pt) on A4 landscape; characters per line follow from the font size
WIDTHS = (30, 88, 56, 66, 54, 128, 110, 280)
SIZE, LEADING, PAD = 8, 11, 3


def _cell_lines(p: dict | None, key: str, width: float, font: str) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if p is None:  # the header row
        return [HEADER_JA[("number", "proposer", "domestic_city", "target_area", "country", "title", "fields",
                           "summary").index(key)]]
    if key == "number":
        return [str(p["number"])]
    paragraphs = [f"・{f}" for f in p["fields"]] if key == "fields" else \
        p["summary"] if key == "summary" else [p[key]]
    lines = []
    for text in paragraphs:
        line = ""
        for ch in text:
            if stringWidth(line + ch, font, SIZE) > width - 2 * PAD:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    return lines


KEYS = ("number", "proposer", "domestic_city", "target_area", "country", "title", "fields", "summary")


def table_pdf(path: Path, proposals=PROPOSALS, *, font: str = CID_FONT, lines_per_page: int = 60,
              furniture: bool = True, title_every_page: bool = True, header: tuple[str, ...] = HEADER_JA,
              merge: tuple[str, int] | None = None, title_row: bool = False) -> Path:
    """The ministry's table: a title above it, a header row on every page, rows continued on the
    next page (number cell empty) when a page holds `lines_per_page` text lines, 「- N -」 below.
    `merge=(key, i)`: proposal i's cell in column `key` is one cell with the cell above (no rule
    between them, the text drawn once), as a table does for a value two rows share. `title_row`:
    the title is a row of the table (one cell across all columns) above the header, on page 1."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    font = register_font(font)
    width, height = landscape(A4)
    c = canvas.Canvas(str(path), pagesize=(width, height))
    x0 = (width - sum(WIDTHS)) / 2
    xs = [x0 + sum(WIDTHS[:i]) for i in range(len(WIDTHS) + 1)]
    state = {"page": 0, "y": 0.0, "used": 0}

    def draw_row(cells: list[list[str]], y: float, merged: int | None = None) -> float:
        n = max(len(lines) for lines in cells)
        bottom = y - n * LEADING - 2 * PAD
        c.setLineWidth(0.5)
        for i in range(len(WIDTHS)):  # the rule above the row; below it comes with the next row
            if i != merged:
                c.line(xs[i], y, xs[i + 1], y)
        for x in xs:
            c.line(x, y, x, bottom)
        for i, lines in enumerate(cells):
            if i == merged:
                continue
            for k, line in enumerate(lines):
                c.drawString(xs[i] + PAD, y - PAD - SIZE - k * LEADING, line)
        return bottom

    def close_table():
        c.line(xs[0], state["y"], xs[-1], state["y"])

    def new_page():
        if state["page"]:
            close_table()
            c.showPage()
        state["page"] += 1
        c.setFont(font, SIZE)
        top = height - 50
        if title_row and state["page"] == 1:
            c.line(xs[0], top, xs[-1], top)
            c.line(xs[0], top, xs[0], top - 20)
            c.line(xs[-1], top, xs[-1], top - 20)
            c.drawString(xs[0] + PAD, top - PAD - SIZE, TITLE)
            top -= 20
        elif state["page"] == 1 or title_every_page:
            c.setFont(font, 11)
            c.drawString(xs[0], height - 36, TITLE)
            c.setFont(font, SIZE)
        if furniture:
            c.drawCentredString(width / 2, 24, f"- {state['page']} -")
        state["y"] = draw_row([[h] for h in header], top)
        state["used"] = 0

    new_page()
    for number, p in enumerate(proposals):
        cells = [_cell_lines(p, k, w, font) for k, w in zip(KEYS, WIDTHS)]
        merged = KEYS.index(merge[0]) if merge and merge[1] == number else None
        while cells:
            n = max(len(lines) for lines in cells)
            room = lines_per_page - state["used"]
            if room <= 0:
                new_page()
                continue
            if n <= room:
                state["y"] = draw_row(cells, state["y"], merged)
                state["used"] += n
                cells = None
            else:  # split the row: the rest continues on the next page, its number cell empty
                state["y"] = draw_row([lines[:room] or [""] for lines in cells], state["y"])
                cells = [lines[room:] for lines in cells]
                cells[0] = []
                cells = [lines or [""] for lines in cells]
                new_page()
    close_table()
    c.save()
    return path


def text_pdf(path: Path, text: str, *, font: str = CID_FONT, lines_per_page: int = 30,
             furniture: bool = True) -> Path:
    """The text layout drawn line by line (a blank line is a larger gap), on pages of
    `lines_per_page` lines; each page repeats the title and ends with 「- N -」."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    font = register_font(font)
    width, height = landscape(A4)
    c = canvas.Canvas(str(path), pagesize=(width, height))
    lines = text.replace("　", " ").splitlines()
    title = lines[0]
    body = lines[1:]
    page = 0
    i = 0
    while i < len(body):
        page += 1
        c.setFont(font, 10)
        if furniture or page == 1:
            c.drawString(40, height - 36, title)
        if furniture:
            c.drawCentredString(width / 2, 24, f"- {page} -")
        y = height - 70
        count = 0
        while i < len(body) and count < lines_per_page:
            if not body[i]:
                y -= 10
            else:
                c.drawString(40, y, body[i])
                y -= 12
                count += 1
            i += 1
        c.showPage()
    c.save()
    return path


# ---------------------------------------------------------------- spreadsheets

def _cells(p: dict) -> list[str]:
    return [p["number"], p["proposer"], p["domestic_city"], p["target_area"], p["country"], p["title"],
            "\n".join(f"・{f}" for f in p["fields"]), "\n".join(p["summary"])]


def xlsx(path: Path, proposals=PROPOSALS, *, header=HEADER_JA, title: str = TITLE,
         merge: tuple[str, int] | None = None) -> Path:
    """A workbook: the title in A1, the header in row 3, one row per proposal; `merge=(key, i)`
    merges proposal i's cell in column `key` with the one above (the value kept above only)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "R7"
    sheet.append([title])
    sheet.append([])
    sheet.append(list(header))
    for p in proposals:
        sheet.append(_cells(p))
    if merge:
        col, row = KEYS.index(merge[0]) + 1, 4 + merge[1]
        sheet.merge_cells(start_row=row - 1, start_column=col, end_row=row, end_column=col)
    book.save(path)
    return path


def csv_file(path: Path, proposals=PROPOSALS, *, header=HEADER_EN, title: str = TITLE) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow([title])
        w.writerow(list(header))
        for p in proposals:
            w.writerow(_cells(p))
    return path
