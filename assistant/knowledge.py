"""What the assistant knows besides the records: names, regions, places, question words.

All of it is data in `data/` (glossary.json, geography.json, places.json,
question_words.json); this module only reads it into small frozen records and
offers one way to find names in a question.

- `Name`: one name (any language, alias or spelling) that stands for something:
  a metadata value (`filter`), a world or Japanese region or a sub-country
  place (`region`), or a place / organisation in no proposal (`unknown`).
- `find_names(text, names)`: every name in the text, longest first, never
  inside a longer name already found, Latin names on word boundaries, katakana
  names not inside a longer katakana word (so インド is not found in
  インドネシア, 京都 is not found in 東京都 once 東京都 is taken).

Not handled: names split across a line break, names written with spaces
between Japanese characters.
"""
from __future__ import annotations

import gettext
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from index.corpus import read_json
from index.resources import data_path

from .config import UNKNOWN_FUZZY_MIN_LENGTH

GEOGRAPHY_PATH = data_path("geography.json")
# the legal forms around a Japanese organisation's name ((株), 株式会社, (公財) …): stripped for its aliases
COMPANY_FORMS = re.compile(r"^\s*(?:\(株\)|（株）|株式会社|\(一社\)|\(公財\)|\(一財\)|\(公社\))|(?:\(株\)|（株）|株式会社)\s*$")
HOME_COUNTRY = "JP"  # the programme's own country: the Japanese city of every proposal is in it
PLACES_PATH = data_path("places.json")
WORDS_PATH = data_path("question_words.json")

_KATAKANA = re.compile(r"[\u30a0-\u30ffー]")
_KANJI = re.compile(r"[\u3400-\u9fff]")
_HYPHENS = re.compile(r"[\-‐‑‒–—−]")


_LETTER_PREFIX = re.compile(r"\b([a-z]|co)-(?=[a-z]{2})", re.IGNORECASE)  # e-waste, co-processing: one word each


def join_prefix(text: str) -> str:
    """"e-waste" -> "ewaste", "co-processing" -> "coprocessing": a one-letter (or co-) prefix is one word with what
    it is written onto, as `normalize` reads a question (other hyphens stay)."""
    return _LETTER_PREFIX.sub(r"\1", text)


def normalize(text: str) -> str:
    """NFKC, lower case, hyphens as spaces, single spaces."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _HYPHENS.sub(" ", _LETTER_PREFIX.sub(r"\1", text))  # "e-waste" is one word, not "waste"
    return " ".join(text.split())


@dataclass(frozen=True)
class Region:
    """A region or place: its names and what it constrains (metadata key -> values)."""

    id: str
    ja: str
    en: str
    constraint: dict[str, tuple[str, ...]] = field(compare=False)  # {"country": (...)} or {"target_area": (...)}
    source: str = ""
    countries: tuple[str, ...] = field(default=(), compare=False)  # a world region's countries (ISO codes), the
    # corpus's and the others ("Mexico" is in Latin America)

    def label(self, lang: str) -> str:
        return getattr(self, lang)


@dataclass(frozen=True)
class Unknown:
    """A place or organisation that no proposal names as its country, city, partner or proposer."""

    ja: str
    en: str
    kind: str  # "country", "city", "prefecture", "place", "organisation"
    country: str = ""  # ISO code, for world places

    def label(self, lang: str) -> str:
        return getattr(self, lang) or self.ja or self.en


@dataclass(frozen=True)
class Name:
    text: str  # normalised
    kind: str  # "filter", "region", "unknown"
    key: str = ""  # filter: the metadata key
    value: str = ""  # filter: the exact metadata value
    region: Region | None = None
    unknown: Unknown | None = None
    next_words: tuple[str, ...] = ()  # a one-kanji abbreviation: what may follow it (question_words abbreviation_next)


@dataclass(frozen=True)
class Found:
    name: Name
    start: int
    end: int


def _boundary_ok(text: str, name: str, start: int, next_words: tuple[str, ...] = ()) -> bool:
    end = start + len(name)
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if _one_kanji(name):  # a one-kanji abbreviation (越 for Viet Nam, 印 for India):
        # a word of its own, or after 日 (日越), before no letter or before one of `next_words` (越向け, 越の); not
        # inside a word (超越, 比較, 越える)
        return not (before and (_KANJI.match(before) and before != "日" or _KATAKANA.match(before))) and (
            not after or not (_KANJI.match(after) or _KATAKANA.match(after) or "\u3041" <= after <= "\u309f")
            or text.startswith(next_words, end))
    if name[0].isascii() and name[0].isalnum() and before.isascii() and before.isalnum():
        return False
    if name[-1].isascii() and name[-1].isalnum() and after.isascii() and after.isalnum():
        return False
    if _KATAKANA.match(name[0]) and before and _KATAKANA.match(before):
        return False
    if _KATAKANA.match(name[-1]) and after and _KATAKANA.match(after):
        return False
    return True



_PREFIXES: dict[int, tuple[tuple, dict[str, list[int]], list[int]]] = {}


def _prefix_index(names: tuple[Name, ...]) -> tuple[dict[str, list[int]], list[int]]:
    """Positions of the names by their first two characters (and those shorter than two), per names tuple."""
    entry = _PREFIXES.get(id(names))
    if entry is None or entry[0] is not names:
        by_prefix: dict[str, list[int]] = {}
        short: list[int] = []
        for i, n in enumerate(names):
            if len(n.text) < 2:
                short.append(i)
            else:
                by_prefix.setdefault(n.text[:2], []).append(i)
        entry = _PREFIXES[id(names)] = (names, by_prefix, short)
    return entry[1], entry[2]


def find_names(text: str, names: tuple[Name, ...]) -> tuple[list[Found], str]:
    """Names in the normalised `text` (longest first, no overlaps), and the text with them blanked.

    Only names whose first two characters occur in the text are looked for (in their order)."""
    taken = [False] * len(text)
    found: list[Found] = []
    by_prefix, short = _prefix_index(names)
    present = {text[i:i + 2] for i in range(len(text) - 1)}
    candidates = sorted({*short, *(i for p in present for i in by_prefix.get(p, ()))})
    for name in (names[i] for i in candidates):
        start = text.find(name.text)
        while start >= 0:
            end = start + len(name.text)
            if _boundary_ok(text, name.text, start, name.next_words):
                if not any(taken[start:end]):
                    taken[start:end] = [True] * (end - start)
                    found.append(Found(name, start, end))
                elif any(f.start == start and f.end == end and f.name.kind == name.kind for f in found):
                    found.append(Found(name, start, end))  # the same words name another value too
            start = text.find(name.text, start + 1)
    rest = "".join(" " if t else c for c, t in zip(text, taken))
    return sorted(found, key=lambda f: (f.start, f.name.key, f.name.value)), rest


# ---------------------------------------------------------------- question words

@dataclass(frozen=True)
class WordList:
    """Words of one meaning; English ones on word boundaries (`*` = any ending), Japanese anywhere."""

    en: tuple[str, ...]
    ja: tuple[str, ...]

    @cached_property
    def pattern(self) -> re.Pattern | None:
        parts = []
        cores, marked = [], []  # marked: a word starting with punctuation (", and what") has no left boundary
        for w in sorted(self.en, key=len, reverse=True):
            w = normalize(w) if w.strip() else w
            core = re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else "")
            (cores if w[:1].isalnum() or not w.strip() else marked).append(core)
        if cores:  # one pair of word boundaries around all the English words: a smaller pattern, compiled faster
            parts.append(r"(?<![a-z0-9])(?:" + "|".join(cores) + r")(?![a-z0-9])")
        if marked:
            parts.append(r"(?:" + "|".join(marked) + r")(?![a-z0-9])")
        for w in sorted(self.ja, key=len, reverse=True):
            parts.append(re.escape(normalize(w)))
        return re.compile("|".join(parts)) if parts else None

    def search(self, text: str) -> re.Match | None:
        return self.pattern.search(text) if self.pattern else None

    @cached_property
    def counted(self) -> re.Pattern | None:
        """Any of the words, {n} in them standing for a number (「全{n}件」), matched anywhere."""
        parts = [re.escape(normalize(w)).replace(re.escape("{n}"), r"\d+") for w in (*self.en, *self.ja)]
        return re.compile("|".join(parts)) if parts else None

    def blank(self, text: str, mark: str = " ") -> str:
        """The text with every stretch any of the words covers replaced by `mark`, overlapping ones too: in
        "which japanese local governments" both "which japanese" and "japanese local government*" go (a
        plain substitution takes the first and leaves "local governments" behind)."""
        pattern = self.pattern
        if pattern is None:
            return text
        spans: list[list[int]] = []
        at = 0
        # a match at every position the words start at, the next search one letter on (the words' own
        # pattern, searched again: a lookahead copy of it took as long to compile as the pattern itself)
        while (m := pattern.search(text, at)) is not None:
            start, end = m.span()
            at = start + 1
            if end == start:
                continue
            if spans and start <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], end)
            else:
                spans.append([start, end])
        for start, end in reversed(spans):
            text = text[:start] + mark + text[end:]
        return text

    def finditer(self, text: str):
        return self.pattern.finditer(text) if self.pattern else iter(())

    def starts(self, text: str) -> bool:
        m = self.search(text)
        return bool(m) and m.start() == 0


@dataclass(frozen=True)
class QuestionWords:
    attribute: dict[str, WordList]  # metadata key (or "title") -> words that ask for it
    lists: dict[str, WordList]  # count, per, most, least, compare, similar, lookup, list, refer, continue, only
    that_key: dict[str, WordList] = field(default_factory=dict)  # "that company" -> proposer …
    unrecorded: dict[str, WordList] = field(default_factory=dict)  # things the list does not record
    unrecorded_labels: dict[str, dict[str, str]] = field(default_factory=dict)  # thing -> {"en", "ja"}
    grammar: dict[str, dict[str, bool]] = field(default_factory=dict)  # lang -> word-order facts
    spellings: dict[str, str] = field(default_factory=dict)  # a word written another way -> the text's way
    sizes: dict[str, dict[str, WordList]] = field(default_factory=dict)  # "before"/"after" -> operator -> words
    counters: WordList = field(default_factory=lambda: WordList((), ()))  # つ, 個, fields: what counts values
    asks_values: WordList = field(default_factory=lambda: WordList((), ()))  # "what are the 2 fields": no size

    @cached_property
    def _respellings(self) -> tuple[tuple[str, re.Pattern | None, str], ...]:
        """(word, its whole-word pattern for an English one, the list's way), in the data's order."""
        return tuple((word, re.compile(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9'])") if word.isascii() else None,
                      way) for word, way in self.spellings.items())

    def respell(self, text: str) -> str:
        """The text with each word written the way the list writes it (ごみ -> ゴミ; an English short form as a whole
        word: "smart city dev" -> "smart city development", not "device")."""
        for word, pattern, way in self._respellings:
            if word in text:  # (every unit of every proposal read passes here: most hold none of the words)
                text = pattern.sub(way, text) if pattern is not None else text.replace(word, way)
        return text

    @cached_property
    def any_unrecorded(self) -> WordList:
        """Every word of every thing the list does not record, as one list (to blank them all at once)."""
        return WordList(tuple(w for wl in self.unrecorded.values() for w in wl.en),
                        tuple(w for wl in self.unrecorded.values() for w in wl.ja))

    def other_key(self, norm: str) -> str | None:
        """"which other city's …", 「ほかの対象都市」: the attribute whose word an others word stands right before (the
        key asked beyond a value), else None; "other proposals with that city" names none."""
        others = self.lists.get("others")
        for m in (others.finditer(norm) if others is not None else ()):
            head = norm[:m.start()].rstrip()
            plain, at = f"{head} {norm[m.end():].lstrip()}", len(head) + 1
            key = next((k for k, words in self.attribute.items() if words.pattern is not None
                        for a in words.pattern.finditer(plain) if a.start() <= at < a.end()), None)
            if key is not None:
                return key
        return None

    def find_unrecorded(self, norm: str) -> str | None:
        """The first thing the list does not record that the question asks about (its id), or None."""
        hits = [(m.start(), k) for k, w in self.unrecorded.items() if (m := w.search(norm))]
        return min(hits)[1] if hits else None



def load_words(path: Path = WORDS_PATH) -> QuestionWords:
    raw = read_json(path, "question words")

    def wl(d: dict) -> WordList:
        return WordList(tuple(d.get("en", ())), tuple(d.get("ja", ())))

    attribute = {k: wl(v) for k, v in raw["attribute"].items()}
    that_key = {k: wl(v) for k, v in raw.get("that_key", {}).items()}
    unrecorded = {k: wl(v) for k, v in raw.get("unrecorded", {}).items()}
    labels = {k: dict(v.get("label", {})) for k, v in raw.get("unrecorded", {}).items()}
    lists = {k: wl(v) for k, v in raw.items()
             if k not in ("attribute", "that_key", "unrecorded", "grammar", "spellings", "sizes")
             and not k.startswith("_")}
    sizes = raw.get("sizes", {})
    return QuestionWords(attribute, lists, that_key, unrecorded, labels, raw.get("grammar", {}),
                         dict(raw.get("spellings", {})),
                         {side: {op: wl(v) for op, v in sizes.get(side, {}).items()} for side in ("before", "after")},
                         wl(sizes.get("counters", {})), wl(sizes.get("asks_values", {})))


# ---------------------------------------------------------------- regions and unknown names

def load_regions(glossary, path: Path = GEOGRAPHY_PATH) -> list[tuple[Region, tuple[str, ...]]]:
    """(region, its names) for world regions, sub-country places and Japanese regions."""
    raw = read_json(path, "geography") if Path(path).exists() else {}
    iso_to_value: dict[str, list[str]] = {}
    for e in glossary.entries:
        if e.key == "country" and e.iso2:
            iso_to_value.setdefault(e.iso2, []).extend(e.values)
    out = []
    nouns = tuple(raw.get("region_nouns", ()))
    for item in raw.get("regions", []):
        values = tuple(sorted({v for code in item.get("countries", []) for v in iso_to_value.get(code, [])}))
        region = Region(item["id"], item["ja"], item["en"], {"country": values}, item.get("source", ""),
                        tuple(item.get("countries", ())))
        names = (item["en"], *item.get("aliases", ()))
        said = tuple(f"{n} {noun}" for n in names if n.isascii() and not n.endswith(nouns) for noun in nouns)
        # ("South Asian countries": the region's countries, not the longer "Asian countries" inside it)
        out.append((region, tuple(dict.fromkeys((item["ja"], *names, *said)))))
    for group in ("places", "japan_regions"):
        for item in raw.get(group, []):
            constraint = {k: tuple(v) for k, v in item.get("contains", {}).items()}
            region = Region(item["id"], item["ja"], item["en"], constraint, item.get("source", ""))
            out.append((region, (item["ja"], item["en"], *item.get("aliases", ()))))
    domestic = [v for e in glossary.entries if e.key == "domestic_city" for v in e.values]
    for item in raw.get("japan_kinds", []):  # a kind of local government, by the ending of a Japanese partner's
        # name (愛媛県, 東京都・さいたま市: a prefecture among them); so a year added later is read the same way
        ends = tuple(item.get("domestic_suffixes", ()))
        values = tuple(sorted({v for v in domestic if any(part.endswith(ends) for part in v.split("・"))}))
        region = Region(item["id"], item["ja"], item["en"], {"domestic_city": values}, item.get("source", ""))
        out.append((region, (item["ja"], item["en"], *item.get("aliases", ()))))
    return out


@lru_cache(maxsize=1)
def country_names_ja() -> dict[str, tuple[str, str]]:
    """ISO alpha-2 -> (English name, Japanese name) from pycountry's ISO 3166 data and translations."""
    import pycountry

    try:
        ja = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ja"]).gettext
    except OSError:  # pragma: no cover - pycountry always ships the ja catalogue
        ja = str
    out = {}
    for c in pycountry.countries:
        out[c.alpha_2] = (getattr(c, "common_name", None) or c.name, ja(c.name))
    return out


def load_unknowns(glossary, path: Path = PLACES_PATH) -> list[tuple[Unknown, tuple[str, ...]]]:
    """Countries (pycountry), Japanese and world places and organisations (places.json) in no record."""
    known = {normalize(a.text) for a in glossary.aliases()}
    # Japan is in every proposal (the Japanese side), so it is never an unknown country
    in_corpus = {e.iso2 for e in glossary.entries if e.key == "country" and e.iso2} | {HOME_COUNTRY}
    out: list[tuple[Unknown, tuple[str, ...]]] = []
    for code, (en, ja) in country_names_ja().items():
        if code in in_corpus:
            continue
        out.append((Unknown(ja, en, "country", code), (en, ja)))
    raw = read_json(path, "places") if Path(path).exists() else {}
    for item in raw.get("japan", []):
        out.append((Unknown(item["ja"], item["en"], item.get("kind", "city"), "JP"),
                    (item["ja"], item["en"], *item.get("aliases", ()))))
    for item in raw.get("world", []):
        out.append((Unknown(item["ja"], item["en"], "place", item.get("country", "")),
                    (item["ja"], item["en"], *item.get("aliases", ()))))
    for item in raw.get("organisations", []):
        out.append((Unknown(item["ja"], item["en"], "organisation"), (item["ja"], item["en"], *item.get("aliases", ()))))
    # a name the glossary knows is a corpus name, never an unknown one
    return [(u, tuple(n for n in names if n and normalize(n) not in known)) for u, names in out]


@dataclass(frozen=True)
class Knowledge:
    """The names the assistant can recognise, longest first."""

    names: tuple[Name, ...]
    words: QuestionWords
    labels: dict = field(default_factory=dict, compare=False)  # (key, value) -> (ja, en): how a value is shown
    # English terms of data/terms.json ("emission reduction targets", "cement works"): a question word inside
    # one said whole is a word of the topic
    term_phrases: tuple[str, ...] = field(default=(), compare=False)

    @cached_property
    def generic_terms(self) -> tuple[tuple[re.Pattern, frozenset[str]], ...]:
        """The English terms with a question word inside ("emission reduction targets", "cement works"), each
        with those words (read once)."""
        from index.lexical import STOP_WORDS
        from .query import GENERIC_EN  # (query reads names from here)

        out = []
        for phrase in self.term_phrases:
            words = phrase.lower().split()
            inside = frozenset(w for w in words if w in GENERIC_EN and w not in STOP_WORDS)
            if len(words) > 1 and inside:
                out.append((re.compile(rf"(?<![\w-]){re.escape(phrase.lower())}(?![\w-])"), inside))
        return tuple(out)

    @cached_property
    def term_words(self) -> frozenset[str]:
        """Every word of the English terms (read once)."""
        return frozenset(w for t in self.term_phrases for w in t.lower().split())

    @cached_property
    def field_values(self) -> frozenset[str]:
        """The target fields' values (read once: the names are many)."""
        return frozenset(n.value for n in self.names if n.kind == "filter" and n.key == "fields")

    @cached_property
    def latin_names(self) -> dict[int, tuple[str, ...]]:
        """Latin-script names by their number of words: the candidates for typo correction."""
        out: dict[int, set[str]] = {}
        for n in self.names:
            # a short name of a place or organisation in no proposal is typed as it is: one letter from it is
            # often an English word ("truck" is no Truk, Chuuk's old name), and correcting to it answers "none"
            if n.text.isascii() and len(n.text) >= (4 if n.kind != "unknown" else UNKNOWN_FUZZY_MIN_LENGTH):
                out.setdefault(len(n.text.split()), set()).add(n.text)
        for word in self.words.lists["number_words"].en:  # "numbr 9" -> "number 9"
            out.setdefault(1, set()).add(word)
        asking = [w for k, w in self.words.lists.items() if k not in ("filler", "topic_filler", "place_nouns")]  # never "tanks" -> "thanks"
        for words in (*self.words.attribute.values(), *asking):
            for word in words.en:  # "contry" -> "country", "simlar" -> "similar"
                if " " not in word and "*" not in word and "'" not in word and len(word) >= 5:
                    out.setdefault(1, set()).add(word)
        return {k: tuple(sorted(v)) for k, v in out.items()}


    @cached_property
    def _kana_targets(self) -> tuple[frozenset[str], dict[str, str]]:
        """(katakana names, squashed romanised form -> Latin name) of places and organisations."""
        kata = frozenset(n.text for n in self.names if _KATAKANA_WORD.fullmatch(n.text))
        latin = {squash_romaji(n.text): n.text for n in self.names
                 if n.kind in ("filter", "region") and n.text.isascii() and len(n.text.replace(" ", "")) >= 4}
        return kata, latin

    def read_kana(self, norm: str, vocabulary: frozenset[str] = frozenset()) -> str:
        """A place or organisation typed in hiragana (the input method not converted): 「きたきゅうしゅう市」 ->
        kitakyushu市, 「ほーちみんの案件」 -> ホーチミンの案件. A hiragana run (or its start, before particles) is
        the name when its katakana form is a known name, or its romanised form is close to a known Latin one;
        everything else is grammar and left alone."""
        from rapidfuzz import fuzz, process

        kata, latin = self._kana_targets
        kata = _with_text_words(kata, vocabulary)  # a katakana word of the text typed in hiragana (「ばいおます」)
        out, last = [], 0
        for m in _HIRAGANA_RUN.finditer(norm):
            run = m.group()
            for cut in range(len(run), KANA_NAME_MIN_LENGTH - 1, -1):
                head = run[:cut]
                k = _to_katakana(head)
                name = k if k in kata or k.rstrip("ー") in kata else None
                if name is None:
                    hit = process.extractOne(squash_romaji(romanise_kana(head)), latin.keys(), scorer=fuzz.ratio,
                                             score_cutoff=KANA_NAME_MIN_SCORE)
                    name = f" {latin[hit[0]]} " if hit else None
                if name is not None:
                    out += [norm[last:m.start()], name]
                    last = m.start() + cut
                    break
            else:  # 「ぱらおの案件」: a three-letter name, alone or with one particle after it
                short = self._short_kana_name(run)
                if short is not None:
                    out += [norm[last:m.start()], short]
                    last = m.start() + KANA_SHORT_NAME_LENGTH
        norm = "".join(out) + norm[last:] if out else norm
        norm = self._katakana_typos(norm, kata)
        # 「べトナム」: one hiragana letter typed into a katakana name
        norm = _MIXED_KANA.sub(lambda m: _to_katakana(m.group(1)) + m.group(2)
                               if any((_to_katakana(m.group(1)) + m.group(2))[:n] in kata
                                      for n in range(3, len(m.group()) + 1)) else m.group(), norm)
        return norm


    def _short_kana_name(self, run: str) -> str | None:
        """The katakana name a hiragana run of a three-letter name (and nothing but one particle after it) is."""
        head, tail = run[:KANA_SHORT_NAME_LENGTH], run[KANA_SHORT_NAME_LENGTH:]
        raw = _romanisation()[0]
        if head in raw.get("kana_common_words", ()) or (tail and tail not in raw.get("kana_particles", ())):
            return None
        name = _to_katakana(head)
        return name if name in self._kana_targets[0] else None

    def _katakana_typos(self, norm: str, kata: frozenset[str]) -> str:
        """A katakana run of KANA_TYPO_MIN_LENGTH or more that is no known name but one letter from one (a
        letter wrong, missing, extra or two swapped, the first kept): 「インドネシヤ」 -> インドネシア,
        「ベトナーム」 -> ベトナム."""
        from rapidfuzz.distance import OSA

        def fix(m: re.Match) -> str:
            run = m.group()
            if len(run) < KANA_TYPO_MIN_LENGTH or run in kata:
                return run
            near = [k for k in kata if k[:1] == run[:1] and len(k) >= KANA_TYPO_MIN_LENGTH - 1
                    and OSA.distance(run, k, score_cutoff=1) <= 1]
            return near[0] if len(near) == 1 else run

        return _KATAKANA_RUN.sub(fix, norm)


_KATAKANA_RUN = re.compile(r"[\u30a1-\u30faー]+")
KANA_TYPO_MIN_LENGTH = 4  # shorter katakana runs are too close to too many words (レンカ, レンガ)
_MIXED_KANA = re.compile(r"(?<![\u3041-\u3096])([\u3041-\u3096])([\u30a1-\u30faー]{2,})")
_KATAKANA_WORD = re.compile(r"[\u30a1-\u30faー・]{2,}")
_HIRAGANA_RUN = re.compile(r"[\u3041-\u3096ー]{3,}")
KANA_NAME_MIN_LENGTH = 4  # shorter hiragana runs are grammar (から, ですか) far more often than names
KANA_SHORT_NAME_LENGTH = 3  # ... unless the run is a known name of three letters, alone or before one particle
KANA_NAME_MIN_SCORE = 90.0  # a romanised run must be this close (rapidfuzz ratio) to a known Latin name


def katakana_words(text: str) -> set[str]:
    """The katakana words of a text long enough to be read from a hiragana run (KANA_NAME_MIN_LENGTH letters)."""
    return {w for w in _KATAKANA_RUN.findall(text) if len(w) >= KANA_NAME_MIN_LENGTH}


@lru_cache(maxsize=4)
def _with_text_words(kata: frozenset[str], vocabulary: frozenset[str]) -> frozenset[str]:
    """The names read from hiragana and the vocabulary's katakana words: once per vocabulary, not per question."""
    return kata | frozenset(w for w in vocabulary if _KATAKANA_WORD.fullmatch(w))


def _to_katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in text)


def romanise_kana(text: str) -> str:
    """Hepburn for hiragana (data/romanisation.json `kana`)."""
    raw, _ = _romanisation()
    table, small = raw.get("kana", {}), raw.get("kana_small_y", {})
    out: list[str] = []
    double = False
    for c in text:
        if c == "っ":
            double = True
            continue
        if c in small and out:
            base = out.pop()
            out.append(base[:-1] + small[c] if base in ("shi", "chi", "ji") else base[:-1] + "y" + small[c])
            continue
        r = table.get(c, "")
        if double and r:
            r = r[0] + r
        double = False
        out.append(r)
    return "".join(out)


def squash_romaji(text: str) -> str:
    """A romanised name as one lower-case word with long vowels written once: "Kitakyuushuu" -> kitakyushu."""
    t = re.sub(r"[^a-z]", "", text.lower())
    return re.sub(r"(?<=o)u|(?<=([aeiou]))\1", "", t)


def _one_kanji(text: str) -> bool:
    return len(text) == 1 and _KANJI.match(text) is not None


def _spellings(text: str) -> tuple[str, ...]:
    """An English name of words joined by spaces or hyphens, both ways ("institution building" is also
    "institution-building", "south-east asia" also "south east asia"); any other name as it is."""
    if not text.isascii() or not re.search(r"[a-z][ -][a-z]", text):
        return (text,)
    return tuple(dict.fromkeys((text, re.sub(r"(?<=[a-z]) (?=[a-z])", "-", text),
                                re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text))))


def build_names(glossary, regions, unknowns, abbreviation_next: tuple[str, ...] = ()) -> tuple[Name, ...]:
    names: set[Name] = set()
    for a in glossary.aliases():
        for text in _spellings(a.text):
            names.add(Name(text, "filter", a.key, a.value, next_words=abbreviation_next if _one_kanji(text) else ()))
    for region, texts in regions:
        for t in texts:
            for n in (_spellings(norm) if (norm := normalize(t)) else ()):
                # a one-kanji name (町, 村) is a word of its own, as a one-kanji abbreviation is
                names.add(Name(n, "region", region=region, next_words=abbreviation_next if _one_kanji(n) else ()))
    for unknown, texts in unknowns:
        for t in texts:
            n = normalize(t)
            if len(n) >= 2 and not (n.isascii() and len(n) < 3):
                names.add(Name(n, "unknown", unknown=unknown))
    order = {"filter": 0, "region": 1, "unknown": 2}
    return tuple(sorted(names, key=lambda n: (-len(n.text), order[n.kind], n.key, n.value, n.text)))


# ---------------------------------------------------------------- English names for an added year

ROMANISATION_PATH = data_path("romanisation.json")
_KATAKANA_NAME = re.compile(r"^[\u30a0-\u30ffー・]+$")


@lru_cache(maxsize=1)
def _romanisation() -> tuple[dict, dict[str, tuple[str, tuple[str, ...]]]]:
    """(romanisation.json, Japanese name -> (English name, Latin aliases) from places.json)."""
    raw = read_json(ROMANISATION_PATH, "romanisation")
    places = read_json(PLACES_PATH, "places") if Path(PLACES_PATH).exists() else {}
    known: dict[str, tuple[str, tuple[str, ...]]] = {}
    for group in ("world", "japan", "organisations"):
        for item in places.get(group, []):
            latin = tuple(a for a in (item["en"], *item.get("aliases", ())) if a.isascii())
            for ja in (item["ja"], *item.get("aliases", ())):
                if not ja.isascii():
                    known.setdefault(ja, (item["en"], latin))
    return raw, known


@lru_cache(maxsize=1)
def _kakasi():
    import pykakasi  # its dictionaries ship inside the package: nothing is downloaded

    return pykakasi.kakasi()


def english_names(key: str, value: str) -> tuple[str, tuple[str, ...]]:
    """An English label ("" when only guessed) and English aliases for a metadata value of an
    added list that the glossary does not know (a partner city セブ市, a proposer (株)アジアテック).

    Known places (places.json) give their English names; a name written in katakana (after its
    administrative suffix or company form) is romanised, with the spelling variants of
    data/romanisation.json, so "projects in Tacloban" finds タクロバン市. Kanji names are left to
    the glossary (Japanese names are asked in Japanese or by their Japanese spelling).
    """
    raw, known = _romanisation()
    suffixes: dict[str, str] = raw["suffixes"]
    suffix = value[-1] if len(value) > 2 and value[-1] in suffixes else ""
    stem = value[:-1] if suffix else value
    if key == "proposer":

        stem, suffix = COMPANY_FORMS.sub("", value).strip(), ""
    word = suffixes.get(suffix, "")
    other_words = set(suffixes.values()) - {word}
    for name in (value, stem):
        if name in known:
            en, latin = known[name]
            label = next((a for a in latin if word and normalize(a) == normalize(f"{en} {word}")), en)
            # "Cebu Island" is another place than セブ市: aliases naming another kind of place are left out
            same = {a for a in latin if not set(normalize(a).split()) & other_words}
            return label, tuple(sorted({*same, label}))
    if not stem or not _KATAKANA_NAME.match(stem):
        return "", ()
    variants: list[str] = []
    for part in stem.split("・"):
        romaji = "".join(item["hepburn"] for item in _kakasi().convert(part))
        forms = {romaji}
        for pattern, repl in raw["spelling_rules"]:
            forms |= {re.sub(pattern, repl, f) for f in forms}
            if len(forms) >= raw["max_variants"]:
                break
        variants.extend(sorted(forms))
    aliases = {v for v in variants if len(v) >= 3}
    if word and "・" not in stem:
        aliases |= {f"{v} {word}" for v in aliases}
    return "", tuple(sorted(aliases))
