"""The answer kinds: one module each, found here in one registry.

A kind is one unit (`rules.KindUnit`): its reading rules with their priorities, its answer function
`answer(view, intent, ctx)` (which reads the corpus through a `CorpusView`, never the assistant) and the
ids of its messages. `read_kind` walks every kind's rules from the lowest priority number up; the first
that holds names the kind. Adding a kind is adding one module here (and its words in
data/question_words.json, its messages in data/messages.json).
"""
from __future__ import annotations

from . import (attribute, breakdown, compare, count, help, listing, lookup, none, region, similar, topic,
               unrecorded)
from .common import merge_filters, same_as_filters
from .rules import KindUnit, Reading, Rule

UNITS: tuple[KindUnit, ...] = (none.UNIT, lookup.UNIT, attribute.UNIT, count.UNIT, listing.UNIT, region.UNIT,
                               breakdown.UNIT, compare.UNIT, similar.UNIT, topic.UNIT, unrecorded.UNIT, help.UNIT)
ANSWERERS = {u.name: u.answer for u in UNITS}
ORDER: tuple[tuple[Rule, KindUnit], ...] = tuple(sorted(((r, u) for u in UNITS for r in u.rules),
                                                        key=lambda ru: ru[0].priority))


def read_kind(norm: str, intent, words) -> str:
    """The kind of a question read on its own: the first rule (by priority) that holds."""
    reading = Reading(norm, intent, words)
    for rule, unit in ORDER:
        if rule.when(reading):
            return unit.name
    return "none"


def reread(norm: str, intent, words):
    """Readings that apply over any other (a follow-up's too): what the list does not record."""
    return unrecorded.reread(norm, intent, words)


__all__ = ["ANSWERERS", "UNITS", "read_kind", "reread", "merge_filters", "same_as_filters"]
