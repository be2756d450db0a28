"""Charts of the programme, drawn offline with matplotlib (no CDN, no remote tiles).

Japanese labels need a CJK font; when none is installed the charts fall back
to English labels instead of drawing empty boxes.
"""
from __future__ import annotations

from functools import lru_cache

from index.corpus import Proposal

from .export import city_country_matrix, counts_by

CJK_FONTS = ("Noto Sans CJK JP", "Noto Serif CJK JP", "IPAexGothic", "IPAGothic", "TakaoGothic",
             "VL Gothic", "Noto Sans JP")


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((n for n in CJK_FONTS if n in names), None)


def chart_lang(lang: str) -> str:
    """The language the charts can be drawn in."""
    return lang if lang == "en" or cjk_font() else "en"


def programme_figure(corpus: list[Proposal], glossary, lang: str = "ja"):
    """Four bar charts (per country, field, Japanese city, proposer) and a city x country matrix."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    lang = chart_lang(lang)
    font = cjk_font()
    rc = {"font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"], "font.size": 9}
    en = lang == "en"
    titles = {
        "country": "Proposals per country" if en else "対象国別の事業数",
        "fields": "Proposals per target field" if en else "対象分野別の事業数",
        "domestic_city": "Proposals per Japanese city" if en else "国内都市別の事業数",
        "proposer": "Proposals per proposer" if en else "提案者別の事業数",
        "matrix": "Japanese city × partner country" if en else "国内都市 × 対象国",
    }
    with plt.rc_context(rc):
        fig = plt.figure(figsize=(12, 11), dpi=100, layout="constrained")
        grid = fig.add_gridspec(3, 2, height_ratios=[1, 1, 1.2])
        for (row, col), key in zip([(0, 0), (0, 1), (1, 0), (1, 1)], ["country", "fields", "domestic_city", "proposer"]):
            ax = fig.add_subplot(grid[row, col])
            data = counts_by(corpus, key, lang, glossary=glossary)
            labels = [label for label, _ in data][::-1]
            values = [n for _, n in data][::-1]
            ax.barh(labels, values, color="#2e7d4f")
            for y, v in enumerate(values):
                ax.text(v + 0.1, y, str(v), va="center", fontsize=8)
            ax.set_title(titles[key], fontsize=11, loc="left")
            ax.set_xlim(0, max(values + [1]) + 1.5)
            ax.tick_params(axis="y", labelsize=8)
            ax.spines[["top", "right"]].set_visible(False)
        ax = fig.add_subplot(grid[2, :])
        cities, countries, matrix = city_country_matrix(corpus, lang, glossary=glossary)
        if cities and countries:
            top = max(max(r) for r in matrix)
            ax.imshow(matrix, cmap="Greens", aspect="auto", vmin=0, vmax=max(top, 1) * 1.4)
            ax.set_xticks(range(len(countries)), countries, rotation=30, ha="right")
            ax.set_yticks(range(len(cities)), cities)
            for i, row_values in enumerate(matrix):
                for j, v in enumerate(row_values):
                    if v:
                        ax.text(j, i, str(v), ha="center", va="center", fontsize=9,
                                color="white" if v >= max(2, top * 0.6) else "black")
        ax.set_title(titles["matrix"], fontsize=11, loc="left")
    return fig
