"""check: yes or no about one to three named proposals, from the text or the record (fast tier)."""
import pytest

from assistant.core import Conversation


def nums(answer):
    return [h.number for h in answer.hits]


@pytest.mark.parametrize("q, want, says", [
    ("Does proposal 3 mention solar power?", [3], "Yes: #3 mentions “solar power”."),
    ("3番は太陽光発電を扱っていますか？", [3], "はい、#3は「太陽光発電」に触れています。"),
    ("Is #8 about geothermal energy?", [8], "No: #8 does not mention"),
    ("Does #5 include hydrogen?", [5], "No: #5 is not in the field Hydrogen technology."),
    ("Are #3 and #9 about waste?", [3, 9], "Yes: #9 is in the field Waste management."),
])
def test_yes_or_no_for_each_named_proposal(fake, q, want, says):
    a = fake.ask(q)
    assert a.kind == "check" and nums(a) == want and says in a.text, a.text


def test_a_yes_from_the_text_quotes_the_sentence(fake):
    a = fake.ask("Does proposal 3 mention solar power?")
    ev = a.hits[0].evidence
    assert ev and "太陽光発電" in ev[0].text and ev[0].text in a.hits[0].proposal.summary


@pytest.mark.parametrize("first, then, says", [
    ("What are the target fields of #15?", "does it cover energy saving?", "No: #15 is not in the field Energy efficiency."),
    ("#11", "それは水素も対象？", "はい、#11は該当します（対象分野：水素技術）。"),
])
def test_yes_or_no_about_the_proposal_just_shown(fake, first, then, says):
    c = Conversation(fake)
    c.ask(first)
    a = c.ask(then)
    assert a.kind == "check" and says in a.text


@pytest.mark.parametrize("q, kind", [
    ("Is there any project on hydrogen?", "list"),  # no proposal named: a list, not a check
    ("What is #4 about?", "lookup"),
    ("Who proposed #4?", "attribute"),
])
def test_questions_that_name_no_proposal_or_ask_a_value_are_no_check(fake, q, kind):
    assert fake.ask(q).kind == kind


def test_how_about_a_field_after_more_records_than_a_check_answers_is_a_list_among_them(fake):
    c = Conversation(fake)
    c.ask("Tell me about #1, #3, #6 and #7")
    a = c.ask("how about waste?")
    assert a.kind == "list" and nums(a) == [1, 3, 6, 7] and a.text.strip()
