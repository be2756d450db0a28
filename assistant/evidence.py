"""Evidence: which proposals' text supports a topic, and the sentence of each that shows it.

A topic answer claims a proposal only when its text supports the topic, in one of two ways:
- **names**: one unit of its text (the title, one target field, or one summary sentence,
  read together with its English rendering) holds the topic's words: the idf-weighted share
  of the topic's distinct tokens found in that unit is at least `config.NAME_COVERAGE`
  (tokens as the keyword index makes them: Japanese bigrams, stemmed English words; a
  topic word the corpus never uses still counts in the share, so "ocean thermal energy"
  does not name a text that says only "energy");
- **meaning**: one summary sentence (Japanese, or its English rendering) is close in meaning
  to the question: the embedding cosine is at least `config.MEANING_FLOOR[lang]`.
Everything else near the question is "see also", never claimed. The thresholds are chosen on
the tuning part of the judged topic sets (data/eval/tune/topics*.jsonl; benchmarks/tune_evidence.py).

Not handled: negated mentions ("does not use coal" names coal); a topic spread over two
sentences (each unit is read alone).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Callable, Iterable

from index.corpus import Proposal, read_json
from index.lexical import STOP_WORDS, by_first_letters, nearest, tokenize

from .answer import Evidence
from .knowledge import join_prefix
from .config import DISTRIBUTE_MAX_WORDS, KIN_MAX_EXTRA, KIN_MIN, LATIN_IN_JA_WEIGHT

WHERE_ORDER = {"summary": 0, "title": 1, "fields": 2}
EVIDENCE_MAX = 3  # supporting units kept per claimed proposal, best first (as many as quotes shown)
_KATAKANA = re.compile(r"[\u30a0-\u30ffー]")
_KANJI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々]")
# a long-vowel mark ending a katakana word is a spelling choice (ボイラ / ボイラー, コンピュータ / コンピューター)
# a lone kanji after a number, ending its run (「2050年」, 「3件」): a counter, read as the number alone (the text's
# 「2050年までに」 makes no 年 token of its own)
_COUNTER = re.compile(r"(?<=[0-9])[\u3400-\u9fff](?![0-9\u3040-\u30ff\u3400-\u9fff])")
# a space the question's reading left between two Japanese words (「ゴミを燃やして発電」 read as "ゴミ 発電")
_JA_GAP = re.compile(r"(?<=[\u3040-\u30ff\u3400-\u9fff]) (?=[\u3040-\u30ff\u3400-\u9fff])")
_LATIN_ON_JA = re.compile(r"(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9]*)(?=[\u30a1-\u30fa\u3400-\u9fff])")
_END_LONG = re.compile(r"(?<=[\u30a1-\u30fa]{2})ー+(?![\u30a1-\u30fc])")


def _script(ch: str) -> str:
    """"kanji", "katakana" or "" (anything else)."""
    return "kanji" if _KANJI.match(ch) else "katakana" if _KATAKANA.match(ch) and ch not in "・ー" else ""




def _kin(token: str, heads: dict[str, tuple[str, ...]], endings: frozenset[str] = frozenset()) -> str | None:
    """A token of the unit (`heads`: its long English stems by their first KIN_MIN letters) that is the same
    English word in another form: one stem begins the other and both are at least KIN_MIN letters, at most
    KIN_MAX_EXTRA apart (recovering / recovery, financ / financi). From the English misses of the blind topic
    sets (stems of one word in two forms), checked on the tuning part."""
    if len(token) < KIN_MIN or not token.isalpha():
        return None
    for t in heads.get(token[:KIN_MIN], ()):
        if abs(len(t) - len(token)) <= KIN_MAX_EXTRA and (t.startswith(token) or token.startswith(t)):
            return t
        if (t.startswith(token) and t[len(token):] in endings) or (token.startswith(t) and token[len(t):] in endings):
            return t  # a longer ending that only makes a noun of the verb (treat / treatment)
    return None


def _same_script_run(toks: list[str], i: int, step: int) -> int:
    """How many characters of one script the word beside the bigram toks[i] has (step -1: the one ending
    at its first character, +1: the one starting at its second), read along linked bigrams."""
    if not 0 <= i < len(toks) or len(toks[i]) != 2:
        return 0
    ch = toks[i][0] if step < 0 else toks[i][1]
    script, n, j = _script(ch), 1, i
    while script and 0 <= j + step < len(toks):
        b = toks[j + step]
        if len(b) != 2 or len(toks[j]) != 2:
            break
        a_end, b_edge = (toks[j][0], b[1]) if step < 0 else (toks[j][1], b[0])
        far = b[0] if step < 0 else b[1]
        if b_edge != a_end or _script(far) != script:
            break
        n, j = n + 1, j + step
    return n


def _spelling(text: str) -> str:
    return _END_LONG.sub("", text)


@dataclass(frozen=True)
class Unit:
    """One piece of a proposal's text that evidence can quote: verbatim Japanese, its English beside."""

    where: str  # "title" | "fields" | "summary"
    text: str
    en: str | None
    sentence: int | None = None


def units(p: Proposal) -> list[Unit]:
    en = p.en
    out = [Unit("title", p.title, en.title if en else None)]
    for j, f in enumerate(p.fields):
        out.append(Unit("fields", f, en.fields[j] if en and j < len(en.fields) else None))
    for i, s in enumerate(p.sentences):
        out.append(Unit("summary", s, en.sentences[i] if en and i < len(en.sentences) else None, i))
    return out


class Weights(dict):
    """A topic alternative's weights (token or `Concept` -> weight), with `raw`: every token the alternative
    holds, weighed or not (what an index term must be made of to count)."""

    raw: frozenset[str] = frozenset()
    required: frozenset = frozenset()  # keys a unit must hold to name the alternative at all


_ReadUnit = tuple[Unit, frozenset[str], dict[str, tuple[str, ...]], tuple[frozenset[str], ...]]


@dataclass(frozen=True)
class IndexTerms:
    """Words a reader might use for what a unit states (data/en/index_terms.json): by (year, number, unit key)
    for titles and summary sentences, by the Japanese field name for fields (any year)."""

    by_unit: dict[tuple[int, int, str], tuple[str, ...]]
    by_field: dict[str, tuple[str, ...]]

    def of(self, p: Proposal, u: Unit) -> tuple[str, ...]:
        if u.where == "fields":
            return self.by_field.get(u.text, ())
        key = "title" if u.where == "title" else f"sentence:{u.sentence}"
        return self.by_unit.get((p.year, p.number, key), ())


def load_index_terms(path) -> IndexTerms:
    data = read_json(path, "index terms")
    year = int(data["year"])

    def both(x: dict) -> tuple[str, ...]:
        return (*x.get("en", ()), *x.get("ja", ()))

    return IndexTerms({(year, int(x["number"]), x["unit"]): both(x) for x in data["units"]},
                      {x["field"]: both(x) for x in data["fields"]})


@dataclass(frozen=True)
class Concept:
    """A synonym group standing in a topic: present in a unit that holds all the tokens of any member."""

    members: frozenset[frozenset[str]]


@dataclass(frozen=True)
class Support:
    """One claimed proposal and what supports the claim (best first)."""

    proposal: Proposal
    evidence: tuple[Evidence, ...]

    @property
    def how(self) -> str:
        return "names" if any(e.how == "names" for e in self.evidence) else "meaning"



class EvidenceFinder:
    """Finds the units of text that name a topic, and the sentences close to it in meaning.

    `df` is token -> number of proposals holding it (the keyword index's columns), `n_docs`
    the number of proposals; `near` maps a Latin token the index never saw to its nearest known
    one (typos), or None.
    """

    def __init__(self, df: dict[str, int], n_docs: int, near: Callable[[str], str | None] | None = None,
                 common_share: float = 1.0, terms: Iterable[Iterable[str]] = (), suffixes: Iterable[str] = (),
                 heads: Iterable[str] = (),
                 phrases: Iterable[str] = (), respell: Callable[[str], str] = lambda text: text,
                 whole: dict[str, Iterable[str]] | None = None, index_terms: IndexTerms | None = None,
                 marks: dict[str, Iterable[str]] | None = None, kin_endings: Iterable[str] = (),
                 field_qualities: dict[str, Iterable[str]] | None = None, asked_only: Iterable[str] = (),
                 term_typos: float | None = None, field_names: Iterable[str] = (), plain_words: Iterable[str] = ()):
        self.df = df
        self.n_docs = max(n_docs, 1)
        self.near = near
        self.common_share = common_share
        self.suffixes = frozenset(suffixes)
        self.heads = frozenset(heads)  # one kanji that names a thing of its own after a known word (下水|熱: heat)
        self.kin_endings = frozenset(kin_endings)
        self.respell = respell
        phrases = tuple(phrases)
        self._phrases = _any_of(phrases, optional=STOP_WORDS)
        # a phrase read with a little word inside it left out ("race zero": the question's "to" went with the
        # other little words) is the same phrase
        self._phrase_of = {_without(p, STOP_WORDS).lower(): p.replace(" ", "").lower() for p in phrases}
        # a phrase read as one word weighs what its words would (so "a district joining Race to Zero" holds
        # as much of Race to Zero as when its words were read apart)
        self._phrase_size = {tok: len(_without(p, STOP_WORDS).split()) for p in phrases
                             for tok in tokenize(p.replace(" ", "").lower())[:1]}
        # a word read whole becomes one token the stemmer leaves alone (its key and a 0: "building0")
        self._whole_of = {form.lower(): key.lower() + "0" for key, forms in (whole or {}).items() for form in forms}
        self._whole = _any_of(self._whole_of)
        self._whole_tokens = frozenset(self._whole_of.values())
        self.index_terms = index_terms or IndexTerms({}, {})
        # a kind of text found by a pattern (a calendar date) is read with its mark word after it
        self._marks = [(re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE), word)
                       for word, patterns in (marks or {}).items() if patterns]
        self._known: frozenset[str] = frozenset()
        # a quality a target field gives all a proposal does ("high-efficiency" boilers where the field is
        # energy efficiency): field -> the token sets of the words that say it
        self._qualities = {field: [q for q in (frozenset(tokenize(self._read(w), compounds=False)) for w in said) if q]
                           for field, said in (field_qualities or {}).items()}
        self._term_cache: dict[str, frozenset[str]] = {}
        self.term_texts = [tuple(group) for group in terms]
        # a member's letter prefix is read as a question's is ("e-buses" is one word, as "e-waste" is)
        self.terms = [[frozenset(tokenize(self._read(join_prefix(t)))) for t in group] for group in self.term_texts]
        self._said_terms = [[frozenset(tokenize(self._read(join_prefix(t)), compounds=False)) for t in group]
                            for group in self.term_texts]
        self._members = frozenset(m for group in self.terms for m in group)
        self._groups = [frozenset(group) for group in self.terms]
        # a misspelt word of a synonym group that no text uses ("septik tanks": septic, a word of the glossary
        # only) is read as that word, as a misspelt word of the text is (`near`), with `term_typos` as the ratio
        self._term_typos = term_typos
        self._plain_words = plain_words  # words of questions ("how common"): never a misspelt glossary word
        # ("common" is no "commun(ity)"); read as tokens the first time a glossary typo is looked for (`_plain`)
        self._term_words = frozenset(t for m in self._members for t in m if t.isascii())
        self._term_prefix = by_first_letters(self._term_words)
        # a target field's name is a thing of its own too ("transport infrastructure, buses or fuel-cell vehicles":
        # no transport infrastructure vehicles)
        self._field_names = frozenset(frozenset(self._clean(tokenize(self._read(n)))) for n in field_names) - {frozenset()}
        self._asked_only = frozenset(frozenset(tokenize(self._read(t))) for t in asked_only)
        self._unit_tokens: dict[str, list[_ReadUnit]] = {}

    def read_frequencies(self, proposals: Iterable[Proposal]) -> None:
        """Count document frequencies as evidence reads the text, over `proposals` (all of them: when every
        proposal is read anyway): "capacity building" in every field list then no longer makes "building"
        a word most proposals use. Tokens the reading never meets keep the keyword index's counts."""
        own: dict[str, int] = {}
        told: set[str] = set()
        for p in proposals:
            read = self._units_of(p)
            for t in {t for _, toks, _, _ in read for t in toks}:
                own[t] = own.get(t, 0) + 1
            told.update(t for _, _, _, terms in read for term in terms for t in term)
        self.df = {**self.df, **own}
        # a word only index terms use is known (not a typo), but counts as no proposal's word
        self._known = frozenset(told)

    # ------------------------------------------------------------ topic words
    def topic_tokens(self, topic: str) -> dict[str, float]:
        """Distinct tokens of the topic with their idf weights (a typo counts as its nearest known token)."""
        return self._weights(self._tokens(topic))

    def alternatives(self, topic: str, exact: frozenset[str] = frozenset()) -> list[dict]:
        """The topic's alternatives (" / "), each as weights: a token -> its idf weight, and a `Concept` (a
        synonym group of data/terms.json whose member the topic holds) -> the weight of that member's words."""
        out = []
        read: dict[str, tuple[frozenset[str], list[str]]] = {}

        def parse(part: str) -> tuple[frozenset[str], list[str]]:
            """(every token of the part, the ones evidence weighs), each part tokenised once"""
            if part not in read:
                raw = tokenize(self._read(part))
                read[part] = (frozenset(raw), self._clean(raw, exact))
            return read[part]

        def named(part: str) -> bool:
            """a term of its own, an acronym typed as one ("C40 or the Race to Zero campaign"), or ending in a
            fixed phrase ("institutional capacity building")"""
            toks = frozenset(parse(part)[1])
            return toks in self._members or toks in self._field_names or bool(toks and toks <= exact) or bool(
                self._phrases and (m := list(self._phrases.finditer(part))) and m[-1].end() == len(part.rstrip()))

        def same(a: str, b: str) -> bool:
            """two phrases that are members of one synonym group ("hospital waste", "medical waste")"""
            ta, tb = frozenset(parse(a)[1]), frozenset(parse(b)[1])
            return any(ta in group and tb in group for group in self._groups)

        parts = _distribute(topic.split(" / "), named, same)
        for part in parts:
            raw, toks = parse(part)
            if len(parts) == 1 and len(toks) == 2 and toks[0] in self.suffixes and toks[1].isascii():
                toks = toks[1:]  # 「LED化」 asked alone: the change to LEDs is LEDs named (an alternative of its
                # own, 「電動化（EV化）」, keeps the change asked)
            if self._unknown_kind(part, toks, raw):
                continue  # "LED street lighting": a kind of lighting no text names
            if len(parts) > 1 and toks and all(self._common(t) for t in toks) and len(part.split()) < 3 \
                    and frozenset(toks) not in self._members:  # (waste-to-energy is a term of its own)
                continue  # "e-waste (electronic waste)": the alternative "waste" alone would name every proposal
                # (three common words, "institutional capacity building", name a target field most have)
            weights = self._weights(toks)
            if part.isascii() and len(weights) < len(toks) and set(weights) <= self._gerunds(part):
                # "support for building policies": the common words left out, only the verb would be left
                # (any "building"); the phrase is weighed whole
                weights = self._weights(toks, keep_common=True)
            if not part.isascii():  # a Latin word among Japanese ones weighs as a Japanese word of its length does
                # (several bigrams), not as one bigram: "E-waste" beside リサイクル is no afterthought
                weights = {t: v * LATIN_IN_JA_WEIGHT if t.isascii() else v for t, v in weights.items()}
            # a synonym group's member is also found across such a space (ゴミ 発電 holds ごみ発電, 廃棄物発電's
            # everyday word), as the words were said together
            joined = frozenset(tokenize(self._read(_JA_GAP.sub("", part)))) if _JA_GAP.search(part) else raw
            w = Weights(self._with_concepts(toks, weights, raw=raw | joined))
            w.raw = raw | frozenset(toks)
            w.required = self._required(part, w) | _typed_acronyms(part, w, exact)
            if w and w not in out:
                out.append(w)
        return out

    def _required(self, part: str, weights: dict) -> frozenset:
        """A Latin word written onto a Japanese one (EVモビリティ, CNGボイラー, JCM設備補助) says which kind of it:
        a unit without it (モビリティ in a field name, 設備補助 without JCM) names another kind. So does a Japanese
        word that no text uses, written onto a synonym group's member (グリーンビルディング認証: the certification,
        not any green building): the group's weight must not carry it."""
        said = frozenset(t for m in _LATIN_ON_JA.finditer(self._read(part)) for t in tokenize(m.group(1)))
        glued = frozenset()
        if not part.isascii() and any(isinstance(k, Concept) for k in weights):
            held = frozenset(t for k in weights if isinstance(k, Concept) for m in k.members for t in m)
            for word in self._read(part).split():
                toks = tokenize(word)
                rest = [t for t in toks if t not in held]
                member_at = max((word.find(t) for t in toks if t in held), default=-1)
                if member_at >= 0 and rest and not any(self.df.get(t, 0) or t in self._known for t in rest):
                    glued |= frozenset(t for t in rest if t in weights and word.find(t) > member_at)
            # (only when the rest of the word is all unknown, 下水処理場's 処理 being the text's, and only after the
            # member: a Japanese compound ends in its head, 冷媒フロン is フロン, グリーンビルディング認証 a 認証)
        return glued | _keys_naming(weights, said)

    def _unknown_kind(self, part: str, toks: list[str], raw: frozenset[str]) -> bool:
        """An English noun phrase whose head the text uses but whose word just before it no text does ("LED
        street lighting", "floating solar", "shipping decarbonisation"): it names a kind of the head that no
        proposal names, so the head alone must not carry it. A word of a synonym group (a "septic tank" is a
        浄化槽) or of an index term is known."""
        if not part.isascii():
            return False
        # the part's words in order, as read (typos corrected), without the joined compounds
        compounds = raw - frozenset(tokenize(self._read(part), compounds=False))
        seq = [t for t in toks if t not in compounds]
        if len(seq) < 2:
            return False
        said = [w for w in re.findall(r"[a-z0-9]+", part.lower()) if w not in STOP_WORDS]
        if len(said) >= 2 and said[-2].endswith(("ing", "ed")):
            return False  # "replacing boilers", "recovering heat": a verb on the head, not a kind of it
        mod, head = seq[-2], seq[-1]
        if head in self._phrase_size:
            return False  # "briefing on Race to Zero": a phrase read as one word names one thing, no kind of it
        known = self.df.get(mod, 0) or mod in self._known or any(mod in m for m in self._members) \
            or (len(mod) >= KIN_MIN and mod[:KIN_MIN] in self._text_heads)  # destroying / destruction
        return bool(self.df.get(head, 0)) and not known and mod.isalpha()

    def _term_tokens(self, term: str) -> frozenset[str]:
        """An index term's tokens, read once (the same terms recur across units and proposals)."""
        got = self._term_cache.get(term)
        if got is None:
            got = self._term_cache[term] = frozenset(tokenize(self._read(term), compounds=False))
        return got

    @cached_property
    def _text_heads(self) -> frozenset[str]:
        """The first KIN_MIN letters of every English word of the text (a word of the same family)."""
        return frozenset(t[:KIN_MIN] for t, n in self.df.items() if n and len(t) >= KIN_MIN and t.isascii())

    def _with_concepts(self, toks: list[str], base: dict[str, float], raw: frozenset[str] = frozenset()) -> dict:
        """Each synonym group with a member among the tokens becomes one concept: present in a unit that holds
        any member of the group (浄化槽 for "septic tanks", 太陽光 for "solar panels"), weighing what the
        member's own words weighed. A member made only of words most proposals use names nothing alone."""
        have, out, taken = set(toks) | raw, dict(base), set()  # raw: the glue bigrams too (ゴミ|発電 -> ミ発)
        # the longest member first (汚泥処理 before 汚泥, "electric buses" before "buses"); a group takes the
        # words of every member of it the topic holds ("fluorocarbon refrigerants": one thing)
        # a member is found in the topic by its words alone ("waste to energy" with the hyphen read away), and
        # looked for in the text as written (the joined compound "wastetoenergi" too)
        at = {t: i for i, t in reversed(list(enumerate(toks)))}

        def said(m: frozenset[str]) -> bool:  # an English member of several words is said together: "electric
            # waste collection vehicles" holds no "electric vehicles" (the vehicles are the waste collection's)
            if not (m and m <= have):
                return False
            if len(m) < 2 or not all(t.isascii() and t in at for t in m):
                return True
            spots = sorted(at[t] for t in m)
            return spots[-1] - spots[0] == len(m) - 1

        made: list[tuple[Concept, int, frozenset[str]]] = []
        found = sorted(((len(m), g) for g, group in enumerate(self._said_terms) for m in group if said(m)),
                       key=lambda x: -x[0])
        for _, g in found:
            group = self.terms[g]
            # a member sharing a word with one already taken still counts for its other words ("medical waste
            # processing": the medical-waste group takes "waste", the waste-processing group "processing")
            inside = [j for j, m in enumerate(self._said_terms[g]) if said(m) and m - taken]
            if not inside:
                continue
            member = group[max(inside, key=lambda j: len(self._said_terms[g][j]))]
            words = frozenset().union(*(self._said_terms[g][j] for j in inside)) - taken
            weight = sum(out.pop(t, 0.0) for t in words)
            if weight == 0 and len(base) and all(self._common(t) for t in words):  # "waste-to-energy power
                # generation": its words are common, the thing is not; it weighs what its rarest written token does
                rare = [self._idf(t) for m in group for t in m if t in member and not self._common(t)]
                weight = max(rare, default=0.0)
            elif weight and len(words) == 1 and not self.df.get(next(iter(words)), 0) \
                    and any(join_prefix(self.term_texts[g][j]) != self.term_texts[g][j] for j in inside):
                # "e-mobility" (one word, as a question's "e-" is read): a prefixed member word no text writes
                # weighs as rare as the group's members the texts hold are (the most used of them), not as a
                # word of no proposal (the rarest weight of all)
                held = [min(self.df.get(t, 0) for t in m) for m in group if m]
                if max(held, default=0):
                    weight = min(weight, math.log1p(self.n_docs / max(held)))
            taken |= words
            if weight > 0:
                loose = self._said_terms[g]  # a member's words in any order count when none is a common word
                usable = frozenset(m for m in group if m and not all(self._common(t) for t in m)) | {member} \
                    | frozenset(m for m in loose if m and not any(self._common(t) for t in m))
                concept = Concept(usable - self._asked_only or usable)
                out[concept] = weight
                made.append((concept, g, words))
        # 「病院から出る医療廃棄物」, "medical waste from hospitals": a word (or a group's, 病院) that another member
        # of a group the topic holds says with that group's words taken ("hospital waste", 病院廃棄物) is that
        # concept's word, no condition of its own
        own = {**{t: frozenset((t,)) for t in out if isinstance(t, str)}, **{c: w for c, _, w in made}}
        for key, said_words in own.items():
            for concept, g, words in made:
                if concept != key and key in out and concept in out \
                        and any(said_words <= m and m & words for m in self._said_terms[g]):
                    out[concept] += out.pop(key)
                    break
        return out

    def search_words(self, topic: str) -> str:
        """The topic with the other members of its synonym groups: what the keyword index is asked for the
        candidates (so 浄化槽 proposals are among the candidates of "septic tanks")."""
        have = set(self._tokens(topic))
        extra = [t for texts, group in zip(self.term_texts, self.terms) if any(m and m <= have for m in group)
                 for t in texts]
        return " ".join([topic, *extra])

    def _common(self, token: str) -> bool:
        return self.df.get(token, 0) >= self.common_share * self.n_docs

    def _read(self, text: str) -> str:
        """The text as evidence reads it: katakana spelling evened, fixed English phrases as one word."""
        text = _spelling(self.respell(text))
        for pattern, word in self._marks:  # "2022年2月" -> "2022年2月 qqdate"
            text = pattern.sub(lambda m: f"{m.group()} {word} ", text)
        text = _COUNTER.sub("", text)
        if self._phrases:
            text = self._phrases.sub(lambda m: self._phrase_of.get(_without(m.group(), STOP_WORDS).lower(),
                                                                  m.group().replace(" ", "")), text)
        return self._whole.sub(lambda m: self._whole_of[m.group().lower()], text) if self._whole else text

    def _tokens(self, text: str, exact: frozenset[str] = frozenset()) -> list[str]:
        """The topic's tokens as evidence weighs them."""
        return self._clean(tokenize(self._read(text)), exact)

    def _clean(self, toks: list[str], exact: frozenset[str] = frozenset()) -> list[str]:
        """Of a text's tokens, the ones evidence weighs (without the bigrams that only join two words); a Latin
        token the index never saw is read as its nearest known one (a typo: "fuel cels"), unless it is in
        `exact` (an acronym the question typed: LEED)."""
        # a Japanese bigram no proposal uses, between two that they do, only glues two words (汚泥|処理 -> 泥処)
        keep = []
        for i, t in enumerate(toks):
            prev, nxt = toks[i - 1] if i else "", toks[i + 1] if i + 1 < len(toks) else ""
            linked_prev = len(prev) == 2 and prev[1] == t[0:1]
            linked_next = len(nxt) == 2 and t[1:2] == nxt[0]
            absent = not t.isascii() and len(t) == 2 and self.df.get(t, 0) == 0
            glue = absent and linked_prev and linked_next and self.df.get(prev, 0) and self.df.get(nxt, 0)
            # a one-character suffix on a known word (養殖|場, 発電|機): its bigram only glues,
            # when the word it hangs on has at least two known bigrams of its own
            step = -1 if linked_prev else 1
            # only a suffix: a prefix carries meaning (小|水力, 波|力発電 is not 力発電)
            edge = absent and linked_prev and not linked_next and self._known_run(toks, i, step) >= 1 \
                and not self._common(toks[i + step]) \
                and not _KATAKANA.match(t[1:2]) and t[1:2] not in self.heads  # 炭素|税 (carbon tax), 下水|熱
            # (sewage heat): the last kanji carries the meaning (terms.json ja_heads); a katakana
            # word has no suffix (スマ|メ, a smart meter, is no スマート)
            # katakana then kanji (セメント|業界 -> ト業): a word boundary, not a word; so is a change of script
            # between two words of two characters or more each (脱炭素|ドミノ -> 素ド: the text may coordinate
            # them, 脱炭素・SDGsドミノ), but not inside a short word (省エネ|診断 keeps 省エ)
            # (a katakana word of two characters makes compounds: ゴミ|発電 keeps ミ発)
            seam = (absent and _KATAKANA.match(t[0]) is not None and _KANJI.match(t[1]) is not None
                    and _same_script_run(toks, i, -1) >= 3) or (
                len(t) == 2 and _script(t[0]) != _script(t[1]) != "" and _script(t[0]) != ""
                and _same_script_run(toks, i, -1) >= 3 and _same_script_run(toks, i, 1) >= 3)
            # a grammatical suffix ending a word of three characters or more (高効率|化), or one no proposal
            # uses: 高効率化 is looked for as 高効率 (燃料化, in the text, stays)
            suffix = t[1:2] in self.suffixes and linked_prev and not linked_next \
                and (absent or _same_script_run(toks, i, -1) >= 3)
            lone = len(t) == 1 and t in self.suffixes and any(not x.isascii() and x != t for x in toks)
            # 「照明のLED化」: the suffix alone, on a Latin word, is no word beside the topic's others; an alternative
            # of its own (「電動化（EV化）」) keeps it: the change is asked, not any mention of EVs
            if not (glue or edge or seam or suffix or lone):
                keep.append(t)
        # a plural the stemmer keeps ("MOUs" -> mous): the singular the text uses
        keep = [t[:-1] if t.isascii() and t.endswith("s") and not self.df.get(t) and self.df.get(t[:-1]) else t
                for t in keep]
        if self.near is not None:
            keep = [(self.near(t) or self._near_term(t) or t) if t not in self.df and t.isascii() and t not in exact
                    and t not in self._whole_tokens and t not in self._known else t
                    for t in keep]
        return list(dict.fromkeys(keep))

    @cached_property
    def _plain(self) -> frozenset[str]:
        return frozenset(t for w in self._plain_words for t in tokenize(w))

    def _near_term(self, token: str) -> str | None:
        if self._term_typos is None or token in self._term_words or token in self._plain:
            return None
        return nearest(token, self._term_words, self._term_prefix, tokenize, self._term_typos, substitution=True)

    def _known_run(self, toks: list[str], i: int, step: int) -> int:
        """How many linked bigrams the corpus knows, walking from toks[i] in one direction."""
        n, j = 0, i
        while 0 <= j + step < len(toks):
            a, b = (toks[j + step], toks[j]) if step < 0 else (toks[j], toks[j + step])
            if not (len(a) == 2 and len(b) == 2 and a[1] == b[0]) or not self.df.get(toks[j + step], 0):
                break
            n, j = n + 1, j + step
        return n

    def _idf(self, token: str) -> float:
        return math.log1p(self.n_docs / max(self.df.get(token, 0), 1))

    def _gerunds(self, part: str) -> frozenset[str]:
        """The tokens of the part's English words in -ing (as read: "building" is read whole)."""
        return frozenset(t for w in re.findall(r"[a-z]+ing\b", part.lower()) for t in self._tokens(w))

    def _weights(self, toks: list[str], keep_common: bool = False) -> dict[str, float]:
        out = {t: math.log1p(self.n_docs / max(self.df.get(t, 0), 1)) * self._phrase_size.get(t, 1) for t in toks}
        if keep_common:
            return out
        # words most proposals use (導入, energy, 脱炭素) say nothing about which ones a topic is in
        rare = {t: w for t, w in out.items() if self.df.get(t, 0) < self.common_share * self.n_docs}
        return rare or out

    def _units_of(self, p: Proposal) -> list[_ReadUnit]:
        """Each unit with its tokens, its English stems of KIN_MIN letters or more by their first KIN_MIN
        letters (where `_kin` looks for another form of a word), and the tokens of each of its index terms."""
        got = self._unit_tokens.get(p.id)
        if got is None:
            got = []
            for u in units(p):
                toks = frozenset(tokenize(self._read(u.text + ("\n" + u.en if u.en else ""))))
                # without the joined compound ("refuse-derived" -> refusederiv): the question may not hyphenate
                terms = tuple(t for t in map(self._term_tokens, self.index_terms.of(p, u)) if t)
                heads: dict[str, list[str]] = {}
                for t in toks:
                    if len(t) >= KIN_MIN and t.isascii():
                        heads.setdefault(t[:KIN_MIN], []).append(t)
                got.append((u, toks, {k: tuple(v) for k, v in heads.items()}, terms))
            if len(self._unit_tokens) < 200_000:
                self._unit_tokens[p.id] = got
        return got

    # ------------------------------------------------------------ the two kinds of evidence
    def names(self, p: Proposal, weights: dict, floor: float) -> list[Evidence]:
        """Units of `p` that hold at least `floor` of the topic's weight, best first."""
        total = sum(weights.values())
        if total <= 0:
            return []
        found = []
        asked = getattr(weights, "raw", None)
        if asked is None:
            asked = frozenset(k for k in weights if isinstance(k, str))
        required = getattr(weights, "required", frozenset())
        implied = frozenset().union(*(q for field in p.metadata("fields") for q in self._qualities.get(field, ())
                                      if q <= asked))
        others = asked - implied
        years = [k for k in weights if isinstance(k, str) and _YEAR.fullmatch(k)]  # "net zero by 2050": the year
        # is the point, not one word among others
        for u, toks, heads, terms in self._units_of(p):
            if any(y not in toks for y in years):
                continue
            # an index term counts whole: when the topic holds all its words ("pilot project" for モデル事業),
            # not when it shares one ("fish farming" says nothing about agriculture)
            told = [t for t in terms if t <= asked]
            if told:
                toks = toks.union(*told)
            if implied and toks & others:  # the unit names the rest ("boilers"), the field the quality
                toks = toks | implied
            got: list[str] = []
            share = 0.0
            present = set()
            for key, w in weights.items():
                if isinstance(key, Concept):
                    member = next((m for m in key.members if m <= toks), None)
                    if member is not None:
                        share += w
                        got += sorted(member)
                        present.add(key)
                elif key in toks or (key.isascii() and (kin := _kin(key, heads, self.kin_endings)) is not None):
                    share += w
                    got.append(key if key in toks else kin)
                    present.add(key)
            if not required <= present:
                continue
            share /= total
            if share >= floor:
                shown = (g[:-1] if g in self._whole_tokens else g for g in got)  # building0 -> building
                found.append(Evidence("names", u.text, share, u.where, u.sentence, u.en, " ".join(shown)))
        found.sort(key=lambda e: (-e.score, WHERE_ORDER[e.where], e.sentence or 0))
        return found

    @staticmethod
    def meaning(p: Proposal, sentence_scores: dict[tuple[str, int, str], float], floor: float) -> list[Evidence]:
        """Summary sentences of `p` whose cosine with the question (either language's vector) is >= floor."""
        found = []
        for i, s in enumerate(p.sentences):
            cos = max(sentence_scores.get((p.id, i, "ja"), -1.0), sentence_scores.get((p.id, i, "en"), -1.0))
            if cos >= floor:
                en = p.en.sentences[i] if p.en and i < len(p.en.sentences) else None
                found.append(Evidence("meaning", s, cos, "summary", i, en))
        found.sort(key=lambda e: -e.score)
        return found

    def support(self, candidates: Iterable[Proposal], topic: str, sentence_scores, *, name_floor: float,
                meaning_floor: float, exact: frozenset[str] = frozenset()) -> list[Support]:
        """The candidates whose text supports the topic, with their evidence (names before meaning).

        A topic may offer alternatives, separated by " / " ("EV / 電動車 / 電動モビリティ"): a unit that
        names any one of them names the topic."""
        alternatives = self.alternatives(topic, exact)
        out = []
        for p in candidates:
            ev = sorted((e for w in alternatives for e in self.names(p, w, name_floor)),
                        key=lambda e: (-e.score, WHERE_ORDER[e.where], e.sentence or 0))
            ev = list({(e.where, e.sentence, e.text): e for e in ev}.values())
            if not ev and sentence_scores:
                ev = self.meaning(p, sentence_scores, meaning_floor)
            if ev:
                out.append(Support(p, tuple(ev[:EVIDENCE_MAX])))
        return out


_YEAR = re.compile(r"(?:19|20)\d\d")


def _typed_acronyms(part: str, weights: dict, exact: frozenset[str]) -> frozenset:
    """"an energy management system (EMS) for industrial estates or buildings", "CCS for cement kilns": an acronym
    the question typed names the thing asked precisely; with other words beside it (where, what for), a unit
    must name it (or a synonym of its group), not only the other words."""
    if not part.isascii() or len(weights) < 2:
        return frozenset()
    return _keys_naming(weights, exact)


def _keys_naming(weights: dict, words: frozenset[str]) -> frozenset:
    """The keys of `weights` that hold one of `words`: the token itself, or a synonym group with a member holding it."""
    if not words:
        return frozenset()
    return frozenset(k for k in weights if (isinstance(k, str) and k in words)
                     or (isinstance(k, Concept) and any(m & words for m in k.members)))


def _any_of(words: Iterable[str], optional: Iterable[str] = ()) -> re.Pattern | None:
    """One pattern for any of these English words or phrases, whole words, the longest first, any case; a
    word of `optional` inside a phrase (not at its ends) may be missing."""
    words = sorted(words, key=len, reverse=True)
    optional = frozenset(optional)

    def rx(phrase: str) -> str:
        parts = phrase.split(" ")
        if len(parts) < 3 or not optional:
            return re.escape(phrase)
        inner = "".join(f"(?:{re.escape(w)} )?" if w.lower() in optional else f"{re.escape(w)} " for w in parts[1:-1])
        return f"{re.escape(parts[0])} {inner}{re.escape(parts[-1])}"

    return re.compile(r"\b(?:" + "|".join(map(rx, words)) + r")\b", re.IGNORECASE) if words else None


def _without(phrase: str, little: Iterable[str]) -> str:
    """The phrase without its words of `little` inside it (its first and last words kept)."""
    parts = phrase.split()
    return " ".join([*parts[:1], *(w for w in parts[1:-1] if w.lower() not in little), *parts[1:][-1:]])


def _distribute(parts: list[str], named: Callable[[str], bool] = lambda part: False,
                same: Callable[[str, str], bool] = lambda a, b: False) -> list[str]:
    """"high-efficiency or CNG boilers", "solar or wind power": in English the last alternative's head noun
    belongs to the shorter ones before it too (high efficiency boilers / CNG boilers) - unless the shorter one
    names a thing of its own, a term of data/terms.json ("an MoU or formal agreement": the MoU)."""
    if len(parts) < 2 or not all(p.isascii() for p in parts):
        return parts
    first = parts[0].split()
    if len(first) >= 2 and _ACTION.search(first[-1]) and all(
            len(p.split()) == 1 and _ACTION.search(p) and not named(p) for p in parts[1:]):
        # "waste heat recovery / utilisation", "sludge treatment or disposal": actions on one thing, each
        # with the first one's words before it (waste heat utilisation), not any utilisation
        return [parts[0], *(f"{' '.join(first[:-1])} {p}" for p in parts[1:])]
    last = parts[-1].split()
    if not 2 <= len(last) <= DISTRIBUTE_MAX_WORDS:  # (a clause of its own, "making centralised sewerage treatment
        return parts  # more efficient, not septic tanks", lends no head noun)
    head = last[-1]
    if last[0].endswith("ing"):  # "phasing out or retiring coal-fired power plants": a verb alone takes the
        # last one's object (phasing out coal-fired power plants), not its head noun alone
        verbs = [p for p in parts[:-1] if p.split() and all(w.endswith("ing") for w in p.split()) and not named(p)]
        # ("leasing or securing funding": leasing is a thing of its own, no verb)
        if verbs:
            obj = " ".join(last[1:])
            return [f"{p} {obj}" if p in verbs else p for p in parts[:-1]] + parts[-1:]
    def stands_for_first(p: str) -> bool:  # "hospital or medical waste treatment": with the last one's next word
        # the same thing as the last one's first two (hospital waste, medical waste), the one word stands for its
        # first word (hospital waste treatment)
        return len(p.split()) == 1 and len(last) >= 3 and same(f"{p} {last[1]}", f"{last[0]} {last[1]}")
    return [f"{p} {' '.join(last[1:])}" if stands_for_first(p)
            else p if (len(p.split()) >= len(last) or head in p.split() or named(p) or _plural(p.split()[-1]))
            else f"{p} {head}" for p in parts[:-1]] + parts[-1:]


_ACTION = re.compile(r"^[a-z]{3,}(?:tion|sion|ment|ance|ence|ery|sal|ing)$")  # recovery, disposal, recycling


def _plural(word: str) -> bool:
    """An English plural ends a noun phrase of its own ("buildings or building codes", "EVs or e-buses")."""
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


@lru_cache(maxsize=4)
def terms_file(path) -> dict:
    """data/terms.json as read (once: the evidence finder, the question reading and the answer lines all use it;
    not changed)."""
    return read_json(path, "topic terms")


def load_term_data(path) -> dict:
    """data/terms.json, read once, as EvidenceFinder's keyword arguments: the synonym groups (each group's
    English and Japanese members together), the Japanese grammatical suffixes (`ja_suffixes`), the English
    phrases read as one word (`en_phrases`) and the English words read whole, word -> its forms (`en_whole`).
    A group's `asked_en` members name it in a question only: their words may stand apart in a sentence that is
    about something else ("power generation from waste" beside "EV waste collection boats and sludge-gas power
    generation"), so the text is searched for the other members."""
    raw = terms_file(path)
    groups = raw.get("groups", [])
    return {"terms": [tuple(g.get("en", ())) + tuple(g.get("ja", ())) + tuple(g.get("asked_en", ())) for g in groups],
            "asked_only": tuple(w for g in groups for w in g.get("asked_en", ())),
            "suffixes": frozenset(raw.get("ja_suffixes", ())), "heads": frozenset(raw.get("ja_heads", ())),
            "phrases": tuple(raw.get("en_phrases", ())),
            "whole": dict(raw.get("en_whole", {})), "marks": dict(raw.get("marks", {})),
            "kin_endings": tuple(raw.get("en_kin_endings", ())), "field_qualities": dict(raw.get("field_qualities", {}))}


def load_en_terms(path) -> tuple[str, ...]:
    """The English members of data/terms.json's groups (asked ones too): the terms a question may say whole."""
    return tuple(w for g in terms_file(path).get("groups", [])
                 for w in (*g.get("en", ()), *g.get("asked_en", ())))


def quoted(ev: Iterable[Evidence], limit: int) -> list[Evidence]:
    """The evidence worth quoting: summary sentences first (a title or field is already on the card)."""
    ev = list(ev)
    summary = [e for e in ev if e.where == "summary"]
    return (summary or ev)[:limit]
