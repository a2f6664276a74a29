"""Records per second through `cleaner run - -` against the folder mode, on the same real pages.

    python benchmarks/stream.py --corpora ../shared/corpora --pages 200 --repeat 3

The pages are written once as files and once as one JSON Lines file (in a
temporary folder, never the repository). Each repeat runs, in an order that rotates between repeats: the folder
mode (`cleaner run pages/ out/`), the stream mode (`cleaner run - - < pages.jsonl`)
and the part-file mode (`cleaner run pages.jsonl out/ --format jsonl`), all on
every core, timed as whole processes. Medians are compared to the folder mode.
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
from pathlib import Path

from speed import HERE, real_pages, write_pages


def timed(cmd: list[str], stdin: Path | None = None) -> float:
    start = time.perf_counter()
    with open(stdin or os.devnull, "rb") as fh:
        subprocess.run(cmd, stdin=fh, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=HERE.parent.parent / "shared" / "corpora")
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cleaner-stream-"))
    cli = [sys.executable, "-m", "cleaner", "run"]
    try:
        pages = real_pages(args.corpora, args.pages)
        write_pages(work / "pages", pages)
        with open(work / "pages.jsonl", "w", encoding="utf-8") as fh:
            for i, page in enumerate(pages):  # the same bytes, as the text a crawler would store
                fh.write(json.dumps({"id": i, "html": page.decode("utf-8", "replace")}) + "\n")
        commands = {
            "folder": ([*cli, str(work / "pages"), str(work / "out"), "--quiet"], None),
            "stream": ([*cli, "-", "-", "--quiet"], work / "pages.jsonl"),
            "parts": ([*cli, str(work / "pages.jsonl"), str(work / "out"), "--format", "jsonl", "--quiet"], None),
        }
        runs: dict[str, list[float]] = {key: [] for key in commands}
        for r in range(args.repeat):
            order = list(commands)[r % 3:] + list(commands)[:r % 3]  # no mode always runs first
            for key in order:
                shutil.rmtree(work / "out", ignore_errors=True)
                runs[key].append(timed(*commands[key]))
        base = statistics.median(runs["folder"])
        print(f"pages: {len(pages)} real pages; {os.cpu_count()} cores, every core; medians of {args.repeat}")
        print(f"{'mode':<46}{'seconds':>9}{'records/s':>11}{'ratio':>8}")
        names = {"folder": "folder: cleaner run pages/ out/", "stream": "stream: cleaner run - - < pages.jsonl",
                 "parts": "parts: cleaner run pages.jsonl out/ --format jsonl"}
        for key, label in names.items():
            t = statistics.median(runs[key])
            print(f"{label:<46}{t:>9.2f}{len(pages) / t:>11.1f}{t / base:>8.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
