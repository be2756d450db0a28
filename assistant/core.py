"""The assistant: records + knowledge + embedder + index, and the questions it answers.

`load_assistant()` opens everything (building the index on first use);
`Assistant.ask(question)` understands a question (`understand`) and answers it
with the function for its kind (`kinds`); `Assistant.conversation()` keeps the
previous answer so follow-ups can refer to it. The CLI, the web app and the
eval all call these.
"""
from __future__ import annotations

import re
import threading
import time
from itertools import islice
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np

from index.corpus import Proposal, fiscal_label
from index.resources import data_path
from index.lists import load_all
from index.embed import Embedder, make_embedder
from index.store import Index, english_words, open_index

from . import lines
from .answer import Answer, Hit, Quote, choose_quotes, describe_filters
from .config import (CITE_GIST_MAX, COMMON_TOKEN_SHARE, EMBED_ALONGSIDE_MIN, FUZZY_MIN_SCORE, MEANING_FLOOR, NAME_COVERAGE, QUOTE_MAX,
                     QUOTED_CLAIMS_MAX, RELATED_MAX,
                     TOPIC_COMMON_SHARE, EVIDENCE_CANDIDATES, EVIDENCE_NEAR, SIMILAR_CANDIDATES, SIMILAR_EXACT_LIMIT, TOP_K_MAX,
                     RetrievalConfig, Settings, index_params)
from .errors import QuestionError
from .kinds import ANSWERERS, merge_filters, question_filters
from .view import Ctx, positions_of
from .messages import msg, shows_rendering
from .knowledge import Knowledge, build_names, katakana_words, load_regions, load_unknowns, load_words, normalize
from .query import (GENERIC_EN, Glossary, Intent, augment_glossary, detect_lang, load_glossary, matches_filters,
                    resolve_filters)
from .evidence import EvidenceFinder, Support, load_en_terms, load_index_terms, load_term_data, quoted
from .retrieve import RANK_IN_ARRAYS, reasons, retrieve
from .similar import DENSE_SHARE, SimilarHit, keyword_similarity, rank_similar
from .understand import BOTH_NAMED, NEGATION_WORDS, context_split, opens_continuing, split_questions, understand

MAX_QUESTION_CHARS = 2000
TERMS_PATH = data_path("terms.json")
INDEX_TERMS_PATH = data_path("en", "index_terms.json")
MAX_TOP_K = TOP_K_MAX

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_question(question: object) -> str:
    """Strip control characters and surrounding space; reject empty and oversized input."""
    if not isinstance(question, str):
        raise QuestionError("the question must be text")
    text = _CONTROL.sub(" ", question).strip()
    if not text:
        raise QuestionError("the question is empty: type what you are looking for")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"the question is {len(text):,} characters long; the limit is {MAX_QUESTION_CHARS:,}"
        )
    return text


def check_year(year: object) -> int:
    """A fiscal year as given by a user: 2025, "FY2025", "R7", "令和7年度" -> 2025."""
    from .understand import find_years

    if isinstance(year, int) and not isinstance(year, bool):
        return year
    found, _ = find_years(normalize(str(year)), ())
    if len(found) == 1:
        return found[0]
    text = str(year).strip()
    if text.isdigit() and len(text) == 4:
        return int(text)
    raise QuestionError(f"{year!r} is not a fiscal year: use 2025, FY2025, R7 or 令和7年度")


def check_top_k(top_k: object) -> int:
    if isinstance(top_k, bool) or not isinstance(top_k, (int, np.integer)):
        raise QuestionError(f"top-k must be a whole number from 1 to {MAX_TOP_K}, not {top_k!r}")
    if not 1 <= int(top_k) <= MAX_TOP_K:
        raise QuestionError(f"top-k must be from 1 to {MAX_TOP_K}, not {top_k}")
    return int(top_k)


_MARKED_QUESTION = re.compile(r"[?？]\s*$")  # 「パラオのはある？」 is a question of its own; 「ベトナムで。」 is not


def _about_first(first: Answer, then: Answer) -> bool:
    """Did a later part only ask something (an attribute, a tally) of the first part's proposals?"""
    i = then.intent
    return i.followup == "subject" and not (i.filters or i.regions or i.content) \
        and set(i.subjects or i.scope or ()) <= set(first.ids)


def _supported_where(supports: list, keep) -> list:
    """The supports with only the evidence whose sentence (the Japanese and its rendering, normalised) `keep`
    accepts; a support left with none is dropped."""
    out = []
    for s in supports:
        ev = tuple(e for e in s.evidence if keep(normalize(e.text + " " + (e.en or ""))))
        if ev:
            out.append(replace(s, evidence=ev))
    return out


def _first_evidence(answer: Answer) -> tuple:
    """Each claimed proposal's best supporting unit (where, sentence, text): () when a hit has none."""
    units = tuple((h.evidence[0].where, h.evidence[0].sentence, h.evidence[0].text) for h in answer.hits if h.evidence)
    return units if len(units) == len(answer.hits) else ()


def _narrows(first: Intent, then: Intent) -> bool:
    """Does the later part of one question only add a place, field or proposer to the first one (「水素の事業は？
    ベトナムで。」), rather than replace one ("…in Indonesia? And in Thailand?")?"""
    return then.followup == "replace" and all(then.filters.get(k) == v for k, v in first.filters.items()) \
        and (bool(set(then.filters) - set(first.filters)) or bool(then.regions and not first.regions))


@dataclass(frozen=True)
class Assistant:
    """Records, knowledge, embedder and index; `ask` understands a question and answers it by kind.

    Frozen: a different engine or index is a new Assistant (`dataclasses.replace`).
    """

    settings: Settings
    corpus: list[Proposal]
    glossary: Glossary
    embedder: Embedder | None
    index: Index
    knowledge: Knowledge | None = None

    def __post_init__(self) -> None:
        if self.knowledge is None:
            object.__setattr__(self, "knowledge", load_knowledge(self.glossary))
        object.__setattr__(self, "_lock", threading.Lock())  # engines are not documented thread-safe
        object.__setattr__(self, "_cache", {})

    # ------------------------------------------------------------ derived, computed once
    @cached_property
    def view(self) -> "AssistantView":
        """What the answer kinds read (read-only)."""
        return AssistantView(self)

    @cached_property
    def by_id(self) -> dict[str, Proposal]:
        return {p.id: p for p in self.corpus}

    @cached_property
    def by_number(self) -> dict[int, Proposal]:
        """Number -> proposal of the latest year that has that number."""
        out: dict[int, Proposal] = {}
        for p in sorted(self.corpus, key=lambda p: p.year):
            out[p.number] = p
        return out

    @cached_property
    def _keys(self) -> list[str]:
        return [p.id for p in self.corpus]

    @cached_property
    def _position(self) -> dict[str, int]:
        return {k: i for i, k in enumerate(self._keys)}

    @cached_property
    def _key_rank(self) -> np.ndarray:
        """Per corpus position, the place of its id in id order (the fusion's tie break, in arrays)."""
        return np.argsort(np.argsort(np.array(self._keys), kind="stable"), kind="stable")

    @cached_property
    def year_array(self) -> np.ndarray:
        """Per corpus position, the proposal's fiscal year."""
        return np.fromiter((p.year for p in self.corpus), dtype=np.int32, count=len(self.corpus))

    def postings(self, key: str) -> dict[str, np.ndarray]:
        """Metadata value -> corpus positions holding it (built once per key, on first use)."""
        with self._lock:
            if ("postings", key) not in self._cache:
                out: dict[str, list[int]] = {}
                for pos, p in enumerate(self.corpus):
                    for v in p.metadata(key):
                        out.setdefault(v, []).append(pos)
                self._cache[("postings", key)] = {v: np.array(ps, dtype=np.int64) for v, ps in out.items()}
            return self._cache[("postings", key)]

    def value_counts(self, key: str) -> np.ndarray:
        """Per corpus position, how many values of `key` the proposal has (built once per key, on first use)."""
        with self._lock:
            if ("counts", key) not in self._cache:
                self._cache[("counts", key)] = np.fromiter((len(p.metadata(key)) for p in self.corpus),
                                                           dtype=np.int32, count=len(self.corpus))
            return self._cache[("counts", key)]

    def mask_of_values(self, key: str, values) -> np.ndarray:
        """Corpus mask of the proposals with any of `values` for `key`."""
        mask = np.zeros(len(self.corpus), dtype=bool)
        postings = self.postings(key)
        for v in values:
            if v in postings:
                mask[postings[v]] = True
        return mask

    def mask_of(self, ids) -> np.ndarray:
        """Corpus mask of the proposals with these ids."""
        mask = np.zeros(len(self.corpus), dtype=bool)
        mask[[self._position[k] for k in ids if k in self._position]] = True
        return mask

    @cached_property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({p.year for p in self.corpus}))

    def find(self, number: int, years: tuple[int, ...] = ()) -> Proposal | None:
        """Proposal #number of the named year(s), else of the latest year that has it."""
        if not years:
            return self.by_number.get(number)
        return max((p for p in self.corpus if p.number == number and p.year in years), key=lambda p: p.year,
                   default=None)

    def tag(self, p: Proposal, lang: str) -> str:
        """How an answer cites a proposal: "#7", with its year when several years are loaded."""
        if len(self.years) < 2:
            return f"#{p.number}"
        return msg("tag.year", lang, n=p.number, year=p.year, label=fiscal_label(p.year, lang))

    def cites(self, props, lang: str) -> list[str]:
        """How an answer line cites these proposals: with where each is ("#8 (Urasoe City – Koror State,
        Palau)") when they are at most `CITE_GIST_MAX`, else the tags alone."""
        if len(props) > CITE_GIST_MAX:
            return [self.tag(p, lang) for p in props]
        out = []
        for p in props:  # the names other answer lines use (the glossary's and places' English names)
            where = {slot: lines.join([self.view_label(key, x, lang) for x in p.metadata(key)], lang)
                     for slot, key in (("city", "domestic_city"), ("partner", "target_area"), ("country", "country"))}
            out.append(msg("cite.gist", lang, tag=self.tag(p, lang), **where) if len(self.years) < 2 else
                       msg("cite.gist_year", lang, n=p.number, label=fiscal_label(p.year, lang), **where))
        return out

    @cached_property
    def common_tokens(self) -> frozenset[str]:
        """Tokens too common to mark or choose quotes by: counted at build, read from the index."""
        if getattr(self.index, "common", None) is not None:
            return self.index.common_tokens(COMMON_TOKEN_SHARE)
        return common_tokens(self.corpus)

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """English words of the records and of generic questions: never 'corrected' as typos."""
        words = set(GENERIC_EN) | set(NEGATION_WORDS)
        for wl in (*self.knowledge.words.attribute.values(), *self.knowledge.words.lists.values()):
            for phrase in wl.en:
                words.update(re.findall(r"[a-z][a-z']+", phrase))
        stored = self.index.english_words()  # None for an index built before the words were stored
        # and the katakana words of the text (a word typed in hiragana, 「ばいおます」, is read as the text's バイオマス)
        kana = {w for p in self.corpus for w in katakana_words(" ".join((p.title, p.summary, *p.fields)))}
        return frozenset(words | kana | (stored if stored is not None else set(english_words(self.corpus))))

    @cached_property
    def number_range(self) -> tuple[int, int]:
        numbers = [p.number for p in self.corpus]
        return (min(numbers), max(numbers)) if numbers else (0, 0)

    def year_label(self, lang: str, years: tuple[int, ...] = ()) -> str:
        """The fiscal year(s) answered about: "FY2024" / 「令和6年度」, or all loaded years."""
        shown = [y for y in (years or self.years) if y]
        if not shown:
            return msg("year.all", lang)
        return msg("year.sep", lang).join(fiscal_label(y, lang) for y in shown)

    def iso_of(self, country: str) -> str:
        e = self.glossary.entry_for("country", country)
        return e.iso2 if e else ""

    # ------------------------------------------------------------ lookups
    def get(self, number: object) -> Proposal:
        """A proposal by id ("2024-7") or number (the latest year that has it)."""
        text = str(number).strip().lstrip("#")
        if text in self.by_id:
            return self.by_id[text]
        try:
            n = int(text)
        except ValueError:
            raise QuestionError(f"{number!r} is not a proposal number or id (like 7 or 2024-7)") from None
        if n not in self.by_number:
            lo, hi = self.number_range
            raise QuestionError(f"there is no proposal #{n}: numbers run from {lo} to {hi}")
        return self.by_number[n]

    def resolve_filters(self, filters: dict[str, object] | None) -> dict[str, tuple[str, ...]]:
        """User-given filter values (any language, aliases) -> exact metadata values."""
        return resolve_filters(self.glossary, self.corpus, filters)

    # ------------------------------------------------------------ ask
    def ask(self, question: str, *, top_k: int | None = None, filters: dict[str, object] | None = None,
            config: RetrievalConfig | None = None, previous: Answer | None = None,
            years: tuple[int, ...] | list[int] | None = None) -> Answer:
        """Answer one question; with `previous`, a follow-up may refer to that answer.

        `years` restricts to those fiscal years (the question may name years too). Two questions in one
        (`understand.split_questions`) are answered in turn, the second as a follow-up of the first, in one
        answer: both lines, the first one's proposals then the second one's new ones."""
        text = clean_question(question)
        options = dict(top_k=top_k, filters=filters, config=config, years=years)
        reading = (config or self.settings.retrieval).use_filters
        parts = split_questions(text, self.knowledge) if reading else [text]
        if len(parts) == 1:
            context = context_split(text, self.knowledge) if reading else None
            if context is not None:  # the statement's proposal is what "other" sets apart
                said = self._ask_one(context[0], previous=previous, **options)
                if said.hits:
                    answer = self._ask_one(context[1], previous=said, **options)
                    return replace(answer, query=text, intent=replace(answer.intent, question=text))
            return self._ask_one(text, previous=previous, **options)
        answers: list[Answer] = []
        about: list[bool] = []  # per answer: a later part that only asked something of the first part's proposals
        for part in parts:
            # a topic no proposal mentions still frames the next part (「…はありますか？パラオとか島しょ国で。」)
            before = answers[-1] if answers and (answers[-1].hits or answers[-1].kind != "none"
                                                 or answers[-1].intent.content) else previous
            answer = self._ask_one(part, previous=before, second_part=before is not previous, **options)
            narrows = before is not previous and not _MARKED_QUESTION.search(part) and _narrows(before.intent,
                                                                                                answer.intent)
            if answer.kind == "none" and before is not previous and not narrows:  # "…, and which one with
                alone = self._ask_one(part, previous=previous, **options)  # aquaculture?": a question of its own
                answer = alone if alone.kind != "none" else answer
            elif before is not previous and answer.intent.followup == "refine" and answer.intent.content \
                    and self.knowledge.words.lists["each"].search(normalize(part)):
                # 「EVを導入する事業と、浄化槽を扱う事業をそれぞれ教えてください」: each topic on its own, not the
                # second among the first's proposals
                answer = self._ask_one(part, previous=previous, **options)
            if narrows:  # 「水素の事業は？ベトナムで。」: the first question again, narrowed; it answers alone
                answers[-1:] = [answer]
            elif before is not previous and answer.kind in ("list", "count") and answer.ids == before.ids:
                continue  # 「…何件？番号も挙げて。」, 「…一番多い提案は？いくつ挙がっているかも」: the same proposals
                # again say nothing new (the first answer says how many)
            elif before is not previous and answer.kind == "ranked" and answer.ids == before.ids \
                    and _first_evidence(answer) == _first_evidence(before) != ():
                continue  # "Which proposal is about wind power, and what kind of wind turbine technology?": the
                # same claims on the same sentences (the first answer quotes what the second asks)
            elif before is not previous and answer.text == before.text:
                continue  # 「…成果はどうなりましたか？CO2はどれだけ削減できましたか？」: one thing not recorded, said once
            else:
                answers.append(answer)
                about.append(before is not previous and _about_first(before, answer))
        if len(answers) > 1 and any(a.kind == "none" for a in answers):
            # a part alone says nothing ("What countries do the
            whole = self._ask_one(text, previous=previous, **options)  # proposals span? Number per country")
            if whole.kind != "none":
                return whole
        first, last = answers[0], answers[-1]
        hits, seen = [], set()
        for h in (h for a in answers for h in a.hits):
            if h.proposal.id not in seen:
                seen.add(h.proposal.id)
                hits.append(h)
        timings = {k: sum(a.timings.get(k, 0.0) for a in answers) for k in first.timings}
        # "…, and how many fields does it list?": the conversation goes on from the first question (「逆に、
        # 一番少ないのは？」 is its other extreme), not from the count asked of its answer
        said = first if len(answers) > 1 and all(about[1:]) else last
        return replace(first, query=text, intent=replace(said.intent, question=text), hits=tuple(hits),
                       text=" ".join(a.text for a in answers), exhaustive=all(a.exhaustive for a in answers),
                       timings=timings)

    def _ask_one(self, question: str, *, top_k: int | None = None, filters: dict[str, object] | None = None,
                 config: RetrievalConfig | None = None, previous: Answer | None = None,
                 years: tuple[int, ...] | list[int] | None = None, second_part: bool = False) -> Answer:
        """One question (already cleaned by `ask`); `second_part`: a later part of one sentence, `previous` its
        first part's answer."""
        years = tuple(check_year(y) for y in (years or ()))
        started = time.perf_counter()
        text = question
        k = check_top_k(self.settings.top_k if top_k is None else top_k)
        config = config or self.settings.retrieval
        ctx = Ctx(k, config, self.resolve_filters(filters), {})
        t = time.perf_counter()
        intent = self._read(text, previous, years, ctx, second_part)
        ctx.stages["understand"] = time.perf_counter() - t
        missing = [y for y in intent.years if y not in self.years]
        if missing:
            answer = Answer(text, intent, lines.no_year(missing, self.years, intent.lang), (), True, kind="none")
        else:
            answer = ANSWERERS[intent.kind](self.view, intent, ctx)
            if not answer.hits and intent.scope and (intent.followup == "replace" or (
                    intent.followup == "refine" and self._refers_by_description_only(text))) \
                    and (intent.excluded or intent.excluded_regions) \
                    and all(p.id in self.view.exclusion_ids(intent) for p in map(self.by_id.get, intent.scope) if p):
                # 「じゃあ日本工営以外で水素技術を扱っている提案は？」 after Nippon Koei's: the exclusion leaves none of
                # the previous proposals, so it asks about the others, afresh ("And the Vietnam projects that Nippon
                # Koei did not propose?" after Nippon Koei's too; not "which of those are not by Nippon Koei?": none)
                alone = self._read(text, None, years, ctx)
                answer = ANSWERERS[alone.kind](self.view, alone, ctx)
            elif not answer.hits and intent.scope and intent.followup == "refine" and intent.filters \
                    and self._refers_by_description_only(text) \
                    and not any(matches_filters(p, intent.filters) for p in map(self.by_id.get, intent.scope) if p):
                # "Of the Vietnamese ones, which list digital technology?" after #2 (India): no previous proposal is
                # Vietnamese, so "the Vietnamese ones" are all of them ("of those, which are in Vietnam?" keeps them)
                alone = self._read(text, None, years, ctx)
                answer = ANSWERERS[alone.kind](self.view, alone, ctx)
            elif not answer.hits and previous is not None and intent.followup == "refine" and intent.scope \
                    and previous.intent.followup == "refine" and previous.intent.scope \
                    and set(intent.scope) == set(previous.ids) and self._continues(text):
                # "projects in Indonesia?", "which one is about cement?" (#4), "and the one using palm oil waste?":
                # none of what the last question picked; a sibling of it, over the list it picked from
                answer = ANSWERERS[intent.kind](self.view, replace(intent, scope=previous.intent.scope), ctx)
            elif not answer.hits and previous is not None and set(intent.exclude_numbers) <= set(previous.ids) \
                    and self._else_of_the_named(text, intent, ctx):
                # 「ゴロンタロ州の方では、ほかに何の設備の普及に向けたFSをやるの？」 after septic tanks (#6, #9): the
                # place names only proposals just shown, so 「ほかに」 asks what else they do, not for other proposals
                answer = ANSWERERS[intent.kind](self.view, replace(intent, exclude_numbers=(), followup=None), ctx)
        ctx.stages["total"] = time.perf_counter() - started
        return replace(answer, timings=dict(ctx.stages))

    def _read(self, text: str, previous: Answer | None, years: tuple[int, ...], ctx: Ctx,
              second_part: bool = False) -> Intent:
        """The question's intent: understood (against `previous`), limited to `years`, its anchor resolved."""
        config = ctx.config
        if config.use_filters:
            intent = understand(text, self.knowledge, previous.intent if previous else None,
                                previous.ids if previous else (), self.vocabulary, self.years, second_part)
        else:
            intent = Intent(text, detect_lang(text), content=text)
        if years:
            intent = replace(intent, years=tuple(sorted(set(intent.years) & set(years))) if intent.years
                             else tuple(years))
        if intent.same_as and not intent.same_as[1]:
            intent = self._anchored(intent, ctx)
        return intent

    def _anchored(self, intent: Intent, ctx: Ctx) -> Intent:
        """"the others in the same country as #8 / as the Urasoe–Airai project": the proposals the question
        names (by number, else by its names) anchor the key's values; the answer is the others sharing them."""
        from .kinds.common import named, selection

        anchor = named(self.view, intent) if intent.numbers else selection(self.view, replace(intent, same_as=None), ctx)
        ids = tuple(p.id for p in anchor or ())
        if not ids or len(ids) == len(self.corpus):
            return replace(intent, same_as=None, followup=None)
        return replace(intent, same_as=(intent.same_as[0], ids), filters={}, numbers=(), exclude_numbers=ids)

    def conversation(self, **defaults) -> "Conversation":
        """A conversation: each question may refer to the previous answer."""
        return Conversation(self, defaults)

    def describe(self, intent: Intent, ctx: Ctx) -> str:
        """The question's conditions in words (filters, regions, exclusions, scope)."""
        lang = intent.lang
        asked = question_filters(self, intent)
        filters = merge_filters(asked, ctx.given)
        apart = {k: v for k, v in ctx.given.items() if k in asked and not filters[k]}  # the question's Thailand and
        filters = {k: asked[k] if k in apart else v for k, v in filters.items()}        # the filter's Vietnam: both said
        parts = [describe_filters(filters, self.glossary, lang, intent.excluded, intent.all_of),
                 describe_filters(apart, self.glossary, lang)]
        if intent.regions:  # "in South America (Chile)": the region's countries that have proposals
            names = [r.label(lang) + self._region_countries(r, lang) for r in intent.regions]
            parts.append(msg("describe.region", lang, names=msg("filter.or", lang).join(names)))
        if intent.excluded_regions:
            names = [r.label(lang) for r in intent.excluded_regions]
            parts.append(msg("describe.not_region", lang, names=msg("filter.nor", lang).join(names)))
        for key, op, n in intent.sizes:  # "with more than 5 target fields" / 「対象分野が3つ以下」
            parts.append(msg(f"describe.size.{op}", lang, label=msg(f"size.label.{key}", lang), n=n))
        if intent.years and len(self.years) > 1:
            parts.append(msg("describe.year", lang, label=self.year_label(lang, intent.years)))
        if intent.scope is not None:
            cited = lines.cite([self.tag(self.by_id[k], lang) for k in intent.scope if k in self.by_id], lang)
            parts.append(msg("describe.among", lang, cited=cited))
        if intent.exclude_numbers:
            cited = lines.cite([self.tag(self.by_id[k], lang) for k in intent.exclude_numbers if k in self.by_id], lang)
            parts.append(msg("describe.other_than", lang, cited=cited))
        return msg("describe.sep", lang).join(p for p in parts if p)

    def _region_countries(self, region, lang: str, most: int = 6) -> str:
        """" (Chile)" / 「（チリ）」: the countries of a region's proposals, when a region is wider than one."""
        values = region.constraint.get("country", ())
        have = [v for v in values if v in self.postings("country")]
        if not have or len(have) > most or region.constraint == {"country": tuple(have)} and len(have) == 1:
            # (a country offered as one of two places is named once: "in Palau or Bali Province")
            return ""
        labels = [self.view_label("country", v, lang) for v in sorted(have)]
        return msg("region.countries", lang, names=lines.join(labels, lang))

    def view_label(self, key: str, value: str, lang: str) -> str:
        """A metadata value as shown: the record's own text in Japanese, the glossary's English name."""
        return self.glossary.label(key, value, lang) if lang != "ja" else value

    def _embedding(self, question: str, ctx: Ctx):
        """Start embedding the question (once per question): a function that returns its vector (None without
        the dense side), the wait timed as "embed". Above EMBED_ALONGSIDE_MIN proposals the model runs in a
        worker thread (the C engine releases the GIL) while the keyword scoring that needs no vector goes on."""
        ctx.stages.setdefault("embed", 0.0)
        if not (ctx.config.use_dense and self.embedder):
            return lambda: None
        if question in ctx.vectors:
            return lambda: ctx.vectors[question]

        def embed() -> np.ndarray:
            with self._lock:
                return self.embedder.embed_queries([question])[0]

        pending = self._embedder_thread.submit(embed) if len(self.corpus) >= EMBED_ALONGSIDE_MIN else None

        def vector() -> np.ndarray:
            if question not in ctx.vectors:
                t = time.perf_counter()
                ctx.vectors[question] = pending.result() if pending is not None else embed()
                ctx.stages["embed"] = ctx.stages.get("embed", 0.0) + time.perf_counter() - t
            return ctx.vectors[question]

        if pending is None:
            vector()  # (below that size: embedded now, before the search starts)
        return vector

    @cached_property
    def _embedder_thread(self):
        from concurrent.futures import ThreadPoolExecutor

        return ThreadPoolExecutor(max_workers=1, thread_name_prefix="c2c-embed")

    def _search(self, question: str, lang: str, ctx: Ctx, allowed: set[str] | None, vector=None):
        """Score, fuse and floor the allowed proposals, the question embedded (`_embedding`, or its `vector`
        function when already started): (the retrieval, when the search started) - the caller closes its
        "search" stage."""
        vector = vector or self._embedding(question, ctx)
        waited = ctx.stages.get("embed", 0.0)
        started = time.perf_counter()
        result = retrieve(self.index, vector, question, ctx.config, self._keys, allowed=allowed, lang=lang,
                          has_words=self._has_words(question), position=self._position,
                          key_rank=self._key_rank if len(self.corpus) >= RANK_IN_ARRAYS else None)
        return result, started + ctx.stages.get("embed", 0.0) - waited  # (a wait for the vector is no search time)

    def ranked(self, intent: Intent, ctx: Ctx, *, allowed: set[int] | None, limit: int | None = None) -> Answer:
        """Topical search over the allowed proposals (dense + keyword, fused, floored)."""
        question = intent.content if intent.followup else intent.question
        result, started = self._search(question, intent.lang, ctx, allowed)
        ctx.stages["search"] = time.perf_counter() - started
        t = time.perf_counter()
        ranking = result.ranking[:limit or ctx.top_k]
        filtered = bool(allowed is not None)
        hits = tuple(self.hit(self.by_id[k], s, question, result.scores.sentence, intent,
                              reasons(k, result.scores, filtered, intent.lang)) for k, s in ranking)
        line = lines.ranked([self.tag(h.proposal, intent.lang) for h in hits], self.describe(intent, ctx),
                            intent.lang)
        ctx.stages["compose"] = time.perf_counter() - t
        return Answer(intent.question, intent, line, hits, False, kind="ranked")

    @cached_property
    def evidence_finder(self) -> EvidenceFinder:
        lex = self.index.lexical
        finder = EvidenceFinder(lex.document_frequency(), lex.num_docs,
                                near=lambda t: lex.near_token(t, FUZZY_MIN_SCORE, self.vocabulary),
                                term_typos=FUZZY_MIN_SCORE,
                                field_names=[n for (k, _), labels in self.knowledge.labels.items() if k == "fields"
                                             for n in labels], plain_words=self.vocabulary,
                                common_share=TOPIC_COMMON_SHARE,
                                respell=self.knowledge.words.respell, index_terms=load_index_terms(INDEX_TERMS_PATH),
                                **load_term_data(TERMS_PATH))
        if len(self.corpus) <= EVIDENCE_CANDIDATES:  # every proposal is read for each topic anyway
            finder.read_frequencies(self.corpus)
        return finder

    def topic(self, intent: Intent, ctx: Ctx, *, allowed: set[str] | None, topic: str | None = None) -> Answer:
        """A topic answer: the proposals whose text supports the topic (claimed, with evidence), and
        the nearby ones apart as "see also"; kind "none" when the text supports it nowhere.

        The text read is that of the allowed proposals (every one at this corpus size); above
        EVIDENCE_CANDIDATES, the keyword best and the closest by sentence (`_evidence_candidates`)."""
        config, question = ctx.config, intent.content if intent.followup else intent.question
        topic = (topic if topic is not None else (intent.topic or intent.content)).strip() or question
        lang = intent.lang
        vector = self._embedding(question, ctx)
        by_keywords = self._evidence_by_keywords(topic, allowed)  # (while the question may be being embedded)
        result, t = self._search(question, lang, ctx, allowed, vector)
        scores = result.scores
        cand_ids = self._evidence_candidates(by_keywords, scores, allowed)
        if intent.negated:  # what no proposal's text names is known only of the ones read: read them all
            cand_ids = list(allowed) if allowed is not None else [p.id for p in self.corpus]
        read_all = len(cand_ids) >= (len(allowed) if allowed is not None else len(self.corpus))
        floor = MEANING_FLOOR[lang]
        supports = self.evidence_finder.support((self.by_id[k] for k in cand_ids), topic,
                                                scores.sentence if config.use_dense else {},
                                                name_floor=NAME_COVERAGE[lang], meaning_floor=floor,
                                                exact=_acronyms(question))
        supports = self._done_only(supports, intent.question) if intent.status != "planned" \
            else self._planned_only(supports)
        fused = result.fused
        supports.sort(key=lambda s: (s.how != "names", -fused.get(s.proposal.id, 0.0), s.proposal.year,
                                     s.proposal.number))
        ctx.stages["search"] = time.perf_counter() - t
        t = time.perf_counter()
        desc = self.describe(intent, ctx)
        label = lines.topic_label(topic, intent)
        if intent.negated:  # (its own hits and see-also: the claims' near neighbours are not needed)
            return self._not_named(intent, ctx, label, desc, supports, cand_ids, t)
        claimed = {s.proposal.id for s in supports}
        near = [k for k, _ in islice((kv for kv in result.unfloored if kv[0] not in claimed), RELATED_MAX)]
        filtered = allowed is not None
        related = tuple(self.hit(self.by_id[k], fused.get(k, 0.0), question, scores.sentence, intent,
                                 (lines.reason("related", lang),), max_quotes=1) for k in near)
        hits = tuple(self.support_hit(s, topic, fused.get(s.proposal.id, 0.0), lang,
                                      reasons(s.proposal.id, scores, filtered, lang)) for s in supports)
        if not hits:
            text = lines.no_topic(label, desc, lang, self.year_label(lang, intent.years),
                                  read=None if read_all else len(cand_ids))
            ctx.stages["compose"] = time.perf_counter() - t
            return Answer(intent.question, intent, text, (), read_all, kind="none", related=related)
        cited = dict(zip((s.proposal.id for s in supports), self.cites([s.proposal for s in supports], lang)))
        by_name = [cited[s.proposal.id] for s in supports if s.how == "names"]
        by_meaning = [cited[s.proposal.id] for s in supports if s.how == "meaning"]
        text = lines.topic(label, by_name, by_meaning, desc, lang)
        if len(supports) == 1 and supports[0].evidence:
            # one proposal claimed (「その事業はどの産業の脱炭素化を扱っていますか」, "which one uses small hydro?"):
            # what its text says, in the line too
            text += lines.topic_quote(supports[0].evidence[0].shown(lang), lang)
            what = self.knowledge.words.lists.get("asks_what")
            if what is not None and what.search(normalize(intent.question)):  # 「どんな調査をするんですか？」:
                # each sentence that names it, as the question asks what they are
                text += "".join(lines.topic_more_quote(e.shown(lang), lang) for e in supports[0].evidence[1:]
                                if e.where == "summary")
        elif len(supports) <= QUOTED_CLAIMS_MAX and all(s.evidence for s in supports):
            text += lines.topic_quotes([(s.proposal.number, s.evidence[0].shown(lang)) for s in supports], lang)
        ctx.stages["compose"] = time.perf_counter() - t
        return Answer(intent.question, intent, text, hits, read_all, kind="ranked", related=related)

    def _not_named(self, intent: Intent, ctx: Ctx, label: str, desc: str, supports, read: list[str],
                   started: float) -> Answer:
        """"Which projects don't mention JCM?": every proposal read (all the allowed ones) whose text supports
        the topic nowhere, in number order; the ones it does are said apart, as `related`, with their evidence."""
        lang = intent.lang
        claimed = {s.proposal.id for s in supports}
        rest = sorted((self.by_id[k] for k in read if k not in claimed), key=lambda p: (p.year, p.number))
        hits = tuple(Hit(p, 0.0, reasons=(lines.reason("not_named", lang),)) for p in rest)
        related = tuple(self.support_hit(s, intent.topic or intent.content, 0.0, lang, ()) for s in
                        sorted(supports, key=lambda s: (s.proposal.year, s.proposal.number)))
        text = lines.not_named(label, self.cites(rest, lang), self.cites([s.proposal for s in supports], lang),
                               desc, lang)
        ctx.stages["compose"] = time.perf_counter() - started
        return Answer(intent.question, intent, text, hits, True, kind="ranked", related=related)

    def _continues(self, question: str) -> bool:
        """"and the one …", 「じゃあ…」: the question goes on from the one before (question_words continue)."""
        return opens_continuing(normalize(question).lstrip(), self.knowledge.words)

    def _else_of_the_named(self, question: str, intent: Intent, ctx: Ctx) -> bool:
        """An "other" follow-up with a topic ("what else does the Gorontalo one study?") whose place, field or
        proposer selects only proposals of the answer before: it asks for more of them, not for others (unless
        it says other projects: "any other Gorontalo projects?")."""
        from .kinds.common import selection
        from .understand import other_projects

        if intent.followup != "others" or not intent.exclude_numbers or not intent.content \
                or not (intent.filters or intent.regions) or other_projects(normalize(question), self.knowledge.words):
            return False
        named = selection(self.view, replace(intent, exclude_numbers=()), ctx)
        return bool(named) and all(p.id in intent.exclude_numbers for p in named)

    def _refers_by_description_only(self, question: str) -> bool:
        """"Of the Vietnamese ones …": the only words that point back describe the set (question_words
        described_ones), not "those", "it", 「そのうち」 (question_words refer)."""
        lists = self.knowledge.words.lists
        refer, described = lists["refer"], lists.get("described_ones")
        said = {normalize(w) for w in described.en + described.ja} if described is not None else set()
        return refer.pattern is None or all(m.group() in said for m in refer.pattern.finditer(normalize(question)))

    def _planned_only(self, supports: list) -> list:
        """"Which of them have not signed it yet?": the claims whose sentence says it is planned (question_words
        planned, not_yet: 「結ぶ予定である」, "scheduled to be signed")."""
        w = self.knowledge.words.lists
        marks = [w[k] for k in ("planned", "not_yet") if w.get(k) is not None]
        return _supported_where(supports, lambda text: any(m.search(text) for m in marks))

    def _done_only(self, supports: list, question: str) -> list:
        """「締結した年月が書かれているのは？」, "which says when its MOU was signed?": what is done, so a sentence saying
        it is planned (「結ぶ予定である」, "scheduled to be signed") supports nothing (question_words "done")."""
        w = self.knowledge.words.lists
        norm = normalize(question)
        if w.get("done") is None or not w["done"].search(norm) \
                or any(w.get(k) is not None and w[k].search(norm) for k in ("planned", "not_yet", "alternatives")):
            # ("signed or plan to sign": both)
            return supports
        planned = w["planned"]
        return _supported_where(supports, lambda text: not planned.search(text))

    def _reads_all(self, allowed: set[str] | None) -> bool:
        """Is every allowed proposal read for evidence (they are few: always at this corpus size)?"""
        return len(allowed if allowed is not None else self.corpus) <= EVIDENCE_CANDIDATES

    def _evidence_by_keywords(self, topic: str, allowed: set[str] | None) -> list[str]:
        """Above EVIDENCE_CANDIDATES allowed proposals, the EVIDENCE_CANDIDATES best by keywords (the topic and its
        synonyms) among them (no vector needed: found while the question is embedded)."""
        if self._reads_all(allowed):
            return []
        among = None if allowed is None else positions_of(allowed, self._position)
        pos, _ = self.index.lexical.top(self.evidence_finder.search_words(topic), EVIDENCE_CANDIDATES, among,
                                        typos=FUZZY_MIN_SCORE)
        return [self._keys[i] for i in pos.tolist()]

    def _evidence_candidates(self, by_keywords: list[str], scores, allowed: set[str] | None) -> list[str]:
        """The proposals whose text is read for evidence: all the allowed ones when they are few (always at
        this corpus size), else the best by keywords (`_evidence_by_keywords`) and the EVIDENCE_NEAR with the
        closest sentences, among the allowed."""
        if self._reads_all(allowed):
            return [k for k in self._keys if k in allowed] if allowed is not None else list(self._keys)
        best: dict[str, float] = {}
        for (k, _, _), v in scores.sentence.items():
            if (allowed is None or k in allowed) and v > best.get(k, -1.0):
                best[k] = v
        near = sorted(best, key=lambda k: -best[k])[:EVIDENCE_NEAR]
        return list(dict.fromkeys([*by_keywords, *near]))

    def support_hit(self, s: Support, topic: str, score: float, lang: str, why: tuple[str, ...]) -> Hit:
        """A claimed proposal: its evidence, and the evidence sentences as its quotes (marked)."""
        from index.lexical import tokenize

        from .answer import mark_spans

        topic_toks = {t for t in tokenize(topic)} - self.common_tokens
        quotes = []
        for e in quoted(s.evidence, QUOTE_MAX):
            if e.where != "summary" or e.sentence is None:
                continue
            toks = topic_toks | set((e.term or "").split())  # the words found, synonyms included (浄化槽)
            en = e.en if shows_rendering(lang) else None
            quotes.append(Quote(e.text, e.sentence, mark_spans(e.text, toks), en,
                                mark_spans(en, toks) if en else ()))
        if not quotes:
            quotes = list(choose_quotes(s.proposal, topic, {}, lang=lang, common=self.common_tokens,
                                        has_content=True, max_quotes=1))
        how = lines.reason("names" if s.how == "names" else "meaning", lang)
        return Hit(s.proposal, float(score), tuple(sorted(quotes, key=lambda q: q.sentence)), (how, *why),
                   s.evidence)

    def _has_words(self, question: str) -> bool:
        """Does the question hold any searchable word (not only punctuation, emoji, greetings)?"""
        from index.lexical import tokenize

        return any(t not in self.common_tokens for t in tokenize(question))

    def hit(self, p: Proposal, s: float, question: str, sentence_scores, intent: Intent,
            reasons: tuple[str, ...], *, has_content: bool | None = None, max_quotes: int = QUOTE_MAX) -> Hit:
        if has_content is None:
            has_content = bool(intent.content) or not (intent.filters or intent.excluded)
        quotes = choose_quotes(p, question, sentence_scores, lang=intent.lang, common=self.common_tokens,
                               has_content=has_content, max_quotes=max_quotes)
        return Hit(p, float(s), quotes, reasons)

    def full_hit(self, p: Proposal, intent: Intent) -> Hit:
        """A proposal with every summary sentence quoted (a lookup by number)."""
        en = p.en if shows_rendering(intent.lang) else None
        quotes = tuple(Quote(s, i, (), en.sentences[i] if en else None) for i, s in enumerate(p.sentences))
        return Hit(p, 1.0, quotes, (lines.reason("lookup", intent.lang),))

    # ------------------------------------------------------------ similar
    def similar(self, number: object, *, top_k: int = 5, lang: str = "ja") -> list[SimilarHit]:
        """Proposals like `number` (an id, or a number of the latest year that has it), across years.

        Up to SIMILAR_EXACT_LIMIT proposals every pair is scored (one matrix, computed once); above,
        the candidates are the target's nearest proposals by vector and by keywords
        (SIMILAR_CANDIDATES each), scored the same way among themselves."""
        target = self.get(number)
        k = check_top_k(top_k)
        if len(self.corpus) <= SIMILAR_EXACT_LIMIT:
            with self._lock:
                if "content" not in self._cache:
                    pv = self.index.proposal_vectors(np.arange(len(self.corpus)))
                    self._cache["content"] = (DENSE_SHARE * (pv @ pv.T)
                                              + (1 - DENSE_SHARE) * keyword_similarity(self.corpus))
            content = self._cache["content"][self._position[target.id]]
            return rank_similar(target, self.corpus, content, lang=lang, glossary=self.glossary)[:k]
        at = self._position[target.id]
        pv = self.index.proposal_vectors([at])[0]
        values, ids = self.index.search(pv, SIMILAR_CANDIDATES * 10)  # ~10 vectors per proposal
        positions, doc_best, sent_best = self.index.best_per_proposal(values, ids)
        dense = positions[np.argsort(-np.maximum(doc_best, sent_best), kind="stable")][:SIMILAR_CANDIDATES]
        words, _ = self.index.lexical.top(target.title + "\n" + target.summary, SIMILAR_CANDIDATES)
        chosen = [at] + [p for p in dict.fromkeys([*dense.tolist(), *words.tolist()]) if p != at]
        sub = [self.corpus[p] for p in chosen]
        vectors = self.index.proposal_vectors(chosen)
        content = DENSE_SHARE * (vectors @ vectors[0]) + (1 - DENSE_SHARE) * keyword_similarity(sub)[0]
        return rank_similar(target, sub, content, lang=lang, glossary=self.glossary)[:k]


class AssistantView:
    """The read-only `CorpusView` (assistant.view) that answer kinds get: the assistant's records, masks,
    citations, search and evidence, and nothing that changes it."""

    __slots__ = ("_a",)

    def __init__(self, assistant: Assistant):
        self._a = assistant

    corpus = property(lambda self: self._a.corpus)
    glossary = property(lambda self: self._a.glossary)
    knowledge = property(lambda self: self._a.knowledge)
    by_id = property(lambda self: self._a.by_id)
    year_array = property(lambda self: self._a.year_array)
    number_range = property(lambda self: self._a.number_range)

    def find(self, number, years=()):
        return self._a.find(number, years)

    def tag(self, p, lang):
        return self._a.tag(p, lang)

    def cites(self, props, lang):
        return self._a.cites(props, lang)

    def year_label(self, lang, years=()):
        return self._a.year_label(lang, years)

    def iso_of(self, country):
        return self._a.iso_of(country)

    def view_label(self, key, value, lang):
        return self._a.view_label(key, value, lang)

    def mask_of(self, ids):
        return self._a.mask_of(ids)

    def mask_of_values(self, key, values):
        return self._a.mask_of_values(key, values)

    def value_counts(self, key):
        return self._a.value_counts(key)

    def describe(self, intent, ctx):
        return self._a.describe(intent, ctx)

    def exclusion_ids(self, intent: Intent) -> set[str]:
        """The proposals a question's exclusions ("other than Nippon Koei", 「ベトナム以外」) leave out."""
        from .kinds.common import selection

        kept = selection(self, replace(intent, scope=None, filters={}, exclude_numbers=(), same_as=None, years=(),
                                       regions=()), Ctx(1, self._a.settings.retrieval, {}, {}))
        return {p.id for p in self.corpus} - {p.id for p in kept}

    def has_words(self, question):
        return self._a._has_words(question)

    def hit(self, *args, **kw):
        return self._a.hit(*args, **kw)

    def full_hit(self, p, intent):
        return self._a.full_hit(p, intent)

    def ranked(self, intent, ctx, *, allowed, limit=None):
        return self._a.ranked(intent, ctx, allowed=allowed, limit=limit)

    def topic(self, intent, ctx, *, allowed, topic=None):
        return self._a.topic(intent, ctx, allowed=allowed, topic=topic)

    def similar(self, number, *, top_k=5, lang="ja"):
        return self._a.similar(number, top_k=top_k, lang=lang)


@dataclass
class Conversation:
    """Questions in turn; each one may refer to the previous answer ("which of them…", 「そのうち…」)."""

    assistant: Assistant
    defaults: dict = field(default_factory=dict)
    last: Answer | None = None
    before: Answer | None = None  # the answer before the last (a follow-up about "both of them")

    def ask(self, question: str, **options) -> Answer:
        answer = self.assistant.ask(question, previous=self._previous_for(question), **{**self.defaults, **options})
        if answer.hits or answer.kind != "none":
            self.before, self.last = self.last, answer
        return answer

    def _previous_for(self, question: str) -> Answer | None:
        """The answer a follow-up refers to: the last one, or, for "both of them" after two answers that each
        named one proposal (#6, then "what about #9?"), the two together."""
        last, before = self.last, self.before
        in_both = self.assistant.knowledge.words.lists.get("in_both")
        if last is not None and before is not None and in_both is not None and in_both.search(normalize(question)):
            # "Which proposals are in both lists?" after two lists: what they have in common
            shared = {h.proposal.id for h in before.hits}
            return replace(last, hits=tuple(h for h in last.hits if h.proposal.id in shared))
        if last is None or before is None:
            return last
        both = self.assistant.knowledge.words.lists.get("both")
        if both is None or not both.search(normalize(question)) or BOTH_NAMED.search(normalize(question)):
            return last  # ("Which list both hydrogen and transport infrastructure?": both of two things it names)
        if len(last.hits) > 2 and len(before.hits) == 2:  # "Which of the two includes wind power?" after the
            return before  # Palau pair, then the five most like #8: the two are the pair
        if len(last.hits) != 1 or len(before.hits) != 1 or last.hits[0].proposal.id == before.hits[0].proposal.id:
            return last
        return replace(last, hits=(before.hits[0], last.hits[0]))

    def reset(self) -> None:
        self.last = self.before = None


def common_tokens(corpus: list[Proposal], share: float = COMMON_TOKEN_SHARE) -> frozenset[str]:
    """Summary tokens found in at least `share` of the proposals: too common to mark or pick quotes by."""
    from index.lexical import tokenize

    counts: dict[str, int] = {}
    for p in corpus:
        text = p.summary + " " + (p.en.summary if p.en else "")
        for tok in set(tokenize(text)):
            counts[tok] = counts.get(tok, 0) + 1
    return frozenset(t for t, c in counts.items() if c >= share * len(corpus))


def load_assistant(settings: Settings | None = None, *, progress: bool = True, embedder: Embedder | None = None,
                   rebuild: bool = True) -> Assistant:
    """Open the corpus, glossary, embedder and index (built on first use)."""
    settings = settings or Settings()
    corpus = load_all(settings.data_dir, settings.source, settings.english)
    glossary = augment_glossary(load_glossary(settings.glossary), corpus)
    if embedder is None:
        embedder = make_embedder(settings.engine, model=settings.model, cache_dir=settings.cache_dir)
    index = open_index(settings.index_dir, embedder, corpus, progress=progress, rebuild=rebuild,
                       params=index_params())
    return Assistant(settings, corpus, glossary, embedder, index)


def _acronyms(question: str) -> frozenset[str]:
    """The acronyms the question typed (LEED, CFCs), as tokens: never read as typos of other words."""
    from index.lexical import tokenize

    return frozenset(t for w in re.findall(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9]+s?(?![A-Za-z0-9])(?!['’][Tt]\b)", question)
                     for t in tokenize(w))  # (「LEDに」: no \b before Japanese)


def load_knowledge(glossary: Glossary) -> Knowledge:
    """Names (glossary, regions, places, organisations) and question words from data/."""
    words = load_words()
    after = words.lists.get("abbreviation_next")
    names = build_names(glossary, load_regions(glossary), load_unknowns(glossary),
                        tuple(normalize(w) for w in after.ja) if after is not None else ())
    labels = {(e.key, v): (e.ja, e.en) for e in glossary.entries for v in e.values}
    return Knowledge(names, words, labels, load_en_terms(TERMS_PATH))
