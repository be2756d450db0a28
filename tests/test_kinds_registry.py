"""The kinds registry: each kind one module, found by the registry; rules ordered; messages in the catalogue."""
import fnmatch

from assistant.kinds import ORDER, UNITS, read_kind
from assistant.messages import catalogue


def test_every_kind_is_a_module_with_rules_an_answer_and_messages():
    names = [u.name for u in UNITS]
    assert len(names) == len(set(names))
    assert {"none", "lookup", "attribute", "count", "list", "region", "breakdown", "compare", "similar", "ranked",
            "unrecorded", "help"} <= set(names)
    for u in UNITS:
        assert callable(u.answer) and u.messages, u.name


def test_rule_priorities_are_unique_so_the_order_is_the_data():
    priorities = [r.priority for r, _ in ORDER]
    assert priorities == sorted(priorities) and len(priorities) == len(set(priorities))


def test_every_message_id_a_kind_names_is_in_the_catalogue():
    ids = set(catalogue())
    for u in UNITS:
        for pattern in u.messages:
            assert fnmatch.filter(ids, pattern), f"{u.name}: no message {pattern}"


def test_each_catalogue_entry_has_both_languages():
    for id, entry in catalogue().items():
        assert set(entry) == {"ja", "en"}, id


def test_rules_read_slots_not_questions(fake):
    from assistant.understand import understand

    i = understand("compare the two Palau projects", fake.knowledge)
    assert read_kind("compare the two palau projects", i, fake.knowledge.words) == "compare"
