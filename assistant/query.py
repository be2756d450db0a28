"""Metadata: the glossary, the one table of filter names, the one filter resolver, `Intent`.

- `Glossary`: every metadata value with its Japanese and English names and the aliases people
  type (data/glossary.json), extended at load with the values of added lists (`augment_glossary`).
- `FILTERS`: filter key, CLI flag and JA/EN labels, read by the CLI, the web app and export.
- `resolve_values` / `resolve_filters` / `filter_corpus`: user-typed values in any language to
  exact metadata values (an unknown value is a `FilterError` listing the known ones).
- `Intent`: what `assistant.understand` makes of a question (kind and slots).
- `residual_content`: what is left of a question once names and question words are removed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from index.corpus import GLOSSARY_PATH, Proposal, read_json
from index.lexical import STOP_WORDS

from .errors import FilterError
from .knowledge import COMPANY_FORMS as _COMPANY, normalize

FILTER_KEYS = ("country", "domestic_city", "target_area", "proposer", "fields")
CITY_KEYS = ("domestic_city", "target_area")  # the keys that name a city (its text may name more)


@dataclass(frozen=True)
class FilterName:
    """One filter: its metadata key, the CLI flag / keyword, and its label in each language."""

    key: str
    flag: str
    ja: str
    en: str

    def label(self, lang: str) -> str:
        return getattr(self, lang)


# The one table of filter names: the CLI, the web app and export all read it.
FILTERS = (
    FilterName("country", "country", "対象国", "Country"),
    FilterName("domestic_city", "city", "国内都市", "Japanese city"),
    FilterName("target_area", "partner", "対象都市・地域", "Partner city / region"),
    FilterName("proposer", "proposer", "提案者", "Proposer"),
    FilterName("fields", "field", "対象分野", "Target field"),
)
FILTER_BY_KEY = {f.key: f for f in FILTERS}
# Labels of the other record attributes, for answers and tables.
ATTRIBUTE_LABELS = {"title": ("事業名", "Title"), "year": ("年度", "Fiscal year"), "number": ("番号", "No."), "count": ("件数", "Projects"), "how_many": ("数", "How many"),
                    "numbers": ("事業", "Proposals"), **{f.key: (f.ja, f.en) for f in FILTERS}}


def attribute_label(key: str, lang: str) -> str:
    return dict(zip(("ja", "en"), ATTRIBUTE_LABELS[key]))[lang]

_JA = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_KATAKANA = re.compile(r"[\u30a0-\u30ffー]")

# Words that carry no topic: the tokenizer's stop words (one list, index.lexical.STOP_WORDS) and
# the words questions use to ask rather than to name a topic.
GENERIC_EN = STOP_WORDS | frozenset(
    """proposal proposals programme program city cities country countries partner partners field
    fields target targets area areas region regions many number count enumerate every each name
    names proposed propose proposer proposers submit submits submitted involve involving involves
    include did didn don doesn isn aren among listed lists listing mention mentions mentioned
    contain contains those ones one includes including work works working japanese japan based
    municipality municipalities related relating cover covers covering deal deals dealing led lead
    leads run runs done located take takes taking place places held carried out implemented
    implement so far also only just both either else other others get got see year years tech
    technology technologies currently current ongoing altogether total overall came come comes coming
    pls plz please anything something stuff exactly precisely actually really true part two three four
    five six seven eight nine ten eleven twelve everything whatever thx ty cheers tagged labelled labeled
    marked classified categorised categorized prefecture prefectures side doing going happening have has
    need want full component components element elements aspect aspects re ve ll if gets been""".split()  # (we're, I've)
)
GENERIC_JA = (
    "事業", "案件", "応募", "申請", "プロジェクト", "提案者", "提案", "対象分野", "対象国", "対象都市", "対象",
    "分野", "国内都市", "都市", "地域", "相手", "関連", "関係", "関する", "扱う", "扱って", "取り組む",
    "取り組んで", "取組", "実施", "行う", "行って", "含む", "含まれる", "一覧", "全部", "すべて",
    "全て", "何件", "いくつ", "リスト", "教えて", "挙げて", "列挙", "どれ", "どの", "ある",
    "ください", "下さい", "です", "ます", "連携", "国", "件数", "件", "数", "入って", "入る", "入った",
    "含まれ", "含め", "提出", "挙げ", "示し", "記載", "国際", "何",
)
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)




def resolve_values(glossary: "Glossary", corpus: list[Proposal], key: str, values) -> tuple[str, ...]:
    """User-typed filter values (any language, aliases) -> exact metadata values.

    An unknown value raises QuestionError listing the known ones.
    """
    if key not in FILTER_KEYS:
        raise FilterError(f"unknown filter {key!r}: use one of {', '.join(FILTER_KEYS)}")
    items = [values] if isinstance(values, str) else list(values)
    resolved: set[str] = set()
    for item in items:
        hits = glossary.resolve(key, str(item))
        if not hits:
            known = sorted({glossary.label(key, v, "en") for p in corpus for v in p.metadata(key)})
            raise FilterError(f"unknown {key.replace('_', ' ')} {str(item)!r}; known values: {', '.join(known)}")
        resolved.update(hits)
    return tuple(sorted(resolved))


@dataclass(frozen=True)
class Alias:
    key: str
    value: str  # an exact metadata value
    text: str  # normalised alias


@dataclass(frozen=True)
class GlossaryEntry:
    key: str
    values: tuple[str, ...]
    ja: str
    en: str
    aliases: tuple[str, ...]
    iso2: str = ""  # countries: ISO 3166-1 alpha-2


@dataclass(frozen=True)
class Glossary:
    entries: tuple[GlossaryEntry, ...]

    @cached_property
    def _aliases(self) -> tuple[Alias, ...]:
        out = []
        for e in self.entries:
            names = {e.ja, e.en, *e.values, *e.aliases}
            for value in e.values:
                for name in names:
                    norm = normalize(name)
                    if norm and norm not in GENERIC_EN:  # "Other" names a field only with more words
                        out.append(Alias(e.key, value, norm))
        # longest first, so 東京都・さいたま市 is matched before 東京
        return tuple(sorted(set(out), key=lambda a: (-len(a.text), a.key, a.value)))

    def aliases(self) -> tuple[Alias, ...]:
        return self._aliases

    def entry_for(self, key: str, value: str) -> GlossaryEntry | None:
        for e in self.entries:
            if e.key == key and value in e.values:
                return e
        return None

    def label(self, key: str, value: str, lang: str) -> str:
        e = self.entry_for(key, value)
        if e is None:
            return value
        return getattr(e, lang)

    def resolve(self, key: str, text: str) -> tuple[str, ...]:
        """Metadata values a user-typed filter value stands for (exact, alias, any language)."""
        if key not in FILTER_KEYS:
            raise FilterError(f"unknown filter {key!r}: use one of {', '.join(FILTER_KEYS)}")
        norm = normalize(text)
        hits = tuple(sorted({a.value for a in self.aliases() if a.key == key and a.text == norm}))
        return hits


def filter_corpus(corpus: list[Proposal], glossary: "Glossary", filters: dict[str, object] | None = None,
                  excluded: dict[str, tuple[str, ...]] | None = None) -> list[Proposal]:
    """Proposals matching every given filter (user-typed values in any language; AND across keys)."""
    resolved = resolve_filters(glossary, corpus, filters)
    return [p for p in corpus if matches_filters(p, resolved, excluded)]


def resolve_filters(glossary: "Glossary", corpus: list[Proposal],
                    filters: dict[str, object] | None) -> dict[str, tuple[str, ...]]:
    """{key: user-typed value(s)} -> {key: exact metadata values}; empty values are skipped."""
    out: dict[str, tuple[str, ...]] = {}
    for key, values in (filters or {}).items():
        if key not in FILTER_KEYS:
            raise FilterError(f"unknown filter {key!r}: use one of {', '.join(FILTER_KEYS)}")
        if values is None or (not isinstance(values, str) and len(values) == 0):
            continue
        out[key] = resolve_values(glossary, corpus, key, values)
    return out


_SUFFIXES = ("市", "県", "州", "省", "都", "府", "区", "道")


def augment_glossary(glossary: "Glossary", corpus: list[Proposal]) -> "Glossary":
    """Add an entry for every metadata value of `corpus` the glossary does not know (a list added
    for another year brings new countries, cities, partners, proposers).

    Countries get their English name from pycountry's ISO 3166 names and Japanese translations;
    other values get English aliases from `knowledge.english_names` (places.json, else a katakana
    name romanised), and an English label only from places.json (else the Japanese name is shown).
    Variants: the name without its administrative suffix (市, 県, 州, 省 ...) and, for proposers,
    without the company form ((株), 株式会社, (公財) ...).
    """
    known = {(e.key, v) for e in glossary.entries for v in e.values}
    new: list[GlossaryEntry] = []
    countries = None
    for p in corpus:
        for key in FILTER_KEYS:
            for value in p.metadata(key):
                if (key, value) in known:
                    continue
                known.add((key, value))
                aliases = {value}
                en, iso = "", ""
                if key == "country":
                    if countries is None:
                        from .knowledge import country_names_ja

                        countries = country_names_ja()
                    for code, (name_en, name_ja) in countries.items():
                        if value == name_ja or name_ja.startswith(value) or f"({value})" in name_ja:
                            en, iso = name_en, code
                            aliases.update({name_en, name_ja})
                            break
                elif key == "proposer":
                    aliases.add(_COMPANY.sub("", value).strip())
                elif key in ("domestic_city", "target_area") and len(value) > 2 and value.endswith(_SUFFIXES):
                    aliases.add(value[:-1])
                if key != "country":  # English names: places.json, else katakana romanised (knowledge.py)
                    from .knowledge import english_names

                    label, english = english_names(key, value)
                    en = en or label
                    aliases.update(english)
                new.append(GlossaryEntry(key, (value,), value, en or value, tuple(sorted(a for a in aliases if a)),
                                         iso))
    return Glossary(glossary.entries + tuple(new)) if new else glossary


def load_glossary(path: Path = GLOSSARY_PATH) -> Glossary:
    raw = read_json(path, "glossary")
    entries = []
    for key in FILTER_KEYS:
        for item in raw.get(key, []):
            entries.append(GlossaryEntry(key, tuple(item["values"]), item["ja"], item["en"],
                                         tuple(item.get("aliases", ())), item.get("iso2", "")))
    return Glossary(tuple(entries))



@dataclass(frozen=True)
class Intent:
    """What a question asks: its kind and slots (see `assistant.understand`)."""

    question: str
    lang: str
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    list: bool = False
    excluded: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "without X" / 「X以外」
    content: str = ""
    kind: str = "ranked"
    numbers: tuple[int, ...] = ()  # proposals named by number
    asked: str | None = None  # attribute: the key asked for; breakdown: the key to group by
    extreme: str | None = None  # breakdown: "most", "least" or "several" (values with 2+ projects)
    rank: int = 1  # with most/least: 1 = the most, 2 = the second most ...
    regions: tuple = ()  # knowledge.Region named in the question
    excluded_regions: tuple = ()  # regions after "not in / outside / 以外"
    unknown: tuple = ()  # knowledge.Unknown: named places/organisations in no proposal
    scope: tuple[str, ...] | None = None  # a follow-up: the ids of the previous answer's proposals
    subjects: tuple[str, ...] = ()  # a follow-up about "it" / "them": the ids it refers to
    years: tuple[int, ...] = ()  # fiscal years named in the question (or given as a filter)
    followup: str | None = None  # "refine", "replace", "subject" or "same"
    same_as: tuple | None = None  # "same": (key or keys, ids) whose values of each key the answer shares
    exclude_numbers: tuple[str, ...] = ()  # "other projects ...": the ids to leave out
    also: tuple[str, ...] = ()  # attribute: further keys asked in the same question ("proposer and city")
    topic: str = ""  # the words a topic answer looks for in the text (content, with compound field words kept)
    per_proposal: bool = False  # breakdown: rank proposals by how many values of `asked` they have
    missing: str = ""  # unrecorded: the words naming what the list does not record ("budget", 「予算」)
    all_of: tuple[str, ...] = ()  # keys whose named values must all hold ("both hydrogen and transport")
    sizes: tuple[tuple[str, str, int], ...] = ()  # (key, "gt"|"ge"|"lt"|"le"|"eq", n): how many values a proposal has
    negated: bool = False  # the topic is denied ("which projects don't mention JCM?"): the ones whose text does not
    status: str = ""  # a topic's state asked of the previous answer: "done" (「すでに締結しているのは？」) or "planned"
    # ("which have not signed it yet?"): only sentences that say so support it

    def to_dict(self) -> dict:
        return {"kind": self.kind, "filters": {k: list(v) for k, v in self.filters.items()}, "list": self.list,
                "excluded": {k: list(v) for k, v in self.excluded.items()}, "content": self.content,
                "numbers": list(self.numbers), "asked": self.asked, "extreme": self.extreme,
                "regions": [r.en for r in self.regions], "unknown": [u.en or u.ja for u in self.unknown],
                "scope": list(self.scope) if self.scope is not None else None, "followup": self.followup,
                "years": list(self.years), "also": list(self.also), "topic": self.topic,
                "per_proposal": self.per_proposal, "missing": self.missing, "all_of": list(self.all_of),
                "sizes": [list(x) for x in self.sizes], "negated": self.negated,
                "status": self.status}


def detect_lang(text: str) -> str:
    """Japanese when the question is written in Japanese: with Japanese grammar (hiragana, 。、「」), or with
    Japanese script and fewer than two English words (「JCM事業」, 「ホーチミン」). An English sentence that
    quotes a Japanese term ("don't list energy efficiency (省エネルギー)") is English."""
    if not _JA.search(text):
        return "en"
    if len(_EN_WORD.findall(text)) >= 3 and not _JA.search(_GLOSS.sub(" ", text)):
        return "en"  # "an 'Other (その他)' entry": the Japanese is only a gloss in brackets
    if _JA_GRAMMAR.search(text):
        return "ja"
    # (acronyms are no English words: 「CO2回収・貯留（CCS）」 is Japanese)
    return "ja" if len([w for w in _EN_WORD.findall(text) if not w.isupper()]) < 2 else "en"


_JA_GRAMMAR = re.compile(r"[\u3041-\u309f。、「」？！]")
_GLOSS = re.compile(r"[(（「][^)）」]*[)）」]")
_EN_WORD = re.compile(r"[A-Za-z]{2,}")


_GENERIC_JA_WORDS = re.compile(  # the longest first at each place, as replacing them longest first did; one with a
    # suffix after it is a word of its own, kept whole (国際的: not 国 then 際的)
    "(?:" + "|".join(re.escape(w) for w in sorted(GENERIC_JA, key=len, reverse=True)) + r")([化性的])?")


# One kanji written with kana around it (交ぜ書き): kana before it that follow a particle or the start, a particle
# after it (「もみ殻や」), or two kana after it that a particle follows (「稲わらを」). Kana that read as a verb's or adjective's
# ending (「使った」「扱う」) or as a particle (「との熱」) make no word.
_PARTICLE = "のをにはがとでやもへか"
_MIXED = re.compile(rf"(?:(?<=[{_PARTICLE}\s、。「」・（(])|^)([\u3041-\u3096]{{1,2}})([\u4e00-\u9fff])"
                    rf"(?=[{_PARTICLE}、。？！\s）)」]|$)"
                    rf"|(?<![\u3400-\u9fff々\u30a1-\u30fa])([\u4e00-\u9fff])([\u3041-\u3096]{{2}})(?=[{_PARTICLE}、。？！\s）)」]|$)")
_INFLECTED = re.compile(r"^っ|[たてだでいうくすつぬむるぐぶんし]$")
_MIXED_MARK = "qqmixed"


def _mixed_word(m: re.Match, out: list[str]) -> str:
    kana = m.group(1) or m.group(4)
    if all(c in _PARTICLE for c in kana) or _INFLECTED.search(kana) or (m.group(4) and any(c in _PARTICLE for c in kana)) \
            or (kana.endswith("こ") and m.string.startswith("と", m.end())):  # 「組むことを」: a verb, then こと
        return m.group()
    out.append(m.group())
    return f" {_MIXED_MARK}{len(out) - 1} "


def residual_content(rest: str, keep: frozenset[str] | set[str] = frozenset(), mark: str = " ") -> str:
    """What is left of a question once names, list words and generic words are removed (a Japanese generic
    word becomes `mark`: a space, or a placeholder word kept in `keep`)."""
    mixed: list[str] = []  # 「もみ殻」「稲わら」: one kanji with its kana is a word, kept whole (read before the
    # generic words go: 「島しょ国」 is no 「島しょ」 and 国)
    text = _MIXED.sub(lambda m: _mixed_word(m, mixed), rest) if _JA.search(rest) else rest
    text = _GENERIC_JA_WORDS.sub(lambda m: m.group() if m.group(1) else mark, text) if _JA.search(text) else text
    # (not inside a word made of it: 事業化, 対象性)
    # hiragana-only stretches are grammar (particles, endings)
    text = re.sub(r"[\u3040-\u309f]+", " ", text)
    words = [mixed[int(w[len(_MIXED_MARK):])] if w.startswith(_MIXED_MARK) else w for w in _PUNCT.split(text) if w]
    # a four-digit number is a year a topic may name ("a 2050 target", 「2050年」); other numbers are no topic
    kept = [w for w in words if w in keep or not (w in GENERIC_EN or (w.isdigit() and len(w) != 4) or len(w) < 2)]
    return " ".join(kept)


def matches_filters(p: Proposal, filters: dict[str, tuple[str, ...]],
                    excluded: dict[str, tuple[str, ...]] | None = None) -> bool:
    """All keys of `filters` must match (AND; within a key any value may, OR), and no value of `excluded`."""
    if any(v in p.metadata(key) for key, values in (excluded or {}).items() for v in values):
        return False
    return all(any(v in p.metadata(key) for v in values) for key, values in filters.items())
