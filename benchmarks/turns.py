"""This checkout against another version of it, in turns, on the two seeds: is a change faster?

    python benchmarks/turns.py --corpora ../shared/corpora --base HEAD~1 --rounds 200

On the machines we have, one `speed.py` run's figures move by up to a fifth from
the next (benchmarks/README.md, session 18): more than most savings, and a slow
spell of the machine lasts seconds. This script checks BASE out into a temporary
git worktree and starts one process of each version. Each warms a Cleaner on the
texts of other page types, as `speed.seed_times` does; then, round after round,
each cleans the two seeds in turn (CPU time, per-paragraph caches emptied and
the scorer's word memory put back first), switching which goes first every
round. A slow spell then hits both alike. It prints the median documents a second
of each and their ratio.

With `--articles K`, each round has both clean the next K seed-sized articles
instead (caches emptied at the round's start, the word memory kept, as in a
run), the same articles on both sides. Rounds of different articles vary more
than rounds of the seeds: use more rounds, or callgrind (benchmarks/README.md).
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Run in a checkout's folder, with that checkout's cleaner and benchmarks/speed.py:
# answers each line it reads with the CPU microseconds the two seeds took. Each
# round is one round of `speed.seed_times`, written out here so that BASE's own
# speed.py needs no function it may not have.
CHILD = """
import sys, time
from pathlib import Path
sys.path[:0] = [".", "benchmarks"]
import cleaner, speed
here = Path.cwd().resolve()
if here not in Path(cleaner.__file__).resolve().parents:
    sys.exit(f"imported {cleaner.__file__}, not the cleaner of {here}")
corpora, batch = Path(sys.argv[1]), int(sys.argv[2])
texts = speed.seed_sized_texts(corpora, 2000)
in_order = speed.seed_sized_texts(corpora, 2000, articles=True)[2:]   # less the seeds
articles = set(in_order)
c = cleaner.Cleaner()
for text in texts:
    if text not in articles:
        c.clean(text, kind="text")
memory = c.scorer.token_columns
known = dict(memory)
print("ready", flush=True)
for round in sys.stdin:
    spent = 0.0
    if batch:   # the next articles in a row, as a run meets them
        speed.forget_paragraphs()
        start = time.process_time()
        for i in range(int(round) * batch, (int(round) + 1) * batch):
            c.clean(in_order[i % len(in_order)], kind="text")
        print((time.process_time() - start) * 1e6, flush=True)
        continue
    for seed in texts[:2]:
        speed.forget_paragraphs()
        memory.clear()
        memory.update(known)
        start = time.process_time()
        c.clean(seed, kind="text")
        spent += time.process_time() - start
    print(spent * 1e6, flush=True)
"""


def start(checkout: Path, corpora: Path, batch: int) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(corpora), str(batch)], cwd=checkout, text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    if child.stdout.readline().strip() != "ready":
        sys.exit(f"{checkout}: the timing process did not start")
    return child


def ask(child: subprocess.Popen, round: int) -> float:
    child.stdin.write(f"{round}\n")
    child.stdin.flush()
    return float(child.stdout.readline())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    ap.add_argument("--base", default="HEAD~1", help="the version to compare with (any git revision)")
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument("--articles", type=int, default=0, metavar="K",
                    help="each round, clean the next K seed-sized articles instead of the seeds")
    args = ap.parse_args()
    corpora = args.corpora.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "--quiet", str(base), args.base],
                       check=True)
        children = {}
        try:
            children = {name: start(checkout, corpora, args.articles)
                        for name, checkout in (("base", base), ("this", REPO))}
            spent: dict[str, list[float]] = {name: [] for name in children}
            order = list(children)
            for r in range(args.rounds):
                for name in order if r % 2 == 0 else order[::-1]:
                    spent[name].append(ask(children[name], r))
        finally:
            for child in children.values():
                child.stdin.close()
                child.wait()
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(base)], check=True)
    per_round = args.articles or 2
    b, t = (per_round * 1e6 / statistics.median(spent[name]) for name in ("base", "this"))
    what = f"articles ({args.articles} a round)" if args.articles else "seeds"
    print(f"{what} a second, medians of {args.rounds} rounds in turns: {args.base} {b:,.0f}, "
          f"this checkout {t:,.0f}; this / base {t / b:.3f}")


if __name__ == "__main__":
    main()
