"""Run each command of issue 13 (hostile input and faults) and record what it does.

Every case builds its inputs in a scratch folder (invented reports only), runs the real
``yxnlp`` command in a subprocess under a wall-clock limit (a hang is recorded as such, not
waited out) and notes the exit status, the first line of stderr and what was written.

    python benchmarks/hostile_inputs.py run before   # on the code before the fixes
    python benchmarks/hostile_inputs.py run after    # on the code after them
    python benchmarks/hostile_inputs.py table        # benchmarks/results/hostile_inputs.md

Results go to ``benchmarks/results/hostile_inputs_<label>.json``. Cases that need a user
other than root run as ``nobody`` when this script runs as root, and are skipped otherwise.
To run the "before" cases on an older commit, point ``YXNLP_SRC`` at its ``src`` folder
(``git archive <commit> src | tar -x -C DIR``), set ``YXNLP_COMMIT`` to the commit, and run
this script with ``PYTHONPATH`` set to the same folder.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fixtures_batch import write_reports  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
SRC = os.environ.get("YXNLP_SRC", str(ROOT / "src"))
ENV = {**os.environ, "PYTHONPATH": SRC}
CLI = [sys.executable, "-c", "from yxnlp.cli import run; run()"]
NOBODY = 65534


@dataclass
class Outcome:
    status: str  # the exit status, or "hung: killed after N s"
    stderr: str  # the first line of stderr
    written: str  # what the command left behind
    seconds: float
    peak_rss_mb: float


def _first_line(text: str) -> str:
    """The first line of stderr; for a traceback, its last line too (the exception)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    line = lines[0] if lines else ""
    if line.startswith("Traceback"):
        line += " … " + lines[-1]
    return line if len(line) <= 160 else line[:157] + "..."


def _default_sigint() -> None:
    """Let the child see Ctrl-C even when this script runs in the background (where the shell
    ignores SIGINT, and a Python started with it ignored keeps ignoring it)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _forked_main(argv: list[str], *, cwd: Path, user: int, out: int, err: int) -> int:
    """Fork, drop to ``user`` and run ``yxnlp.cli.main(argv)`` in the child; returns its pid.

    The interpreter here lives under /root, which another user cannot read, so the child is a
    fork with the pipeline already imported and warmed up (as root) rather than a new process.
    """
    from yxnlp import pipeline
    from yxnlp.cli import main

    pipeline.warm_up("jieba", False)
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        os.setsid()
        os.dup2(out, 1)
        os.dup2(err, 2)
        os.chdir(cwd)
        os.setgid(user)
        os.setuid(user)
        code = main(argv)
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def run(argv: list[str], *, cwd: Path, timeout: float, user: int | None = None,
        interrupt_after: float | None = None) -> tuple[Outcome, str]:
    """Run ``yxnlp argv`` (as ``user`` if given); returns the outcome and the whole stdout."""
    start = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        if user is None:
            pid = subprocess.Popen([*CLI, *argv], cwd=cwd, stdout=out, stderr=err,
                                   start_new_session=True, preexec_fn=_default_sigint,
                                   env=ENV).pid
        else:
            pid = _forked_main(argv, cwd=cwd, user=user, out=out.fileno(), err=err.fileno())
        status, rss, sent = "", 0, False
        while True:
            done, code, usage = os.wait4(pid, os.WNOHANG)
            if done:
                rss = usage.ru_maxrss
                status = str(os.waitstatus_to_exitcode(code))
                break
            elapsed = time.monotonic() - start
            if interrupt_after is not None and not sent and elapsed > interrupt_after:
                os.kill(pid, signal.SIGINT)
                sent = True
            if elapsed > timeout:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pid, signal.SIGKILL)
                _, code, usage = os.wait4(pid, 0)
                rss = usage.ru_maxrss
                status = f"hung: killed after {timeout:.0f} s"
                break
            time.sleep(0.05)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)  # anything the command left running
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    seconds = time.monotonic() - start
    return Outcome(status, _first_line(stderr), "", round(seconds, 1), round(rss / 1024, 0)), stdout


# --- what a command left behind --------------------------------------------------------------


def folder_summary(out: Path) -> str:
    if not out.is_dir():
        return "no output folder"
    records = sorted(p.name for p in out.glob("*.json") if p.name != "index.json")
    errors = out / "errors.jsonl"
    failed = errors.read_text("utf-8").splitlines() if errors.is_file() else None
    text = f"{len(records)} record(s)"
    if failed is None:
        return text + ", no errors.jsonl"
    kinds = sorted({json.loads(line)["kind"] for line in failed})
    return text + f", errors.jsonl: {len(failed)} line(s) ({', '.join(kinds) or '-'})"


def record_summary(stdout: str) -> str:
    try:
        record = json.loads(stdout)
    except ValueError:
        return f"stdout: {len(stdout)} bytes, no record"
    inds = record.get("indicators", [])
    shown = ", ".join(f"{i['text']!r} → {i['value']:g}" for i in inds[:3])
    return f"record: {len(inds)} indicator(s)" + (f": {shown}" if shown else "")


# --- the cases ---------------------------------------------------------------------------------


def reports(folder: Path, count: int = 2) -> Path:
    write_reports(folder, count, paragraphs=4)
    return folder


def batch_with(entry: Callable[[Path], None], *, user: int | None = None,
               timeout: float = 60) -> Callable[[Path], Outcome]:
    def case(d: Path) -> Outcome:
        t = reports(d / "t")
        entry(t)
        if user is not None:
            for p in (d, t):
                p.chmod(0o777)
        outcome, _ = run(["batch", "t", "--out", "o", "--no-ner", "--no-progress"], cwd=d,
                         timeout=timeout, user=user)
        outcome.written = folder_summary(d / "o")
        return outcome

    return case


def _dangling(t: Path) -> None:
    (t / "x.txt").symlink_to("/nonexistent")


def _loop(t: Path) -> None:
    (t / "x.txt").symlink_to("x.txt")


def _socket(t: Path) -> None:
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(t / "x.txt"))
    s.close()  # the socket file stays


def _unreadable(t: Path) -> None:
    (t / "x.txt").write_text("一、概况\n全年增长5%。", encoding="utf-8")
    (t / "x.txt").chmod(0)


def _dev_zero_link(t: Path) -> None:
    (t / "x.txt").symlink_to("/dev/zero")


def extract_file(name: str, data: bytes | None, *, timeout: float = 60) -> Callable[[Path], Outcome]:
    def case(d: Path) -> Outcome:
        path = d / name
        if data is not None:
            path.write_bytes(data)
        outcome, stdout = run(["extract", name, "--no-ner"], cwd=d, timeout=timeout)
        outcome.written = record_summary(stdout)
        return outcome

    return case


def extract_fifo(d: Path) -> Outcome:
    os.mkfifo(d / "p.txt")
    outcome, stdout = run(["extract", "p.txt", "--no-ner"], cwd=d, timeout=10)
    outcome.written = record_summary(stdout)
    return outcome


def extract_dev_zero(d: Path) -> Outcome:
    outcome, stdout = run(["extract", "/dev/zero", "--no-ner"], cwd=d, timeout=6)
    outcome.written = record_summary(stdout) + f"; peak RSS {outcome.peak_rss_mb:.0f} MB"
    return outcome


SENTENCE = "一、经济运行\n2023年全区地区生产总值{n}亿元。\n"


def number_case(figure: str) -> Callable[[Path], Outcome]:
    return extract_file("n.txt", SENTENCE.format(n=figure).encode("utf-8"))


TEXT = "一、经济运行\n全年实现地区生产总值445亿元，同比增长6.5%。\n二、明年安排\n力争增长7%。\n" * 3
_DOCX_PARTS = ("[Content_Types].xml", "_rels/.rels", "word/document.xml")


def garbage_docx(d: Path) -> Outcome:
    with zipfile.ZipFile(d / "g.docx", "w") as z:
        for part in _DOCX_PARTS:
            z.writestr(part, "<<<这不是XML>>>")
    outcome, stdout = run(["extract", "g.docx", "--no-ner"], cwd=d, timeout=60)
    outcome.written = record_summary(stdout)
    return outcome


def garbage_docx_batch(d: Path) -> Outcome:
    t = reports(d / "t")
    with zipfile.ZipFile(t / "g.docx", "w") as z:
        for part in _DOCX_PARTS:
            z.writestr(part, "<<<这不是XML>>>")
    outcome, _ = run(["batch", "t", "--out", "o", "--no-ner", "--no-progress"], cwd=d, timeout=60)
    outcome.written = folder_summary(d / "o")
    return outcome


def store(d: Path) -> Path:
    """A store of two records, built by a batch."""
    t = reports(d / "t")
    run(["batch", "t", "--out", "o", "--db", "y.duckdb", "--no-ner", "--no-progress"], cwd=d,
        timeout=120)
    return t


def truncated_store(command: str) -> Callable[[Path], Outcome]:
    def case(d: Path) -> Outcome:
        store(d)
        db = d / "y.duckdb"
        size = db.stat().st_size
        with db.open("r+b") as fh:
            fh.truncate(size // 2)
        if command == "batch":
            argv = ["batch", "t", "--out", "o2", "--db", "y.duckdb", "--no-ner", "--no-progress"]
        else:
            argv = ["export", "--parquet", "pq", "--db", "y.duckdb"]
        outcome, _ = run(argv, cwd=d, timeout=60)
        written = folder_summary(d / "o2") if command == "batch" else (
            f"{len(list((d / 'pq').glob('*.parquet')))} parquet file(s)" if (d / "pq").is_dir()
            else "no parquet folder")
        outcome.written = written + f"; store file untouched: {db.stat().st_size == size // 2}"
        return outcome

    return case


def on_store(argv: list[str], *, timeout: float = 60, interrupt_after: float | None = None,
             what: Callable[[Path, str], str] | None = None) -> Callable[[Path], Outcome]:
    def case(d: Path) -> Outcome:
        store(d)
        outcome, stdout = run([*argv, "--db", "y.duckdb"] if argv[0] != "export" else argv,
                              cwd=d, timeout=timeout, interrupt_after=interrupt_after)
        outcome.written = what(d, stdout) if what else f"stdout: {stdout.strip()[:60]!r}"
        if interrupt_after is not None:
            outcome.written += f" (SIGINT sent after {interrupt_after:.0f} s)"
        if outcome.peak_rss_mb > 500:
            outcome.written += f"; peak RSS {outcome.peak_rss_mb:.0f} MB"
        return outcome

    return case


def parent_kill(d: Path) -> Outcome:
    """Kill only the batch's parent process; count its workers still alive 10 s later."""
    t = d / "t"
    write_reports(t, 8, paragraphs=40)
    proc = subprocess.Popen([*CLI, "batch", "t", "--out", "o", "--workers", "2", "--no-ner",
                             "--no-progress"], cwd=d, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=ENV)
    start = time.monotonic()
    parent = psutil.Process(proc.pid)
    children: list[psutil.Process] = []
    while time.monotonic() - start < 120:
        children = parent.children(recursive=True)
        if len([c for c in children if "resource_tracker" not in " ".join(c.cmdline())]) >= 2:
            break
        time.sleep(0.1)
    time.sleep(3)  # the workers are loading their models
    children = parent.children(recursive=True)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    time.sleep(10)
    alive = [c for c in children if c.is_running() and c.status() != psutil.STATUS_ZOMBIE]
    names = sorted("resource tracker" if "resource_tracker" in " ".join(c.cmdline()) else "worker"
                   for c in alive)
    rss = sum(c.memory_info().rss for c in alive) / 2**20
    for c in alive:
        with contextlib.suppress(psutil.Error):
            c.kill()
    written = f"{len(children)} child process(es) before the kill; alive 10 s after it: "
    written += (", ".join(names) + f" ({rss:.0f} MB)") if alive else "none"
    return Outcome("parent killed (SIGKILL)", "", written, round(time.monotonic() - start, 1), 0)


def read_during_batch(d: Path) -> Outcome:
    """A query on the store while a batch writes to it."""
    store(d)
    write_reports(d / "more", 12, paragraphs=400)
    proc = subprocess.Popen([*CLI, "batch", "more", "--out", "o3", "--db", "y.duckdb",
                             "--no-ner", "--no-progress"], cwd=d, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=ENV)
    try:
        start = time.monotonic()
        while not list((d / "o3").glob("county*.json")) and time.monotonic() - start < 120:
            time.sleep(0.05)
        outcome, stdout = run(["query", "SELECT count(*) AS n FROM documents", "--db", "y.duckdb",
                               "--format", "csv"], cwd=d, timeout=60)
        batch_running = proc.poll() is None
        done = len(list((d / "o3").glob("county*.json")))
    finally:
        proc.wait()
    outcome.written = (f"query stdout: {stdout.strip().splitlines()[-1:]!r}; the batch was "
                       + (f"still running ({done} of 12 records written)" if batch_running
                          else "already done") + f" and exited {proc.returncode}")
    return outcome


def _columns(d: Path, stdout: str) -> str:
    return f"stdout: {len(stdout)} bytes"


CASES: list[tuple[str, str, Callable[[Path], Outcome]]] = [
    ("1", "ln -s /nonexistent t/x.txt; yxnlp batch t --out o", batch_with(_dangling)),
    ("1", "ln -s x.txt t/x.txt (a loop); yxnlp batch t --out o", batch_with(_loop)),
    ("1", "a socket t/x.txt; yxnlp batch t --out o", batch_with(_socket)),
    ("1", "chmod 0 t/x.txt; yxnlp batch t --out o (as nobody)",
     batch_with(_unreadable, user=NOBODY)),
    ("2", "mkfifo p.txt; yxnlp extract p.txt", extract_fifo),
    ("2", "yxnlp extract /dev/zero", extract_dev_zero),
    ("2", "ln -s /dev/zero t/x.txt; yxnlp batch t --out o", batch_with(_dev_zero_link, timeout=30)),
    ("3", "extract '…生产总值4\\u200b45亿元' (zero-width space)", number_case("4\u200b45")),
    ("3", "extract '…生产总值1\\ufeff2亿元' (BOM)", number_case("1\ufeff2")),
    ("3", "extract '…生产总值4\\u206045亿元' (word joiner)", number_case("4\u206045")),
    ("3", "extract '…生产总值4\\u00ad45亿元' (soft hyphen)", number_case("4\u00ad45")),
    ("3", "extract '…生产总值4\\x0145亿元' (control character)", number_case("4\x0145")),
    ("3", "extract '…生产总值4\\u030145亿元' (combining mark)", number_case("4\u030145")),
    ("3", "extract '…生产总值−445亿元' (U+2212 minus)", number_case("\u2212445")),
    ("3", "extract '…生产总值－445亿元' (full-width minus)", number_case("\uff0d445")),
    ("4", "extract u32.txt (UTF-32LE with BOM)",
     extract_file("u32.txt", b"\xff\xfe\x00\x00" + TEXT.encode("utf-32-le"))),
    ("4", "extract u16.txt (UTF-16LE without BOM)",
     extract_file("u16.txt", TEXT.encode("utf-16-le"))),
    ("5", "yxnlp query 'SELECT count(*) FROM range(1e12::BIGINT)'",
     on_store(["query", "SELECT count(*) FROM range(1e12::BIGINT)"], timeout=90)),
    ("5", "yxnlp query \"SELECT length(string_agg('x', '')) FROM range(2e9::BIGINT)\"",
     on_store(["query", "SELECT length(string_agg('x', '')) FROM range(2e9::BIGINT)"],
              timeout=15)),
    ("5", "yxnlp query 'SELECT 1; SELECT 2'", on_store(["query", "SELECT 1; SELECT 2"])),
    ("6", "kill -9 <batch parent> (yxnlp batch --workers 2)", parent_kill),
    ("7", "yxnlp extract g.docx (a zip of garbage XML)", garbage_docx),
    ("7", "yxnlp batch t --out o (t holds g.docx, a zip of garbage XML)", garbage_docx_batch),
    ("7", "truncate y.duckdb to half; yxnlp batch t --out o2 --db y.duckdb",
     truncated_store("batch")),
    ("7", "truncate y.duckdb to half; yxnlp export --parquet pq --db y.duckdb",
     truncated_store("export")),
    ("7", "yxnlp indicators --columns nope", on_store(["indicators", "--columns", "nope"],
                                                      what=_columns)),
    ("7", "Ctrl-C during yxnlp query (SIGINT after 3 s)",
     on_store(["query", "SELECT count(*) FROM range(1e12::BIGINT)"], timeout=20,
              interrupt_after=3)),
    ("7", "yxnlp export --parquet /proc/x",
     on_store(["export", "--parquet", "/proc/x", "--db", "y.duckdb"])),
    ("8", "yxnlp query … while yxnlp batch --db writes to the same store", read_during_batch),
]


def run_all(label: str, only: str | None) -> None:
    results = []
    for issue, command, case in CASES:
        if only and only not in command:
            continue
        if "nobody" in command and os.geteuid() != 0:
            print(f"skip (needs root to demote): {command}", file=sys.stderr)
            continue
        with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
            d = Path(tmp)
            d.chmod(0o755)
            outcome = case(d)
        print(f"[{issue}] {command}\n    {outcome}", file=sys.stderr, flush=True)
        results.append({"defect": issue, "command": command, **asdict(outcome)})
    path = RESULTS / f"hostile_inputs_{label}.json"
    if only and path.is_file():  # merge a partial run into the earlier one
        old = {r["command"]: r for r in json.loads(path.read_text("utf-8"))["results"]}
        old.update({r["command"]: r for r in results})
        results = [old[c] for _, c, _ in CASES if c in old]
    commit = os.environ.get("YXNLP_COMMIT") or subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()  # with YXNLP_SRC, say which commit that source is
    path.write_text(json.dumps({"label": label, "commit": commit, "results": results},
                               ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ") or "–"


def table() -> str:
    runs = {label: json.loads((RESULTS / f"hostile_inputs_{label}.json").read_text("utf-8"))
            for label in ("before", "after")}
    by = {label: {r["command"]: r for r in run["results"]} for label, run in runs.items()}
    lines = [
        "| # | command | before: exit · stderr · written | after: exit · stderr · written |",
        "|---|---|---|---|",
    ]
    for issue, command, _ in CASES:
        cells = []
        for label in ("before", "after"):
            r = by[label].get(command)
            cells.append("not run" if r is None else
                         f"**{_cell(r['status'])}** · `{_cell(r['stderr'])}` · {_cell(r['written'])}")
        lines.append(f"| {issue} | `{_cell(command)}` | {cells[0]} | {cells[1]} |")
    head = (f"before: commit {runs['before']['commit']}; after: commit {runs['after']['commit']}."
            " Regenerate with `python benchmarks/hostile_inputs.py run after` then `… table`.")
    return head + "\n\n" + "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    r = sub.add_parser("run")
    r.add_argument("label", choices=["before", "after"])
    r.add_argument("--only", help="run the cases whose command contains this text")
    sub.add_parser("table")
    args = parser.parse_args()
    if args.what == "run":
        run_all(args.label, args.only)
    else:
        print(table())


if __name__ == "__main__":
    main()
