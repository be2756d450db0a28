import pytest

from assistant.core import load_knowledge
from assistant.query import load_glossary, matches_filters
from assistant.understand import understand as understand_with
from index.corpus import load_corpus


@pytest.fixture(scope="module")
def g():
    return load_glossary()


@pytest.fixture(scope="module")
def knowledge(g):
    return load_knowledge(g)


def understand(q, g, knowledge=None):
    return understand_with(q, knowledge or load_knowledge(g))


@pytest.mark.parametrize("q, filters, is_list, has_content", [
    ("Which projects are in Indonesia?", {"country": ("インドネシア",)}, True, False),
    ("インドの事業", {"country": ("インド",)}, True, False),  # not インドネシア
    ("インドネシアの事業", {"country": ("インドネシア",)}, True, False),
    ("日本工営が提案した事業", {"proposer": ("日本工営(株)",)}, True, False),
    ("hydrogen projects", {"fields": ("水素技術",)}, True, False),
    ("Projects by IGES in Malaysia", {"country": ("マレーシア",), "proposer": ("(公財)地球環境戦略研究機関",)}, True, False),
    ("ＫＩＴＡＫＹＵＳＨＵ projects", {"domestic_city": ("北九州市",)}, True, False),
    # 廃棄物発電 is a term of its own (waste-to-energy), not every 廃棄物処理 project: a topic in Vietnam
    ("ベトナムで廃棄物発電を扱う事業は？", {"country": ("ベトナム",)}, True, True),
    ("Which waste management projects are in Vietnam?", {"country": ("ベトナム",), "fields": ("廃棄物処理",)}, True, False),
    ("island microgrid", {}, False, True),
    ("wastewater treatment", {}, False, True),  # "waste" only as a whole word
])
def test_understand(g, knowledge, q, filters, is_list, has_content):
    intent = understand(q, g, knowledge)
    assert intent.filters == filters
    assert intent.list is is_list
    assert bool(intent.content) is has_content


def test_language():
    g = load_glossary()
    assert understand("水素", g).lang == "ja"
    assert understand("hydrogen", g).lang == "en"


def test_every_metadata_value_has_a_glossary_entry(g):
    for p in load_corpus():
        for key in ("country", "domestic_city", "target_area", "proposer", "fields"):
            for value in p.metadata(key):
                entry = g.entry_for(key, value)
                assert entry is not None, (key, value)
                assert entry.en and entry.ja


def test_resolve_aliases_both_languages(g):
    assert g.resolve("country", "Viet Nam") == g.resolve("country", "ベトナム") == ("ベトナム",)
    assert g.resolve("proposer", "Nippon Koei") == ("日本工営(株)",)
    assert g.resolve("fields", "transport") == ("交通インフラ",)
    assert g.resolve("fields", "DX") == ("デジタル技術", "デジタル技術（ＤＸ）")
    assert g.resolve("country", "Narnia") == ()


def test_matches_filters_and_or():
    p = load_corpus()[14]  # 15: Toyama - Bali, Indonesia
    assert matches_filters(p, {"country": ("インドネシア",), "fields": ("水素技術",)})
    assert matches_filters(p, {"country": ("タイ", "インドネシア")})
    assert not matches_filters(p, {"country": ("インドネシア",), "fields": ("省エネルギー",)})


def test_regions_are_not_filters_but_constrain(g, knowledge):
    intent = understand("island microgrid in the Pacific", g, knowledge)
    assert intent.filters == {} and [r.id for r in intent.regions] and intent.content
