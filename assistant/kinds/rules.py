"""A kind's reading rule: when a question (read on its own) is of that kind, with a priority.

The registry (assistant.kinds) tries every kind's rules from the lowest priority number up; the first
that holds names the kind. Rules look at the understood slots (`Intent`), the normalised question and
the question words of data/question_words.json — never at a particular question.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..query import Intent


@dataclass(frozen=True)
class Reading:
    """What a rule looks at."""

    norm: str  # the question, NFKC-lowercased, typos corrected
    i: Intent  # its slots
    w: object  # knowledge.QuestionWords: the word lists by meaning (w.lists["compare"], w.lists["count"] …)

    def says(self, *lists: str) -> bool:
        """Does the question hold a word of any of these lists?"""
        return any(self.w.lists[name].search(self.norm) for name in lists)

    @property
    def narrowed(self) -> bool:
        """Does the question name filters, exclusions or regions of its own?"""
        i = self.i
        return bool(i.filters or i.excluded or i.regions or i.excluded_regions or i.sizes)


@dataclass(frozen=True)
class Rule:
    priority: int
    when: Callable[[Reading], bool]
    example: str = ""


@dataclass(frozen=True)
class KindUnit:
    """One answer kind: its name, reading rules, answer function and the message ids its answers use."""

    name: str
    rules: tuple[Rule, ...]
    answer: Callable
    messages: tuple[str, ...] = ()
