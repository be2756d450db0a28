"""The answer kinds: one module each, found here in one registry.

A kind is one unit (`rules.KindUnit`): its reading rules with their priorities, its answer function
`answer(view, intent, ctx)` (which reads the corpus through a `CorpusView`, never the assistant) and the
ids of its messages. `read_kind` walks every kind's rules from the lowest priority number up; the first
that holds names the kind. Adding a kind is adding one module here (and its words in
data/question_words.json, its messages in data/messages.json).
"""
from __future__ import annotations

import importlib
import pkgutil

from .common import merge_filters, question_filters, same_as_filters
from .rules import KindUnit, Reading, Rule


def _units() -> tuple[KindUnit, ...]:
    """Every module of this package that defines a UNIT is a kind (found, not listed)."""
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if isinstance(getattr(module, "UNIT", None), KindUnit):
            found.append(module.UNIT)
    return tuple(found)


UNITS: tuple[KindUnit, ...] = _units()
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
    from .unrecorded import reread as unrecorded_reread

    return unrecorded_reread(norm, intent, words)


__all__ = ["ANSWERERS", "UNITS", "read_kind", "reread", "merge_filters", "question_filters", "same_as_filters"]
