"""What an answer kind may read: a read-only view of the corpus, and the per-question context.

Answerers (`assistant.kinds`) get a `CorpusView`, never the `Assistant`: the records, value -> position
masks, citations (`tag`), year labels, the description of a question's conditions, quotes for a hit, the
search (`ranked`), the evidence service (`topic`: the proposals whose text supports a topic) and similar
projects. `assistant.core` implements it; this module imports nothing of the assistant's, so the kinds
and the core never import each other.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # names for annotations only, from modules that import nothing of kinds or core
    import numpy as np

    from index.corpus import Proposal

    from .answer import Answer, Hit
    from .config import RetrievalConfig
    from .knowledge import Knowledge
    from .query import Glossary, Intent
    from .similar import SimilarHit


class Allowed(frozenset):
    """The ids a question's filters allow, with their corpus positions in order (from the selection's mask): a
    filtered search over 100k proposals does not look each id up again. Any set of ids may stand for it."""

    positions: "np.ndarray"

    def __new__(cls, ids, positions: "np.ndarray"):
        self = super().__new__(cls, ids)
        self.positions = positions
        return self


def positions_of(allowed, position: "dict[str, int]") -> "np.ndarray":
    """The sorted corpus positions of a set of ids (an `Allowed` knows them)."""
    import numpy as np

    if isinstance(allowed, Allowed):
        return allowed.positions
    return np.sort(np.fromiter((position[k] for k in allowed if k in position), dtype=np.int64))


@dataclass
class Ctx:
    """One question's context: top-k, retrieval settings, the UI/CLI filters and the stage timings."""

    top_k: int
    config: "RetrievalConfig"
    given: dict[str, tuple[str, ...]]  # filters from the UI / CLI
    stages: dict[str, float]
    # the texts embedded while answering this question: a kind that searches twice for the same words (an
    # attribute question whose text names nothing, then says so) embeds them once
    vectors: "dict[str, np.ndarray]" = field(default_factory=dict)


class CorpusView(Protocol):
    """Read-only: every answer kind works from this and nothing else."""

    corpus: "list[Proposal]"
    glossary: "Glossary"
    knowledge: "Knowledge"

    @property
    def by_id(self) -> "dict[str, Proposal]": ...
    @property
    def year_array(self) -> "np.ndarray": ...
    @property
    def number_range(self) -> tuple[int, int]: ...

    def find(self, number: int, years: tuple[int, ...] = ()) -> "Proposal | None": ...
    def tag(self, p: "Proposal", lang: str) -> str: ...
    def cites(self, props: "list[Proposal]", lang: str) -> list[str]: ...
    def year_label(self, lang: str, years: tuple[int, ...] = ()) -> str: ...
    def iso_of(self, country: str) -> str: ...
    def view_label(self, key: str, value: str, lang: str) -> str: ...
    def mask_of(self, ids) -> "np.ndarray": ...
    def mask_of_values(self, key: str, values) -> "np.ndarray": ...
    def value_counts(self, key: str) -> "np.ndarray": ...
    def describe(self, intent: "Intent", ctx: Ctx) -> str: ...
    def has_words(self, question: str) -> bool: ...
    def hit(self, p: "Proposal", s: float, question: str, sentence_scores, intent: "Intent",
            reasons: tuple[str, ...], *, has_content: bool | None = None, max_quotes: int = 3) -> "Hit": ...
    def full_hit(self, p: "Proposal", intent: "Intent") -> "Hit": ...
    def ranked(self, intent: "Intent", ctx: Ctx, *, allowed: set[str] | None, limit: int | None = None) -> "Answer": ...
    def topic(self, intent: "Intent", ctx: Ctx, *, allowed: set[str] | None, topic: str | None = None) -> "Answer": ...
    def similar(self, number: object, *, top_k: int = 5, lang: str = "ja") -> "list[SimilarHit]": ...
