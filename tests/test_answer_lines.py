"""Answer lines a reader can use without opening the cards: a short list says where each proposal is, and a
follow-up can set a new proposal beside the one just shown (fast tier)."""
import pytest

from assistant.config import CITE_GIST_MAX
from assistant.core import Conversation


def nums(answer):
    return [h.number for h in answer.hits]


@pytest.mark.parametrize("q, want, says", [
    ("list projects in thailand", [5, 17], ["#5 (Yokohama City – ", ", Thailand)", "#17 (Osaka City – "]),
    ("チリの事業について教えてください", [11], ["#11（富山市－レンカ区、チリ）"]),
    ("How many projects are in Palau?", [8, 12], ["#8 (Urasoe City – Airai State, Palau)", "Koror State"]),
    ("対象分野が一番多い提案は？", [11], ["レンカ区"]),
    ("Which projects mention LED lighting?", [14, 18], ["(Kawasaki City – ", "(Osaka City – "]),
])
def test_a_short_list_says_where_each_proposal_is(fake, q, want, says):
    a = fake.ask(q)
    assert sorted(nums(a)) == want
    for s in says:
        assert s in a.text, a.text


@pytest.mark.parametrize("q", ["projects in Vietnam", "ベトナムの事業"])
def test_a_longer_list_cites_numbers_only(fake, q):
    a = fake.ask(q)
    assert len(a.hits) > CITE_GIST_MAX
    assert "–" not in a.text and "－" not in a.text and "Hanoi" not in a.text and "ハノイ" not in a.text


@pytest.mark.parametrize("first, then", [
    ("東京都が国内都市になっている提案は？", "16番と対象分野を比べるとどうですか"),
    ("Tell me about #13", "how does it compare with #16?"),
])
def test_compare_a_new_number_with_the_proposal_just_shown(fake, first, then):
    c = Conversation(fake)
    assert nums(c.ask(first)) == [13]
    a = c.ask(then)
    assert a.kind == "compare" and nums(a) == [13, 16]


def test_a_comparison_of_two_numbers_is_still_a_whole_question(fake):
    c = Conversation(fake)
    c.ask("Tell me about #13")
    assert nums(c.ask("compare #2 and #4")) == [2, 4]


@pytest.mark.parametrize("q, want", [
    ("きたきゅうしゅう市の案件いくつある？", [2, 4, 12]),  # a kanji name typed in hiragana: its romanised form
    ("ほーちみんの案件の提案者は", [18]),  # a katakana name typed in hiragana
    ("よこはまの事業はありますか", [5]),
    ("ぱらおの案件なんこ？", [8, 12]),  # a three-letter name before a particle
    ("いんどは何件", [2]),
])
def test_a_place_typed_in_hiragana_is_the_place(fake, q, want):
    assert sorted(nums(fake.ask(q))) == want


@pytest.mark.parametrize("q, want", [
    ("インドネシヤで交通インフラが対象分野に入ってるのは？", [14, 15]),  # a letter wrong
    ("ベトナームの事業", [1, 3, 6, 7, 10, 18]),  # a letter extra
    ("マレーシャの案件", [13]),
])
def test_a_katakana_name_one_letter_off_is_the_name(fake, q, want):
    assert sorted(nums(fake.ask(q))) == want


@pytest.mark.parametrize("q", ["ボイラーを導入する事業", "バイオマスの事業", "インドネシア政府と連携する事業", "レンガ"])
def test_katakana_words_are_not_read_as_names(fake, q):
    assert fake.knowledge.read_kana(q) == q


@pytest.mark.parametrize("q", ["いくつありますか", "こんにちは、おしえてください", "ありがとうございました",
                               "こんごの予定は？",  # 今後, not Congo: an everyday word the letters of a name spell
                               "どれですか", "ぱらおうの"])  # three letters then no particle: no name
def test_hiragana_grammar_is_never_read_as_a_name(fake, q):
    assert fake.knowledge.read_kana(q) == q


@pytest.mark.parametrize("first, then, want", [
    ("Which project targets Ho Chi Minh City?", "who is the contact person?", [18]),
    ("ホーチミン市の事業は？", "担当者の連絡先は？", [18]),
])
def test_what_the_list_does_not_record_is_about_the_proposal_just_shown(fake, first, then, want):
    c = Conversation(fake)
    c.ask(first)
    a = c.ask(then)
    assert a.kind == "unrecorded" and nums(a) == want


def test_what_the_list_does_not_record_after_a_long_list_names_none(fake):
    c = Conversation(fake)
    c.ask("projects in Vietnam")
    a = c.ask("what is the budget?")
    assert a.kind == "unrecorded" and not a.hits


@pytest.mark.parametrize("first, then, want", [
    ("Which projects deal with medical waste or hospitals?", "and which Japanese cities?", [2, 9]),
])
def test_an_attribute_asked_in_the_plural_is_asked_of_every_claim(fake, first, then, want):
    c = Conversation(fake)
    assert sorted(nums(c.ask(first))) == want
    a = c.ask(then)
    assert a.kind == "attribute" and sorted(nums(a)) == want and "Ehime" in a.text


@pytest.mark.parametrize("first, then, want", [
    ("Is any project dealing with medical waste?", "What else does that project look at?", [2]),
    ("5番", "その事業について詳しく", [5]),
])
def test_that_project_alone_is_its_record(fake, first, then, want):
    c = Conversation(fake)
    c.ask(first)
    a = c.ask(then)
    assert a.kind == "lookup" and nums(a) == want


def test_a_lookup_names_the_country_as_other_answers_do(fake):
    assert "(Vietnam)" in fake.ask("What is proposal #7 about?").text


def test_a_topic_label_keeps_the_little_words_the_question_had(fake):
    """"Race to Zero", "memorandum of understanding": the label shows the words as asked, not without "to"."""
    assert "“Race to Zero”" in fake.ask("Which proposals mention Race to Zero?").text
    assert "memorandum of understanding" in fake.ask("memorandum of understanding with the partner city").text
