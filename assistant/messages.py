"""One bilingual catalogue for the words users read (data/messages.json): `msg(id, lang, **values)`.

Each message is a template per language filled with `str.format` values computed from the records; an
entry may hold plural forms (`{"one": …, "other": …}`), chosen by the value `n`. Code asks for a message
by id and language and never spells a user-visible sentence itself.
"""
from __future__ import annotations

from functools import lru_cache

from index.corpus import read_json
from index.resources import data_path

MESSAGES_PATH = data_path("messages.json")


@lru_cache(maxsize=1)
def _raw() -> dict:
    return read_json(MESSAGES_PATH, "messages")


def catalogue() -> dict[str, dict]:
    return _raw()["messages"]


def shows_rendering(lang: str) -> bool:
    """Do answers in `lang` show the unofficial English rendering beside the verbatim Japanese? (English: yes)"""
    return bool(_raw()["rendering"].get(lang, False))


def msg(id: str, lang: str, /, **values) -> str:
    """The message `id` in `lang` ("ja" or "en"), filled with `values`."""
    entry = catalogue()[id]
    template = entry.get(lang, entry["en"])
    if isinstance(template, dict):
        template = template["one" if values.get("n") == 1 else "other"]
    return template.format(**values) if values else template


def join(items, lang: str, sep: str = "sep.list") -> str:
    """Items joined as the language lists them (「A、B」 / "A, B")."""
    return msg(sep, lang).join(items)


def and_join(items, lang: str) -> str:
    """"A, B and C" / 「A、B、C」."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return msg("sep.list", lang).join(items[:-1]) + msg("sep.last", lang) + items[-1]
