"""The wheel carries everything it needs: the code, and every file of data/ as the package c2c_data."""
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _setuptools_version() -> tuple[int, ...]:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return tuple(int(x) for x in version("setuptools").split(".")[:2] if x.isdigit())
    except PackageNotFoundError:
        return (0,)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # built from a copy of the tracked tree: a build/ folder left in the checkout by an earlier build
    # could otherwise put modules that no longer exist into the wheel
    source = tmp_path_factory.mktemp("source") / "c2c"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "build", "dist", ".cache",
                                                                 "*.egg-info", "__pycache__", "benchmarks", "docs"))
    # the build backend already here when it is recent enough (no download); else pip's isolated build
    isolation = ["--no-build-isolation"] if _setuptools_version() >= (77,) else []
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation, "-q",
                            "-w", str(out), str(source)], capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr[-2000:]
    (path,) = out.glob("c2c_assistant-*.whl")
    return path


def test_wheel_lists_every_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    data = [p for p in (ROOT / "data").rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    expected = {"c2c_data/" + p.relative_to(ROOT / "data").as_posix() for p in data}
    assert expected, "no data files found"
    assert expected <= names, sorted(expected - names)
    for must in ("c2c_data/source/r06_c2c_proposals.txt", "c2c_data/en/proposals_en.json",
                 "c2c_data/glossary.json", "c2c_data/geography.json", "c2c_data/places.json",
                 "c2c_data/question_words.json", "c2c_data/terms.json", "c2c_data/eval/tune/queries.jsonl",
                 "c2c_data/eval/test/queries.jsonl", "c2c_data/eval/tune/topics_tune1.jsonl",
                 "c2c_data/eval/tune/offtopic.txt"):
        assert must in names
    assert "assistant/mcp_server.py" in names and "index/resources.py" in names
    assert any(n.endswith("entry_points.txt") for n in names)


def test_installed_wheel_reads_its_own_data(wheel, tmp_path):
    """Unpacked outside the checkout, the code finds the data through importlib.resources."""
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = ("import assistant, index.resources as r, index.corpus as c, assistant.evaluate as e, "
            "assistant.chat_eval as ce\n"
            "print(assistant.__file__); print(r.data_root()); print(len(c.load_corpus()), "
            "all(p.is_file() for p in e.DEFAULT_QUERIES) and len(e.DEFAULT_QUERIES) == 2, "
            "len(ce.DEFAULT_CHAT) > 0)")
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env,
                         timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    module, root, counts = out.stdout.splitlines()
    assert module.startswith(str(target)) and Path(root) == target / "c2c_data"
    assert counts == "18 True True"


def test_data_is_found_only_through_index_resources():
    """No module builds a path to data/ by itself: everything goes through index.resources.data_path."""
    import re

    pattern = re.compile(r"""(/\s*["']data["'])|(["']data/(source|en|eval)|Path\(["']data)""")
    offenders = []
    for folder in ("assistant", "index", "benchmarks"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "resources.py" and folder == "index":
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                code = line.split("#", 1)[0]
                if pattern.search(code) and not any(w in code for w in ("help=", "print(", "C2C_DATA_DIR")):
                    offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offenders, offenders
