"""Charts of the programme: the numbers behind them (pure) and one figure drawn offline with
matplotlib (no CDN, no remote tiles).

`counts_by` / `city_country_matrix` count proposals per metadata value; `programme_figure`
draws them in one narrow column (bar charts per country, field, Japanese city, proposer, and
the city × country matrix) so the image stays readable when a phone shrinks it to ~370 px.

Japanese labels need a CJK font. It is looked up in the font files on disk at run time
(`findSystemFonts` + `addfont`), not trusted from matplotlib's font cache, which may predate
the font's installation; when none is found the charts fall back to English labels instead of
drawing empty boxes.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Iterable

from index.corpus import Proposal, fiscal_label

COUNT_KEYS = ("country", "domestic_city", "proposer", "fields")
# Font families with Japanese glyphs, best first, and the file names they come in.
CJK_FONTS = ("Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", "IPAGothic", "TakaoGothic", "VL Gothic",
             "Noto Serif CJK JP")
CJK_FILES = ("notosanscjk", "notosansjp", "ipaexg", "ipag", "takaogothic", "vl-gothic", "notoserifcjk")
BAR = "#2e7d4f"
FIGURE_DPI = 150  # a 5.2-inch column: 780 px, sharp when shown at ~330 px on a phone or 600 px on a desktop

TITLES = {
    "ja": {"country": "対象国別の事業数", "fields": "対象分野別の事業数", "domestic_city": "国内都市別の事業数",
           "proposer": "提案者別の事業数", "matrix": "国内都市 × 対象国（事業数）", "count": "事業数"},
    "en": {"country": "Proposals per country", "fields": "Proposals per target field",
           "domestic_city": "Proposals per Japanese city", "proposer": "Proposals per proposer",
           "matrix": "Japanese city × partner country (proposals)", "count": "proposals"},
}


# ---------------------------------------------------------------- the numbers

def counts_by(corpus: Iterable[Proposal], key: str, lang: str = "ja", *, glossary=None) -> list[tuple[str, int]]:
    """How many proposals per value of `key`, most first (ties by label).

    lang "ja": the Japanese value as written in the document (for `fields`, the glossary's Japanese
    label, so variants of one field count as one); "en": the glossary's
    English label (values sharing a label are counted together). For `fields`,
    each proposal counts once for each of its fields.
    """
    if key not in COUNT_KEYS:
        raise ValueError(f"cannot count by {key!r}: use one of {', '.join(COUNT_KEYS)}")
    label = _labeler(key, lang, glossary)
    counts: Counter[str] = Counter()
    for p in corpus:
        counts.update({label(v) for v in p.metadata(key)})
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def city_country_matrix(corpus: Iterable[Proposal], lang: str = "ja", *,
                        glossary=None) -> tuple[list[str], list[str], list[list[int]]]:
    """(Japanese cities, countries, counts[city][country]), both axes ordered as `counts_by`."""
    corpus = list(corpus)
    if lang == "en" and glossary is None:
        glossary = _default_glossary()
    cities = [c for c, _ in counts_by(corpus, "domestic_city", lang, glossary=glossary)]
    countries = [c for c, _ in counts_by(corpus, "country", lang, glossary=glossary)]
    city_label = _labeler("domestic_city", lang, glossary)
    country_label = _labeler("country", lang, glossary)
    row_of = {c: i for i, c in enumerate(cities)}
    col_of = {c: i for i, c in enumerate(countries)}
    matrix = [[0] * len(countries) for _ in cities]
    for p in corpus:
        matrix[row_of[city_label(p.domestic_city)]][col_of[country_label(p.country)]] += 1
    return cities, countries, matrix


def _labeler(key: str, lang: str, glossary):
    if lang not in ("ja", "en"):
        raise ValueError(f"lang must be 'ja' or 'en', not {lang!r}")
    if lang == "ja" and key != "fields":
        return lambda v: v
    g = glossary or _default_glossary()
    if lang == "ja":
        # variants of one field (デジタル技術 / デジタル技術（ＤＸ）) are one glossary entry: one bar
        return lambda v: g.label(key, v, "ja")
    return lambda v: g.label(key, v, "en")


def _default_glossary():
    from .query import load_glossary

    return load_glossary()


# ---------------------------------------------------------------- fonts

@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The family name of a Japanese-capable font, registered with matplotlib from its file on disk."""
    from matplotlib import font_manager

    have = {f.fname for f in font_manager.fontManager.ttflist}
    files = font_manager.findSystemFonts(fontext="ttf") + font_manager.findSystemFonts(fontext="otf")
    for path in sorted(files):
        name = path.lower().replace("_", "").replace(" ", "").replace("-", "")
        if path not in have and any(stem.replace("-", "") in name for stem in CJK_FILES):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue
    known = {f.name for f in font_manager.fontManager.ttflist}
    return next((n for n in CJK_FONTS if n in known), None)


def chart_lang(lang: str) -> str:
    """The language the charts can be drawn in."""
    return lang if lang == "en" or cjk_font() else "en"


# ---------------------------------------------------------------- the figure

def _wrap(label: str, width: int) -> str:
    """A long axis label on two lines (at a space for English, by characters for Japanese)."""
    if len(label) <= width:
        return label
    if " " in label:
        words, lines, line = label.split(), [], ""
        for w in words:
            if line and len(line) + 1 + len(w) > width:
                lines.append(line)
                line = w
            else:
                line = f"{line} {w}".strip()
        lines.append(line)
        return "\n".join(lines[:2]) + ("…" if len(lines) > 2 else "")
    return label[:width] + "\n" + label[width:2 * width] + ("…" if len(label) > 2 * width else "")


def programme_figure(corpus: list[Proposal], glossary, lang: str = "ja", years: tuple[int, ...] = ()):
    """Bar charts per country, field, Japanese city and proposer, then the city × country matrix,
    one under the other, titled in `lang` (English when no CJK font is installed); `years`, when
    given, are named in the first title."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    lang = chart_lang(lang)
    font = cjk_font()
    en = lang == "en"
    T = TITLES[lang]
    wrap = 18 if en else 10
    bars = [(key, counts_by(corpus, key, lang, glossary=glossary))
            for key in ("country", "fields", "domestic_city", "proposer")]
    cities, countries, matrix = city_country_matrix(corpus, lang, glossary=glossary)
    heights = [0.9 + 0.4 * max(len(data), 1) for _, data in bars] + [1.9 + 0.45 * max(len(cities), 1)]
    rc = {"font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"], "font.size": 13,
          "axes.titlesize": 15, "axes.titleweight": "bold"}
    with plt.rc_context(rc):
        fig = plt.figure(figsize=(5.2, sum(heights)), dpi=FIGURE_DPI, layout="constrained")
        grid = fig.add_gridspec(len(heights), 1, height_ratios=heights)
        for row, (key, data) in enumerate(bars):
            ax = fig.add_subplot(grid[row, 0])
            labels = [_wrap(label, wrap) for label, _ in data][::-1]
            values = [n for _, n in data][::-1]
            ax.barh(range(len(values)), values, color=BAR)
            ax.set_yticks(range(len(values)), labels, fontsize=13)
            for y, v in enumerate(values):
                ax.text(v + 0.08, y, str(v), va="center", fontsize=13)
            title = T[key]
            if row == 0 and years:
                title += ("  " if en else "　") + (" + " if en else "・").join(fiscal_label(y, lang) for y in years)
            ax.set_title(title, loc="left")
            ax.set_xlim(0, max(values + [1]) * 1.15 + 0.5)
            ax.xaxis.set_visible(False)
            ax.spines[["top", "right", "bottom"]].set_visible(False)
        ax = fig.add_subplot(grid[len(bars), 0])
        if cities and countries:
            top = max(max(r) for r in matrix)
            ax.imshow(matrix, cmap="Greens", aspect="auto", vmin=0, vmax=max(top, 1) * 1.4)
            ax.set_xticks(range(len(countries)), [_wrap(c, wrap) for c in countries], rotation=45, ha="right",
                          fontsize=13)
            ax.set_yticks(range(len(cities)), [_wrap(c, wrap) for c in cities], fontsize=13)
            for i, row_values in enumerate(matrix):
                for j, v in enumerate(row_values):
                    if v:
                        ax.text(j, i, str(v), ha="center", va="center", fontsize=13,
                                color="white" if v >= max(2, top * 0.6) else "black")
        ax.set_title(T["matrix"], loc="left")
    return fig
