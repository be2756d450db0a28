"""Charts: the numbers behind them (counted independently here) and the figure (titles in the UI
language, a CJK font found from the files on disk). Nothing here loads the model or the index."""
from __future__ import annotations

from collections import Counter

import pytest

from assistant.charts import chart_lang, city_country_matrix, cjk_font, counts_by, programme_figure
from assistant.query import load_glossary


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


# ---------------------------------------------------------------- chart data

def _independent_counts(corpus, key, label=lambda v: v) -> dict[str, int]:
    c: Counter[str] = Counter()
    for p in corpus:
        if key == "fields":
            c.update({label(f) for f in p.fields})
        else:
            c[label(getattr(p, key))] += 1
    return dict(c)


@pytest.mark.parametrize("key", ["country", "domestic_city", "proposer", "fields"])
def test_counts_by_matches_counter(corpus, glossary, key):
    got = counts_by(corpus, key)
    # fields: variants of one field (デジタル技術 / デジタル技術（ＤＸ）) count as one, under the glossary's label
    ja = (lambda v: glossary.label(key, v, "ja")) if key == "fields" else (lambda v: v)
    assert dict(got) == _independent_counts(corpus, key, ja)
    if key == "fields":
        assert "デジタル技術" not in dict(got) and "デジタル技術（ＤＸ）" not in dict(got)
        assert dict(got)["デジタル技術（DX）"] == sum(any("デジタル技術" in f for f in p.fields) for p in corpus)
    assert got == sorted(got, key=lambda kv: (-kv[1], kv[0]))
    got_en = counts_by(corpus, key, "en")
    assert dict(got_en) == _independent_counts(corpus, key, lambda v: glossary.label(key, v, "en"))
    assert got_en == sorted(got_en, key=lambda kv: (-kv[1], kv[0]))


def test_counts_hand_typed(corpus):
    country = dict(counts_by(corpus, "country"))
    assert country["ベトナム"] == 6 and country["インドネシア"] == 4
    assert counts_by(corpus, "country")[0] == ("ベトナム", 6)
    assert dict(counts_by(corpus, "proposer"))["日本工営(株)"] == 7
    fields = dict(counts_by(corpus, "fields"))
    assert fields["水素技術"] == 4 and fields["交通インフラ"] == 6
    assert dict(counts_by(corpus, "domestic_city"))["北九州市"] == 3
    en = dict(counts_by(corpus, "country", "en"))
    assert en["Vietnam"] == 6 and en["Indonesia"] == 4
    assert dict(counts_by(corpus, "proposer", "en"))["Nippon Koei Co., Ltd."] == 7
    assert dict(counts_by(corpus, "fields", "en"))["Hydrogen technology"] == 4
    with pytest.raises(ValueError):
        counts_by(corpus, "title")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_city_country_matrix(corpus, glossary, lang):
    cities, countries, matrix = city_country_matrix(corpus, lang)
    label = (lambda k, v: v) if lang == "ja" else (lambda k, v: glossary.label(k, v, "en"))
    pairs = Counter((label("domestic_city", p.domestic_city), label("country", p.country)) for p in corpus)
    assert set(cities) == {c for c, _ in pairs} and len(cities) == len(set(cities))
    assert set(countries) == {k for _, k in pairs} and len(countries) == len(set(countries))
    assert len(matrix) == len(cities) and all(len(r) == len(countries) for r in matrix)
    for i, city in enumerate(cities):
        for j, country in enumerate(countries):
            assert matrix[i][j] == pairs.get((city, country), 0)
    assert sum(map(sum, matrix)) == 18
    if lang == "ja":
        assert matrix[cities.index("北九州市")][countries.index("パラオ")] == 1
        assert matrix[cities.index("大阪市")][countries.index("ベトナム")] == 1
        assert matrix[cities.index("愛媛県")][countries.index("インドネシア")] == 1


def _titles(fig) -> list[str]:
    return [ax.get_title(loc="left") for ax in fig.axes]


def test_the_figure_is_titled_in_the_ui_language(corpus, glossary):
    import matplotlib.pyplot as plt

    en = programme_figure(corpus, glossary, "en")
    assert _titles(en)[0] == "Proposals per country" and len(en.axes) == 5
    assert "Vietnam" in [t.get_text() for t in en.axes[0].get_yticklabels()]
    assert en.get_size_inches()[0] <= 7  # one narrow column: readable when a phone shrinks it
    plt.close(en)
    ja = programme_figure(corpus, glossary, "ja", years=(2024,))
    if cjk_font():
        assert _titles(ja)[0].startswith("対象国別の事業数") and "令和6年度" in _titles(ja)[0]
        assert "ベトナム" in [t.get_text() for t in ja.axes[0].get_yticklabels()]
    else:
        assert chart_lang("ja") == "en" and _titles(ja)[0].startswith("Proposals per country")
    plt.close(ja)


def test_cjk_font_comes_from_the_files_on_disk():
    from matplotlib import font_manager

    on_disk = [f for f in font_manager.findSystemFonts() if "notosanscjk" in f.lower().replace("-", "")]
    if not on_disk:
        pytest.skip("no Noto Sans CJK font file on this machine")
    assert cjk_font() == "Noto Sans CJK JP"
    assert any(f.fname in on_disk for f in font_manager.fontManager.ttflist)
