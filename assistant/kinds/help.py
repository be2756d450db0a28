"""help: a question about the assistant itself ("what can I ask?", 「何が聞ける？」): what it answers, with examples."""
from __future__ import annotations

from ..answer import Answer
from ..messages import msg
from ..query import Intent
from ..view import CorpusView, Ctx
from .common import answer_of
from .rules import KindUnit, Rule


def answer_help(a: "CorpusView", i: Intent, ctx: Ctx) -> Answer:
    return answer_of(i, "help", msg("help.line", i.lang, n=len(a.corpus), year=a.year_label(i.lang)), ())


UNIT = KindUnit("help", (
    Rule(5, lambda r: r.says("help") and not (r.i.numbers or r.narrowed or r.i.unknown), "what can I ask?"),
), answer_help, ("help.line",))
