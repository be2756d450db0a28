"""The parser against the real document (values typed from it) and synthetic documents."""
import json
from pathlib import Path

import pytest

from index.corpus import (
    HEADER,
    CorpusError,
    join_lines,
    load_corpus,
    parse_document,
    read_source,
    SOURCE_PATH,
    ENGLISH_PATH,
    split_sentences,
)

SHARED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_ad10206407749687.txt"

# number: (proposer, domestic_city, target_area, country, title, fields, summary line range)
# typed from the document; the summary range is the 1-based line span in data/source/.
EXPECTED = {
    1: ("日本工営(株)", "神戸市", "ドンナイ省", "ベトナム",
        "神戸市-ドンナイ省の都市間連携によるグリーン・スマート工業団地形成事業",
        ["省エネルギー", "再生可能エネルギー", "廃棄物処理", "制度構築支援", "デジタル技術",
         "スマートシティ開発", "その他（工業団地）"], (18, 25)),
    2: ("(株)エックス都市研究所", "北九州市", "ハイデラバード市等", "インド",
        "インドにおける脱炭素・循環型エコタウン整備推進事業",
        ["省エネルギー", "再生可能エネルギー", "廃棄物処理", "制度構築支援", "デジタル技術"], (41, 50)),
    3: ("日本エヌ・ユー・エス(株)", "愛媛県", "ベンチェ省", "ベトナム",
        "愛媛県とベンチェ省による脱炭素・循環型社会実現に向けた都市間連携事業",
        ["省エネルギー", "再生可能エネルギー", "廃棄物処理", "制度構築支援"], (61, 70)),
    4: ("(公財)地球環境戦略研究機関", "北九州市", "チレゴン市・西ジャワ州", "インドネシア",
        "インドネシアにおけるセメント産業の脱炭素化に向けた実現可能性調査",
        ["省エネルギー", "廃棄物処理", "制度構築支援"], (88, 94)),
    5: ("(一社)海外環境協力センター（OECC）", "横浜市", "バンコク都", "タイ",
        "バンコク気候変動マスタープランに基づくGHGネットゼロ排出の実現加速化プロジェクト",
        ["省エネルギー", "再生可能エネルギー", "廃棄物処理", "交通インフラ", "制度構築支援",
         "その他（フロンガス回収・破壊）"], (112, 118)),
    6: ("(株)KANSOテクノス", "滋賀県", "クアンニン省・ハイフォン市", "ベトナム",
        "クアンニン省・ハイフォン市と滋賀県の都市間連携による環境配慮型社会実現の支援事業",
        ["省エネルギー", "再生可能エネルギー", "廃棄物処理", "制度構築支援", "その他汚泥の炭化・埋設）"],
        (136, 144)),
    7: ("日本工営(株)", "堺市", "バリアブンタウ省", "ベトナム",
        "堺市・バリアブンタウ省都市間連携による脱炭素・スマートシティ形成推進事業",
        ["省エネルギー", "再生可能エネルギー", "廃棄物処理", "制度構築支援", "水素技術",
         "スマートシティ開発"], (157, 163)),
    8: ("日本エヌ・ユー・エス(株)", "浦添市", "アイライ州", "パラオ",
        "浦添市・アイライ州都市間連携による持続可能な環境配慮型都市構築支援事業",
        ["省エネルギー", "再生可能エネルギー", "廃棄物処理", "制度構築支援"], (174, 181)),
    9: ("日本エヌ・ユー・エス(株)", "愛媛県", "ゴロンタロ州", "インドネシア",
        "愛媛県・ゴロンタロ州都市間連携によるSDGs達成及び持続可能な脱炭素社会形成支援事業",
        ["省エネルギー", "再生可能エネルギー", "廃棄物処理", "制度構築支援", "デジタル技術",
         "スマートシティ開発"], (194, 200)),
    10: ("日本工営(株)", "福岡県", "ハノイ市", "ベトナム",
         "ハノイ市との都市間連携による環境インフラ導入促進事業",
         ["省エネルギー", "再生可能エネルギー", "廃棄物処理", "制度構築支援", "水素技術", "デジタル技術"],
         (213, 221)),
    11: ("日本工営(株)", "富山市", "レンカ区", "チリ",
         "サンティアゴ市レンカ区のRace to Zero 参加を通じた脱炭素・SDGs ドミノ推進事業",
         ["省エネルギー", "再生可能エネルギー", "廃棄物処理", "交通インフラ", "制度構築支援", "水素技術",
          "デジタル技術", "その他（CCU）"], (237, 243)),
    12: ("(株)ATGREEN", "北九州市", "コロール州", "パラオ",
         "パラオ共和国コロール州の脱炭素都市形成とコ・ベネフィット実現に向けた都市間連携事業",
         ["省エネルギー", "再生可能エネルギー", "廃棄物処理", "交通インフラ", "制度構築支援",
          "デジタル技術（ＤＸ）"], (256, 261)),
    13: ("(公財)地球環境戦略研究機関", "東京都・さいたま市", "KL市", "マレーシア",
         "マレーシア国クアラルンプール市における脱炭素都市・街区実現に向けた制度構築支援事業"
         "（クアラルンプール市－東京都/さいたま市）",
         ["省エネルギー", "再生可能エネルギー", "制度構築支援", "スマートシティ開発"], (280, 287)),
    14: ("日本工営(株)", "川崎市", "プカンバル市&リアウ州地域", "インドネシア",
         "プカンバル市との協力を通じたリアウ州地域における2050年ゼロカーボンシティ形成支援事業",
         ["省エネルギー", "再生可能エネルギー", "廃棄物処理", "交通インフラ", "制度構築支援"], (303, 310)),
    15: ("日本エヌ・ユー・エス(株)", "富山市", "バリ州", "インドネシア",
         "富山市・バリ州における脱炭素社会実現に向けた都市間連携事業",
         ["再生可能エネルギー", "廃棄物処理", "交通インフラ", "制度構築支援", "水素技術"], (322, 329)),
    16: ("(株)オリエンタルコンサルタンツ", "大阪市", "ケソン市", "フィリピン",
         "ケソン市におけるカーボンニュートラル実現に向けた脱炭素都市形成支援事業",
         ["省エネルギー", "再生可能エネルギー"], (342, 348)),
    17: ("日本工営(株)", "大阪市", "EEC", "タイ",
         "タイ東部経済回廊(EEC)におけるBCGモデルの実現による脱炭素社会の共創支援事業",
         ["省エネルギー", "再生可能エネルギー", "廃棄物処理", "交通インフラ", "制度構築支援", "デジタル技術",
          "スマートシティ開発"], (363, 369)),
    18: ("日本工営(株)", "大阪市", "ホーチミン市", "ベトナム",
         "ホーチミン市及びトゥードック市の気候変動実行計画に基づくカーボンニュートラル推進事業",
         ["省エネルギー", "再生可能エネルギー", "廃棄物処理", "制度構築支援", "デジタル技術",
          "スマートシティ開発"], (382, 389)),
}


@pytest.fixture(scope="module")
def proposals():
    return parse_document(read_source(), source="test")


def test_data_copy_is_the_source_unchanged():
    if SHARED.exists():
        assert SOURCE_PATH.read_bytes() == SHARED.read_bytes()
    assert SOURCE_PATH.read_bytes().decode("utf-8").count("日本工営(株)") == 7


def test_eighteen_proposals_in_order(proposals):
    assert [p.number for p in proposals] == list(range(1, 19))


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_every_field_matches_the_document(proposals, number):
    proposer, city, area, country, title, fields, (a, b) = EXPECTED[number]
    p = proposals[number - 1]
    assert p.proposer == proposer
    assert p.domestic_city == city
    assert p.target_area == area
    assert p.country == country
    assert p.title == title
    assert list(p.fields) == fields
    lines = SOURCE_PATH.read_text(encoding="utf-8").splitlines()
    assert p.summary == "".join(lines[a - 1:b])


def test_no_header_text_leaks(proposals):
    for p in proposals:
        for value in (p.proposer, p.domestic_city, p.target_area, p.country, p.title, p.summary, *p.fields):
            assert "事業概要" not in value and "提案者" not in value


def test_sentences_rebuild_the_summary(proposals):
    for p in proposals:
        assert "".join(p.sentences) == p.summary
        assert all(s.strip() for s in p.sentences)
    # enumerated items start their own sentence
    assert proposals[1].sentences[-1] == "(3)コークス乾式消火設備の導入可能性調査"
    assert proposals[9].sentences[4].startswith("４.制度構築支援")


def test_spaces_between_latin_words_are_kept(proposals):
    assert "Race to Zero 参加を通じた" in proposals[10].title
    assert "Race to Zero達成" in proposals[10].summary


def test_join_lines():
    assert join_lines(["(公財)地球環境戦略研", "究機関"]) == "(公財)地球環境戦略研究機関"
    assert join_lines(["Race to", "Zero"]) == "Race to Zero"
    assert join_lines(["JCM", "案件"]) == "JCM案件"
    assert join_lines(["2050", "年"]) == "2050年"


def test_split_sentences():
    assert split_sentences(["一つ目。二つ", "目。", "(1)項目", "①丸数字"]) == (
        "一つ目。", "二つ目。", "(1)項目", "①丸数字")


def test_load_corpus_attaches_english():
    corpus = load_corpus()
    assert all(p.en is not None for p in corpus)
    assert corpus[7].en.country == "Palau"


# ---------------------------------------------------------------- synthetic documents

def _doc(*records: str, header: bool = True) -> str:
    top = "令和７年度 テスト一覧\n\n" + (HEADER + "\n\n" if header else "")
    return top + "\n\n".join(records) + "\n"


REC1 = "1 甲社 札幌市 ダナン市 ベトナム\nダナン市における省エネ\n推進事業\n\n・省エネルギー\n・その他（港湾\n施設）\n\n本事業は港湾の省エネを進める。\n(1)調査\n(2)実証"
REC2 = "2\n(一社)とても長い名前の研究\n所\n\n仙台市\nセブ\n市\n\nフィリピン\nセブ市の再エネ導入\n\n・再生可能エネルギー\n\n太陽光発電の導入を目指す。"
REC3 = "3 乙社 福岡市 釜山市 韓国\n釜山市との水素事業\n\n・水素技術\n\n水素の利活用を検討する。"


def test_synthetic_three_records():
    ps = parse_document(_doc(REC1, REC2, REC3))
    assert [p.number for p in ps] == [1, 2, 3]
    assert ps[0].fields == ("省エネルギー", "その他（港湾施設）")
    assert ps[0].sentences == ("本事業は港湾の省エネを進める。", "(1)調査", "(2)実証")
    assert (ps[1].proposer, ps[1].domestic_city, ps[1].target_area, ps[1].country) == (
        "(一社)とても長い名前の研究所", "仙台市", "セブ市", "フィリピン")
    assert ps[1].title == "セブ市の再エネ導入"
    assert ps[2].title == "釜山市との水素事業"


def test_synthetic_single_record_and_page_break_in_summary():
    rec = REC1.replace("(1)調査", "(1)調\n" + " " + HEADER + "\n\n査")
    ps = parse_document(_doc(rec))
    assert len(ps) == 1
    assert ps[0].sentences[1] == "(1)調査"
    assert HEADER not in ps[0].summary


def test_synthetic_one_line_title_with_spaces():
    rec = "1 甲社 札幌市 ダナン市 ベトナム Green Port 事業\n\n・省エネルギー\n\n概要。"
    assert parse_document(_doc(rec))[0].title == "Green Port 事業"


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty"),
        ("   \n\n", "empty"),
        ("ただの文章です。\n\n数字のない行\n", "no proposals"),
        (_doc(REC1, REC3), "line 17: proposal number 3 where 2 was expected"),
        (_doc(REC1, REC1.replace("1 甲社", "2 甲社"), REC1.replace("1 甲社", "2 丙社")),
         "proposal number 2 appears twice"),
        (_doc(REC1.replace("2 ", "2 ").replace("\n\n本事業は港湾の省エネを進める。\n(1)調査\n(2)実証", "")),
         "summary is missing"),
        (_doc("1 甲社 札幌市 ダナン市 ベトナム\n事業\n\n省エネルギー\n\n概要。"), "no target-field bullets"),
        (_doc("1 甲社 札幌市\n\n・省エネルギー\n\n概要。"), "cannot read proposer"),
    ],
)
def test_bad_documents_name_the_problem(text, message):
    with pytest.raises(CorpusError, match=message.replace("(", r"\(")):
        parse_document(text)


def test_non_utf8_names_the_line(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(_doc(REC1).encode("utf-8") + "\n最後\n".encode("shift_jis"))
    with pytest.raises(CorpusError, match=r"line 1[0-9]: not UTF-8"):
        read_source(path)


def test_missing_file(tmp_path):
    with pytest.raises(CorpusError, match="not found"):
        read_source(tmp_path / "nope.txt")


def test_every_record_has_every_english_field():
    for p in load_corpus():
        en = p.en
        for name in ("proposer", "domestic_city", "target_area", "country", "title"):
            value = getattr(en, name)
            assert value.strip(), (p.number, name)
            assert not any("\u3040" <= ch <= "\u9fff" for ch in value), (p.number, name, value)
        assert len(en.fields) == len(p.fields) and all(f.strip() for f in en.fields)
        assert len(en.sentences) == len(p.sentences) and all(s.strip() for s in en.sentences)
        assert not any("\u3040" <= ch <= "\u9fff" for s in en.sentences for ch in s), p.number
        assert en.to_dict()["unofficial_translation"] is True


def test_english_file_errors_are_clear(tmp_path):
    bad = tmp_path / "en.json"
    bad.write_text('[{"number": 1,', encoding="utf-8")
    with pytest.raises(CorpusError, match="line 1: invalid JSON"):
        load_corpus(english=bad)
    short = tmp_path / "short.json"
    items = json.loads(ENGLISH_PATH.read_text(encoding="utf-8"))
    items[2]["sentences"] = items[2]["sentences"][:-1]
    short.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CorpusError, match="proposal 3 has 5 Japanese summary sentences but 4 English"):
        load_corpus(english=short)
