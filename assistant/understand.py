"""Understanding a question: its kind and slots, from the knowledge in data/ and a few patterns.

`understand(question, knowledge, previous=None) -> Intent`:
1. Typos in Latin names are corrected first (rapidfuzz, `config.FUZZY_MIN_SCORE`).
2. Names are found (glossary values, regions and places, unknown places and
   organisations), and proposal numbers in the usual forms (#4, No. 4,
   project 4, 4番, 4番目, 提案番号4, 第4号 ...).
3. Question words (data/question_words.json) say what is asked: an attribute,
   a count, a breakdown (per value, most/least), a comparison, similar ones.
4. The kind follows from what was found, in one order (see `_kind`); what is
   left once names and question words are removed is the content, searched by
   `ranked`.
5. With a previous answer, a question that refers to it ("which of them…",
   「そのうち…」, "who proposed it?", "the second one", "compare them", "the rest")
   is scoped to its proposals; "and in X?" replaces the slot of X's kind in the
   previous question. Each reading is one small rule in `_FOLLOW_UP_RULES`, tried
   in order; the first that applies decides.

Nothing here knows a particular question: every decision comes from the
names and words in data/ and from the patterns below.
Not handled: more than one question in one sentence (beyond several attributes of the same
proposals); negation beyond "not/without/except X" and 「X以外/でない」; Japanese numerals (十七番).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from index.lexical import STOP_WORDS

from .config import (ASIDE_WORDS, BARE_AND_WORDS, COMPARE_MAX, COUNT_AFTER_REACH, FUZZY_MIN_LENGTH, FUZZY_MIN_SCORE,
                     HEADING_WORDS, NUMBER_OWNER_REACH, SERIAL_ITEM_WORDS, SIZE_EXACT_AFTER, SIZE_EXACT_BEFORE, SIZE_NEAR,
                     UNRECORDED_SCOPE_MAX)
from .knowledge import _KANJI, Found, Knowledge, Region, Unknown, WordList, find_names, normalize
from .kinds import read_kind, reread
from .kinds.check import CHECK_MAX, asks_yes_no, reads as reads_check
from .kinds.rules import Reading
from .query import CITY_KEYS, GENERIC_EN, Intent, detect_lang, residual_content

_SEP = r"\s*(?:,|、|and|&|・|と|or|vs\.?|versus|及び|および|や)\s*(?:no\.?|#|project|proposal)?\s*"
_SET_APART_NUMBER = re.compile(r"\b(besides|except|excluding|other than|apart from|aside from)\s+(\d{1,3})(?![\d.%])"
                               r"(?!\s*(?:fields?|target|sectors?|projects?|proposals?|countr|cit|years?|percent|tons?|"
                               r"tonnes?|[km]w|others?)\b)")  # (not "other than 5 fields": a count)
_NUMBER_PATTERNS = [
    re.compile(r"#\s*(\d{1,3})(?!\d|\.\d)"),
    re.compile(r"(?<![a-z])(?:no|nos|nr|number|numbers|proj|project|projects|proposal|proposals|item|items|entry|case)"
               r"\.?\s*#?\s*(\d{1,3}(?:" + _SEP + r"#?\d{1,3})*)(?!\d|\.\d|%)"),
    re.compile(r"(?<![\d.])(\d{1,3})(?:st|nd|rd|th)\s+(?:proposal|project)\b"),  # "the 5th proposal"
    re.compile(r"(?:提案番号|事業番号|番号|案件|提案|事業)\s*(\d{1,3}(?:\s*(?:と|、|・|や|,|及び|および)\s*#?\d{1,3})*)"
               r"(?!\d|\s*(?:件|つ|個|か国|カ国|ヶ国|分野))"),  # (「案件2件」 counts; 「番号11と15」 names two)
    re.compile(r"第\s*(\d{1,3})\s*(?:号|番)"),
    re.compile(r"(?<![\d.])(\d{1,3})\s*(?:番目|番|号)(?!地)"),
]
NEGATION_EN = re.compile(r"\b(not|don't|doesn't|do not|does not|without|except|excluding|other than|lack|lacks|"
                         r"no|aren't|isn't|exclude|outside|outside of|besides|apart from|neither|nor|drop|remove|"
                         r"leave out|leaves|leaving|omits|omit|minus)\b")
NEGATION_WORDS = ("not", "without", "except", "excluding", "other", "than", "lack", "lacks", "no", "exclude",
                  "outside", "besides", "apart", "neither", "nor", "drop", "remove", "leave", "minus")
NEGATION_JA = re.compile(r"(ない|以外|除く|除いた|除き|なし|無し|除外|対象外)")
# 「…港の話が入っていないか知りたい」: whether it is there, asked politely; no negation
_WHETHER_JA = re.compile(r"ない(?:か|かどうか)を?(?:知りたい|確認|教えて|調べ|見たい|気になり)")


# Fiscal years: explicit forms always name a year; a bare "2024" / 「2024年」 only when that year is loaded
# (so "zero carbon by 2050" is not a year filter).
_YEAR_EXPLICIT = [
    (re.compile(r"令和\s*(\d{1,2}|元)\s*年度?"), lambda g: 2018 + (1 if g == "元" else int(g))),
    (re.compile(r"(?<![a-z])fy\s*'?(20\d\d)(?!\d)"), int),
    (re.compile(r"(?<![a-z])fy\s*'?(\d\d)(?!\d)"), lambda g: 2000 + int(g)),
    (re.compile(r"(?<![a-z0-9])r\s*(\d{1,2})(?:\s*年度)?(?![\d])"), lambda g: 2018 + int(g)),
    (re.compile(r"(20\d\d)\s*年度"), int),
]
_YEAR_BARE = re.compile(r"(?:(?<=\bin )|(?<=\bfor )|(?<=\bfrom )|(?<=\bof ))?(?<!\d)(20\d\d)(?:\s*年)?(?!\d)")


_YEAR_RELATIVE = [  # relative to the latest loaded list
    (re.compile(r"\b(?:this|current|the latest|latest)\s+(?:fiscal\s+)?year\b|今年度|本年度|最新年度|最新の年度"), 0),
    (re.compile(r"\b(?:last|previous|the previous)\s+(?:fiscal\s+)?year\b|昨年度|前年度"), -1),
]


def find_years(norm: str, loaded: tuple[int, ...]) -> tuple[list[int], str]:
    """Fiscal years named in the question, and the text with them blanked."""
    years: list[int] = []
    text = norm
    for pattern, offset in _YEAR_RELATIVE:
        if loaded and pattern.search(text):
            years.append(max(loaded) + offset)
            text = pattern.sub(lambda m: " " * len(m.group()), text)
    for pattern, convert in _YEAR_EXPLICIT:
        for m in pattern.finditer(text):
            years.append(convert(m.group(1)))
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    for m in _YEAR_BARE.finditer(text):
        if int(m.group(1)) in loaded:
            years.append(int(m.group(1)))
            text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    return list(dict.fromkeys(years)), text


# A bare number in a comparison names a proposal, unless it counts something (「この2件」, "the 2 projects").
_BARE_NUMBER = re.compile(r"(?<![\d.a-z])\d{1,3}(?![\d.%])(?!\s*(?:件|つ|個|projects?\b|proposals?\b|ones\b|of them\b))")


# A bare number that ends a question asking an attribute ("who proposed 12", "fields of 7?") names a proposal
# ("which 3 countries have the most" does not end with it).
_LAST_NUMBER = re.compile(r"(?<![\d.#a-z])(\d{1,3})\s*[?？.。!]*\s*$")  # ("a member of C40?" names none)

_MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]{0,200}>", re.IGNORECASE | re.DOTALL)


def strip_markup(text: str) -> str:
    """Remove HTML tags (and whole script/style elements): markup is never a question."""
    return _MARKUP.sub(" ", text)


def spell_numbers(norm: str, numerals: tuple[str, ...]) -> str:
    """English number words after a proposal word as digits ("proposal seventeen" -> "proposal 17")."""
    if not numerals:
        return norm
    words = "|".join(sorted(numerals, key=len, reverse=True))
    value = {w: i for i, w in enumerate(numerals, start=1)}
    return re.sub(rf"(?<![a-z])(no\.?|number|proj|project|proposal|item|entry|case)\s+({words})(?![a-z])",
                  lambda m: f"{m.group(1)} {value[m.group(2)]}", norm)


def find_numbers(norm: str) -> tuple[list[int], str]:
    """Proposal numbers in a normalised question, in order, and the text with them blanked."""
    found: list[tuple[int, int]] = []
    taken = [False] * len(norm)
    for pattern in _NUMBER_PATTERNS:
        for m in pattern.finditer(norm):
            if any(taken[m.start():m.end()]):
                continue
            for d in re.finditer(r"\d{1,3}", m.group(1)):
                found.append((m.start(1) + d.start(), int(d.group())))
            taken[m.start():m.end()] = [True] * (m.end() - m.start())
    rest = "".join(" " if t else c for c, t in zip(norm, taken))
    numbers: list[int] = []
    for _, n in sorted(found):
        if n not in numbers:
            numbers.append(n)
    return numbers, rest


def correct_typos(norm: str, knowledge: Knowledge, vocabulary: frozenset[str]) -> str:
    """Replace misspelt Latin names (1-3 words) by the nearest known name, above the threshold."""
    from rapidfuzz import fuzz, process

    by_words = knowledge.latin_names
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[a-z]{2,}", norm)]  # "kitakyusyu's" -> kitakyusyu
    out, last, i = [], 0, 0
    while i < len(words):
        best = None
        for n in (3, 2, 1):
            if i + n > len(words):
                continue
            start, end = words[i][0], words[i + n - 1][1]
            phrase = norm[start:end]
            candidates = by_words.get(n, ())
            if n > 1 and phrase in candidates:  # a known name of several words: its words stay as they are
                best = (start, end, phrase, n)
                break
            if len(phrase) < FUZZY_MIN_LENGTH or phrase in candidates:
                continue
            if all(w[2] in vocabulary for w in words[i:i + n]):
                continue
            # a phrase of n words is compared with names of n words only, so a neighbouring
            # word ("without transport") is never swallowed into a name
            hit = process.extractOne(phrase, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE) \
                or _swapped(phrase, candidates)
            if hit and hit[0][:1] != phrase[:1]:
                hit = None  # a misspelling keeps its first letter: "ewaste" (e-waste) is not "waste"
            if hit and n > 1 and any(w[2] in vocabulary and w[2] not in hit[0].split() for w in words[i:i + n]):
                hit = None  # "or vietnam" is not "north vietnam", "other vietnam" not "northern vietnam"
            if hit and any(t != c and len(t) > len(c) + 2 and t.startswith(c)
                           for t, c in zip((w[2] for w in words[i:i + n]), hit[0].split())):
                hit = None  # "wastewater treatment" is a compound, no misspelt "waste treatment"
            if hit:
                best = (start, end, hit[0], n)
                break
        if best:
            out.append(norm[last:best[0]])
            out.append(best[2])
            last = best[1]
            i += best[3]
        else:
            i += 1
    out.append(norm[last:])
    return "".join(out)


def _swapped(phrase: str, candidates: tuple[str, ...]) -> tuple[str] | None:
    """The one name the phrase is with two neighbouring letters swapped back ("hanio" -> hanoi: a typing slip
    that fuzz.ratio scores as two edits, too far for a short name)."""
    near = [c for c in _anagrams(candidates).get("".join(sorted(phrase)), ()) if c != phrase
            and (d := [k for k in range(len(c)) if c[k] != phrase[k]]) and len(d) == 2 and d[1] == d[0] + 1]
    return (near[0],) if len(near) == 1 else None


@lru_cache(maxsize=8)
def _anagrams(candidates: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The candidates by their sorted letters: a swap keeps the letters, so only these can be one."""
    out: dict[str, list[str]] = {}
    for c in candidates:
        out.setdefault("".join(sorted(c)), []).append(c)
    return {k: tuple(v) for k, v in out.items()}


_LATIN_WORD = re.compile(r"[a-z][a-z0-9&']*")  # (CO2 is one word: no "Co." of a company in "capture CO2")
_JA_NAME = r"[\u30a0-\u30ff\u3400-\u9fffa-z0-9・ー]{2,}"


@lru_cache(maxsize=4)
def _organisation_words(words: WordList) -> tuple[frozenset[str], tuple[str, ...], str]:
    """(company words, those long enough to correct, the Japanese marks as one alternation)."""
    suffixes = frozenset(normalize(w) for w in words.en)
    return (suffixes, tuple(sorted(w for w in suffixes if len(w) >= FUZZY_MIN_LENGTH)),
            "|".join(re.escape(normalize(w)) for w in words.ja))


def find_organisations(text: str, knowledge: Knowledge, vocabulary: frozenset[str]) -> list[Unknown]:
    """Company names no record uses: words the records never use, then a company word ("Mitsubishi
    Corporation", a misspelt "Coporation" too), or 〇〇株式会社 / 株式会社〇〇. `text` has the names
    already found blanked, so a proposer's own name ("Nippon Koei Co., Ltd.") is never one."""
    from rapidfuzz import fuzz, process

    suffixes, long_suffixes, marks = _organisation_words(knowledge.words.lists["organisation"])
    out: list[Unknown] = []
    tokens = list(_LATIN_WORD.finditer(text))
    for j, m in enumerate(tokens):
        w = m.group()
        suffix = w if w in suffixes else None
        if suffix is None and len(w) >= FUZZY_MIN_LENGTH and w not in vocabulary:
            hit = process.extractOne(w, long_suffixes, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE)
            suffix = hit[0] if hit else None
        if suffix is None:
            continue
        name: list[str] = []
        k, start = j - 1, m.start()
        while k >= 0 and len(name) < 3 and text[tokens[k].end():start] == " " \
                and tokens[k].group() not in GENERIC_EN and tokens[k].group() not in suffixes:
            name.insert(0, tokens[k].group())
            start = tokens[k].start()
            k -= 1
        while name and name[0] in vocabulary:  # "an energy company": words the records use are no name
            name.pop(0)
        if name:
            label = " ".join(x.capitalize() for x in (*name, suffix))
            out.append(Unknown(label, label, "organisation"))
    if marks:
        for m in re.finditer(rf"(?:{marks})\s*({_JA_NAME})|({_JA_NAME})\s*(?:{marks})", text):
            label = normalize(m.group()).replace(" ", "")
            out.append(Unknown(label, label, "organisation"))
    return out


_ALSO_JA = re.compile(r"\s*(?:でも|も|とも)\s*[、,]?\s*")
_A_NUMBER = re.compile(r"#\s*\d|\d+\s*番")
_GLOSS = re.compile(r"\s*[(（]\s*")
_JOINED = re.compile(r"\s*(?:,|、|or|and|nor|/|・|や|と|または|及び|および)?\s*")


def _negated(norm: str, found: list[Found], words) -> set[int]:
    """Indices of names that a negation applies to (English before, Japanese after)."""
    out = set()
    scope_marks, negation_after = words.lists.get("scope_marks"), words.lists.get("negation_after")
    pronouns, not_only = words.lists.get("back_pronouns"), words.lists.get("not_only")
    for i, f in enumerate(found):
        before = norm[(found[i - 1].end if i else 0):f.start]
        later = [x.start for x in found[i + 1:] if x.start >= f.end]
        after = norm[f.end:(later[0] if later else len(norm))]
        after = _A_NUMBER.split(after, maxsplit=1)[0]  # 「ベトナムの案件で#3以外」: 以外 is said of #3
        before = _A_NUMBER.split(before)[-1]  # "apart from #15, which … mention hydrogen?": said of #15
        neg_ja = NEGATION_JA.search(_WHETHER_JA.sub(" ", after))
        # 「ベトナムの案件でJCMに触れていない」: the negation is said of what follows the scope the name sets (JCM),
        # not of the name; で then は is "is not" (「日本工営の提案ではない」)
        scoped = next((m for m in scope_marks.finditer(after) if not (m.group().endswith("で") and
                                                                      after[m.end():m.end() + 1] in _COPULA_AFTER)),
                      None) if scope_marks is not None else None
        denied = negation_after.pattern.match(after.lstrip()) if negation_after is not None \
            and negation_after.pattern is not None else None  # "… waste management is NOT one of …"
        # (not "by Japan NUS are not in Indonesia": a negation that leads into the next name is said of it)
        denied_after = denied is not None and not (later and len(after.lstrip()[denied.end():].split()) <= 1)
        clause = words.lists.get("negation_after_clause")
        if clause is not None and clause.pattern is not None and _RELATIVE_END.search(before) \
                and clause.pattern.match(after.lstrip()):
            denied_after = True  # "the Vietnam projects that Nippon Koei did not propose": the name is the clause's
            # subject (not "projects in Vietnam do not …", said of the projects)
        neg_back = not later and (m := NEGATION_EN.search(after)) is not None and pronouns is not None \
            and pronouns.search(after[m.end():]) is not None and _CLAUSE_BREAK.search(after[:m.start()]) is not None
        # "What about energy efficiency - which ones don't have that?": the negation points back at the name
        said_before = before.split(",")[-1]
        if not_only is not None and not_only.pattern is not None:  # "not just 'renewables' in general": a
            said_before = not_only.blank(said_before, " ")  # contrast, no exclusion
        if NEGATION_EN.search(said_before) or (neg_ja and not (scoped and scoped.start() < neg_ja.start())) \
                or denied_after or neg_back:
            # ("Other than that one, which list hydrogen?": a comma ends what the negation is said of)
            out.add(i)
        elif i and (i - 1) in out and _JOINED.fullmatch(before):
            out.add(i)  # "not in Vietnam or Indonesia": the second name is excluded too
        elif i and (i - 1) in out and _GLOSS.fullmatch(before) and f.name.value == found[i - 1].name.value:
            out.add(i)  # "don't list energy efficiency (省エネルギー)": the same name again, in brackets
    out |= _held_up_as_example(norm, found, words, out)
    for i in range(len(found) - 2, -1, -1):  # 「日本工営でも日本エヌ・ユー・エスでもない」: も…ない negates both
        f, nxt = found[i], found[i + 1]
        between = norm[f.end:nxt.start]
        later = [x.start for x in found[i + 2:] if x.start >= nxt.end]
        after_next = norm[nxt.end:(later[0] if later else len(norm))]
        if (i + 1) in out and i not in out and (
                _ALSO_JA.fullmatch(between)
                # 「インドネシアとベトナム以外」: a Japanese 以外 after joined names excludes each of them
                or (between.strip() and _JOINED.fullmatch(between) and NEGATION_JA.match(after_next.strip()))):
            out.add(i)
    return out


_RELATIVE_END = re.compile(r"\b(?:that|which|whom)\s*$")
_CLAUSE_BREAK = re.compile(r"\s[-–—]\s|[,:;]")  # "energy efficiency - which ones don't have that?"
_COPULA_AFTER = frozenset("はなもす")  # (grammar: では, でない, でも, です after で)


_ONE_OF_AFTER = re.compile(r"\s*の\s*")


def _held_up_as_example(norm: str, found: list[Found], words, negated: set[int]) -> set[int]:
    """"Like the Hanoi project, are there other projects with both hydrogen and digital technology?",
    「ハノイ市の事業みたいに、…両方を対象分野にしている案件は他にある？」: a name held up as the example (question_words
    like_marks) of what the others are asked for by conditions of another key is set apart, not a condition."""
    like, others, projects = words.lists.get("like_marks"), words.lists.get("others"), words.lists["projects"]
    if like is None or like.pattern is None or others is None or not others.search(norm):
        return set()
    out = set()
    for i, f in enumerate(found):
        if i in negated or f.name.kind != "filter" or not any(
                g.name.kind == "filter" and g.name.key != f.name.key for k, g in enumerate(found) if k not in negated):
            continue
        after = norm[f.end:]
        one = _ONE_OF_AFTER.match(after)  # 「ハノイ市の事業みたいに」: the project noun between (question_words projects)
        noun = projects.pattern.match(after, one.end()) if one and projects.pattern is not None else None
        ja = like.pattern.match(after, noun.end() if noun else 0)
        en = any(m.group().isascii() and norm[m.end():f.start].strip() in ("", "the")
                 for m in like.pattern.finditer(norm[:f.start]))  # (a Japanese mark follows its name)
        if ja or en:
            out.add(i)
    return out


_EITHER_KEYS = ("country", "target_area", "domestic_city", "proposer")  # names a place or an actor


def _offering_words(knowledge: Knowledge) -> set[str]:
    """The words that offer two things as either: "or", 「または」, and the particle 「か」 (question_words
    either_particles: too short a word to mark alternatives anywhere else)."""
    said = set()
    for name in ("alternatives", "either_particles"):
        if (words := knowledge.words.lists.get(name)) is not None:
            said |= {normalize(w) for w in (*words.en, *words.ja)}
    return said


def _either_of_keys(found: list[Found], text: str, negated: set[int], filters: dict, knowledge: Knowledge):
    """"Palau or Bali", 「ベトナムかバリ州の案件」: two names of different keys offered as alternatives are either
    one, not both: each becomes a place of its own (regions are read as "any of"), and leaves the filters."""
    if knowledge.words.lists["compare"].search(text) or knowledge.words.lists["most"].search(text):
        return filters, ()  # ("which has more fields: Osaka's EEC project or Osaka's Ho Chi Minh one?": two named)
    said = _offering_words(knowledge)
    named = [(i, f) for i, f in enumerate(found) if i not in negated and (
        (f.name.kind == "filter" and f.name.key in _EITHER_KEYS) or f.name.kind == "region")]
    pairs = [(a, b) for (_, a), (_, b) in zip(named, named[1:])
             if text[a.end:b.start].strip(" ,、") in said and not (a.name.kind == b.name.kind == "region")
             and (a.name.kind == "region" or b.name.kind == "region" or a.name.key != b.name.key)]
    if not pairs:
        return filters, ()
    either = {(f.name.key, f.name.value) for pair in pairs for f in pair if f.name.kind == "filter"}
    out: dict[str, tuple[str, ...]] = {}
    for k, values in filters.items():
        kept = tuple(v for v in values if (k, v) not in either)
        if kept:
            out[k] = kept
    places = []
    for key, value in sorted(either):
        ja, en = knowledge.labels.get((key, value), (value, value))
        places.append(Region(f"{key}:{value}", ja, en, {key: (value,)}))
    return out, tuple(places)


def _offered_fields(found: list[Found], rest: str, text: str, knowledge: Knowledge) -> tuple[list[Found], str]:
    """A target field offered as one alternative of a topic word ("transport infrastructure, buses or electric
    vehicles", 「水素や燃料電池」, 「下水処理場の運転効率化や省エネ」) is one way into the topic, not a filter the other
    alternatives must also meet: it goes back into the text, a topic word. Only beside a topic word: two names
    offered together are `_either_of_keys`'; "For renewable energy, which use solar?" offers no alternative."""
    said = _offering_words(knowledge) | {",", "、", "/", "／", "・", "や"}
    field_nouns = knowledge.words.lists.get("field_nouns")

    def topic_word(word: str) -> bool:
        return bool(word) and word not in GENERIC_EN and bool(residual_content(_strip_words(f" {word} ", knowledge)).strip())

    keep, restore, commas = [], [], []
    for f in found:
        offered = False
        if f.name.kind == "filter" and f.name.key == "fields":
            after, before = rest[f.end:].lstrip(), rest[:f.start].rstrip()
            for sep in said:
                latin = sep.isalpha() and sep.isascii()  # "or": a word of its own
                if after.startswith(sep) and (not latin or after[len(sep):len(sep) + 1] == " "):
                    nxt_text = after[len(sep):].lstrip()
                    nxt = _FIRST_WORD.match(nxt_text)
                    offered = nxt is not None and topic_word(nxt.group()) and not (
                        field_nouns is not None and field_nouns.pattern is not None
                        and field_nouns.pattern.match(nxt_text[nxt.end():].lstrip()))  # 「交通・EV分野」: the field
                    at = len(rest) - len(after)
                if not offered and before.endswith(sep) and (not latin or before[-len(sep) - 1:-len(sep)] == " "):
                    prv = _LAST_WORD.search(before[:-len(sep)].rstrip())
                    offered = prv is not None and topic_word(prv.group())
                    at = len(before) - len(sep)
                if offered:
                    if sep in (",", "、"):  # (a comma beside it offers it, as "or" does)
                        commas.append(at)
                    break
        (restore if offered else keep).append(f)
    if not restore:
        return found, rest
    return keep, _restored(rest, text, restore, tuple(commas))


_FIRST_WORD = re.compile(r"[a-z][a-z0-9\-]*|[\u30a0-\u30ff\u3400-\u9fff\uf900-\ufaffー々]+")
_LAST_WORD = re.compile(r"(?:[a-z][a-z0-9\-]*|[\u30a0-\u30ff\u3400-\u9fff\uf900-\ufaffー々]+)$")


def _specific_over_generic(found: list[Found]) -> list[Found]:
    """「その他の分野としてフロンガスの回収・破壊を挙げている」: a word that names several values of a key (その他: every
    "other" field) and another that names one of them (フロンガス) name that one, not all of them."""
    spans: dict[tuple[str, int, int], set[str]] = {}
    for f in found:
        if f.name.kind == "filter":
            spans.setdefault((f.name.key, f.start, f.end), set()).add(f.name.value)
    drop = set()
    for (key, start, end), values in spans.items():
        if len(values) < 2:
            continue
        specific = {v for (k, s, e), vs in spans.items() if k == key and (s, e) != (start, end) and len(vs) == 1
                    for v in vs} & values
        if specific:
            drop |= {(key, start, end, v) for v in values - specific}
    return [f for f in found if (f.name.key, f.start, f.end, f.name.value) not in drop] if drop else found


def _group(names) -> dict[str, tuple[str, ...]]:
    out: dict[str, set[str]] = {}
    for n in names:
        out.setdefault(n.key, set()).add(n.value)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _asked_key(norm: str, knowledge: Knowledge) -> tuple[str | None, int]:
    """The attribute the question asks about (the longest words win: "partner country" over "partner")
    and where it is."""
    best: tuple[int, int, str] | None = None
    kept = knowledge.words.lists.get("kept")
    held = [k.span() for k in kept.finditer(norm)] if kept is not None else []  # (no word that overlaps a kept
    # phrase: 「などの国際的な」 holds どの国 and 国際的)
    for key, words in knowledge.words.attribute.items():
        m = next((m for m in words.finditer(norm)
                  if (key in MANY_VALUED or not _PLACE_PHRASE.search(norm[:m.start()]))
                  and not any(m.start() < b and a < m.end() for a, b in held)), None)
        # ("in the partner city" says where; "in its target fields" still asks the fields)
        if m and (best is None or (-len(m.group()), m.start()) < (-best[1], best[0])):
            best = (m.start(), len(m.group()), key)
    return (best[2], best[0]) if best else (None, -1)


MANY_VALUED = ("fields",)  # the keys a proposal has several values of (its target fields)
_JA_NOUN_END = re.compile(r"[\u30a1-\u30fa\u30fc\u3400-\u9fff]")  # a kanji or katakana noun, no particle


_SIZE_GAP_STOP = re.compile(r"\d|project|proposal|事業|案件|提案")  # a gap naming projects: the number counts them
_size_patterns: dict[int, tuple] = {}
_DIGIT_OR_WORD = re.compile(r"\d|[a-z]{3,}|[一二三四五六七八九十]")  # a number a size could be said with


def _size_regexes(words) -> tuple:
    """The compiled size phrases of `words` (data/question_words.json: sizes), once per word set:
    ((operator, side, pattern), ...) with the number as the group `n`, and the numerals' values."""
    cached = _size_patterns.get(id(words))
    if cached is not None and cached[0] is words:
        return cached[1]
    numerals = words.lists["numerals"]
    values = {w: i for i, w in enumerate(numerals.en, start=1)} | {w: i for i, w in enumerate(numerals.ja, start=1)}
    en = "|".join(sorted(map(re.escape, numerals.en), key=len, reverse=True))
    ja = "|".join(map(re.escape, numerals.ja))
    number = r"(?P<n>(?<![\d.#])\d{1,2}(?![\d.%])" + (rf"|(?<![a-z])(?:{en})(?![a-z])" if en else "") \
        + (rf"|(?:{ja})(?![\u4e00-\u9fff])" if ja else "") + ")"
    counter = rf"(?:\s*(?:{words.counters.pattern.pattern}))?" if words.counters.pattern is not None else ""
    out = []
    for side in ("before", "after"):
        for op, wl in words.sizes.get(side, {}).items():
            if wl.pattern is None:
                continue
            said = f"(?:{wl.pattern.pattern})"
            out.append((op, side, re.compile(rf"{said}\s*{number}{counter}" if side == "before"
                                             else rf"{number}{counter}\s*{said}")))
    exact = [re.compile(rf"{number}\s+(?=[a-z])"),  # "seven target fields": the key word must follow
             re.compile(rf"{number}{counter}\s*の?\s*(?=[\u3400-\u9fff\u30a1-\u30fa])")]  # 「7つの分野」
    result = (tuple(out), tuple(exact), values)
    _size_patterns[id(words)] = (words, result)
    return result


def _ranked(norm: str, at: int, words) -> bool:
    """「対象分野が2番目に少ない」: the number before a rank mark (question_words rank_marks) is a rank, not how many."""
    marks = words.lists.get("rank_marks")
    return marks is not None and marks.pattern is not None and marks.pattern.match(norm[at:].lstrip()) is not None


def find_sizes(norm: str, knowledge: Knowledge) -> tuple[tuple[tuple[str, str, int], ...], str]:
    """"more than five target fields", "7 or more sectors", 「対象分野が3つ以下」, "seven target fields": how many
    values of a many-valued key a proposal has, as conditions (key, operator, n); and the question with each
    phrase and its key word blanked (the number is no proposal, the key no question about fields)."""
    words = knowledge.words
    if not words.sizes:
        return (), norm
    sizes: list[tuple[str, str, int]] = []
    for key in MANY_VALUED:
        keys = list(words.attribute[key].finditer(norm))
        if not keys or not _DIGIT_OR_WORD.search(norm):
            continue
        phrases, exact, values = _size_regexes(words)  # compiled on the first question that names the key
        found = [(m.start(), -(m.end() - m.start()), m.end(), op, m.group("n"))
                 for op, _, rx in phrases for m in rx.finditer(norm) if not _ranked(norm, m.end("n"), words)]
        asks_projects = bool(words.lists["projects"].search(norm) or words.lists["project_noun"].search(norm)) \
            and not words.asks_values.search(norm)
        if asks_projects:  # a bare number beside the key: exactly that many ("Which projects have seven fields?")
            found += [(m.start(), -(m.end() - m.start()), m.end(), "eq", m.group("n"))
                      for rx in exact for m in rx.finditer(norm) if not _ranked(norm, m.end("n"), words)]
        taken_to = -1
        for start, _, end, op, n in sorted(found):
            if start < taken_to:
                continue
            after, before = (SIZE_EXACT_AFTER, SIZE_EXACT_BEFORE) if op == "eq" else (SIZE_NEAR, SIZE_NEAR)
            k = next((k for k in keys
                      if start <= k.start() < end  # 「3分野以上」: the counter is the key word
                      or (0 <= k.start() - end and _size_gap(norm[end:k.start()], after, knowledge))
                      or (0 <= start - k.end() and _size_gap(norm[k.end():start], before, knowledge))), None)
            if k is None:
                continue
            count = int(n) if n.isdigit() else values.get(n)
            if count is None:
                continue
            sizes.append((key, op, count))
            taken_to = end
            norm = _blank(_blank(norm, start, end), k.start(), k.end())
            keys = [x for x in keys if x is not k]
    return tuple(dict.fromkeys(sizes)), norm


def _size_gap(gap: str, most: int, knowledge: Knowledge) -> bool:
    """Do only a few words (the key's values aside: 対象分野が「省エネ」と「再エネ」の2つだけ, 対象分野が省エネルギーと
    再生可能エネルギーの2つだけ) stand between a size phrase and its key word, none naming projects?"""
    gap = _QUOTED.sub("", gap)
    if len(gap) > most:
        found, rest = find_names(gap, knowledge.names)
        gap = rest.replace(" ", "") if all(f.name.kind == "filter" and f.name.key in MANY_VALUED for f in found) else gap
    return len(gap) <= most and not _SIZE_GAP_STOP.search(gap)


_QUOTED = re.compile(r"「[^」]*」|『[^』]*』|\"[^\"]*\"|“[^”]*”")


def _without_glosses(rest: str, found: list) -> str:
    """「CO2を回収して利用する技術（CCU）」, "CCU (carbon capture and utilisation)": words that only spell out a
    target field named beside them in brackets say the field again; no topic of their own."""
    for f in found:
        if f.name.kind != "filter" or f.name.key != "fields":
            continue
        after = rest[f.end:].lstrip()
        close = _close_of(after) if after and after[0] in _OPEN else -1
        inside = after[1:close].strip() if close > 0 else ""  # (a name inside is blanked: no gloss)
        if inside and not (inside.isascii() and len(inside.split()) == 1):  # the field, then its gloss in
            # brackets (an acronym alone, "fluorocarbon (CFC) gases", is a name of its own)
            at = len(rest) - len(after)
            rest = _blank(rest, at, at + close + 1)
        elif 0 < f.start and f.end < len(rest) and rest[f.start - 1] in _OPEN and rest[f.end] in _CLOSE:
            begin = max(rest.rfind(c, 0, f.start - 1) for c in _GLOSS_STOPS) + 1  # the gloss, then the field
            if not any(g is not f and begin <= g.start < f.start for g in found):  # ("fluorocarbon (CFC)": the
                rest = _blank(rest, begin, f.end + 1)  # name before the bracket says it; the rest is asked)
    return rest


def _close_of(text: str) -> int:
    close = _CLOSE[_OPEN.index(text[0])]
    return text.find(close)


_OPEN, _CLOSE = "（(", "）)"
_GLOSS_STOPS = "、。,.?？!！:：;「」"


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


_YEAR_WORD = re.compile(r"(?<![0-9A-Za-z])(?:19|20)\d\d(?![0-9A-Za-z])(?:年(?:度)?)?")  # 2050, 「2022年」
_ASKING = re.compile(r"(?:which|what|any)\b|どの|どこ|何")  # an attribute word that asks ("which countries")
_ASKING_BEFORE = re.compile(r"\b(?:which|what|any)\s+(?:(?:are|were|is|the|other|remaining|\d{1,2})\s+){0,3}$")
# "does any proposer have …", "what are the other fields …"


_LATER_WHICH_PROJECTS = re.compile(r"[;:?]\s*(?:so\s+|and\s+)?which\s+(?:proposals|projects|ones)\b")
# "workshops in the partner city": where something happens, not what is asked
_PLACE_PHRASE = re.compile(r"\b(?:(?:in|at|inside|within|across|to)\s+(?:the|its|their|each)|with\s+(?:the|a|an))\s+$")


def _asking(rest: str, at: int) -> bool:
    """Is the attribute word at `at` asked ("which countries", "does any proposer …")?"""
    return bool(_ASKING.match(rest, at) or _ASKING_BEFORE.search(rest[:at]))


def _also_asked(norm: str, knowledge: Knowledge, asked: str, at: int) -> tuple[str, ...]:
    """Further attributes asked beside `asked` (「提案者と国内の連携自治体は？」, "the title and fields"),
    in the question's order; a word inside the first one's words does not count ("partner country")."""
    pattern = knowledge.words.attribute[asked].pattern
    first = pattern.search(norm, max(at, 0)) if pattern is not None else None
    span = (first.start(), first.end()) if first else (at, at)
    out: list[tuple[int, str]] = []
    for key, words in knowledge.words.attribute.items():
        if key == asked or words.pattern is None:
            continue
        for m in words.pattern.finditer(norm):
            if m.end() <= span[0] or m.start() >= span[1]:
                out.append((m.start(), key))
                break
    return tuple(k for _, k in sorted(out))


_JA_VERB_END = re.compile(r"[\u3040-\u309f]$")  # 「提案している」 modifies the project; 「提案者」 asks
_LINKS = ("from", "of", "into", "to")  # words that link the two halves of an English compound term
_ALT = "qqaltqq"  # marks a place where the question offers alternatives (kept through residual_content)
_GAP = "qqgapqq"  # marks where a Japanese question word was taken out of a topic with alternatives
# the marks of alternatives (their words are data: question_words.json "alternatives" and "examples")
_ALT_MARKS = re.compile(r"/|／|[(（]|・|(?<=[\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9])(?:や、?|とか|など|などの)(?=[\u30a0-\u30ff\u3400-\u9fffA-Za-z])|(?<=[\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9])など(?=、)")
# (a digit ends a name too: 「C40やRace to Zero」; 「AやBなど、C」: the examples, then what they are examples of)


# 「工場などの廃熱」, 「高効率ボイラーなど、ボイラーの導入」: the words before など are examples of what follows
_JA_EXAMPLES = re.compile(r"(?:^|(?<=[、。\sをにはがでとも（(]))[^、。\s（()）]*?など(?:の|、)(?=[^\s、。])")


def _without_examples(rest: str, knowledge: Knowledge) -> str:
    """A Japanese topic without the examples that lead into it, when what follows them is a topic of its own
    (「バイオガスや水素などの技術」 keeps its examples: 技術 alone says nothing)."""
    dropped = _JA_EXAMPLES.sub(" ", rest)
    head = residual_content(_strip_words(dropped, knowledge)).split() if dropped != rest else []
    led = [m.end() for m in _JA_EXAMPLES.finditer(rest) if m.group().endswith("、")]  # examples, then a comma

    def words(text: str) -> set[str]:
        return set(residual_content(_strip_words(text, knowledge)).split())

    if led and (len(head) == 1 or not words(rest[:led[-1]]) & words(rest[led[-1]:])):
        return rest  # 「医療廃棄物やグリーンホスピタルなど、医療関係に関わる提案」: a category of one word (医療), its
        # examples each an alternative, as are 「空調機やチラーなど、冷房・冷却系の省エネ設備」's; but 「汚泥の炭化や
        # 燃料化、ガス化など、汚泥の処理・有効活用」 names the thing itself again (汚泥): its examples go
    if head:
        return dropped
    return rest


def _without_illustration(rest: str, words, preps) -> str:
    """"study tours or site visits, e.g. to factories or environmental infrastructure": an example word opening a
    phrase of place or purpose (grammar illustration_preps) illustrates the topic before it; the phrase goes, up to
    the end of its sentence. ("financing, e.g. subsidies or leasing" lists examples: they stay, as alternatives.)"""
    examples = words.lists.get("examples")
    m = examples.search(rest) if examples is not None and preps else None
    if m is None or not rest[:m.start()].strip(" ,"):
        return rest
    after = rest[m.end():].lstrip(" ,:")
    if after.split(" ", 1)[0] not in preps:
        return rest
    end = re.search(r"[?.!;]", after)
    return rest[:m.start()].rstrip(" ,") + (" " + after[end.start():] if end else "")


def _without_use_bracket(rest: str, ends) -> str:
    """「ヒートポンプ（給湯・空調用）」: a bracket saying what a thing is for (grammar use_bracket_ends: 用, 向け)
    qualifies it; it names no alternatives, and goes."""
    if not ends:
        return rest
    out = re.sub(r"[(（]([^()（）]*)[)）]", lambda m: " " if m.group(1).strip().endswith(tuple(ends)) else m.group(), rest)
    return out if out.strip() else rest


@lru_cache(maxsize=4)
def _any_form(phrases: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")(?![a-z])")


def _without_forms_listed(rest: str, phrases) -> str:
    """"hydrogen in some form – hydrogen production, hydrogen combustion or fuel cells": what is named before
    "in some form" (grammar any_form: phrases, not question words, so "form" stays a word of the vocabulary's
    own) is the topic, whole; the forms listed after it are examples of it, up to the end of the sentence."""
    m = _any_form(tuple(phrases)).search(rest) if phrases else None
    if m is None or not rest[:m.start()].strip():
        return rest
    after = rest[m.end():]
    lead = re.match(r"\s*[;:,\-–]?\s*", after).end()  # ("of any kind — cars, buses …": the dash, read as "; ", opens the list)
    end = re.search(r"[?!;。？]", after[lead:])
    return rest[:m.start()] + (" " + after[lead + end.start():] if end else "")


def _any_use_offered(marked: str) -> bool:
    """Alternatives one of which was only question words (「製造や利活用」: 利活用 taken out), with no words
    before them that every one shares: any of the thing is asked for."""
    pieces = [p.split() for p in marked.split(_ALT)]
    return len(pieces) >= 2 and bool(pieces[0]) and pieces[0][-1] != _GAP \
        and len([w for w in pieces[0] if w != _GAP]) <= 1 and any(p and all(w == _GAP for w in p) for p in pieces[1:])
    # (「覚書を結んでいる、または結ぶ予定」: both alternatives are question words, 覚書 before them the topic)


@lru_cache(maxsize=4)
def _or_kind_of(alternatives: tuple[str, ...], kind_of: tuple[str, ...]) -> re.Pattern | None:
    """"or other" (question_words alternatives, then grammar kind_of_next), compiled once per word set."""
    if not alternatives or not kind_of:
        return None
    return re.compile(r"(?<![a-z])(?:" + "|".join(map(re.escape, alternatives)) + r")\s+(?:"
                      + "|".join(map(re.escape, kind_of)) + r")(?![a-z])")


def _kind_of_next(topic: str, said: str, words, alternatives) -> str:
    """"compost food or other organic waste": the first alternative is a kind of the next (grammar
    kind_of_next, after a word of question_words alternatives), so the words before it (compost) are said of the
    next too: compost food / compost organic waste, not any organic waste."""
    parts = topic.split(" / ")
    pattern = _or_kind_of(tuple(alternatives.en), tuple(words))
    if len(parts) != 2 or pattern is None or not pattern.search(said):
        return topic
    first, second = parts[0].split(), parts[1].split()
    lead = first[:-1]
    if len(lead) != 1 or second[:1] == lead:  # (one word, the verb on the first: a longer lead is a phrase of its
        # own, "turning palm oil industry waste into energy or other products")
        return topic
    return f"{parts[0]} / {' '.join([*lead, *second])}"


def _without_dash_examples(said: str, question: str, ends) -> str:
    """"which proposals look at sludge - treatment, gas from sludge, carbonising it etc": a list opened by a dash
    after the topic and closed by an open end (grammar dash_examples_end) gives examples of the topic named before
    the dash; the list goes, up to its end word (a list with no such end may narrow: "waste - medical or e-waste").
    (Read on the question as typed: normalising reads a spaced dash as a space.)"""
    dash = _SPACED_DASH.search(question)
    if dash is None or not ends or not question[:dash.start()].strip():
        return said
    close = _any_form(tuple(normalize(e) for e in ends))  # (lower case keeps the question's positions)
    end = close.search(question.lower(), dash.end())
    if end is None or re.search(r"[?!;]", question[dash.end():end.start()]):
        return said
    head = normalize(question[dash.end():end.start()]).split(",")[0].strip()
    start = said.find(head) if head else -1
    stop = close.search(said, start) if start > 0 else None
    return said[:start] + " " + said[stop.end():] if stop is not None else said


_SPACED_DASH = re.compile(r"\s[-–—]\s")


def _without_forms_before(rest: str, phrases) -> str:
    """"new boilers — high-efficiency, CNG-fired or otherwise": a list closed by a phrase that allows any other
    form (grammar any_form_after) gives examples of what is named before it; the topic is that, whole. The list
    opens at the dash, colon or bracket before it (else at the first comma of its clause)."""
    m = _any_form(tuple(phrases)).search(rest) if phrases else None
    if m is None:
        return rest
    before = rest[:m.start()]
    clause = max(before.rfind(c) for c in "?!。？")
    opener = max(before.rfind(c) for c in ";:(（—–")
    if opener <= clause:
        opener = before.find(",", clause + 1)
    if opener <= clause or not rest[clause + 1:opener].strip():
        return rest[:m.start()] + " " + rest[m.end():]  # no list before it: the phrase alone goes
    return rest[:opener] + " " + rest[m.end():]


_EACH_AND = re.compile(r"(?<=[\u30a0-\u30ff\u3400-\u9fff])と(?=[\u30a0-\u30ff\u3400-\u9fffA-Za-z])|(?<=の案件)と|(?<=の事業)と|\sand\s")


def _mark_alternatives(text: str, words) -> str:
    """The text with each place that offers alternatives marked `_ALT` ("" when there is none)."""
    examples, restates = words.lists.get("examples"), words.lists.get("restates")
    r = restates.search(text) if restates is not None else None
    m = examples.search(text) if examples is not None and r is None else None
    if r:  # "MRV, i.e. measurement, reporting and verification": the same thing again, one alternative
        text = text[:r.start()].rstrip(" ,") + f" {_ALT} " + text[r.end():].replace(",", " ")
    if m:  # "financing, e.g. subsidies, leasing or raising funds": the example words, and each listed after them
        text = text[:m.start()] + f" {_ALT} " + text[m.end():].replace(",", f" {_ALT} ")
    any_of = words.lists.get("any_of")
    if any_of is not None and (a := any_of.search(text)):  # "any of biomass, biogas or biochar",
        # 「バイオマス、バイオガス、バイオ炭のいずれか」: the comma list the words offer (after them, or before in Japanese)
        if a.group().isascii():
            text = text[:a.end()] + _LIST_COMMA.sub(f" {_ALT} ", text[a.end():])
        else:
            text = _LIST_COMMA.sub(f" {_ALT} ", text[:a.start()]) + text[a.start():]
    if _BARE_AND.search(text) and "?" not in text and len(text.split()) <= BARE_AND_WORDS \
            and not words.lists["projects"].search(text):
        text = _BARE_AND.sub(f" {_ALT} ", text)  # "hotels and tourism": keywords, each a way into the topic
    if _NOUN_LIST_JA.search(text):  # 「下水処理や浄化槽、汚泥処理について」: the comma continues the list や began
        text = _NOUN_COMMA_JA.sub(f" {_ALT} ", text)
    each = words.lists.get("each")
    if each is not None and each.search(text):  # 「セメントの案件と養殖の案件、それぞれ」: each topic on its own
        text = _EACH_AND.sub(f" {_ALT} ", text)
    head = _TOPIC_HEADING.match(text)
    if head and len(head.group(1).split()) <= HEADING_WORDS:  # "refuse-derived fuel: turning waste into fuel",
        # "healthcare sector: hospitals or medical waste": a heading, then what it covers; either names the topic
        text = f"{head.group(1)} {_ALT} {_LIST_COMMA.sub(f' {_ALT} ', text[head.end():])}"  # (and each listed)
    text = _serial_list(_bracket_list(text, words) if text.isascii() else text, words)
    marked = _ALT_MARKS.sub(f" {_ALT} ", text)
    alt = words.lists.get("alternatives")
    if alt is not None and alt.pattern is not None:
        marked = alt.pattern.sub(f" {_ALT} ", marked)
    return marked if _ALT in marked else ""
_BARE_AND = re.compile(r"(?<=[a-z]) and (?=[a-z])")
_NOUN_LIST_JA = re.compile(r"(?<=[\u30a0-\u30ff\u3400-\u9fffA-Za-z])や、?(?=[\u30a0-\u30ff\u3400-\u9fffA-Za-z])")
_NOUN_COMMA_JA = re.compile(r"(?<=[\u30a1-\u30ff\u3400-\u9fff])、(?=[\u30a1-\u30ff\u3400-\u9fff])")
_TOPIC_HEADING = re.compile(r"^\s*([a-z][a-z\- ]*[a-z])\s*:\s+(?=[a-z])")
_KATAKANA_PHRASE = re.compile(r"[\u30a1-\u30fc]+(?:・[\u30a1-\u30fc]+){2,}(?![\u30a1-\u30fc\u3400-\u9fff])")
# (three or more whole katakana words: one foreign phrase; バイオマス・バイオガス・バイオ炭 is a list)
_LIST_COMMA = re.compile(r",\s*|、")
_BRACKET = re.compile(r"[(（]")
_ACRONYM = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9]+(?![A-Za-z0-9])(?!['’][Tt]\b)")  # (\b fails before Japanese:
# 「LEDに」; "DON'T" is shouted, no acronym)
_CJK_CONTENT = re.compile(r"[\u30a0-\u30ff\u3400-\u9fff\uf900-\ufaffー々a-z0-9]")


_WHERE_LIST = re.compile(r"[\u30a0-\u30fa\u30fc-\u30ff\u3400-\u9fffA-Za-z]+(?:[や、・][\u30a0-\u30fa\u30fc-\u30ff\u3400-\u9fffA-Za-z]+)+"
                         r"(?:に|向けの|向けに)(?=[\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9（）()]+を)")
# 「工場やビルにEMSを入れる」, 「工場や工業団地、建物向けのEMSを」: a list of where, right before what is put there (を):
# where is no alternative of the topic (not 「病院や医療廃棄物に関する取組を」: に関する says what the topic is)
_KINDS_BRACKET = re.compile(r"([\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9]+)の([\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9]+)"
                            r"[(（]([^()（）]+)[)）]")
_BRACKET_ITEM = re.compile(r"[^、,・や]+")


def _bracket_kinds(text: str) -> str:
    """「汚泥の有効利用（燃料化やガス化、炭化など）」: a bracket that lists kinds of the word before it lists them each of
    the thing that word is of (汚泥の燃料化, 汚泥のガス化, 汚泥の炭化), not any 燃料化 at all."""
    def kinds(m: re.Match) -> str:
        items = [i for i in _BRACKET_ITEM.findall(m.group(3)) if i.strip(" など")]
        if len(items) < 2 and "など" not in m.group(3):
            return m.group()  # 「独立系統（小さな電力網）」: one word again, in other words (a gloss)
        return f"{m.group(1)}の{m.group(2)}（" + _BRACKET_ITEM.sub(
            lambda i: f"{m.group(1)}の{i.group()}" if i.group().strip(" など") else i.group(), m.group(3)) + "）"
    return _KINDS_BRACKET.sub(kinds, text)


_BRACKET_LIST = re.compile(r"([a-z][a-z0-9\-]*)\s*\(([^()]*(?:,|\bor\b)[^()]*)\)")
_PLURAL_END = re.compile(r"[a-z]{2,}(?<!s|u|i)s$")
_BRACKET_SEP = re.compile(r",?\s*\b(?:or|and/or)\b\s*|,\s*")


def _bracket_list(text: str, words) -> str:
    """"sludge (treatment, fuel or carbonization)", "boilers (high-efficiency, CNG, etc.)": a bracket that lists
    short words lists kinds of the word before it, each an alternative (sludge treatment / sludge fuel / sludge
    carbonization); not a spelt-out acronym ("MRV (measurement, reporting and verification)"), nor the examples
    of a sector ("transport sector (…)"), nor longer phrases (left as they were)."""
    nouns = words.lists.get("field_nouns")

    def alternatives(m: re.Match) -> str:
        items = [i.strip() for i in _BRACKET_SEP.split(m.group(2)) if i.strip() and i.strip(" .") != "etc"]
        initials = "".join(w[0] for w in m.group(2).split() if w not in STOP_WORDS)
        if len(items) < 2 or any(len(i.split()) > 2 for i in items) or initials == m.group(1) \
                or (nouns is not None and nouns.search(f" {m.group(1)} ")):
            return m.group()
        return f"{m.group(1)} {_ALT} " + f" {_ALT} ".join(i if _PLURAL_END.search(i) else f"{m.group(1)} {i}"
                                                       for i in items) + " "  # ("vehicles (garbage trucks or
        # boats)": a plural names things of their own, kinds of it, not of it)
    return _BRACKET_LIST.sub(alternatives, text)


_SERIAL_OR = re.compile(r",?\s+(?:or|and/or)\s+")
_LIST_ITEM = re.compile(r",\s*([a-z][a-z0-9\- ]*)$")


def _serial_list(text: str, words) -> str:
    """"solar, wind or biomass": the commas of an English list that ends in "or" offer alternatives too (solar /
    wind / biomass), each item a few words; not "For a report, which use solar or wind?" (a clause before)."""
    stops = [w for w in (words.lists.get("question_starts"), words.lists.get("projects")) if w is not None]
    out, last = [], 0
    for m in _SERIAL_OR.finditer(text):
        if text.count("(", 0, m.start()) > text.count(")", 0, m.start()):
            continue  # "sludge (treatment, fuel or carbonization)": a bracket's list names kinds of the word before it
        head, cut = text[last:m.start()], m.start() - last
        while (item := _LIST_ITEM.search(head[:cut])) and len(item.group(1).split()) <= SERIAL_ITEM_WORDS \
                and not any(w.search(f" {item.group(1)} ") for w in stops):
            head = head[:item.start()] + f" {_ALT} " + head[item.start() + 1:]
            cut = item.start()
        out.append(head)
        out.append(m.group())
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def _share_through(marked: str, preps) -> str:
    """"inspection tours of factories or environmental infrastructure": the words up to the preposition belong
    to each later alternative (inspection tours of environmental infrastructure), unless it has its own."""
    if not preps or _ALT not in marked:
        return marked
    out, prefix = [], None  # ("have signed, or plan to sign, an MOU with the partner city or province": the
    # words up to the preposition of a later alternative belong to the ones after it)
    for k, piece in enumerate(marked.split(_ALT)):
        words = piece.split()
        at = max((j for j, w in enumerate(words) if w in preps and j > 0), default=None)
        out.append(piece if k == 0 or at is not None or prefix is None or not piece.strip()
                   else f" {prefix} {piece.strip()} ")  # (an empty piece, "e.g.," after a word, is no alternative)
        if at is not None:  # at most three words before it: the head of the phrase
            prefix = " ".join(words[at - min(at, 3):at + 1]) if at < len(words) - 1 else None
            if prefix is not None and ";" in " ".join(words[at:]):
                prefix = None  # "money for equipment; subsidies, leasing …": a clause ends before the list
    return _ALT.join(out)


def _share_after(marked: str, preps) -> str:
    """"LNG bunkering or alternative fuels for ships": a short phrase after the last alternative, opened by one
    of these prepositions, belongs to each earlier one too (LNG bunkering for ships), unless it has its own."""
    if not preps or _ALT not in marked:
        return marked
    pieces = marked.split(_ALT)
    last = pieces[-1].split()
    at = max((k for k, w in enumerate(last) if w in preps and k > 0), default=None)
    if at is None or not 1 <= len(last) - at - 1 <= 3 or last[at + 1].endswith("ing"):
        return marked  # ("electric garbage trucks or electric boats for collecting rubbish": a purpose, the last
        # one's; the garbage trucks say their own)
    phrase = " ".join(last[at:])
    rest = [p if any(w in preps for w in p.split()) or not p.strip() else f" {p.strip()} {phrase} " for p in pieces[:-1]]
    return _ALT.join([*rest, pieces[-1]])


_BARE_NOUN_JA = re.compile(r"\s*[\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9]+(?:の[\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9]+)*\s*")
# (「ごみ収集の車両」: nouns joined by の are one)
_OBJECT_THEN = re.compile(r"\s*[\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9]+を(?:([\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9]+)(?=に|へ)"
                          r"|([\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9]+化)(?=する|して|し))")
# (what it is made into: 「燃料に変える」, 「燃料化する」; not 「…を扱う」, 「…を支援する」)


def _object_done(marked: str, knowledge: Knowledge) -> tuple[frozenset[str], str]:
    """「ごみや廃棄物を燃料に変える」, 「汚泥や廃棄物を燃料化する」: what the last of bare nouns offered as alternatives
    is made into (the words after its を, before に or a 化 verb) is said of each (ごみ 燃料 / 廃棄物 燃料), not of
    the last alone; so is a noun of something done after の (grammar action_ends: 「脱炭素計画やロードマップの策定」,
    「ボイラーや冷凍機の高効率化」), unless an earlier noun is itself something done (「ごみ発電や廃棄物の燃料化」):
    (the earlier nouns' words, the words to add to the alternatives holding them)."""
    pieces = marked.split(_ALT)
    ends = tuple(knowledge.words.grammar.get("ja", {}).get("action_ends", ()))
    for k in range(1, len(pieces)):
        m = _OBJECT_THEN.match(pieces[k])
        owned = _OWNED.match(pieces[k]) if m is None and ends else None
        if owned is not None and owned.group(1).endswith(ends) and not any(
                p.strip().endswith(ends) for p in pieces[:k] if _BARE_NOUN_JA.fullmatch(p)):
            m = owned
        elif m is None:
            continue
        if not (done := residual_content(_strip_words(m.group(1) or m.group(2), knowledge)).strip()):
            continue
        at = m.start(1) if m.group(1) else m.start(2)
        if not set(done.split()) <= set(residual_content(_strip_words(pieces[k][at:], knowledge)).split()):
            continue  # (「観光業をターゲットにした」: what it is made into, said in its clause, is framing)
        start = k
        while start > 0 and _BARE_NOUN_JA.fullmatch(pieces[start - 1]):
            start -= 1
        nouns = frozenset(w for j in range(start, k) for w in residual_content(_strip_words(pieces[j], knowledge)).split())
        return nouns, done
    return frozenset(), ""


_OWNED = re.compile(r"\s*[\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9]+の([\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9]+)()"
                    r"(?![\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9])")  # 「ロードマップの策定」: what is done to it (its
# empty second group stands where _OBJECT_THEN has one, so both read alike)
_ONE_KANJI_OWNER = re.compile(r"\s*([\u3400-\u9fff])(?:の|を)(?=[\u30a0-\u30ff\u3400-\u9fffA-Za-z0-9]+化)")


def _one_kanji_alternatives(marked: str) -> frozenset[str]:
    """「ごみ収集車や船の電動化」, 「ごみ収集車や船をEV化する」: a later alternative that is one kanji, what a change in 化
    is done to (の, を), is a word of its own there (船), not dropped as a one-character scrap; else its alternative
    would be the change alone (any 電動化). (「エビや魚の養殖」: 魚 only says which 養殖, and goes as before.)"""
    return frozenset(m.group(1) for piece in marked.split(_ALT)[1:] if (m := _ONE_KANJI_OWNER.match(piece)))


def _shared_words(marked: str, share: bool) -> list[str]:
    """The alternatives of a topic marked with `_ALT`. In Japanese the alternatives are the words next to each
    mark, and the words before them belong to every one: 「ボイラーの高効率化・更新」 is ボイラー 高効率化 /
    ボイラー 更新. The words after stay with the last (「燃料電池や水素製造の事業化調査」: what is studied is the
    topic, not the study). English puts the shared head noun last: `evidence._distribute`."""
    def words(ws):  # (each word once)
        return " ".join(dict.fromkeys(w for w in ws if w != _GAP))

    pieces = [p.split() for p in marked.split(_ALT)]
    pieces = [p for p in pieces if [w for w in p if w != _GAP]]
    middle = [[w for w in p if w != _GAP] for p in pieces[1:-1]]
    if share and len(pieces) >= 3 and any(len(p) != 1 for p in middle) \
            and len([w for w in pieces[-1] if w != _GAP]) == 1:
        # 「市長など自治体トップ同士の交流や対話」: the first alternatives are examples of a longer one, whose words
        # before its own last one belong to the single word after it too (トップ 同士 対話, not any 対話)
        lead = [w for w in pieces[-2][:-1] if w != _GAP]
        return [words(p) for p in pieces[:-1]] + [words([*lead, *pieces[-1]])]
    if not share or len(pieces) < 2 or any(len(p) != 1 for p in middle):
        return [words(p) for p in pieces]
    # 「ボイラーの導入・高効率化」: 導入 (taken out) and 高効率化 are the alternatives, ボイラー belongs to both
    before = [w for w in pieces[0][:-1] if w != _GAP]
    alternatives = [words([*before, pieces[0][-1]]), *(words([*before, *p]) for p in middle),
                    words([*before, *pieces[-1]])]
    return [a for a in dict.fromkeys(alternatives) if a]


def _release_compounds(found: list[Found], rest: str, text: str, knowledge: Knowledge) -> tuple[list[Found], str]:
    """A field name that is part of a longer term is the term's word, not the field: 廃棄物発電
    (waste-to-energy) is not every 廃棄物処理 project, nor "medical waste treatment" every waste
    one. Such a name goes back into the text (a topic word) when a content word is glued to it
    (Japanese: a kanji, katakana or Latin neighbour; English: a hyphen) or is its English neighbour
    (a word that is no question word, stop word or name)."""
    keep, restore = [], []
    for f in found:
        if f.name.kind == "filter" and f.name.key == "fields" and _in_compound(text, rest, f, knowledge):
            restore.append(f)
        else:
            keep.append(f)
    if not restore:
        return found, rest
    return keep, _restored(rest, text, restore)


def _restored(rest: str, text: str, names: list[Found], slashes: tuple[int, ...] = ()) -> str:
    """`rest` with the names taken out of it written back from `text` (a topic's words again), and a "/" at each of
    `slashes` (a comma that offers the name as an alternative)."""
    chars = list(rest)
    for at in slashes:
        chars[at] = "/"
    for f in names:
        chars[f.start:f.end] = text[f.start:f.end]
    return "".join(chars)


_JA_OFFERED = re.compile(r"([\u30a0-\u30ff\u3400-\u9fff\uf900-\ufaffー々]+)(?:や|とか|・)$")
_JA_OF_NOUN = re.compile(r"の[\u30a0-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def _in_compound(text: str, rest: str, f: Found, knowledge: Knowledge) -> bool:
    before, after = text[f.start - 1] if f.start else "", text[f.end] if f.end < len(text) else ""
    if not f.name.text.isascii():
        # the run of content characters glued to the name, on either side, once question words are gone
        left = re.search(r"[\u30a0-\u30ff\u3400-\u9fff\uf900-\ufaffー々]+$", rest[:f.start])
        right = re.match(r"[\u30a0-\u30ff\u3400-\u9fff\uf900-\ufaffー々]+", rest[f.end:])
        # 「ごみ発電や廃棄物の燃料化」: a field name offered as the alternative of a topic word before it, and itself
        # of a noun after it, is a topic word too (「ベトナムや廃棄物処理」 offers it beside a name, blanked in `rest`;
        # 「太陽光や廃棄物処理を扱う」 names the field itself)
        offered = _JA_OFFERED.search(rest[:f.start]) if _JA_OF_NOUN.match(rest, f.end) else None
        runs = " ".join(m.group(1) if m is offered else m.group() for m in (left, right, offered) if m)
        return bool(runs) and bool(residual_content(_strip_words(f" {runs} ", knowledge)).strip())
    if before == "-" or after == "-":
        return True
    preceding = [m.group() for m in re.finditer(r"[a-z][a-z0-9]*", rest[max(0, f.start - 40):f.start])][-2:] \
        if before == " " else []
    # "electricity from waste": the word before the linking word is the compound's
    neighbours = preceding[:1] if preceding[1:] and preceding[-1] in _LINKS else preceding[-1:]
    if after == " ":
        following = [m.group() for m in re.finditer(r"[a-z][a-z0-9]*", rest[f.end:f.end + 30])][:2]
        # "waste to energy" (written waste-to-energy): the word after "to" is the compound's
        neighbours += following[1:2] if following[:1] == ["to"] else following[:1]
    neighbours = [w for w in neighbours if w not in _LINKS]
    stripped = _strip_words(" " + " ".join(neighbours) + " ", knowledge)
    return any(w for w in stripped.split() if w not in GENERIC_EN and len(w) > 2 and not NEGATION_EN.fullmatch(w))


def _noun_before(rest: str, at: int, knowledge: Knowledge) -> bool:
    """Is the attribute word at `at` the head of an English noun phrase ("the building sector",
    "transport field")? Its word just before is a content word (no question, stop or generic word)."""
    if at < 2 or rest[at - 1] != " " or not rest[at - 2].isalpha():
        return False
    window = rest[max(0, at - 30):at]
    word = re.findall(r"[a-z][a-z0-9]*", window)[-1:]
    stripped = _strip_words(f" {' '.join(word)} ", knowledge).split()
    if stripped and not _strip_words(f" {window} ", knowledge).rstrip().endswith(stripped[0]):
        return False  # "most common field": the word is part of a question phrase ("most common")
    return bool(stripped) and stripped[0] not in GENERIC_EN and len(stripped[0]) > 2 \
        and not NEGATION_EN.fullmatch(stripped[0])


def _regions_in(found: list[Found]) -> bool:
    return any(f.name.kind == "region" for f in found)


def _counts_values(rest: str, at: int, key: str, knowledge: Knowledge) -> bool:
    """"How many countries other than Vietnam?", 「日本工営以外の提案者は何団体？」: a count word right before the
    attribute word (English) or right after it (Japanese, 「国はいくつ」) counts its values, not projects."""
    m = next((m for m in knowledge.words.attribute[key].finditer(rest) if m.start() >= at), None)
    end = m.end() if m is not None else at
    return any(c.end() <= at and not rest[c.end():at].strip() or end <= c.start() <= end + COUNT_AFTER_REACH
               for c in knowledge.words.lists["count"].finditer(rest))


def _asks_for_projects(rest: str, at: int, lang: str, knowledge: Knowledge) -> bool:
    """Is the head noun 'projects' rather than the attribute word at `at`? English puts the head
    first ("Which projects involve Japanese cities…"), Japanese last (「…自治体が関わる事業は？」)."""
    blanked = _blank_attributes(rest, knowledge)
    positions = [m.start() for key in ("projects", "which_ones") if (p := knowledge.words.lists.get(key)) is not None
                 and p.pattern is not None for m in p.pattern.finditer(blanked)]
    if not positions:
        return False
    if knowledge.words.grammar[lang]["head_first"]:
        # "which city partnerships have signed an MoU?": the attribute word is a noun modifying the projects
        ends = [m.end() for w in knowledge.words.attribute.values() if w.pattern is not None
                for m in w.pattern.finditer(rest) if m.start() == at]
        if any(not rest[end:pos].strip() for end in ends for pos in positions if pos >= end):
            return True
        if _LATER_WHICH_PROJECTS.search(rest, at):
            return True  # "… which partner cities have committed to net zero; which proposals say so?"
        # "the rest of the Vietnam projects: who proposed those?": a clause of its own asks the attribute
        return min(positions) < at and not re.search(r"[:;?]|\s[-–—]\s", rest[min(positions):at])
    return max(positions) > at


def _modifies(rest: str, end: int, words, key: str | None = None) -> bool:
    """Does the attribute word ending at `end` modify the noun after it (「相手国政府への」, 「建築物分野の脱炭素」,
    「国内自治体の地元企業」) rather than head the question (「…の対象国は？」)?"""
    after = rest[end:]
    particles = words.lists.get("modifies")
    if not after or particles is None:
        return False
    own = words.attribute.get(key) if key is not None else None
    if own is not None and own.pattern is not None:  # 「日本側の自治体の経験」: the key said twice is one phrase,
        # and what follows the second decides
        for p in particles.ja:
            again = own.pattern.match(after, len(p)) if after.startswith(p) else None
            if again is not None and again.end() > len(p):
                return _modifies(rest, end + again.end(), words, key)
    def attribute_next(text: str) -> bool:  # 「提案者と国内都市は？」: two attributes asked, none modifies
        return any(w.pattern is not None and w.pattern.match(text) for w in words.attribute.values())

    return bool(_CJK_NOUN.match(after)) or any(after.startswith(p) and _CJK_NOUN.match(after[len(p):])
                                               and not attribute_next(after[len(p):]) for p in particles.ja)


_CJK_NOUN = re.compile(r"[\u30a1-\u30fa\u3400-\u9fff々A-Za-z0-9]")


def _joined_ask(rest: str, at: int, knowledge: Knowledge) -> bool:
    """"…, and who proposed each?", "with their Japanese partner cities", 「と、その提案者は？」: a second
    question about the listed projects joined right before the attribute word."""
    words = knowledge.words.lists.get("and_asks")
    if words is None or words.pattern is None:
        return False
    return any(m.start() <= at <= m.end() + 1 for m in words.pattern.finditer(rest))


def _counts_the_key(rest: str, key: WordList, words) -> bool:
    """"the largest number of target fields", 「対象分野の数が一番多いのは」: a word counting the key's values
    stands right beside it, so what is most or least is a proposal's count, not a value's."""
    counting = words.lists.get("number_of")
    if counting is None or counting.pattern is None or key.pattern is None:
        return False
    for m in key.pattern.finditer(rest):  # ("most target fields?": "most" counts the fields it stands before)
        if counting.pattern.match(rest, m.end()) or any(
                c.end() == len(rest[:m.start()].rstrip()) for c in counting.pattern.finditer(rest[:m.start()])):
            return True
    return False


def _names_projects_first(rest: str, at: int, lang: str, knowledge: Knowledge) -> bool:
    """"Which proposal has the most fields?", 「対象分野が最も少ない事業」: the head noun is the project
    (singular too), so the question ranks proposals rather than values."""
    if _asks_for_projects(rest, at, lang, knowledge):
        return True
    single = knowledge.words.lists.get("project_noun")
    m = single.search(rest) if single is not None else None
    asking = knowledge.words.lists["interrogatives"]
    return bool(m) and ((m.start() < at) == knowledge.words.grammar[lang]["head_first"]
                        or bool(asking.pattern is not None and asking.pattern.fullmatch(m.group())))
    # (「どちらが対象分野が多い？」: "which of the two" asks the proposals wherever it stands)


def _without_named_words(topic: str, named: list[str], knowledge: Knowledge) -> str:
    """「水素関連の技術を扱っている事業」: 水素 named the field 水素技術; 技術, the kind of thing that name and
    another field name share (デジタル技術), is no topic. A word of one name only (フロン回収・破壊's 回収) is."""
    if not named or not topic:
        return topic
    values = knowledge.field_values

    def generic(w: str) -> bool:
        return any(w in v for v in named) and sum(w in v for v in values) >= 2

    parts = [" ".join(w for w in part.split() if w.isascii() or len(w) < 2 or not generic(w))
             for part in topic.split(" / ")]
    return " / ".join(p for p in parts if p)


def _without_lead_verb(topic: str, norm: str, words) -> str:
    """"Which proposals plan workshops?" -> "workshops": a word that is a verb when it opens a topic of more
    words right after the project noun ("plan formulation support" keeps its noun)."""
    lead, projects = words.lists.get("lead_verbs"), words.lists.get("projects")
    first, _, rest = topic.partition(" ")
    if lead is None or projects is None or not rest or first not in lead.en:
        return topic
    after_noun = any(norm[m.end():].lstrip().startswith(first + " ") for m in projects.pattern.finditer(norm)) \
        if projects.pattern is not None else False
    return rest if after_noun else topic


def _strip_words(text: str, knowledge: Knowledge, mark: str = " ") -> str:
    """Remove every question word (of any meaning) from the text (each becomes `mark`); a kept phrase stays
    whole ("public-private partnership")."""
    lists = knowledge.words.lists
    kept: list[str] = []
    held = [lists.get("kept")]
    if lists.get("not_yet") is not None and lists["not_yet"].search(text):
        held.append(lists.get("planned"))  # 「まだ…これから結ぶ予定のもの」: what is planned, set apart from what is done
    for kept_list in held:
        if kept_list is not None and kept_list.pattern is not None:  # each held aside as a mark no list matches
            text = kept_list.pattern.sub(lambda m: kept.append(m.group()) or f"\ue000{len(kept) - 1}\ue001", text)
    for key, words in (*knowledge.words.attribute.items(), *knowledge.words.lists.items()):
        if key not in _NOT_QUESTION_WORDS and words.pattern is not None:
            text = words.blank(text, mark)
    return _KEPT_MARK.sub(lambda m: kept[int(m.group(1))], text) if kept else text


_KEPT_MARK = re.compile("\ue000(\\d+)\ue001")
_JA_EXAMPLE_MARK = re.compile(r"など(?:の)?(?=[\u30a0-\u30ff\u3400-\u9fff])")  # 「AやBなど中南米」: examples of what follows


# word lists that are not stripped from every question: place nouns go only beside a named place (see
# understand); the others are read where they stand (follow-ups, grammar, yes-or-no), never as topic words
_NOT_QUESTION_WORDS = ("kept", "both", "second_question", "second_question_pronoun", "widen", "back_pronouns",
                       "lead_verbs", "purpose", "mention_asks", "own_activity", "either_names", "second_question_verbs",
                       "not_refer", "rank_places", "not_only", "first_person", "place_nouns", "rest_of", "rest_words", "modifies", "interrogatives", "yes_no",
                       "which_ones", "number_nouns",
                       "subject_marks", "same_as", "number_of", "not_yet", "planned", "in_total",
                       "identity_marks", "scope_marks", "negation_after", "rank_marks", "the_one_in", "pronouns",
                       "abbreviation_next", "whole_list", "generic_asks", "question_starts",
                       "described_ones", "status_filler", "bare_words", "field_nouns", "other_kinds",
                       "demonstratives", "goal_year", "record_asks", "either_particles", "more_marks", "self_intro_wants",
                       "project_counts", "identity_opens")


_SENTENCES = re.compile(r"(?<=[.!?;:。])\s*|(?<=、)")
_NUMBER_GLOSS = re.compile(r"((?:#|no\.?)\s*\d+|\d+\s*番)\s*\([^()]*\)")
_CLAUSE_DASH = re.compile(r"\s+—\s+")  # an em dash between clauses ends one (an en dash joins two cities)
_SPACED_HYPHEN = re.compile(r"\s+-\s+")


_NOT_AFTER_COMMA = re.compile(r",\s*not\s+[a-z][a-z\- ]*?(?=[),.;?]|$)")  # "sewage treatment plants (…, not septic
# tanks)": what is set apart after a comma is no word of the topic
_LIST_DASH = re.compile(r"\s+[–-]\s+(?=[A-Za-z])")
_LIST_ITEMS = re.compile(r"^[A-Za-z][A-Za-z0-9\- ]*(?:,\s*[A-Za-z][A-Za-z0-9\- ]*)+(?:\s+etc\.?)?\s*[.!]?\s*$")


_DASH_ASIDE = re.compile(r"\s[–—-]\s([A-Za-z][A-Za-z0-9 ,]*?(?:,|\bor\b)[A-Za-z0-9 ,]*?)\s[–—-]\s")


def _dash_aside(text: str) -> str:
    """"aquaculture - fish or shrimp ponds - anything on that?": a short list between two spaced dashes is an
    aside, as in brackets: "aquaculture (fish or shrimp ponds); anything on that?"."""
    return _DASH_ASIDE.sub(lambda m: f" ({m.group(1)}); " if len(m.group(1).split()) <= ASIDE_WORDS
                           else m.group(), text)


def _heading_dash(text: str) -> str:
    """"building sector emissions – low-carbon buildings, building codes", "proposals that focus on the building
    sector - low-carbon buildings, building regulations etc.": a spaced dash before a comma list of a few words
    each gives examples of what is named before it, as "e.g." does (not "Kitakyushu – Hyderabad", two names; nor
    "boilers - high-efficiency or fuel switching", no list; nor a question)."""
    if "?" in text or "？" in text:
        return text
    for m in _LIST_DASH.finditer(text):
        after = text[m.end():]
        if _LIST_ITEMS.match(after) and all(len(i.split()) <= HEADING_WORDS for i in after.split(",")):
            return f"{text[:m.start()]} e.g. {after}"
    return text


def _hyphen_clause(text: str, words) -> str:
    """"bid manager here - which projects list digital technology?": a hyphen typed for a dash, with a
    question word after it (question_words question_starts), ends a clause as the dash does (not in
    "Kitakyushu - Hyderabad", two names)."""
    starts = words.lists.get("question_starts")
    if starts is None or starts.pattern is None:
        return text
    low = text.lower()
    return _SPACED_HYPHEN.sub(lambda m: "; " if starts.pattern.match(low, m.end()) else m.group(), text)


def _without_slips(text: str, vocabulary: frozenset[str]) -> str:
    """Without the misspelt little words ("teh", "hav"): a Latin word no proposal uses, one edit away from a
    stop word, is that stop word (never a topic of its own)."""
    from rapidfuzz.distance import OSA

    if not vocabulary:
        return text
    out = []
    for w in text.split():
        # two letters swapped ("teh") or one left out or added ("hav"), never one changed ("cell" is no "tell")
        slip = w.isascii() and w.isalpha() and 3 <= len(w) <= 6 and w not in vocabulary \
            and f"{w}s" not in vocabulary and w.rstrip("s") not in vocabulary \
            and any(OSA.distance(w, s) == 1 and (len(s) != len(w) or sorted(s) == sorted(w))
                    for s in _SLIP_TARGETS if abs(len(s) - len(w)) <= 1)
        if not slip:
            out.append(w)
    return " ".join(out)


_SLIP_TARGETS = tuple(w for w in STOP_WORDS if len(w) >= 3)


def _named(text: str, knowledge: Knowledge) -> tuple[list[str], str]:
    """The filter and region names a text holds, as it writes them, and the text without any name."""
    found, rest = find_names(text, knowledge.names)
    return [text[f.start:f.end] for f in found if f.name.kind in ("filter", "region")], rest


def _polite_is_asked(norm: str, plain: str, knowledge: Knowledge) -> bool:
    """"What does it list in its target fields?": the phrase a polite or framing word list would take out is
    what is asked (the question without it asks no key and names nothing, no topic, no projects)."""
    words = knowledge.words
    own, unnamed = _named(plain, knowledge)
    return not ((own and not words.lists["singular_refer"].search(plain)) or _says_a_topic(unnamed, knowledge)
                or words.lists["projects"].search(plain)
                or not _asked_key(norm, knowledge)[0] or _asked_key(plain, knowledge)[0])


def _names_of_other_keys(context: str, question: str, knowledge: Knowledge) -> list[str]:
    """The names a context statement holds of keys the question names none of ("Vietnam is our focus. Which …
    hydrogen?" keeps Vietnam; "… outside Asia. Is there anything in Latin America?" keeps no place)."""
    def key(f: Found) -> str:  # the Japanese side and the partner side are two things a question names
        if f.name.kind == "region":
            return "japan" if "domestic_city" in f.name.region.constraint else "abroad"
        return "japan" if f.name.key == "domestic_city" else "abroad" if f.name.key in _PLACE_KEYS else f.name.key

    asked = {key(f) for f in find_names(question, knowledge.names)[0] if f.name.kind in ("filter", "region")}
    return [context[f.start:f.end] for f in find_names(context, knowledge.names)[0]
            if f.name.kind in ("filter", "region") and key(f) not in asked]


_PLACE_KEYS = ("country", "target_area")


@lru_cache(maxsize=8)
def _identity_pattern(marks: WordList | None) -> re.Pattern | None:
    """Who the asker is: the noun run right before a word of `marks` (「電力会社」 in 「電力会社の者です」)."""
    if marks is None or not marks.ja:
        return None
    return re.compile(r"[\u30a0-\u30ff\u3400-\u9fffA-Za-z]+(?=" + "|".join(map(re.escape, marks.ja)) + ")")


def _says_a_topic(unnamed: str, knowledge: Knowledge) -> bool:
    """Does a text (its names taken out) hold topic words, beyond question words?"""
    return bool(residual_content(_strip_words(unnamed, knowledge)))


def _without_introduction(norm: str, knowledge: Knowledge) -> str:
    """The question without the sentences that only say who asks ("I'm with a Japanese boiler manufacturer.",
    「県庁の者です。」, 「うちは太陽光パネルのメーカーなんですが、」): they name things (boilers, 太陽光パネル, the
    embassy's country) that are no part of what is asked."""
    words = knowledge.words
    intro, needs = words.lists.get("self_intro"), words.lists.get("self_intro_needs")
    sentences = [x for x in _SENTENCE_END.split(norm) if x]
    parts, owner = [], []  # each clause, and the sentence it is in
    for si, sentence in enumerate(sentences):
        for p in _SENTENCES.split(sentence):
            if p:
                parts.append(p)
                owner.append(si)
    first = words.lists.get("first_person")
    about = [words.lists.get(k) for k in ("projects", "project_noun", "self_intro_asks")]

    def says_who(p: str) -> bool:  # "We bid on biomass work.", "I campaign on e-mobility.": an English
        # statement about the asker, before the question
        if intro.search(p):
            return True
        m = first.search(p) if first is not None and p.isascii() else None
        return m is not None and m.start() == len(p) - len(p.lstrip()) and not p.rstrip().endswith("?") \
            and p is not parts[-1] and not any(w is not None and w.search(p) for w in about)
        # ("I remember one proposal about cement." says what is asked)

    if intro is None or intro.pattern is None or not any(says_who(p) for p in parts):
        return norm
    asks = words.lists.get("self_intro_asks")
    identity = _identity_pattern(words.lists.get("identity_marks"))
    if needs is not None and identity is not None \
            and any(says_who(p) and needs.search(p) and identity.search(p) for p in parts[:-1]):
        # 「海外の再エネ案件を探している電力会社の者です。」: what the asker looks for is kept, who they are is not
        parts = [identity.sub("", p) if p is not parts[-1] else p for p in parts]
        norm = "".join(parts) if "".join(parts) else norm

    last = parts[-1]
    # "I plan economic zones in the Philippines and want to learn from peers: which proposals target industrial
    # parks?": a question with a topic of its own; what the asker wants before it is context
    own_question = len(parts) >= 2 and bool(_ASKS.search(last)) and not says_who(last) \
        and not words.lists["refer"].search(last) and _says_a_topic(_named(last, knowledge)[1], knowledge)

    wants = words.lists.get("self_intro_wants")
    last_names, last_rest = _named(last, knowledge)
    bare_last = not own_question and not last_names and not _says_a_topic(last_rest, knowledge)

    def asks_here(p: str) -> bool:  # "I'm a student comparing how …." says who asks; "…, which ones …?" asks
        if own_question:
            return p is last
        if bare_last and p is not last and wants is not None and wants.search(p) \
                and _says_a_topic(_named(p, knowledge)[1], knowledge):
            return True  # 「養殖業に関わる取り組みを撮影したいのですが、該当する案件はありますか。」: what the asker wants
            # to do names the topic the bare question after it asks for
        return (needs is not None and bool(needs.search(p))) \
            or (asks is not None and bool(asks.search(p)) and p.rstrip().endswith(("?", "？"))) \
            or (p is parts[-1] and any(w.search(p) for w in words.attribute.values()))
        # (「…について、提案者と国内都市を確認したいです。」: what is confirmed is asked)

    told = {owner[i] for i, p in enumerate(parts) if says_who(p) and not asks_here(p)}
    told = {si for si in told if not (_asks(sentences[si], words) or asks_here(sentences[si]))}
    told.discard(len(sentences) - 1)  # (the last sentence holds the question, however it is put)
    # 「来月…意見交換があり、参考にしたいと考えています。」: a sentence that says who asks or why is said whole
    kept = [p for i, p in enumerate(parts) if not (says_who(p) and not asks_here(p)) and owner[i] not in told]
    mine = words.lists.get("self_refer")
    asking = [p for p in kept if _ASKS.search(p)] or kept  # "our" in a statement says nothing of the question
    if len(kept) == len(parts) or not "".join(kept).strip(" 、。.?!"):
        return norm
    ours = mine is not None and bool(mine.search("".join(asking)))  # "… are we part of?": the intro names "we"
    question = " ".join("".join(kept).split())
    own, unnamed = _named(question, knowledge)
    unrecorded = bool(words.find_unrecorded(question))
    bare = not own and (not _says_a_topic(unnamed, knowledge) or unrecorded)
    # "How many are there?", 「連絡先は？」: nothing of its own
    if bare and not any(intro.search(p) for p in parts if p not in kept) and not unrecorded:
        return norm  # "I remember one about timber houses. Which one was that?": the statement is what is asked
    refers = bool(words.lists["singular_refer"].search(question) or _PLURAL_REFER.search(question))
    said_before = "".join(p for p in parts if p not in kept)
    intro_found, intro_rest = find_names(said_before, knowledge.names)
    if bare and refers and not unrecorded and _says_a_topic(intro_rest, knowledge) and all(
            f.name.kind == "filter" and f.name.key == "fields" for f in intro_found):
        return norm  # "I'm researching palm oil waste. Does any proposal deal with it?": "it" is the topic said
    if ours or refers or bare:
        # "I'm a student looking at Nippon NUS. How many proposals does it have?": "it" is the name the
        # introduction gave; 「パラオ向けの提案を比べたいのですが、何件ありますか？」: the question names nothing else
        # (「No.7とNo.10を比べたいです。それぞれの国内都市と対象都市を教えて」: the numbers it gave, too)
        dropped = "".join(p for p in parts if p not in kept)
        question = " ".join([*_named(dropped, knowledge)[0], *(f"#{n}" for n in find_numbers(dropped)[0]), question])
    return question


def _without_statements_before(norm: str, knowledge: Knowledge) -> str:
    """"Hotels are a big energy user here. Which proposals include hotels?": a statement before a question
    that has a topic of its own is context; its words are no part of the topic (its names are kept when the
    question names nothing: "Vietnam is our focus. Which proposals mention hydrogen?")."""
    parts = [p for p in _SENTENCE_END.split(norm) if p.strip()]
    starts = knowledge.words.lists.get("question_starts")
    if len(parts) < 2 or not _asks(parts[-1], knowledge.words) \
            or any(_asks(p, knowledge.words) or (_ABBREVIATION.search(p) and not (
                p.rstrip().endswith("etc.") and starts is not None and starts.pattern is not None
                and starts.pattern.match(parts[k + 1].lstrip()))) for k, p in enumerate(parts[:-1])):
        return norm  # ("financing, e.g. subsidies or leasing?" is one sentence)
    question = parts[-1]
    own, unnamed = _named(question, knowledge)
    first = knowledge.words.lists.get("first_person")
    if not _says_a_topic(unnamed, knowledge):
        if own and first is not None and all(first.search(p) for p in parts[:-1]):
            # 「来月…意見交換があり、参考にしたいと考えています。ベトナム向けの提案のうち…」: why the asker asks; its
            # names are kept ("Vietnam is our focus. Which proposals mention hydrogen?"), its other words not
            return " ".join([*_names_of_other_keys(" ".join(parts[:-1]), question, knowledge), question])
        before = " ".join(parts[:-1])
        found, _ = find_names(before, knowledge.names)
        said, _ = _named(before, knowledge)
        pronouns = knowledge.words.lists.get("pronouns")
        if said and not own and pronouns is not None and pronouns.search(question) and not _A_NUMBER.search(before) \
                and all(f.name.kind == "filter" and f.name.key not in MANY_VALUED for f in found):
            # "Kitakyushu seems very active. How many proposals list it as the Japanese city?": "it" is the name
            # the statement gives; the statement's other words are no topic
            return " ".join([*said, question])
        asked_of = {(f.name.key, f.name.value) for f in find_names(question, knowledge.names)[0] if f.name.kind == "filter"}
        if asked_of & {(f.name.key, f.name.value) for f in found if f.name.kind == "filter"}:
            return question  # "Toyama City seems to work with Bali. Which proposals involve Toyama?": the question
            # names again what it asks of; the statement is context
        return norm  # "Vietnam is our focus. How many are there?": the statement says what is asked
    if _A_NUMBER.search(" ".join(parts[:-1])):
        return norm  # "Something similar to #6 - which other proposals deal with septic tanks?": the number is asked of
    if own:
        return question
    said, said_rest = _named(" ".join(parts[:-1]), knowledge)
    if first is not None and not first.search(" ".join(parts[:-1])) and _says_a_topic(said_rest, knowledge):
        return question  # "Malaysia has many industrial estates. Which proposals target industrial parks?": a
        # statement about a place, not about the asker, is context (not "We are in Malaysia. Which …?")
    return " ".join([*said, question])


def _last_sentence(text: str) -> str:
    """The last sentence of `text` (the question after statements: "… a big issue for us. Does any proposal …?")."""
    parts = [p for p in _SENTENCE_END.split(text) if p.strip()]
    return parts[-1] if parts else text


def _without_purpose(norm: str, knowledge: Knowledge) -> str:
    """"For a news segment on Pacific island nations in Oceania: which projects are there?": a clause that says
    what the question is for keeps its names (Oceania), not its other words (news segment)."""
    norm = _without_purpose_ja(norm, knowledge)
    purpose = knowledge.words.lists.get("purpose")
    if purpose is None or purpose.pattern is None:
        return norm
    m = purpose.pattern.match(norm.lstrip())
    close = re.search(r"[:,]|\s(?=(?:i'm|i am|i|we|we're)\s)", norm)  # "As a finance officer I'm curious …"
    if m is None or close is None or not norm[close.end():].strip():
        return norm
    clause = norm[:close.start()]
    if _names_the_one(clause, knowledge.words):
        return norm  # "For the Thai one, when was the MOU signed?": the clause names the proposal asked about
    who = knowledge.words.lists.get("identity_opens")
    mine = knowledge.words.lists.get("self_refer")
    if who is not None and who.pattern is not None and who.pattern.match(clause.lstrip()) \
            and not (mine is not None and mine.search(_last_sentence(norm[close.end():]))):
        return norm[close.end():]  # "As a Malaysian officer, … does any proposal deal with palm oil residues?": who
        # asks is no condition, unless the question asks of them ("As a Vietnamese official, what is planned with us?")
    return _names_then(clause, norm[close.end():], knowledge)


def _without_purpose_ja(norm: str, knowledge: Knowledge) -> str:
    """「ESG審査の観点で、人権への配慮に触れている提案は？」, 「次年度の検討のため、…」, 「…どれか、議員に説明資料を作りたいので
    番号で教えて」: a Japanese clause that says what the question is for ends with a 'purpose_ends' word, before a
    comma (or, for a word ending in ので, anywhere); it keeps its names, not its other words."""
    ends = knowledge.words.lists.get("purpose_ends")
    if ends is None or not ends.ja:
        return norm
    out, start = [], 0
    for m in _CLAUSE_JA.finditer(norm):
        clause = m.group(1)
        found = list(ends.finditer(clause))
        end = found[-1] if found else None
        if end is None:
            continue
        closed = end.end() == len(clause.rstrip()) and m.group(2)
        if not (closed or end.group().endswith("ので")):
            continue
        cut = m.end() if closed else m.start(1) + end.end()
        others = norm[:m.start(1)] + " " + norm[cut:]
        named, unnamed = _named(others, knowledge)
        if not norm[cut:].strip(" 、。?!") or not (named or _says_a_topic(unnamed, knowledge)):
            continue  # 「太陽光を知りたいので教えて」: the clause is the question
        before = clause[:end.start()]
        own = knowledge.words.lists.get("own_activity")
        doing = list(own.finditer(before)) if own is not None and own.pattern is not None else []
        if doing:  # 「北海道で高断熱住宅を推進しているので参考にしたい」: where the asker works is no condition
            before = before[doing[-1].end():]
        out += [norm[start:m.start(1)], _names_then(before, "", knowledge), " "]
        start = cut
    return "".join(out) + norm[start:] if out else norm


_CLAUSE_JA = re.compile(r"(?:^|(?<=[。!?、]))\s*([^。!?、,]+)(、)?")


def _names_then(prefix: str, rest: str, knowledge: Knowledge) -> str:
    """The names `prefix` holds (a place, an organisation: what it says of the question), then `rest`: a clause that
    only frames the question keeps its names, not its other words."""
    found, _ = find_names(prefix, knowledge.names)
    return " ".join([*(prefix[f.start:f.end] for f in found), rest.strip()]).strip()


def _without_reported_ask(norm: str, knowledge: Knowledge) -> str:
    """"A newspaper reader asked me whether any project talks about human rights.", 「市民から質問があり、…」: who
    asked is no part of the question; their names (a place) are kept."""
    reported = knowledge.words.lists.get("reported_ask")
    m = reported.search(norm) if reported is not None else None
    if m is None or _ASKS.search(norm[:m.start()]) or not norm[m.end():].strip():
        return norm
    return _names_then(norm[:m.start()], norm[m.end():], knowledge)


def _without_label(norm: str, knowledge: Knowledge) -> str:
    """"Embassy question: which projects involve hotels?", 「大使館からの質問：…」: a short heading before a colon whose
    last word says what kind of message it is keeps only its names."""
    labels = knowledge.words.lists.get("labels")
    m = _HEADING.match(norm)
    if labels is None or labels.pattern is None or m is None or not norm[m.end():].strip():
        return norm
    head = m.group(1).strip()
    last = labels.search(head)
    if last is None or last.end() != len(head) or len(head.split()) > HEADING_WORDS:
        return norm
    return _names_then(head, norm[m.end():], knowledge)


_HEADING = re.compile(r"^\s*([^:：?？。.]{1,40})[:：]")


def _without_not_refer(text: str, words) -> str:
    """The text without the words that hold a pointing word but point at nothing (question_words not_refer:
    「その他」, "other", as 'other' is respelled for the field 「その他（…）」, holds その)."""
    not_refer = words.lists.get("not_refer")
    return not_refer.blank(text, " ") if not_refer is not None and not_refer.pattern is not None else text


def _without_after_statements(norm: str, words) -> str:
    """「太陽光発電の導入を検討している提案はどれですか。営業先を探しています。」: a sentence after the question that
    says who asks or why (first person, no question mark) is no part of it."""
    first = words.lists.get("first_person")
    if first is not None:  # "Sludge is one of our biggest energy users, so which proposals deal with sludge?"
        norm = _SO_ASKS.sub(lambda m: "" if first.search(m.group(1)) else m.group(), norm)
    parts = [p for p in _SENTENCE_END.split(norm) if p.strip()]
    if first is None or len(parts) < 2:
        return norm
    asked = next((i for i, p in enumerate(parts) if _asks(p, words)), None)
    if asked is None:
        return norm
    kept = parts[:asked + 1] + [p for p in parts[asked + 1:] if _ASKS.search(p) or not first.search(p)]
    return " ".join(kept) if len(kept) < len(parts) else norm


_SO_ASKS = re.compile(r"(?:(?<=[.!?]\s)|^)([^.!?]*?),\s*so\s+(?=(?:which|what|are|is|do|does|any)\b)")
_ABBREVIATION = re.compile(r"(?:\b(?:e|i|etc|no|nos|vs|approx)\.|\b[a-z]\.)\s*$")  # e.g. i.e. no.
_SENTENCE_END = re.compile(r"(?<=[。？！])(?![.!?。？！])\s*|(?<=[.!?])(?![.!?。？！])\s+"
                           r"|(?<=[!?])(?=[\u3040-\u30ff\u3400-\u9fff])")  # after a run of sentence marks ("PM2.5"
# is none); a Japanese question mark, read as "?", ends a sentence without a space (「…ある?地元の…」)
_ASKS = re.compile(r"[?？]|か[。.]?\s*$")


def _asks(sentence: str, words) -> bool:
    """Does a sentence ask: a question mark, 「…か。」, or a request without one (「…を全部知りたいです。」,
    「…教えてください。」)?"""
    requests = words.lists.get("requests")
    return bool(_ASKS.search(sentence) or (requests is not None and requests.search(sentence)))


def understand(question: str, knowledge: Knowledge, previous: Intent | None = None,
               previous_ids: tuple[str, ...] = (), vocabulary: frozenset[str] = frozenset(),
               loaded_years: tuple[int, ...] = (), second_part: bool = False) -> Intent:
    """What a question asks (an Intent); with `previous`, read as a possible follow-up of that answer.
    `second_part`: the question is the second part of one sentence (`split_questions`), so a part with no names
    or topic of its own ("…, and how many fields does it list?") is about the first part's proposals."""
    lang = detect_lang(question)
    words = knowledge.words
    norm = normalize(_CLAUSE_DASH.sub("; ", _hyphen_clause(_heading_dash(_dash_aside(strip_markup(question))), words)))
    # ("I'm a grad student — does any …", "bid manager here - which projects …")
    norm = _NUMBER_GLOSS.sub(r"\1", norm)  # 「15番（富山市・バリ州）と同じく…」: the brackets only describe #15
    norm = words.respell(_without_purpose(_without_statements_before(
        _without_introduction(_without_after_statements(_without_purpose(
            _without_reported_ask(_without_label(norm, knowledge), knowledge), knowledge), words), knowledge),
        knowledge), knowledge))  # (a purpose may also open the question after a statement: "… To test that, are …")
    norm = correct_typos(knowledge.read_kana(norm, vocabulary), knowledge, vocabulary)
    if words.lists["polite"].pattern is not None:  # "I'd like a summary of No. 11": no similar projects asked
        plain = " ".join(words.lists["polite"].pattern.sub(" ", norm).split())
        if plain != " ".join(norm.split()) and not _polite_is_asked(norm, plain, knowledge):
            norm = plain
    said_years = norm
    years, norm = find_years(norm, loaded_years)
    if years and not set(years) & set(loaded_years) and not find_years(said_years, ())[0] \
            and words.find_unrecorded(norm):
        years = []  # "What results did it achieve last year?": when, not a fiscal list (none loaded for it)
    norm = spell_numbers(norm, words.lists["numerals"].en)
    sizes, norm = find_sizes(norm, knowledge)
    owned = words.lists.get("number_nouns")
    if owned is not None and owned.pattern is not None:  # "Phase 2" is one word (phase2), as 「フェーズ2」 is
        norm = re.sub(rf"({owned.pattern.pattern})\s+(\d{{1,2}})(?![\d.])",
                      lambda m: m.group(1).replace(" ", "") + m.group(m.lastindex), norm)
    norm = _without_whole_list(norm, words)
    rank, norm = _rank_of_extreme(norm, words)
    norm = _SET_APART_NUMBER.sub(r"\1 #\2", norm)  # "besides 12": the proposal set apart, as "besides #12"
    numbers, rest = find_numbers(norm)
    if len(numbers) < 2 and words.lists["compare"].search(norm):
        # "compare 10 and 18", 「16、17、18を比較して」: bare numbers name proposals in a comparison
        bare = [int(m.group()) for m in _BARE_NUMBER.finditer(rest)]
        numbers = list(dict.fromkeys(numbers + bare))
        rest = _BARE_NUMBER.sub(" ", rest)
    if not numbers and (words.lists["lookup"].search(norm) or words.lists["similar"].search(norm)):
        bare = [int(m.group()) for m in _BARE_NUMBER.finditer(rest)  # ("Phase 2": the number is the phase's)
                if owned is None or not owned.search(rest[max(0, m.start() - NUMBER_OWNER_REACH):m.start()])]
        if len(bare) == 1:  # "pull up 14", "projects resembling 17": one bare number names a proposal
            numbers, rest = bare, _BARE_NUMBER.sub(" ", rest)
    if not numbers and (m := _LAST_NUMBER.search(rest)) and _asked_key(rest, knowledge)[0]:
        numbers, rest = [int(m.group(1))], rest[:m.start()] + " " * (m.end() - m.start())  # "who proposed 12"
    before_names = rest
    found, rest = _names_outside_phrases(rest, knowledge)
    rest = _without_field_examples(found, rest, words)
    rest = _without_glosses(rest, found)
    found, rest = _release_compounds(found, rest, before_names, knowledge)
    found, rest = _offered_fields(found, rest, before_names, knowledge)
    organisations = find_organisations(rest, knowledge, vocabulary)
    rest = " ".join(rest.split())
    found = _specific_over_generic(found)
    negated = _negated(norm, found, words)
    filter_names = [f.name for i, f in enumerate(found) if f.name.kind == "filter" and i not in negated]
    excluded_names = [f.name for i, f in enumerate(found) if f.name.kind == "filter" and i in negated]
    filters, excluded = _group(filter_names), _group(excluded_names)
    # 「再エネ（再生可能エネルギー）を対象分野に含まない」: a field said twice, once before the negation, is excluded
    # (a place said twice is an anchor and its exclusion: 「ケソン市の案件と同じ国の、ケソン市のもの以外」)
    filters = {k: kept for k, vs in filters.items()
               if (kept := tuple(v for v in vs if k not in MANY_VALUED or v not in excluded.get(k, ())))}
    regions = tuple(dict.fromkeys(f.name.region for i, f in enumerate(found)
                                  if f.name.kind == "region" and i not in negated))
    filters, either = _either_of_keys(found, before_names, negated, filters, knowledge)
    regions = tuple(dict.fromkeys((*regions, *either)))
    excluded_regions = tuple(dict.fromkeys(f.name.region for i, f in enumerate(found)
                                           if f.name.kind == "region" and i in negated))
    near = words.lists.get("near_marks")
    beside = {k for k, f in enumerate(found) if f.name.kind == "unknown" and near is not None
              and near.pattern is not None and any(g.name.kind in ("filter", "region") for g in found)
              and (near.pattern.match(before_names, f.end) or before_names[:f.start].rstrip().endswith(tuple(near.en)))}
    # 「カンボジアに近いタイやベトナム」, "projects near Cambodia, in Thailand or Vietnam": a place in no proposal that
    # only says where the named ones are is no condition (positions in the text the names were found in)
    unknown = tuple(dict.fromkeys([*(f.name.unknown for k, f in enumerate(found)
                                     if f.name.kind == "unknown" and k not in beside), *organisations]))
    asked, at = _asked_key(rest, knowledge)
    goal = words.lists.get("goal_year")
    if asked == "year" and goal is not None and goal.search(norm):
        asked = None  # "By what year does Quezon City aim for carbon neutrality?": the year a goal is reached, which
        # the text may say (the summary quoted), not the list's fiscal year
    grammar = knowledge.words.grammar[lang]
    if asked == "fields" and (_noun_before(rest, at, knowledge) if grammar["noun_compounds"]
                              else at > 0 and (bool(_JA_NOUN_END.match(rest[at - 1])) or (
                                  rest[at - 1] == "の" and at > 1 and bool(_JA_NOUN_END.match(rest[at - 2]))
                                  and bool(residual_content(_strip_words(_NTH.sub(" ", rest[:at - 1]), knowledge)))))):
        # (「水産養殖の分野を含む提案」: a noun and の before 分野 names a sector too, when it is a topic word)
        # 「建物分野に焦点を当てている提案」: a noun before 分野 names the topic's sector
        # "decarbonising the building sector": the word names the topic's sector; another key may be asked
        # ("cement sector study - which country hosts it?")
        others = _also_asked(rest, knowledge, asked, at)
        asked = others[0] if others else None
        if asked:
            at = knowledge.words.attribute[asked].search(rest).start()
    most_or_least = bool(words.lists["most"].search(norm) or words.lists["least"].search(norm))
    generic = words.lists.get("generic_asks")
    if asked and asked not in filters and most_or_least and generic is not None and generic.pattern is not None \
            and generic.pattern.match(rest, at) is not None:
        named = [k for k, vs in filters.items() if len(vs) >= 2]
        if len(named) == 1:  # "Between Kitakyushu and Osaka, which city has more proposals?": the named cities are
            asked = named[0]  # compared (Japanese ones), whatever key "city" alone would ask
    if (asked in filters or asked in excluded) and not most_or_least:
        # "projects in the country Vietnam": the key names a filter, not a question; "Which Japanese city is
        # partnering with Quezon City?": another key asked beside it is the question
        others = [k for k in _also_asked(rest, knowledge, asked, at) if k not in filters and k not in excluded]
        if asked in excluded and asked not in filters and (_asking(rest, at) or numbers
                                                            or _counts_values(rest, at, asked, knowledge)):
            others = [asked]  # "Other than Vietnam and Indonesia, which countries appear?": still asked;
            # 「#3の対象分野で、廃棄物処理以外は？」: a named proposal's values, some set apart
        asked = others[0] if others else None
        if asked:
            at = knowledge.words.attribute[asked].search(rest).start()
    acronyms = {w.lower() for w in _ACRONYM.findall(question)} | _term_words(norm, knowledge)
    # ("LED" is a topic, "led by" is not)
    stripped_rest = _strip_words(rest, knowledge)
    has_topic = bool(residual_content(stripped_rest, keep=acronyms))
    m_asked = knowledge.words.attribute[asked].search(rest) if asked else None
    if asked == "title" and m_asked is not None and m_asked.group().strip() == "called" and has_topic:
        asked, m_asked = None, None  # "what's the SDGs diagnosis tool it mentions called?": the tool's name (text)
    verb = m_asked is not None and grammar["verb_modifies_head"] and bool(_JA_VERB_END.search(m_asked.group()))
    asking_word = m_asked is not None and bool(words.lists["interrogatives"].search(m_asked.group()))
    # (「どこの会社の提案？」: the question word is the key's own, so the key is asked, whatever noun ends it)
    modifier = m_asked is not None and not asking_word and _modifies(rest, m_asked.end(), words, asked)
    marks = words.lists.get("subject_marks")
    subject = has_topic and marks is not None and marks.pattern is not None and any(
        marks.pattern.match(rest, m.end()) is not None
        for w in words.attribute.values() if w.pattern is not None for m in w.pattern.finditer(rest))
    # 「日本側の自治体と相手都市が覚書を結んでいる提案」: the attribute is the subject of a clause about the projects
    topical = has_topic and (verb or modifier or subject or grammar["topic_head_asks_projects"])
    joined = bool(asked) and _joined_ask(rest, at, knowledge)
    if asked and not joined and not asking_word and not (asked in excluded and _asking(rest, at)) \
            and not (asked == _same_key(norm, knowledge) and not words.lists["others"].search(norm)) \
            and (filters or excluded or _regions_in(found) or topical) \
            and _asks_for_projects(rest, at, lang, knowledge) \
            and not (words.lists["per"].search(norm) or words.lists["most"].search(norm)
                     or words.lists["least"].search(norm) or words.lists["several"].search(norm)):
        asked = None  # "projects with Japanese cities in Kansai", 「九州の自治体が関わる事業は？」, 「LED照明の導入を提案
        # している事業は？」: projects are asked for
    per_proposal = bool(asked == "fields" and (words.lists["most"].search(norm) or words.lists["least"].search(norm))
                        and not words.lists["per"].search(norm)
                        and (len(numbers) >= 2 or _names_projects_first(rest, at, lang, knowledge)
                             or _counts_the_key(rest, words.attribute["fields"], words)))
    # "Which has more target fields, #8 or #12?": the named proposals ranked
    also = tuple(k for k in _also_asked(rest, knowledge, asked, at) if k not in filters and k not in excluded
                 and k != "year") if asked else ()
    said = _without_examples(rest, knowledge) if grammar["examples_lead"] \
        else _without_illustration(rest, words, grammar.get("illustration_preps", ()))
    said = _NOT_AFTER_COMMA.sub(" ", _without_use_bracket(said, grammar.get("use_bracket_ends", ())))
    said = _without_forms_listed(said, grammar.get("any_form", ()))
    said = _without_forms_before(said, grammar.get("any_form_after", ()))
    said = _without_dash_examples(said, question, grammar.get("dash_examples_end", ()))
    said = termed if (termed := _SO_CALLED_JA.sub(" ", said)).strip() else said
    put_where = grammar["alternatives_share_before"] and (where := _WHERE_LIST.sub(" ", said)) != said \
        and bool(residual_content(_strip_words(where, knowledge)).strip())
    if put_where:
        said = where  # 「工場やビルにEMSを入れる」: where it is put is no part of the topic (EMS); not
        # 「ビル・建築物に焦点を当てた」: what is left after the list is framing, the list the topic
    content = _without_slips(residual_content(stripped_rest if said is rest else _strip_words(said, knowledge),
                                              keep=acronyms), vocabulary)
    # the topic keeps where the question offered alternatives ("EV（電動車・電動モビリティ）", "hotels or
    # resorts", 「ホテルやリゾート施設」): any one of them named in a sentence supports the topic
    phrased = _KATAKANA_PHRASE.sub(lambda m: m.group().replace("・", ""), said)  # ネット・ゼロ・エネルギー・ビル
    if grammar["alternatives_share_before"]:
        phrased = _bracket_kinds(_WHERE_LIST.sub(" ", phrased) if put_where else phrased)
    marked = _share_after(_share_through(_mark_alternatives(phrased, words), grammar.get("alternatives_share_through", ())),
                          grammar.get("alternatives_share_after", ()))
    objects = _object_done(marked, knowledge) if grammar["alternatives_share_before"] and marked else (frozenset(), "")
    owners = _one_kanji_alternatives(marked) if grammar["alternatives_share_before"] and marked else frozenset()
    gap = f" {_GAP} "  # where a Japanese word was taken out: the alternative next to it is that word, not its neighbour
    share = grammar["alternatives_share_before"]
    topic = residual_content(_strip_words(marked, knowledge, gap if share else " "),
                             keep=acronyms | owners | {_ALT, _GAP}, mark=gap if share else " ") if marked else ""
    if share and filters and _ALT in topic and _any_use_offered(topic):
        # 「水素の製造や利活用を取り上げている提案」: production or any use of the field's thing (利活用, a word of
        # use, is no topic) - the field asks it all; the one alternative left (製造) narrows nothing
        topic = content = ""
    # a bracket names the same thing again (「協力覚書（MOU）の締結」), and "each" asks each topic apart
    # (「セメントの案件と養殖の案件、それぞれ」): neither shares words; only coordinated words do
    share = share and not (_BRACKET.search(rest) or words.lists["each"].search(rest))
    topic = " / ".join(_shared_words(_without_slips(topic, vocabulary), share)) if _ALT in topic else ""
    if topic and objects[1]:
        nouns, done = objects
        topic = " / ".join(f"{part} {done}" if set(part.split()) & nouns and not set(done.split()) <= set(part.split())
                           else part for part in topic.split(" / "))
    topic = _kind_of_next(topic, said, grammar.get("kind_of_next", ()), words.lists["alternatives"])
    if " / " in topic and (year := _YEAR_WORD.search(topic)):  # "2050 net-zero or carbon-neutral targets": the
        topic = " / ".join(p if year.group() in p.split() else f"{year.group()} {p}" for p in topic.split(" / "))
        # year is said of each
    content = " ".join(w for w in content.split()
                       if not (NEGATION_EN.fullmatch(w) or w in NEGATION_WORDS or NEGATION_JA.search(w)))

    if organisations or any(f.name.kind == "region" or f.name.key in (*_PLACE_KEYS, "domestic_city") for f in found):
        # "the island of Java", 「ジャワ島」: the place's own words, not a topic ("island grids" beside a field
        # names no place: a topic)
        nouns = knowledge.words.lists.get("place_nouns")
        if nouns is not None:
            def is_place_noun(w: str) -> bool:
                return bool(nouns.search(f" {w} ")) and (w.isascii() or w in nouns.ja)
            content = " ".join(w for w in content.split() if not is_place_noun(w))
            topic = " / ".join(" ".join(w for w in part.split() if not is_place_noun(w)) for part in topic.split(" / ")) \
                if topic else ""
    content = " ".join(w for w in content.split() if w != _ALT)
    content, topic = _without_lead_verb(content, norm, words), _without_lead_verb(topic, norm, words)
    named = [v for vs in filters.values() for v in vs if not v.isascii()]
    content, topic = (_without_named_words(content, named, knowledge),
                      _without_named_words(topic, named, knowledge))
    topic = " / ".join(" ".join(w for w in part.split() if not (NEGATION_EN.fullmatch(w) or NEGATION_JA.search(w)))
                       for part in topic.split(" / ")) if topic else ""
    content, topic = _the_quoted_term(norm, rest, content, topic)
    content, topic = _unknown_from(norm, content, topic, vocabulary, knowledge)
    topic = _actions_on_first(topic, norm)
    all_of = tuple(k for k in MANY_VALUED if len(filters.get(k, ())) >= 2) \
        if words.lists.get("all_of") is not None and words.lists["all_of"].search(norm) else ()
    all_of += tuple(k for k in MANY_VALUED if k not in all_of and len(filters.get(k, ())) >= 2
                    and (k, "eq", len(filters[k])) in sizes)  # 「「省エネ」と「再エネ」の2つだけ」: both of them
    only = words.lists.get("nothing_else")
    if only is not None and only.search(norm) and not sizes:
        # "whose only target fields are energy efficiency and renewable energy, nothing else?": those, exactly
        for k in MANY_VALUED:
            said = {f.start for i, f in enumerate(found) if f.name.kind == "filter" and f.name.key == k and i not in negated}
            if len(said) >= 2:
                all_of += (k,) if k not in all_of else ()
                sizes = (*sizes, (k, "eq", len(said)))
    if regions and unknown and (words.lists["examples"].search(norm) or _JA_EXAMPLE_MARK.search(norm)) and all(
            getattr(u, "country", "") and any(u.country in r.countries for r in regions) for u in unknown):
        unknown = ()  # 「メキシコやブラジルなど中南米の案件」, "Latin America, such as Mexico or Brazil": countries
        # in no proposal given as examples of a region named too; the region is asked
    if regions and words.lists.get("widen") is not None and words.lists["widen"].search(norm):
        # 「北九州市も含めて、福岡県内の自治体が関わっている案件」: a value said to be included in a region named too is
        # one of its values, no further condition
        filters = {k: kept for k, vs in filters.items()
                   if (kept := tuple(v for v in vs if not any(v in r.constraint.get(k, ()) for r in regions)))}
    intent = Intent(question, lang, filters, False, excluded, content, numbers=tuple(numbers), asked=asked, topic=topic,
                    all_of=all_of,
                    extreme=("several" if words.lists["several"].search(norm) else "least" if words.lists["least"].search(norm)
                             else "most" if words.lists["most"].search(norm) else None),
                    regions=regions, unknown=unknown, excluded_regions=excluded_regions,
                    years=tuple(years), also=also, per_proposal=per_proposal, sizes=sizes, rank=rank,
                    negated=_denies_topic(norm, content, words))
    same_keys = _same_keys(norm, knowledge)
    if same_keys and all(len(list(words.attribute[k].finditer(norm))) == 1 for k in same_keys) \
            and (numbers or filters) and not (excluded or regions) \
            and (words.lists["others"].search(norm) or words.lists["projects"].search(norm)) \
            and (words.lists.get("same_as") is None or words.lists["same_as"].search(norm)
                 or _NUMBER_AND.search(norm)):  # 「8番と提案者が同じ事業」: the number, と, then the key said the same
        # "Which other proposals are in the same country as #8?", "Which projects have the same proposer as #8?"
        # (projects asked for: the others, the anchor shares its own value), 「浦添市とアイライ州の連携事業と同じ国の、
        # ほかの提案は？」, 「ホーチミン市の案件と、国内都市も提案者も同じ…他に」: the named proposal is the anchor
        # (resolved against the corpus by the assistant), the answer the others sharing its value of each key
        key = same_keys[0] if len(same_keys) == 1 else tuple(same_keys)
        return replace(intent, kind="list", list=True, asked=None, same_as=(key, ()), followup="same")
    counts = words.lists.get("project_counts")
    if previous is not None and words.find_unrecorded(norm) and counts is not None and counts.counted is not None \
            and any(int(re.search(r"\d+", m.group()).group()) != len(previous_ids)
                    for m in counts.counted.finditer(norm)):
        previous = None  # 「この18件のうち、どれが採択された？」 after one proposal: asked of the whole list
    if previous is not None:
        follow = _follow_up(norm, intent, previous, previous_ids, knowledge, second_part)
        if follow is not None:
            return _unrecorded(norm, follow, knowledge, (), previous)
    return _unrecorded(norm, replace(intent, kind=_kind(norm, intent, knowledge),
                                     list=bool(filters or excluded or regions or sizes)), knowledge,
                       previous_ids if previous is not None else (), previous)


_QUOTED = re.compile(r"「([^「」]{2,30})」|『([^『』]{2,30})』|“([^“”]{2,40})”|(?<!\w)'([^'\n]{2,40})'(?!\w)")
# (single quotes only around words: "the 'decarbonisation domino' idea", not the apostrophes of "don't")


def _term_words(norm: str, knowledge: Knowledge) -> set[str]:
    """The question words said inside a term of data/terms.json ("Which proposals set emission reduction
    targets?": "targets" is the term's), each said once in the question (so that the word kept is that one)."""
    said = norm.lower()
    return {w for pattern, inside in knowledge.generic_terms if pattern.search(said)
            for w in inside if len(re.findall(rf"(?<![\w-]){re.escape(w)}(?![\w-])", said)) == 1}


_ING_THEM = re.compile(r"\b[a-z]+ing (?:them|it)\b")


def _actions_on_first(topic: str, norm: str) -> str:
    """"coal-fired power plants, e.g. retrofitting or phasing them out": an alternative of verbs alone, said of
    "them", is done to the first one (retrofitting coal fired power), not any phasing (a フェーズ of the text);
    not "subsidies, leasing schemes, or securing funding" (nouns in -ing, no "them")."""
    parts = topic.split(" / ") if topic else []
    if len(parts) < 2 or not topic.isascii() or len(parts[0].split()) < 2 or not _ING_THEM.search(norm):
        return topic
    verbs = [all(w.endswith("ing") for w in p.split()) for p in parts]
    if verbs[0] or not any(verbs[1:]):
        return topic
    return " / ".join([parts[0], *(f"{p} {parts[0]}" if v else p for p, v in zip(parts[1:], verbs[1:]))])


_MADE_FROM = re.compile(r"\b([a-z]{4,}) (?:made |derived |produced |generated )?from\b")


def _unknown_from(norm: str, content: str, topic: str, vocabulary: frozenset[str],
                  knowledge: Knowledge) -> tuple[str, str]:
    """"biodiesel from palm oil": the thing made is the topic, its source says which; a thing no text and no term
    of data/terms.json names (biodiesel) is asked alone, so that the text's palm oil does not carry it (no
    proposal makes it from anything)."""
    if not vocabulary or not content.isascii():
        return content, topic
    said = content.split()  # (the topic's first word: not "projects … we could learn from")
    for m in _MADE_FROM.finditer(norm):
        thing = m.group(1)
        if said[:1] == [thing] and thing not in vocabulary and not thing.endswith("ing") \
                and thing not in knowledge.term_words:
            return thing, ""
    return content, topic


def _the_quoted_term(norm: str, rest: str, content: str, topic: str) -> tuple[str, str]:
    """「環境省がよく言う「脱炭素ドミノ」を掲げている提案は？」: one term the question quotes, which names no place,
    field or actor (it is still in the text the names left), is the topic: the words around it frame it."""
    quoted = [next(g for g in m.groups() if g) for m in _QUOTED.finditer(norm)]
    if len(quoted) != 1:
        return content, topic
    term = " ".join(quoted[0].split())
    if not term or term not in " ".join(rest.split()) or not content or term == content \
            or residual_content(term) in topic.split(" / "):
        return content, topic  # (a quoted alternative is one of several: "a circular economy or 'circular society'")
    if not all(w in content.split() or w in term for w in residual_content(term).split()):
        return content, topic  # (its words must be the topic's: a quoted phrase of question words is none)
    return residual_content(term) or content, ""


def _denies_topic(norm: str, content: str, words) -> bool:
    """"Which projects don't mention JCM?", 「JCMに触れていない事業は？」: a topic the projects are asked not to name
    (a named field or place after "not" is excluded instead, and leaves no topic); 「…が入っていないか知りたい」 asks
    whether it is there."""
    deny = words.lists.get("not_mention")
    return bool(content.strip()) and deny is not None and deny.search(norm) is not None \
        and not _WHETHER_JA.search(norm)


def _same_key(norm: str, knowledge: Knowledge) -> str | None:
    """The key a "same" word names: "the same country as …", 「同じ国の…」, 「同じ提案者の」."""
    return next(iter(_same_keys(norm, knowledge)), None)


def _same_keys(norm: str, knowledge: Knowledge) -> list[str]:
    """Every key a "same" word names, in order (「同じ提案者で、同じ国を対象にしている」: proposer, country)."""
    same, out = knowledge.words.lists["same"], []
    # "the same city" is the Japanese city, as "that city" is (question_words that_key)
    keys = (*knowledge.words.attribute.items(), *knowledge.words.that_key.items())
    for m in same.finditer(norm):
        after = norm[m.end():].lstrip(" の")
        first = True
        while after:
            said = next(((key, hit) for key, words in keys if words.pattern is not None  # 同じ国 is a word of its own
                         for hit in (words.pattern.match(after) or (first and words.pattern.match(norm, m.start())),)
                         if hit), None)
            if said is None:
                break
            if said[0] not in out:
                out.append(said[0])
            # "the same city and proposer": a key coordinated right after it is said the same too
            rest = said[1].string[said[1].end():]
            joined = _SAME_JOIN.match(rest)
            if joined is None:
                break
            after, first = rest[joined.end():], False
        if not m.group().isascii():  # 「国内都市も提案者も同じ」: the keys said before it, each with も (or と, 、)
            before = norm[:m.start()]
            while (end := len(before.rstrip(_SAME_BEFORE_JA))) < len(before):
                said = next(((k, a.start()) for k, words in knowledge.words.attribute.items()
                             if words.pattern is not None for a in words.pattern.finditer(before[:end])
                             if a.end() == end), None)
                if said is None:
                    break
                if said[0] not in out:
                    out.append(said[0])
                before = before[:said[1]]
    return out


_SO_CALLED_JA = re.compile(r"[^、。？?!！]*[、,]\s*(?:いわゆる|所謂)")  # 「ごみを燃やして電気をつくる、いわゆるごみ発電」:
# the words before say in other words what the term after names; the term is the topic
_NUMBER_AND = re.compile(r"(?:#\s*\d+|\d+\s*番)\s*と(?!\s*#|\s*\d)")  # 「8番と提案者が同じ」 (not 「8番と12番」)
_SAME_JOIN = re.compile(r"\s*(?:,\s*|\band\s+|&\s*|/\s*)")  # "the same city and proposer", "same country, fields"
_SAME_BEFORE_JA = " もとが、・"  # particles between keys said the same (「国内都市も提案者も同じ」)


def _unrecorded(norm: str, i: Intent, knowledge: Knowledge, previous_ids: tuple[str, ...] = (),
                previous: Intent | None = None) -> Intent:
    """"What is the budget of #7?", 「プロジェクト3の開始時期は？」: the list does not record it. Asked with no
    name after an answer of a few proposals ("who is the contact person?"), it is about those."""
    r = reread(norm, i, knowledge.words)
    thing = knowledge.words.find_unrecorded(norm)
    projects = knowledge.words.lists.get("projects")
    names_projects = projects is not None and projects.search(norm) is not None
    if r.kind != "unrecorded" and previous is not None and previous.kind == "unrecorded" \
            and thing == previous.missing and r.kind not in ("breakdown", "compare", "similar") \
            and not (i.numbers or i.filters or i.regions):
        # 「昨年度の事業の成果はどうなりましたか？CO2はどれだけ削減できましたか？」: right after the results the
        # list does not record, how much CO2 was cut is one of them (on its own, a topic: 「CO2」 in a summary);
        # of the proposal the previous one asked of, unless it names projects again (「全事業の予算額の一覧」)
        subjects = () if names_projects else previous.subjects
        return replace(i, kind="unrecorded", missing=thing, subjects=subjects,
                       followup="subject" if subjects else i.followup)
    if r.kind != "unrecorded" and len(previous_ids) == 1 and thing \
            and not (i.numbers or i.subjects or i.filters or i.regions or i.unknown or i.scope is not None) \
            and not names_projects:  # ("the budget for JCM projects": of others)
        # "when was the MOU signed?" after the one Osaka-Thailand proposal: when that one's was (its summary may say)
        about_it = reread(norm, replace(i, subjects=tuple(previous_ids)), knowledge.words)
        if about_it.kind == "unrecorded":
            return replace(about_it, followup="subject")
    every = knowledge.words.lists.get("every_project")
    if r.kind == "unrecorded" and previous_ids and len(previous_ids) <= UNRECORDED_SCOPE_MAX \
            and not (r.numbers or r.subjects or r.filters or r.regions or r.scope is not None) \
            and not (every is not None and every.search(norm)):  # (「各事業の実施期間は？」: of the whole list)
        r = replace(r, subjects=tuple(previous_ids), followup="subject")
    return r



def _kind(norm: str, i: Intent, knowledge: Knowledge) -> str:
    """The kind of a (non-follow-up) question: each kind's reading rules, by priority (assistant.kinds)."""
    return read_kind(norm, i, knowledge.words)


@dataclass(frozen=True)
class _Turn:
    """A question read against the previous answer: what the follow-up rules look at."""

    norm: str
    i: Intent  # the question read on its own
    prev: Intent
    scope: tuple[str, ...]  # the previous answer's proposal ids, in its order
    knowledge: Knowledge
    refers: bool  # "them", 「そのうち」, "only" …
    continues: bool  # "and …", "what about …", 「じゃあ…」 at the start
    names_something: bool  # filters, regions, numbers or unknown names of its own

    @property
    def w(self):
        return self.knowledge.words

    def says_others(self) -> bool:
        """"other …", 「他の…」 outside the names the question reads (「その他の中身」 names the "Other" fields), and not
        after an alternative ("composting food or other organic waste" asks of a kind, not of other projects)."""
        text = _OTHER_THAN.sub(" ", _names_outside_phrases(self.norm, self.knowledge)[1])  # ("countries other than
        # the Philippines" sets a name apart: no other projects)
        pattern = _or_kind_of(tuple(self.w.lists["alternatives"].en),
                              tuple(self.w.grammar.get(self.i.lang, {}).get("kind_of_next", ())))
        return bool(self.w.lists["others"].search(pattern.sub(" ", text) if pattern is not None else text))

    @property
    def singular(self) -> bool:
        """After a search, "Who is the proposer?" / "which city in japan is involved" is about its best match."""
        plural = self.w.lists.get("plural_nouns")
        if not self.knowledge.words.grammar[self.i.lang].get("marks_number", True) \
                and not self.w.lists["singular_refer"].search(_blank_attributes(self.norm, self.knowledge)):
            return False  # 「その対象国はどこ？」 after two: Japanese marks no number, その is the answer's proposals
        return self.prev.kind == "ranked" and not _PLURAL_REFER.search(self.norm) \
            and not (plural is not None and plural.search(self.norm)) \
            and not re.search(r"\b(?:are|were)\b", self.norm)


BOTH_NAMED = re.compile(r"\bboth\s+(?!of\b|them\b|these\b|those\b)[^?]*?\band\b|と[^？?]*?の?両方")
# "both hydrogen and transport infrastructure", 「水素技術と交通インフラの両方」: both of two things named (all of
# them), no pointing back at two answers
_OTHER_THAN = re.compile(r"\bother\s+than\s+(?:the\s+)?(?=\s|$)")
_FRESH = object()  # a rule's verdict: the question starts afresh (no later rule is tried)


def opens_continuing(opening: str, words) -> bool:
    """"and in Thailand?", "what about …", 「じゃあ…」: the question opens by going on from the one before
    (question_words continue, or a bare "and" / "&")."""
    return words.lists["continue"].starts(opening) or bool(re.match(r"^(?:and|&)\b", opening))


def _follow_up(norm: str, i: Intent, prev: Intent, prev_ids: tuple[str, ...],
               knowledge: Knowledge, second_part: bool = False) -> Intent | None:
    """A question read against the previous one, or None when it starts afresh.

    The rules below are tried in order; the first that applies decides (an Intent, or _FRESH)."""
    w = knowledge.words
    opening = norm
    while (m := w.lists["filler"].search(opening)) and m.start() == 0 and m.end() < len(opening):
        opening = opening[m.end():].lstrip(" ,.!、。")  # "ok what about yokohama"
    names_something = bool(i.filters or i.excluded or i.regions or i.excluded_regions or i.numbers or i.unknown)
    turn = _Turn(norm, i, prev, tuple(prev_ids), knowledge,
                 refers=bool(w.lists["refer"].search(_without_not_refer(BOTH_NAMED.sub(" ", norm), w))
                             or w.lists["only"].search(norm)
                             or any(words.search(norm) for words in w.that_key.values())
                             or (second_part and not (names_something or i.content))),
                 continues=opens_continuing(opening, w)
                 or (second_part and names_something and not (i.content or i.asked)),  # 「…？パラオとか島しょ国で。」
                 names_something=names_something)
    for rule in _FOLLOW_UP_RULES:
        verdict = rule(turn)
        if verdict is _FRESH:
            return None
        if verdict is not None:
            return verdict
    return None


def _status_of_them(t: _Turn):
    """「すでに締結しているのは？」 / "Which of them have not signed it yet?" after a topic answer: the same topic over its
    proposals, supported only by sentences that say it is done (or planned: 「予定」, "scheduled")."""
    i, w, prev = t.i, t.w, t.prev
    if (i.content and not _restates(i.content, prev, w)) or i.asked or t.names_something \
            or not (prev.topic or prev.content) or prev.kind != "ranked" or not t.scope:
        return None
    status = _status_said(t.norm, w)
    if not status:
        return None
    said = prev.status or _status_said(normalize(prev.question), w)
    if said and said != status:  # (「まだ結んでいないのは？」 right after 「その中で既に締結済みなのは？」: the other
        # status among the same proposals the done ones were picked from, not among the done ones; after
        # 「MOUを結んでいる事業は？」 asked afresh, among all)
        return replace(i, kind="ranked", content=prev.content, topic=prev.topic, scope=prev.scope,
                       followup="refine" if prev.scope else None, status=status)
    return replace(i, kind="ranked", content=prev.content, topic=prev.topic, scope=t.scope, followup="refine",
                   status=status)


def _status_said(norm: str, words) -> str:
    """"planned" when the text asks what is still to come (not_done, not_yet, planned words), "done" when what has
    been done (done words), else ""."""
    lists = words.lists
    if any(lists.get(k) is not None and lists[k].search(norm) for k in ("not_done", "not_yet", "planned")):
        return "planned"
    return "done" if lists.get("done") is not None and lists["done"].search(norm) else ""


def _widened(t: _Turn):
    """"Including Thailand?" / 「タイも含めると？」 after Vietnam's projects: the named values join the previous
    question's values of the same key (Vietnam or Thailand); nothing else of the previous question changes."""
    i, prev, widen = t.i, t.prev, t.w.lists.get("widen")
    if widen is None or not widen.search(t.norm) or not i.filters or i.content or i.asked or i.excluded \
            or i.regions or i.numbers or prev.all_of:
        return None
    given = dict(prev.filters)
    if len(prev.regions) == 1 and not prev.excluded_regions and not any(k in given for k in i.filters) \
            and all(k in prev.regions[0].constraint for k in i.filters):
        # 「東京都も含めると？」 after the prefectures (a region of Japanese partners): its values, and the one named
        given.update(prev.regions[0].constraint)
        prev = replace(prev, regions=())
    if prev.same_as and prev.same_as[1]:  # "Including Thailand?" after the projects in #8's country: its
        same = prev.same_as[0]            # values stay shared, the named ones join them (question_filters)
        given.update({k: given.get(k, ()) for k in ((same,) if isinstance(same, str) else same)})
    if any(k not in given for k in i.filters):
        return None
    filters = {k: tuple(dict.fromkeys((*v, *i.filters.get(k, ())))) for k, v in given.items()}
    kind = "count" if t.w.lists["count"].search(t.norm) else prev.kind  # ("How many including Thailand?")
    return replace(prev, question=i.question, lang=i.lang, filters=filters, scope=None, followup="replace", kind=kind)


def _other_size(t: _Turn):
    """"And which have exactly four?" / 「4つのものは？」 after "which proposals list only two target fields?": the
    same count of the same key's values, another number (a digit or a number word)."""
    i, prev = t.i, t.prev
    if len(prev.sizes) != 1 or i.sizes or i.asked or i.filters or i.regions or i.excluded or i.excluded_regions \
            or i.unknown or len(i.numbers) > 1:  # (one number may be the count read as a proposal's: "four")
        return None
    numerals = t.w.lists["numerals"]
    said = [int(m.group()) for m in re.finditer(r"(?<![#\d])\d{1,2}(?!\d)", t.norm)]
    said += [k for k, w in enumerate(numerals.en, start=1) if re.search(rf"(?<![a-z]){w}(?![a-z])", t.norm)]
    said += [k for k, w in enumerate(numerals.ja, start=1) if re.search(rf"{w}(?:つ|個|件)", t.norm)]
    text, ops = t.norm, []
    for side in ("before", "after"):  # "And more than six?" / 「6つ以上は？」: the comparison said anew
        for op, phrases in t.w.sizes.get(side, {}).items():
            if phrases.pattern is not None and phrases.search(text):
                ops.append(op)
                text = phrases.blank(text, " ")
    leftover = residual_content(_strip_words(re.sub(r"\d+|[一二三四五六七八九十]", " ", text), t.knowledge))
    if len(set(said)) != 1 or len(set(ops)) > 1 or any(w not in numerals.en for w in leftover.split()):
        return None
    key, op, _ = prev.sizes[0]
    return replace(prev, question=i.question, lang=i.lang, sizes=((key, ops[0] if ops else op, said[0]),), numbers=(),
                   scope=None, followup="replace")


def _restates(content: str, prev: Intent, words) -> bool:
    """"Which of them has not signed the MOU yet?" after MOUs, 「覚書がまだ結ばれていないのは？」 after 覚書: the
    topic words are the previous topic's, said again (a Japanese word inside it counts)."""
    said = f"{prev.content} {prev.topic}".lower()
    filler = words.lists.get("status_filler")
    known = set(said.split()) | (set(filler.en) if filler is not None else set())
    return all(w in known or (not w.isascii() and w in said) for w in content.lower().split())


def _next_rank(t: _Turn):
    """"and second?" / 「２番目は？」 after "which … has the most": the next rank of the same breakdown."""
    ordinal = t.i.rank if t.i.rank > 1 else _ordinal(t.norm)  # (a rank read with its most / least word)
    if ordinal and t.prev.kind == "breakdown" and t.prev.extreme in ("most", "least") and not (
            t.i.filters or t.i.regions or _ORDINAL.sub(" ", t.i.content).strip()
            or (t.i.asked and t.i.asked != t.prev.asked)):  # "and the organisation with the second most?"
        return replace(t.prev, question=t.i.question, lang=t.i.lang, rank=ordinal, followup="replace")
    return None


def _compare_with_it(t: _Turn):
    """「16番と比べると？」 / "how does #16 compare?" after an answer about one proposal: the two side by side."""
    i = t.i
    if len(i.numbers) == 1 and len(t.scope) == 1 and t.w.lists["compare"].search(t.norm) \
            and not (i.filters or i.regions or i.excluded):
        return replace(i, kind="compare", subjects=t.scope, followup="subject")
    return None


def _excludes_previous(t: _Turn):
    """"Indonesia projects except Kitakyushu ones?" after the Kitakyushu projects, 「大阪市以外で…」 after Osaka's:
    excluding what the previous answer selected starts afresh (its proposals are not narrowed)."""
    prev = t.prev.filters
    if not any(v in prev.get(key, ()) for key, values in t.i.excluded.items() for v in values) \
            and not any(r in t.prev.regions for r in t.i.excluded_regions):  # "…not in Southeast Asia?"
        return None
    i = t.i
    if t.prev.scope is None:
        # "And the others, outside Indonesia?" after "And in Indonesia?" (of the hydrogen projects): the
        # previous question's other filters stay, the other way for the one excluded
        others = t.w.lists["others"].search(t.norm) or t.w.lists["rest_of"].search(t.norm)
        kept = {k: vs for k, vs in prev.items() if k not in i.excluded and k not in i.filters}
        if others and not kept and t.prev.kind == "check" and t.scope:
            # "Does it list energy efficiency?" of #15, then "Which other projects leave out energy
            # efficiency?": the checked proposal is set apart (the field was its question, no selection)
            kind = _others_kind(i)
            return replace(i, kind=kind, exclude_numbers=t.scope, followup="others", list=kind == "list")
        if not ((others or t.continues) and kept):  # "What about outside Indonesia?" keeps the field too
            return _FRESH
        kind = _others_kind(i)
        return replace(i, kind=kind, filters={**kept, **i.filters}, followup="refine", list=kind == "list")
    # 「ベトナム以外のは？」 after 「その中でベトナムのは？」 (among the hydrogen projects): the same earlier
    # proposals, the other way
    filters = {k: tuple(v for v in vs if v not in i.excluded.get(k, ())) for k, vs in {**prev, **i.filters}.items()}
    kind = _others_kind(i)
    return replace(i, kind=kind, filters={k: vs for k, vs in filters.items() if vs}, scope=t.prev.scope,
                   followup="refine", list=kind == "list")


def _check_it(t: _Turn):
    """"does it cover energy saving?" / 「それは水素も対象？」 after one to three proposals: yes or no for each."""
    i = t.i
    if 1 <= len(t.scope) <= CHECK_MAX and not (i.numbers or i.asked or i.regions or i.excluded) \
            and (i.content or i.filters) and asks_yes_no(t.norm, i.lang, t.w) \
            and (t.refers or (len(t.scope) == 1 and not t.w.grammar[i.lang].get("marks_number", True)
                              and i.filters and set(i.filters) <= {"fields"} and not i.content and not i.unknown
                              and not t.w.lists["projects"].search(t.norm))) \
            and not t.w.lists["others"].search(t.norm):  # "are there other proposals … like it?" asks the others
        # (Japanese drops "it": 「再生可能エネルギーは対象分野に入っていますか？」 after one proposal asks of it)
        return replace(i, kind="check", subjects=t.scope, followup="subject")
    return None


def _what_of_it(t: _Turn):
    """「どんな調査をするの？」, 「具体的な活動内容は？」 after one proposal: Japanese drops "it"; what it says is asked,
    among it alone."""
    i, what, record = t.i, t.w.lists.get("asks_what"), t.w.lists.get("record_asks")
    if len(t.scope) == 1 and i.content and not (t.names_something or i.asked) and what is not None \
            and not t.knowledge.words.grammar[i.lang].get("marks_number", True) \
            and (what.search(t.norm) or (record is not None and record.search(t.norm))) \
            and not t.w.lists["others"].search(t.norm):
        return replace(i, kind="ranked", scope=t.scope, followup="refine")
    return None


def _other_place_of_it(t: _Turn):
    """"Which other Japanese city is on that one?", "Besides Ho Chi Minh City, which other city's carbon neutrality
    does it promote?" after one proposal: its city beyond the one the list gives (the answer quotes the sentence that
    names more), not the other proposals. Only the proposal's own city may be named (as the one besides)."""
    i, w = t.i, t.w
    if len(t.scope) != 1 or i.numbers or i.filters or i.regions or i.excluded_regions or i.unknown \
            or not w.lists["singular_refer"].search(_blank_attributes(t.norm, t.knowledge)) or not t.says_others():
        return None
    key = w.other_key(t.norm)  # the city word right after "other" ("which other city's …")
    if key not in CITY_KEYS or set(i.excluded) - {key}:
        return None
    return replace(i, kind="attribute", asked=key, subjects=t.scope, content="", topic="", list=False,
                   followup="subject")


def _just_it(t: _Turn):
    """"What else does that project look at?" / 「その事業について詳しく」 / 「概要は？」 after one proposal, asking
    nothing more: that proposal's record."""
    i = t.i
    record = t.w.lists.get("record_asks")
    asks_record = record is not None and record.search(t.norm) is not None
    bare = not t.knowledge.words.grammar[i.lang].get("marks_number", True) and asks_record
    # (「概要は？」, 「具体的な活動内容は？」: Japanese drops "its")
    each = asks_record and t.w.lists["each"].search(t.norm) is not None and len(t.scope) >= 2
    # (「それぞれ何をするものですか？」 after #11 and #15: each record; after Vietnam's six, each of the six)
    if (((bare or t.w.lists["singular_refer"].search(t.norm)) and len(t.scope) == 1) or each) \
            and not t.w.lists["compare"].search(t.norm) and not (i.asked or i.filters or i.excluded or i.regions or i.numbers
                                               or i.content or i.unknown or i.extreme):
        return replace(i, kind="lookup", subjects=t.scope, followup="subject")
    return None


def _whole_question(t: _Turn):
    """"similar to #8", "compare #2 and #4", "Is #5 a Nippon Koei proposal?" are whole questions."""
    return _FRESH if t.i.numbers and (t.w.lists["similar"].search(t.norm) or t.w.lists["compare"].search(t.norm)
                                      or reads_check(Reading(t.norm, t.i, t.w))) else None


def _the_other_one(t: _Turn):
    """"and the other one?" / 「もう一方は？」 after "which one has wind power?" among two: the proposal of the
    previous answer's scope that it did not select."""
    i, prev = t.i, t.prev
    words = t.w.lists.get("other_one")
    if words is None or not words.search(t.norm) or i.numbers or i.filters or i.regions:
        return None
    if prev.per_proposal and len(t.scope) == 2:  # "Which of them has more target fields?" shows both, the
        others = t.scope[1:]  # one with more first: the other is the second
    elif prev.scope is None:
        return None
    else:
        others = tuple(k for k in prev.scope if k not in t.scope)
    if len(others) != 1:
        return None
    return replace(i, kind="attribute" if i.asked else "lookup", content="", topic="", scope=prev.scope,
                   subjects=others, followup="subject")


def _others_kind(i: Intent) -> str:
    """What a follow-up that turns to other proposals than the last answer's (the rest, the other way of an
    exclusion) asks of them: an attribute, a topic among them, or the list of them."""
    return "attribute" if i.asked else "ranked" if i.content else "list"


_EMPHATIC_DO = re.compile(r"\bdo (?!not\b)[a-z]+")


def _rest_of_refined(t: _Turn):
    """"who proposed the others?" / 「残りは？」 after a refine or "the first one": the ones it left out.
    Without a refine, "the rest" is every other proposal ("And the rest - where are they?" after
    Southeast Asia), or, after two conditions, the other projects of the one that names an actor
    ("And the rest of their projects?" after "Nippon Koei projects in Viet Nam")."""
    i, prev = t.i, t.prev
    rest_of = t.w.lists["rest_of"].search(t.norm)
    if not rest_of or i.numbers:
        return None
    if _EMPHATIC_DO.search(rest_of.group()) and not (prev.excluded or prev.excluded_regions or prev.negated):
        return None  # "So how many do include it?" is the other way only after "which do NOT include it?"
    if (i.excluded or i.excluded_regions) and _VERB_NOT.search(rest_of.group()):
        return None  # "Of those, which ones do not include waste management?": its own condition, negated
    remains = t.w.lists.get("what_remains")
    if (prev.excluded or prev.excluded_regions) and prev.scope is not None and remains is not None \
            and remains.search(rest_of.group()):
        return None  # "Which of those are not in Vietnam?" then "Of the remaining ones, …": what that answer kept
    rest = t.w.lists["rest_words"].pattern
    i = replace(i, content=" ".join(rest.sub(" ", f" {i.content} ").split()))  # "rest" is no topic
    if (i.filters or i.regions) and t.scope:
        # "And the rest of the Vietnam projects: who proposed those?": the named ones the answer left out
        kind = _others_kind(i)
        among = prev.scope if prev.followup == "refine" and (prev.excluded or prev.excluded_regions) else None
        # ("among the others" after "which of those don't include X?": the others of those)
        return replace(i, kind=kind, exclude_numbers=t.scope, followup="others", list=kind == "list", scope=among)
    if i.filters or i.regions:
        return None
    if prev.scope is not None:
        others = tuple(k for k in prev.scope if k not in t.scope)
        if others:
            kind = _others_kind(i)
            return replace(i, kind=kind, scope=others, subjects=others if i.asked else (), followup="subject",
                           list=kind == "list")
        # 「何件？」 then 「それ以外の国の案件は？」: the previous answer counted its scope whole; the rest is
        # every other proposal
    if (prev.excluded or prev.excluded_regions) and (prev.filters or prev.regions) and t.scope:
        # "Vietnam projects without digital technology" then "And the ones that do?" / 「逆に入っているのは？」: the
        # rest of the Vietnam ones
        kind = _others_kind(i)
        return replace(i, kind=kind, filters=prev.filters, regions=prev.regions, years=prev.years,
                       exclude_numbers=t.scope, followup="others", list=kind == "list")
    if not t.scope or prev.kind not in ("list", "region", "count", "ranked"):
        return None
    actors = {k: v for k, v in prev.filters.items() if k in ("proposer", "domestic_city")}
    keep = actors if actors and (len(prev.filters) > len(actors) or prev.regions) else {}
    owner = t.w.lists.get("possessive_refer")
    if keep and prev.followup == "replace" and owner is not None and not owner.search(t.norm):
        # 「インドネシアの案件」, 「日本工営のはどれ？」, then 「残りの案件の提案者は？」: the rest of the list the
        # narrowing started from, without what the narrowing question named (「日本エヌ・ユー・エスの提案」,
        # 「インドネシア向けはどれ？」, 「それ以外は？」: Japan NUS's others); "the rest of their projects" is the actor's
        said = {f.name.key for f in find_names(normalize(prev.question), t.knowledge.names)[0]
                if f.name.kind == "filter"}
        keep = {k: v for k, v in prev.filters.items() if k not in said} or \
            {k: v for k, v in prev.filters.items() if k not in actors}
    # 「それ以外に汚泥を扱っている事業は？」: a topic among the others; "And where are the rest?": their values
    if i.asked and not i.content:
        return replace(i, kind="breakdown", filters=keep, exclude_numbers=t.scope, years=prev.years,
                       followup="others", list=False)
    kind = "ranked" if i.content else "count" if t.w.lists["count"].search(t.norm) else "list"
    return replace(i, kind=kind, filters=keep, exclude_numbers=t.scope, years=prev.years, followup="others",
                   list=kind == "list", asked=None)


def _else_of_value(t: _Turn):
    """"what else does that city do?" after "which Japanese city…": that value's other projects."""
    i, prev = t.i, t.prev
    if prev.kind == "attribute" and prev.asked not in (None, "title") and t.scope and t.w.lists["others"].search(t.norm) \
            and t.refers and not i.numbers and i.asked in (None, prev.asked) \
            and (i.asked or not (i.filters or i.regions)) \
            and not t.w.lists["similar"].search(t.norm) \
            and not (i.content and other_projects(t.norm, t.w)
                     and not any(words.search(t.norm) for words in t.w.that_key.values())):
        # (「この案件と同じように、脱炭素ドミノを掲げている事業はほかに」: other projects with that topic, not the value's;
        # a place narrows them when the key is said again: "Did they propose anything else in Thailand?")
        more = tuple(k for k in _same_keys(t.norm, t.knowledge) if k != prev.asked)  # (「同じ提案者で、同じ国の」)
        return _same_as(i, (prev.asked, *more) if more else prev.asked, t.scope, t.scope)
    return None


def _that_keys(t: _Turn) -> list[str]:
    """The keys the question points back at by a phrase ("that company", "the same country": question_words
    that_key) and names no value of."""
    return [k for k, words in t.w.that_key.items() if words.search(t.norm) and k not in t.i.filters]


def _else_of_that(t: _Turn):
    """"What else is that company working on?" after a proposal: the other projects with its value of the
    key the phrase names (that company -> proposer, that prefecture -> Japanese city, that country)."""
    i = t.i
    if not (t.scope and t.w.lists["others"].search(t.norm)) or i.numbers:
        return None  # a place or field narrows them: "which other Vietnam proposals did that company submit?"
    keys = _that_keys(t)
    if not keys:
        return None
    keys += [k for k in _same_keys(t.norm, t.knowledge) if k not in keys and k not in i.filters]  # (「同じ提案者で、
    # 同じ国を対象にしている提案は」: each key shared)
    return replace(_same_as(i, tuple(keys) if len(keys) > 1 else keys[0], t.prev.subjects[:1] or t.scope[:1],
                            t.scope), list=True)


def _that_value_with_names(t: _Turn):
    """"Does the same company have projects in Indonesia?" after #8 and its proposer: the proposals with that
    value of the key the phrase names (question_words that_key), narrowed by the names the question adds."""
    i = t.i
    if not (t.scope and (i.filters or i.regions)) or i.numbers or (len(t.scope) != 1 and not t.prev.subjects):
        return None
    keys = _that_keys(t)
    if len(keys) != 1 or i.asked not in (None, keys[0]):
        return None
    return replace(_same_as(i, keys[0], t.prev.subjects[:1] or t.scope[:1], ()), list=True)


def _direction(t: _Turn):
    """「では南部は？」 / "and the south?" after northern Vietnam: the same country's other part."""
    i, prev = t.i, t.prev
    if t.names_something or not prev.regions or not (t.continues or len(t.norm) <= 20):
        return None
    words = t.w.lists["directions"]
    asked = words.search(t.norm)
    if not asked:
        return None
    for region in prev.regions:
        for label in (normalize(region.ja), normalize(region.en)):
            old = words.search(label)
            if old:
                wanted = label[:old.start()] + _direction_form(asked.group(), old.group()) + label[old.end():]
                found, _ = find_names(wanted, t.knowledge.names)
                regions = tuple(f.name.region for f in found if f.name.kind == "region")
                if regions:
                    return replace(prev, question=i.question, lang=i.lang, regions=regions[:1], followup="replace")
    return None


def _direction_form(new: str, old: str) -> str:
    """"south" in the form of "northern" -> "southern" (and 南部 stays 南部)."""
    if old.endswith("ern") and not new.endswith(("ern", "al")):
        return new + "ern"
    return new


def _similar_to_it(t: _Turn):
    """"Anything similar to it?": like the previous answer's (first) proposal."""
    i = t.i
    if t.w.lists["similar"].search(t.norm) and not (i.numbers or i.filters or i.regions or i.asked) and t.scope \
            and (t.refers or len(t.scope) == 1) and not t.w.lists["compare"].search(t.norm) \
            and not (i.content and t.w.lists["others"].search(t.norm)):  # "other proposals with EV activities
        return replace(i, kind="similar", subjects=t.scope[:1], followup="subject")  # like it?": the topic
    return None


def _nth_one(t: _Turn):
    """"the second one" / 「2つ目の方」 / 後者: one proposal of the previous answer, in its order."""
    nth = _nth_reference(t.norm, len(t.scope))
    if nth is None or t.i.numbers or t.i.filters or t.i.regions:
        return None
    subject = (t.scope[nth],)  # the scope stays the whole answer: "the rest" after it is the others
    kind = "attribute" if t.i.asked else "lookup"
    return replace(t.i, kind=kind, scope=t.scope, subjects=subject, followup="subject")


def _compare_them(t: _Turn):
    """"compare them" / 「この2件を比較して」: the previous answer's proposals side by side."""
    i = t.i
    if t.w.lists["compare"].search(t.norm) and 2 <= len(t.scope) <= COMPARE_MAX and not (i.filters or i.regions or i.asked) \
            and (t.refers or not i.content):
        return replace(i, kind="compare", subjects=t.scope, followup="subject")
    return None


def _about_them(t: _Turn):
    """"who proposed it?" / 「対象都市は？」 / "projects in the same country" / "and by Japanese city?" after a
    tally: an attribute asked of the previous answer, with no names of its own."""
    i, w, norm, scope = t.i, t.w, t.norm, t.scope
    strong = bool(i.extreme or w.lists["per"].search(norm) or w.lists["count"].search(norm))
    # 「チリの案件」 then 「対象分野いくつ」, "How many target fields?": how many that proposal has (counted as
    # the key's values, not the corpus's)
    counts_its = strong and not (i.extreme or w.lists["per"].search(norm)) and i.asked in MANY_VALUED \
        and len(scope) == 1
    also = w.lists.get("also_asks") is not None and bool(w.lists["also_asks"].search(norm))  # 「対象国の内訳も
    # 教えてください」 after Japan NUS's four: of those too
    each = w.lists["each"].search(norm) is not None and t.continues  # "and the Japanese partner for each?" after
    # a list: of each of those
    if not (scope and i.asked and not (i.numbers or i.filters or i.excluded or i.regions or i.excluded_regions or i.content
                                       or i.unknown)
            and (t.refers or also or counts_its or each
                 or not strong)):  # ("which Japanese cities are involved?" after Palau's two: of those two)
        return None
    if counts_its:
        return replace(i, kind="attribute", scope=scope, followup="subject", subjects=scope)
    same_words = w.lists["same"].search(norm) or w.lists["others"].search(norm)
    if w.lists["same"].search(norm) and not w.lists["others"].search(norm) and len(scope) >= 2 \
            and w.lists["both"].search(norm) and asks_yes_no(w.lists["both"].blank(norm, " "), i.lang, w):
        return replace(i, kind="attribute", scope=scope, followup="subject", subjects=scope)  # 「どちらも同じ会社の
        # 提案ですか？」 after two: whether they share it, so each one's value (not the others sharing it)
    if (same_words or (w.lists["list"].search(norm) and _asks_for_projects(norm, _asked_key(norm, t.knowledge)[1],
                                                                 i.lang, t.knowledge))) \
            and not w.lists["per"].search(norm) and _lists_projects(norm, t.knowledge):
        # "projects in the same country", "list the projects of that proposer"; not
        # 「その案件の対象都市は？」, whose head noun is the attribute
        said = _same_keys(norm, t.knowledge)
        keys = list(dict.fromkeys([i.asked, *(k for k in (*i.also, *said) if k in said)]))
        # (「国内都市も提案者も同じ」, "the same city and proposer": each key said the same is shared)
        anchored = w.lists["same"].search(norm) and w.lists.get("same_as") is not None \
            and w.lists["same_as"].search(norm)  # 「その案件と同じ国の案件は？」: projects like it, so not it
        return _same_as(i, keys[0] if len(keys) == 1 else tuple(keys), scope,
                        scope if w.lists["others"].search(norm) or anchored else ())
    kind = "breakdown" if strong else "attribute"
    if kind == "attribute" and not t.refers and t.prev.kind == "breakdown" and not t.prev.per_proposal:
        # "and by Japanese city?" after a tally: the same tally by another key, over the same proposals (after
        # "which proposal has the fewest fields?", 「提案者は？」 is asked of the one it named)
        p = t.prev
        return replace(i, kind="breakdown", scope=p.scope, filters=p.filters, excluded=p.excluded,
                       regions=p.regions, years=p.years, followup="replace", list=False)
    if kind == "attribute" and t.singular:
        scope = scope[:1]
    return replace(i, kind=kind, scope=scope, followup="subject", subjects=() if kind == "breakdown" else scope)


def _it_with_a_name(t: _Turn):
    """"Which Indonesian city is it partnered with?" after one proposal: "it" is that proposal, and the
    name only describes the value asked (no "the … project" names another one)."""
    i = t.i
    it = t.w.lists["singular_refer"]
    rest = _without_each(t.norm, it) if it.search(t.norm) else None
    if len(t.scope) == 1 and i.asked and (i.filters or i.regions) and not i.numbers and rest is not None \
            and not t.w.lists["projects"].search(rest) and not t.w.lists["project_noun"].search(rest) \
            and not _THE_NAMED_ONE.search(rest):  # ("And the Hanoi one - is it from the same proposer?")
        # ("Who is behind the Yokohama–Bangkok proposal, and which fields does it list?": that proposal; "this
        # project", 「その事業」 is the one just shown)
        return replace(i, kind="attribute", filters={}, regions=(), scope=t.scope, subjects=t.scope,
                       followup="subject")
    return None


def _without_each(text: str, words: WordList) -> str:
    """The text with every phrase of `words` blanked, the longest first ("this project" before "is this")."""
    for w in sorted((*words.en, *words.ja), key=len, reverse=True):
        text = re.sub(rf"(?<![a-z0-9]){re.escape(w)}(?![a-z0-9])" if w.isascii() else re.escape(w), " ", text)
    return text


def _names_its_subject(t: _Turn):
    """"Where is the Gorontalo project and who runs it?": "it" is the project the question names; but "The one
    in Indonesia — which Japanese city is it paired with?" after two picks the one of them the name selects."""
    the_one = _names_the_one(t.norm, t.w)
    fresh_list = the_one and len(t.scope) > 1 and (t.prev.scope is None or not any(
        t.prev.filters.get(k) for k in t.i.filters) or set(t.scope) == set(t.prev.scope))
    # ("For the Thai one, when was the MOU signed?" after a search: one of its proposals; after a list narrowed by the same key, "the Thai one" may be of the list before; after
    # 「そのうち愛媛県のものは？」, 「インドネシアの方では…」 picks one of the two; so does "the Vietnamese one" after
    # "Which involve Ehime, and are any of them in Vietnam?", whose answer shows that list before again)
    if the_one and any(v in t.prev.excluded.get(k, ()) for k, vs in t.i.filters.items() for v in vs):
        return _FRESH  # "And the Osaka one in Vietnam?" after Osaka's projects not in Vietnam: the one set apart
    if the_one and len(t.scope) == 1 and t.prev.scope is not None and len(t.prev.scope) > 1 \
            and t.prev.followup in ("subject", "refine") and (t.i.filters or t.i.regions) \
            and not (t.i.numbers or _PLURAL_REFER.search(t.norm)):
        # "And what does the Bali one plan to do?" after "Who proposed the Chile one?" (one of two): the one named
        # of the list that one was picked from
        return _refine(t.norm, t.i, t.prev, t.prev.scope, t.knowledge) or _FRESH
    if not ((t.i.asked or fresh_list) and (t.i.filters or t.i.regions) and not _PLURAL_REFER.search(t.norm)):
        return None
    if t.scope and any(m.start() == 0 or not _KANJI.match(t.norm[m.start() - 1])
                       for m in t.w.lists["others"].finditer(t.norm)):
        return None  # 「タイのもう一件のproposerは？」 after #5: the other one the name selects (_others_named);
        # (「分野別の件数」 holds 別の as a suffix: no "other")
    if len(t.scope) > 1 and the_one:  # ("Who proposed the Palau one?", "Who's proposing the one in Thailand?")
        return _refine(t.norm, t.i, t.prev, t.scope, t.knowledge) or _FRESH
    return _FRESH


def _others_named(t: _Turn):
    """「同じパラオのもう1件は」, "other projects in Palau", "any others involving EVs?" after EV buses: the
    named ones, without the previous."""
    i = t.i
    like = t.w.lists.get("like_marks")
    if i.excluded and t.says_others() and like is not None and like.search(t.norm):
        return _FRESH  # 「ハノイ市の事業と同じく…ほかに」: others than the proposal held up as the model (set apart)
    if t.scope and t.says_others() and not i.numbers and (i.filters or i.regions or i.excluded or i.excluded_regions or (
            i.content and not i.asked and (not t.w.lists["singular_refer"].search(t.norm)
                                           or other_projects(t.norm, t.w)))):  # not "what else does that
        # project study?", but "other proposals with EV activities like it?"
        said = _same_keys(t.norm, t.knowledge) if t.w.lists["same"].search(t.norm) else []
        if said and len(t.scope) == 1 and not i.asked and not any(k in i.filters for k in said):
            # 「同じ国で水素技術を扱う他の事業は？」 after Hanoi's: the others sharing its country, with the field
            return replace(_same_as(i, said[0] if len(said) == 1 else tuple(said), t.scope, t.scope),
                           filters=i.filters, kind="list")
        kind = _kind(t.norm, i, t.knowledge)
        return replace(i, kind=kind, exclude_numbers=t.scope, followup="others", list=kind == "list")
    return None


_BRACKETED = re.compile(r"\s*[(（]([^()（）]*)[)）]")


def _without_field_examples(found, rest: str, words) -> str:
    """「インドネシアで交通分野（EVなど）を扱う案件」, "transport (e.g. EV buses) projects": a bracket of examples
    (question_words field_examples) right after a target field is the field's, which already asks for them."""
    examples, nouns = words.lists.get("field_examples"), words.lists.get("field_nouns")
    if examples is None or examples.pattern is None:
        return rest
    for f in found:
        if f.name.kind != "filter" or f.name.key != "fields":
            continue
        at = f.end + len(rest[f.end:]) - len(rest[f.end:].lstrip())
        noun = nouns.pattern.match(rest, at) if nouns is not None and nouns.pattern is not None else None
        m = _BRACKETED.match(rest, noun.end() if noun else at)
        if m and examples.search(m.group(1)):
            rest = rest[:m.start()] + " " * (m.end() - m.start()) + rest[m.end():]
    return rest


def other_projects(norm: str, w) -> bool:
    """"other proposals", "any other project": the others asked for by name."""
    others, projects = w.lists["others"], w.lists.get("projects")
    if others.pattern is None or projects is None or projects.pattern is None:
        return False
    def noun_ends(text: str) -> bool:  # (Japanese puts the noun first: 「…を掲げている事業はほかにありますか」)
        return any(x.end() == len(text) for x in projects.pattern.finditer(text))

    one = w.lists.get("project_noun")  # ("any other project like the Dong Nai one")
    singular = one.pattern if one is not None and one.pattern is not None else None
    return any(projects.pattern.match(after := norm[m.end():].lstrip())
               or (singular is not None and singular.match(after))
               or noun_ends(norm[:m.start()].rstrip(" はがも")) for m in others.pattern.finditer(norm))


def _restates_filters(t: _Turn):
    """"And which Vietnamese ones don't include digital technology?" after "Which of the Vietnam ones list
    hydrogen?": a question that names again only what the previous one already filtered on, with a condition
    of its own and no "of those", asks afresh over those names (not over the previous answer)."""
    i, prev = t.i, t.prev
    total = t.w.lists.get("in_total")
    if i.filters and not (i.numbers or i.excluded or i.content) and total is not None and total.search(t.norm) \
            and not _EXPLICIT_REFER.search(t.norm):
        return _FRESH  # 「じゃあインドネシアの案件は全部で何件？」 after the Indonesian ones without waste: all of them
    if not (i.filters and t.scope) or i.numbers or _EXPLICIT_REFER.search(t.norm) \
            or not all(set(vs) <= set(prev.filters.get(k, ())) for k, vs in i.filters.items()):
        return None
    return _FRESH if (i.excluded or i.content or i.asked) and i.filters != prev.filters else None


_PROJECTS_HEAD = re.compile(r"\bwhich\s+(?:ones|proposals|projects)\b")
_VERB_NOT = re.compile(r"\bnot\b|n't|ない|ません")  # "which ones do not", 「入っていない」 (not 「それ以外」)
_ALSO = re.compile(r"\b(?:also|too|as well|both)\b")
_THE_NAMED_ONE = re.compile(r"\bthe\s+[a-z][\w\-–]*(?:\s+[a-z][\w\-–]*)?\s+one\b")  # "the Hanoi one"


def _names_the_one(text: str, words) -> bool:
    """"the one in Thailand" (question_words the_one_in) or "the Hanoi one": one proposal, named by a value."""
    the_one_in = words.lists.get("the_one_in")
    return bool((the_one_in is not None and the_one_in.search(text)) or _THE_NAMED_ONE.search(text))
_ONE_OF = re.compile(r"\bwhich one\b|\bwhich of the\b|どちら|どっち")
_EXPLICIT_REFER = re.compile(r"\b(?:them|those|these|they|their)\b|そのうち|その中|それら|これら|上記")


def _refine_them(t: _Turn):
    """"which of them…" / 「そのうち…」: the previous answer's proposals, narrowed."""
    if t.continues and t.i.excluded and not _EXPLICIT_REFER.search(t.norm):
        return None  # "What about ones without renewable energy?": the same question, the other field
    if t.continues and t.i.content and t.prev.content and t.i.lang == "en" and not (t.i.filters or t.i.asked) \
            and _PROJECTS_HEAD.search(t.norm) and not (_EXPLICIT_REFER.search(t.norm) or _ALSO.search(t.norm)):
        return _FRESH  # "Which mention a 2050 target?" then "And which ones mention net zero?": a topic of its own
    if t.refers and t.continues and t.prev.followup == "refine" and t.prev.scope and len(t.scope) == 1 \
            and len(t.prev.scope) > 1 and _ONE_OF.search(t.norm) and not _EXPLICIT_REFER.search(t.norm):
        # "Of the two, which one lists transport?" then "And which one plans a wind study?": one more pick from
        # the same two (the one just picked is no list to pick from)
        return _refine(t.norm, t.i, t.prev, t.prev.scope, t.knowledge) or _FRESH
    if t.refers and t.i.extreme and not _EXPLICIT_REFER.search(t.norm) \
            and any(len(vs) >= 2 and k not in MANY_VALUED for k, vs in t.i.filters.items()):
        return _FRESH  # 「大阪市と北九州市、どちらの提案が多いですか？」 after #12: the named values compared, not a pick
        # from the answer before ("どちら" refers to the two it names)
    if t.refers and t.scope and t.i.filters and not _EXPLICIT_REFER.search(t.norm) and any(
            k in t.prev.filters and not set(vs) & set(t.prev.filters[k]) for k, vs in t.i.filters.items()):
        return _FRESH  # "which proposal targets India, and which one targets Malaysia?": the same question of
        # another value ("which one" picks nothing from the India list), unless "of those" says so
    if t.refers and len(t.scope) == 1 and t.i.content and not t.i.filters and _ONE_OF.search(t.norm) \
            and not (_EXPLICIT_REFER.search(t.norm) or t.w.lists["singular_refer"].search(t.norm)):
        return _FRESH  # "Which proposal deals with palm oil waste?" then "And which one mentions medical waste?":
        # "which one" picks nothing from a list of one; the topic is asked of all
    owners = t.w.lists.get("owners_all")
    if t.refers and t.scope and not t.i.numbers and owners is not None and owners.search(t.norm) \
            and t.prev.followup == "refine" and t.prev.scope and set(t.prev.scope) != set(t.scope):
        # "Which company submitted the most?", "How many of them are in Vietnam?", "Any of theirs outside Asia?":
        # the company's, not the Vietnamese ones
        return _refine(t.norm, t.i, t.prev, t.prev.scope, t.knowledge) or _FRESH
    if t.refers and t.scope and not t.i.numbers:
        return _refine(t.norm, t.i, t.prev, t.scope, t.knowledge) or _FRESH
    return None


def _only_excludes(t: _Turn):
    """「日本工営(株)以外が提案しているのはどれ？」 after Osaka City's three: a question whose only condition is an
    exclusion narrows the list just given (a corpus minus one name is seldom what is asked mid-conversation)."""
    i, prev = t.i, t.prev
    if any(v in prev.filters.get(k, ()) for k, vs in i.excluded.items() for v in vs) \
            or any(r in prev.regions for r in i.excluded_regions):
        return None  # 「じゃあ東南アジア以外は？」 after Southeast Asia's: the other way, not narrower
    if i.excluded and not (i.filters or i.regions or i.numbers or i.content) \
            and not t.continues and len(t.scope) >= 2 and prev.kind in ("list", "count", "ranked", "region"):
        # (「浦添市じゃない方の提案者は？」 after the two Palau proposals: the other one's proposer; a world region
        # set apart, "How many proposals are outside Southeast Asia?", asks of the whole list)
        return _refine(t.norm, i, prev, t.scope, t.knowledge)
    return None


def _how_many_there(t: _Turn):
    """"how many are there?": the previous answer counted."""
    i = t.i
    if t.scope and t.w.lists["count"].search(t.norm) and not t.names_something and not i.content and not i.asked:
        return replace(i, kind="count", scope=t.scope, followup="refine")
    return None


def _each_counted(t: _Turn):
    """"How many does each have?", 「それぞれ何件？」 after the values with the most (a tally): each value's count, the
    same tally shown whole (those values first), so "and the fewest?" after it is still of every proposal."""
    i = t.i
    if t.prev.kind == "breakdown" and t.prev.asked and t.prev.extreme and t.w.lists["count"].search(t.norm) \
            and t.w.lists["each"].search(t.norm) and not (t.names_something or i.content or i.asked):
        return replace(t.prev, question=i.question, lang=i.lang, extreme=None, rank=None, followup="replace")
    return None


def _other_extreme(t: _Turn):
    """"and the fewest?" after "which country has the most?"; "which of them have more than one?" after a tally."""
    i = t.i
    if t.prev.kind == "breakdown" and i.extreme and not (t.names_something or i.content) \
            and i.asked in (None, t.prev.asked):  # 「逆に、対象分野がいちばん少ないのは？」 names the key again
        return replace(t.prev, question=i.question, lang=i.lang, extreme=i.extreme, rank=i.rank, followup="replace")
    return None


def _same_for_number(t: _Turn):
    """「じゃあ11番は？」 after similar projects of #8 (or a comparison): the same question for the new numbers."""
    i = t.i
    if t.continues and t.prev.kind in ("similar", "compare") and i.numbers \
            and not (i.filters or i.regions or i.content) and (t.prev.kind == "similar" or len(i.numbers) >= 2):
        return replace(i, kind=t.prev.kind, followup="replace")
    return None


_PUNCTUATION = re.compile(r"[\s?？、,.。!！()（）/／]")


def _names_outside_phrases(text: str, knowledge: Knowledge) -> tuple[list[Found], str]:
    """find_names, where no name is read inside a phrase that says "the other projects" (question_words
    rest_of: 「その他の事業は？」 is the rest, not the "Other" target fields; 「その他」の事業 still names them);
    the phrase stays in the text returned."""
    rest_of = knowledge.words.lists.get("rest_of")
    shielded = rest_of.pattern.sub(lambda m: " " * len(m.group()), text) \
        if rest_of is not None and rest_of.pattern is not None else text
    found, named = find_names(shielded, knowledge.names)
    this = knowledge.words.lists.get("demonstratives")
    if this is not None and this.pattern is not None:
        # 「その2つの国内都市は？」, "those two cities": a number after a demonstrative counts the last answer's
        # proposals; it is no name ("2つの国内都市": a joint Japanese side)
        numerals = knowledge.words.lists["numerals"]
        back = [f for f in found if (f.name.text[:1].isdigit() or numerals.pattern.match(f.name.text))
                and any(m.end() == len(text[:f.start].rstrip()) for m in this.finditer(text[:f.start].rstrip()))]
        if back:
            found = [f for f in found if f not in back]
            named = "".join(text[k] if any(f.start <= k < f.end for f in back) else c for k, c in enumerate(named))
    if shielded == text:
        return found, named
    return found, "".join(n if s == o else o for o, s, n in zip(text, shielded, named))



def _only_names(norm: str, knowledge: Knowledge) -> bool:
    """"What about institutional capacity building?", 「制度構築支援は？」: names and the words that continue a
    question (question_words continue), nothing said of them."""
    found, rest = find_names(norm, knowledge.names)
    lists = knowledge.words.lists
    rest = lists["continue"].blank(rest)
    bare = lists.get("bare_words")
    if bare is not None:
        rest = bare.blank(rest)
    return bool(found) and not _PUNCTUATION.sub("", rest).strip()


def _replace_slot(t: _Turn):
    """"and in Thailand?" / 「タイは？」: the same question with this slot replaced."""
    i, prev, w, norm = t.i, t.prev, t.w, t.norm
    bare = t.names_something and not i.content and not i.asked and not w.lists["count"].search(norm) \
        and not w.lists["per"].search(norm) and not w.lists["compare"].search(norm) and len(norm) <= 40 \
        and not w.lists["projects"].search(norm) and not re.search(r"\b(?:which|what|list|show|all|any)\b", norm)
    if not (t.continues or (bare and not t.refers)):
        return None
    if prev.kind == "unrecorded" and w.lists["projects"].search(norm) and not w.find_unrecorded(norm):
        return _FRESH  # 「では、都道府県が国内自治体になっている案件は？」 after the results the list does not record:
        # the projects it names are asked, not the results again
    if i.content and prev.content and i.content != prev.content and prev.kind == "ranked" \
            and not _restates(i.content, prev, w):
        return None  # 「じゃあパーム油の廃棄物を使うのは？」 after cement: a topic of its own, no slot of the last one
    own_verb = w.lists.get("second_question_verbs")
    if i.content and not prev.content and own_verb is not None and own_verb.search(norm):
        return _FRESH  # "…title, and which global climate network does Quezon City belong to?": a question with
        # a topic and a verb of its own, not the title again
    if not t.names_something:
        return _FRESH
    filters = dict(prev.filters)
    # "Which proposals don't include energy efficiency?", "What about institutional capacity building?": the
    # slot the previous question set apart is set apart again, with the new value
    negated = {k: v for k, v in i.filters.items() if k in prev.excluded and k not in prev.filters} \
        if _only_names(norm, t.knowledge) else {}  # (not 「じゃあ交通インフラが入っているのは？」: it says its own)
    for k in i.filters:
        if k not in negated:
            filters[k] = i.filters[k]
    excluded = {k: v for k, v in prev.excluded.items() if k not in i.filters}
    excluded.update(negated)
    excluded.update(i.excluded)
    regions = i.regions or (prev.regions if not i.filters.keys() & {"country", "target_area"} else ())
    if i.regions:
        filters = {k: v for k, v in filters.items() if k not in ("country", "target_area")}
    kind = prev.kind if prev.kind not in ("none", "similar", "compare") else None
    if i.unknown and not (i.filters or i.regions or i.numbers) and kind is not None:
        kind = "none"  # 「じゃあ名古屋市の提案はある？」 after Sakai's: a place in no proposal, not Sakai's again
    if kind in ("breakdown", "attribute") and not i.asked and w.lists["list"].search(norm) \
            and _lists_projects(norm, t.knowledge):
        # 「じゃあ大阪市の事業を全部見せて」 after a breakdown: the projects themselves
        return replace(i, kind="list", list=True, filters=filters, excluded=excluded, regions=regions,
                       years=i.years or prev.years, followup="replace")
    if i.numbers and kind not in ("lookup", "attribute"):
        kind = "lookup"
    if kind is None:
        return _FRESH
    if kind == "lookup" and not i.numbers and i.filters and t.scope:
        # "how about CCU?" after the record of #11: whether it is in that field, yes or no; after the records
        # of more proposals than a check answers, which of them are
        if len(t.scope) <= CHECK_MAX:
            return replace(i, kind="check", subjects=t.scope, followup="subject")
        return replace(i, kind="list", scope=t.scope, followup="refine", list=True)
    return replace(prev, question=i.question, lang=i.lang, filters=filters, excluded=excluded, regions=regions,
                   numbers=i.numbers or (prev.numbers if not t.names_something else ()), unknown=i.unknown,
                   subjects=() if t.names_something else prev.subjects, years=i.years or prev.years,
                   kind=kind, followup="replace", all_of=i.all_of or prev.all_of,
                   asked=i.asked or prev.asked, extreme=i.extreme or prev.extreme)


def _other_values(t: _Turn) -> Intent | None:
    """「他の国の案件は？」, "what about other countries?" after the Vietnam projects: the projects with the
    other values of the key the previous question named (question_words other_kinds right before the key's word),
    however asked ("How many by other proposers?" after Nippon Koei's: a count), when it names nothing of its own."""
    i, prev = t.i, t.prev
    if i.filters or i.excluded or i.regions or i.numbers or i.content:
        return None
    key, at = _asked_key(t.norm, t.knowledge)
    if key is None or key not in prev.filters or key in MANY_VALUED:
        return None
    kinds = t.w.lists.get("other_kinds")  # (not 「もう一つの国内都市」, "the other city": the other one of a pair)
    if kinds is None or not any(t.norm[m.end():at].strip(" の") == "" and not t.norm[:m.start()].endswith("the ")
                                for m in kinds.finditer(t.norm) if m.end() <= at):
        return None
    filters = {k: v for k, v in prev.filters.items() if k != key}
    excluded = {**prev.excluded, key: prev.filters[key]}
    kind = "count" if t.w.lists["count"].search(t.norm) else "ranked" if prev.content else "list"
    return replace(prev, question=i.question, lang=i.lang, kind=kind, filters=filters, excluded=excluded,
                   asked=None, scope=None, subjects=(), numbers=(), exclude_numbers=(), followup="replace",
                   list=kind == "list")


_FOLLOW_UP_RULES = (_status_of_them, _widened, _other_size, _next_rank, _compare_with_it, _whole_question, _excludes_previous, _other_extreme, _each_counted, _the_other_one,
                    _rest_of_refined, _else_of_value, _else_of_that,
                    _similar_to_it, _nth_one, _compare_them, _other_place_of_it, _other_values, _about_them, _it_with_a_name,
                    _that_value_with_names, _names_its_subject,
                    _others_named,
                    _check_it, _what_of_it, _just_it, _restates_filters, _refine_them, _only_excludes,
                    _how_many_there, _same_for_number, _direction, _replace_slot)


def _blank_attributes(text: str, knowledge: Knowledge) -> str:
    """The text with attribute words blanked (same length), so 提案 is not found inside 提案者."""
    for words in knowledge.words.attribute.values():
        if words.pattern is not None:
            text = words.pattern.sub(lambda m: " " * len(m.group()), text)
    return text


_PLURAL_REFER = re.compile(r"\b(?:them|those|these|theirs|their|they|ones)\b|それら|そのうち|その中|これら|上記")
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
             "next": 2, "runner-up": 2, "runner up": 2, "二": 2, "三": 3, "四": 4, "五": 5, "次": 2, "次点": 2}
_ORDINAL = re.compile(r"\b(second|third|fourth|fifth|2nd|3rd|4th|5th|next|runner[- ]up)\b|([2-5二三四五])\s*番目"
                      r"|(次点)|(次)(?:は|に)")


_NTH = re.compile(r"\b(?:the\s+)?(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|last)\s+(?:one|project|proposal)\b"
                  r"|\bthe\s+(former|latter)\b|([1-5一二三四五])\s*つ目|(前者|後者)|(最初|最後)の(?:方|事業|案件|もの)")
_NTH_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
              "5th": 5, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "former": 1, "前者": 1, "最初": 1,
              "last": -1, "latter": -1, "後者": -1, "最後": -1}


def _nth_reference(norm: str, size: int) -> int | None:
    """The index into the previous answer named by "the second one", 「2つ目」, 後者 …, if it exists."""
    m = _NTH.search(norm)
    if not m or size < 1:
        return None
    word = next(g for g in m.groups() if g)
    n = int(word) if word.isdigit() else _NTH_WORDS[word]
    index = size - 1 if n == -1 else n - 1
    return index if 0 <= index < size else None


def _without_whole_list(norm: str, words) -> str:
    """「全18件のうち」, "of all 18 proposals": the whole list named by its size is no proposal number and no
    condition (question_words whole_list, {n} standing for the number)."""
    whole = words.lists.get("whole_list")
    return whole.counted.sub(" ", norm) if whole is not None and whole.counted is not None else norm


def _rank_of_extreme(norm: str, words) -> tuple[int, str]:
    """「対象分野が2番目に少ない提案」, "the second most target fields": the rank of a most or least (the ordinal
    right before the most / least word), and the question with the ordinal blanked (「2番目」 names no #2)."""
    places = words.lists.get("rank_places")
    for m in _ORDINAL.finditer(norm):
        after = norm[m.end():].lstrip(" に-")
        if any(words.lists[k].pattern is not None and words.lists[k].pattern.match(after) for k in ("most", "least")):
            return _ordinal(m.group()) or 1, norm[:m.start()] + " " * (m.end() - m.start()) + norm[m.end():]
        if places is not None and places.pattern is not None \
                and any(x.end() == len(norm[:m.start()].rstrip()) for x in places.pattern.finditer(norm[:m.start()])):
            # "Which country comes second?": the second by its number of proposals (a most of that rank)
            most = words.lists["most"].en[0] if words.lists["most"].en else ""
            return _ordinal(m.group()) or 1, f"{norm[:m.start()]} {most} {norm[m.end():]}"
    return 1, norm


def _ordinal(norm: str) -> int | None:
    m = _ORDINAL.search(norm)
    if not m:
        return None
    word = next(g for g in m.groups() if g)
    return int(word) if word.isdigit() else _ORDINALS[word]


def _lists_projects(norm: str, knowledge: Knowledge) -> bool:
    """Does the question ask for projects (not for a value)? "all projects", 「事業をすべて」."""
    return bool(knowledge.words.lists["projects"].search(_blank_attributes(norm, knowledge)))


def _same_as(i: Intent, key: str, ids: tuple[str, ...], exclude: tuple[str, ...]) -> Intent:
    """"other projects of the same country" / 「同じ国の他の事業」: the projects sharing `ids`' values of
    `key`, without `exclude`."""
    return replace(i, kind="list", followup="same", scope=None, same_as=(key, ids), exclude_numbers=exclude,
                   asked=None)


def _refine(norm: str, i: Intent, prev: Intent, scope: tuple[str, ...], knowledge: Knowledge) -> Intent | None:
    """"which of them…" / 「そのうち…」: the previous answer's proposals, narrowed."""
    w = knowledge.words
    if i.asked and not (i.filters or set(i.excluded) - ({i.asked} if len(scope) == 1 else set()) or i.regions
                            or i.excluded_regions):
        # "its fields besides X": the values of the one just shown, some set apart
        kind = "breakdown" if (i.extreme or w.lists["per"].search(norm) or w.lists["count"].search(norm)) else "attribute"
        return replace(i, kind=kind, scope=scope, followup="subject", subjects=() if kind == "breakdown" else scope)
    if i.asked and i.asked in i.excluded and i.asked not in i.filters and w.lists["count"].search(norm):
        kind = "breakdown"  # "How many countries other than Indonesia?" after a list: its values, counted
    elif w.lists["count"].search(norm) or (prev.kind == "count" and not (w.lists["list"].search(norm) or w.lists["only"].search(norm))
                                           and not (i.asked and _names_the_one(norm, w))):
        kind = "count"  # (not 「コロール州のほうは、どこの自治体と組んでるの？」 after a count: the one picked, asked of)
    elif i.asked and i.also and not (i.extreme or w.lists["per"].search(norm)):
        kind = "attribute"  # 「その中でタイの案件の提案者と国内都市を教えて」: both values of the ones it keeps
    elif i.asked:
        kind = "breakdown"
    elif i.filters or i.excluded or i.regions or i.excluded_regions or i.sizes:  # (「その中に東南アジア以外の国の
        kind = "ranked" if i.content else "list"  # 事業はありますか」: among them, outside a region)
    elif i.content:
        kind = "ranked"
    elif w.lists["list"].search(norm) or w.lists["lookup"].search(norm):
        kind = "list"  # "list them", 「それらを見せて」: the previous answer's proposals themselves
    else:
        return None
    return replace(i, kind=kind, scope=scope, followup="refine", list=kind == "list")


def split_questions(text: str, knowledge: Knowledge) -> list[str]:
    """Two questions in one ("How many Indonesian projects, and which of those involve Toyama?", 「日本エヌ・ユー・
    エスの案件はいくつ？パラオのはある？」): the parts, each asked in turn, the second a follow-up of the first.
    Split at a question mark with a question after it, or where a `second_question` word starts the second;
    a part with no words of its own (「本当？」 after a question) is not a question of its own."""
    lists = knowledge.words.lists
    cuts = [m.end() for m in _MID_QUESTION.finditer(text)]
    norm = normalize(text)
    if len(norm) == len(text):  # positions agree (NFKC kept the length)
        for key in ("second_question", "second_question_pronoun"):
            second = lists.get(key)
            if second is None or second.pattern is None:
                continue
            for m in second.pattern.finditer(norm):  # cut after its comma: 「…何件で、」「その中で…」, or after the
                # と that joins two (「一番多い事業と一番少ない事業」)
                comma = re.search(r"[,;、]", m.group()) or re.match(r"と", m.group())
                after = norm[m.end():]
                if _same_keys(after, knowledge) and lists["others"].search(after):
                    continue  # 「ホーチミン市の案件と、国内都市も提案者も同じ…他に」: the first part is the anchor
                own_verb = lists.get("second_question_verbs")
                if key == "second_question_pronoun" and not lists["pronouns"].search(after) and not (
                        own_verb is not None and own_verb.search(after.split("?")[0])):
                    continue  # "…, and which Indonesian city is the partner?" is one question; "…, and which
                    # network does Quezon City belong to?" asks with a verb of its own
                cuts.append(m.start() + (comma.end() if comma else 0))
    parts, last = [], 0
    for cut in sorted(set(cuts)):
        parts.append(text[last:cut].strip())
        last = cut
    parts.append(text[last:].strip())
    parts = [p for p in parts if p]
    first = knowledge.words.lists.get("first_person")
    merged: list[str] = []
    for p in parts:  # 「名古屋市が絡んでる提案ってある？地元の市が…調べてる」: a statement of who asks or why after the
        # question is no question of its own; it stays with the one before it
        if merged and first is not None and not _asks(normalize(p), knowledge.words) and first.search(normalize(p)):
            merged[-1] = f"{merged[-1]} {p}"
        else:
            merged.append(p)
    parts = merged
    if len(parts) < 2 or len(parts) > QUESTIONS_MAX or any(len(_WORDS.findall(p)) < 2 for p in parts):
        return [text]
    return parts


_COLON = re.compile(r":\s|：")
_COMMA = re.compile(r",\s|、")
_MID_QUESTION = re.compile(r"[?？](?=\s*\S)")
_WORDS = re.compile(r"[A-Za-z]{2,}|[\u3040-\u30ff\u3400-\u9fff]")
QUESTIONS_MAX = 3  # more question marks than this is a list of questions to ask one by one


def context_split(text: str, knowledge: Knowledge) -> tuple[str, str] | None:
    """"#12 plans electric buses. Which other proposals involve EVs?": a statement naming a proposal, then a
    question about the others; "Compare the two Thailand proposals: which one …?": names, then a question
    that picks among them. The statement is context (the proposal the question sets apart), the question
    alone says what is asked: (statement, question), or None."""
    words = knowledge.words
    colon = _COLON.search(text)
    if colon is None and (m := _COMMA.search(text)) and any(
            words.lists[k].search(normalize(text[:m.start()])) for k in ("compare", "both")):
        colon = m  # "Comparing the two Thailand proposals, which one lists more target fields?"
    if colon and not _MID_QUESTION.search(text[:colon.start()]):
        # "Compare the two Thailand proposals: which one includes digital technology?": the names before the
        # colon are the proposals the question after it picks from
        before, last = text[:colon.start()].strip(), text[colon.end():].strip()
        if last and _named(normalize(before), knowledge)[0] and words.lists["refer"].search(normalize(last)):
            return before, last
    sentences = [p.strip() for p in _SENTENCE_END.split(text) if p.strip()]
    if len(sentences) < 2:
        return None
    before, last = " ".join(sentences[:-1]), sentences[-1]
    norm_last = normalize(last)
    named = _A_NUMBER.search(normalize(before)) or any(
        f.name.kind == "filter" for f in find_names(normalize(before), knowledge.names)[0])
    if not named or _A_NUMBER.search(norm_last) \
            or not any(words.lists[k].search(norm_last) for k in ("others", "besides")):
        return None  # ("The Toyama–Bali project combines hydrogen with mobility. Other than that one, …?")
    return before, last



