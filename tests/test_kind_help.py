"""The help kind: a question about the assistant itself is answered with what it can be asked."""
import pytest


@pytest.mark.parametrize("q, says", [
    ("What can I ask?", "Ask about the 18 proposals of FY2024"),
    ("what can you do", "similar to #8"),
    ("何が聞ける？", "令和6年度の18件の提案について聞けます"),
    ("使い方を教えて", "「8番に似た事業」"),
])
def test_help_says_what_can_be_asked(fake, q, says):
    a = fake.ask(q)
    assert a.kind == "help" and not a.hits and says in a.text


def test_help_words_beside_a_name_are_a_real_question(fake):
    assert fake.ask("what can you tell me about #7").kind == "lookup"
    assert fake.ask("インドネシアの事業で何が聞ける？").kind != "help"


@pytest.mark.parametrize("q", ["何が聞けますか？", "私は学生です。何が聞けますか？", "何ができますか"])
def test_polite_forms_ask_for_help(fake, q):
    assert fake.ask(q).kind == "help"
