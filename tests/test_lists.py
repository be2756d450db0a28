"""Lists for other fiscal years: `c2c add` (text and PDF), refused damaged files, years in questions
and filters, ids in JSON, cross-year similar projects. Fake embedder, a fresh data folder per test."""
import json
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.config import Settings
from assistant.core import load_assistant
from index.lists import list_lists, load_all, read_list_file

FY2025 = """
令和７年度脱炭素社会実現のための都市間連携事業委託業務　応募事業概要書

番号 提案者 国内都市 対象都市・地域 対象国 事業名 対象分野 事業概要

1 (株)テスト環境研究所 北九州市 コロール州 パラオ
コロール州における再エネ導入促進事業

・再生可能エネルギー
・制度構築支援

コロール州で太陽光発電と蓄電池の導入を進める。北九州市の知見を活かして制度づくりを支援する。

2 日本工営(株) 名古屋市 ビエンチャン都 ラオス
ビエンチャン都の廃棄物発電導入支援事業

・廃棄物処理
・再生可能エネルギー

ビエンチャン都で廃棄物発電の導入可能性を調査する。

3 日本エヌ・ユー・エス(株) 富山市 バリ州 インドネシア
バリ州における水素利活用推進事業

・水素技術

バリ州で水素の製造と利用を検討する。
"""


@pytest.fixture
def env(tmp_path, monkeypatch):
    """A data folder and cache of its own; the CLI uses the fake embedder."""
    from tests.conftest import FakeEmbedder

    data, cache = tmp_path / "data", tmp_path / "cache"
    monkeypatch.setenv("C2C_DATA_DIR", str(data))
    monkeypatch.setenv("C2C_CACHE_DIR", str(cache))
    monkeypatch.setattr("index.embed.make_embedder", lambda *a, **k: FakeEmbedder())
    return data, cache


def add(path, *extra) -> int:
    return main(["add", str(path), "-q", *extra])


def write(tmp_path: Path, text: str, name: str = "fy2025.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def make_pdf(text: str, path: Path) -> Path:
    """The list drawn line by line in a PDF; a blank line is a larger vertical gap, as in the programme's PDF."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    c = canvas.Canvas(str(path))
    c.setFont("HeiseiKakuGo-W5", 9)
    y = 800
    for line in text.replace("　", " ").splitlines():
        if not line:
            y -= 10
            continue
        if y < 60:
            c.showPage()
            c.setFont("HeiseiKakuGo-W5", 9)
            y = 800
        c.drawString(40, y, line)
        y -= 12
    c.save()
    return path


def fake_assistant(data, cache):
    from tests.conftest import FakeEmbedder

    return load_assistant(Settings(cache_dir=cache, data_dir=data), progress=False, embedder=FakeEmbedder())


def test_add_text_list_then_ask_across_years(env, tmp_path, capsys):
    data, cache = env
    assert add(write(tmp_path, FY2025)) == 0
    assert "added FY2025: 3 proposals" in capsys.readouterr().out
    assert [(i.year, i.count, i.bundled) for i in list_lists(data)] == [(2024, 18, True), (2025, 3, False)]
    a = fake_assistant(data, cache)
    assert a.years == (2024, 2025)
    # a year in the question restricts to it; answers show the year beside #N
    ans = a.ask("令和7年度の事業は？")
    assert [h.proposal.id for h in ans.hits] == ["2025-1", "2025-2", "2025-3"]
    assert "#1（令和7年度、北九州市－コロール州、パラオ）" in ans.text  # the year and where it is
    assert [h.proposal.id for h in a.ask("projects in FY2024 in Palau").hits] == ["2024-8", "2024-12"]
    assert [h.proposal.id for h in a.ask("projects in Palau").hits] == ["2024-8", "2024-12", "2025-1"]
    # a new country and city are known names now, with an English name from pycountry
    laos = a.ask("projects in Laos")
    assert [h.proposal.id for h in laos.hits] == ["2025-2"] and "Lao" in laos.text
    assert [h.proposal.id for h in a.ask("名古屋市の事業").hits] == ["2025-2"]
    # "#2" means the latest year that has it; a year named picks the other
    assert a.ask("Tell me about #2").hits[0].proposal.id == "2025-2"
    assert a.ask("Tell me about #2 of FY2024").hits[0].proposal.id == "2024-2"
    # per-year breakdown
    per_year_years = a.ask("How many projects in 2025?")
    assert per_year_years.kind == "count" and "3" in per_year_years.text
    # similar projects rank across years
    assert "2024-12" in [h.proposal.id for h in a.similar("2025-1", top_k=5)]


def test_ids_and_years_in_json(env, tmp_path, capsys):
    add(write(tmp_path, FY2025))
    capsys.readouterr()
    assert main(["proposals", "--json", "--year", "R7"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["year"], r["id"]) for r in rows] == [(2025, "2025-1"), (2025, "2025-2"), (2025, "2025-3")]
    assert main(["proposals", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 21
    assert main(["corpus", "list", "--json"]) == 0
    assert [r["year"] for r in json.loads(capsys.readouterr().out)] == [2024, 2025]


def test_pdf_gives_the_same_records_as_text(env, tmp_path):
    text_records = load_all(None)  # warm import
    pdf = make_pdf(FY2025, tmp_path / "fy2025.pdf")
    from index.corpus import parse_document

    from_pdf = parse_document(read_list_file(pdf), source="pdf")
    from_text = parse_document(FY2025.replace("　", " "), source="text")
    assert [p.to_dict() for p in from_pdf] == [p.to_dict() for p in from_text]
    assert add(pdf) == 0 and text_records


@pytest.mark.parametrize("damage, message", [
    (lambda t: t.replace("2 日本工営(株)", "4 日本工営(株)"), "proposal number 4 where 2 was expected"),
    (lambda t: t.replace("・水素技術\n", ""), "no target-field bullets"),
    (lambda t: t.replace("令和７年度", "年度"), "names no fiscal year"),
    (lambda t: "", "empty"),
])
def test_damaged_list_is_refused_and_nothing_changes(env, tmp_path, capsys, damage, message):
    data, _ = env
    before = sorted(p.name for p in data.rglob("*")) if data.exists() else []
    assert add(write(tmp_path, damage(FY2025))) == 2
    err = capsys.readouterr().err
    assert err.startswith("c2c: ") and message in err
    after = sorted(p.name for p in data.rglob("*")) if data.exists() else []
    assert after == before


def test_year_rules(env, tmp_path, capsys):
    path = write(tmp_path, FY2025)
    assert add(path) == 0
    assert add(path) == 2 and "--replace" in capsys.readouterr().err
    assert add(path, "--replace") == 0
    assert add(path, "--year", "2026") == 2 and "names fiscal year 2025" in capsys.readouterr().err
    bundled = write(tmp_path, FY2025.replace("令和７年度", "令和６年度"), "fy2024.txt")
    assert add(bundled) == 2 and "bundled" in capsys.readouterr().err
    assert main(["corpus", "remove", "2024"]) == 2
    assert main(["corpus", "remove", "FY2025"]) == 0
    assert [i.year for i in list_lists(env[0])] == [2024]


def test_year_given_when_the_header_has_none(env, tmp_path, capsys):
    assert add(write(tmp_path, FY2025.replace("令和７年度", "")), "--year", "令和8年度") == 0
    assert "added FY2026" in capsys.readouterr().out


def test_question_about_a_year_not_loaded(env):
    a = fake_assistant(*env)
    ans = a.ask("令和7年度の事業は？")
    assert ans.kind == "none" and "令和7年度" in ans.text and not ans.hits


def test_per_year_breakdown(env, tmp_path):
    add(write(tmp_path, FY2025))
    a = fake_assistant(*env)
    en = a.ask("projects per year")
    assert en.kind == "breakdown" and "FY2024 18" in en.text and "FY2025 3" in en.text
    ja = a.ask("年度別の件数")
    assert ja.kind == "breakdown" and "令和6年度 18件" in ja.text and "令和7年度 3件" in ja.text
    # has Kitakyushu worked in Palau before?
    assert [h.proposal.id for h in a.ask("Kitakyushu projects in Palau").hits] == ["2024-12", "2025-1"]


def test_cli_cites_the_year_when_several_are_loaded(env, tmp_path, capsys):
    add(write(tmp_path, FY2025))
    capsys.readouterr()
    assert main(["ask", "projects in Palau", "-q"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ("3 projects in Palau: #8 (FY2024; Urasoe City – Airai State, Palau), "
                                   "#12 (FY2024; Kitakyushu City – Koror State, Palau), "
                                   "#1 (FY2025; Kitakyushu City – Koror State, Palau)")
    assert "\n#1 (FY2025) " in out
