"""Speed and memory of `cleaner run` against trafilatura on the same real pages, in one run.

    python benchmarks/speed.py --corpora ../shared/corpora --pages 300 --repeat 3

Prints one table of times, ratios and peak memory. The pages are written to a
temporary folder (never into the repository). Runs alternate between the tools
and the medians are compared, so a slow moment of the machine hits both.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETS = ("wcxb", "trafilatura_eval", "dragnet", "l3s_gn1")


def real_pages(corpora: Path, n: int) -> list[bytes]:
    rows = [json.loads(line) for line in open(corpora / "manifest.jsonl", encoding="utf-8")]
    rows = [r for r in rows if r["set"] in SETS and "duplicate_of" not in r]
    rows.sort(key=lambda r: (SETS.index(r["set"]), r["id"]))
    step = max(1, len(rows) // n)
    return [gzip.decompress((corpora / r["html"]).read_bytes()) for r in rows[::step][:n]]


def write_pages(folder: Path, pages: list[bytes], copies: int = 1) -> None:
    folder.mkdir(parents=True)
    for c in range(copies):
        for i, page in enumerate(pages):
            (folder / f"p{c:03d}-{i:05d}.html").write_bytes(page)


def trafilatura_loop(folder: Path) -> float:
    """A plain loop of trafilatura.extract over the same files, in a fresh process like the CLI."""
    code = ("import sys, time, pathlib, trafilatura\n"
            "t = time.perf_counter()\n"
            "for p in sorted(pathlib.Path(sys.argv[1]).iterdir()):\n"
            "    trafilatura.extract(p.read_bytes(), output_format='json', with_metadata=True)\n"
            "print(time.perf_counter() - t)\n")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(folder)], check=True, capture_output=True)
    return time.perf_counter() - start


def tree_memory(pid: int) -> tuple[int, int]:
    """Resident memory (RSS) and proportional set size (PSS) of a process and all its
    descendants, in bytes (Linux /proc). RSS counts a page shared by the workers (the
    libraries, the model) once in every process; PSS splits it between them, so the
    PSS sum is what the run holds."""
    rss = pss = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                rss += next(int(line.split()[1]) * 1024 for line in fh if line.startswith("VmRSS:"))
            with open(f"/proc/{p}/smaps_rollup") as fh:
                pss += next(int(line.split()[1]) * 1024 for line in fh if line.startswith("Pss:"))
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (OSError, StopIteration):
            continue
    return rss, pss


def cleaner_run(folder: Path, jobs: int, out: Path, memory: bool = False) -> tuple[float, int, int]:
    """Wall time of `cleaner run`, and with `memory` the peak RSS and PSS of its whole
    process tree (polled; timed runs are not polled, so the poller takes no CPU from them)."""
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "cleaner", "run", str(folder), str(out), "--jobs", str(jobs), "--quiet"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_rss = peak_pss = 0
    while memory and proc.poll() is None:
        rss, pss = tree_memory(proc.pid)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.05)
    proc.wait()
    return time.perf_counter() - start, peak_rss, peak_pss


SEED_CHARS = (1800, 2700)  # the two seed articles are 2,102 and 2,388 characters


def seed_sized_texts(corpora: Path, n: int, articles: bool = False) -> list[str]:
    """The two seed articles and distinct texts of their size: the gold main text of
    corpus pages, cut at a paragraph boundary. Every text is different, so no cache
    sees a paragraph twice (the cleaner remembers recent paragraphs' lexicon hits).
    With `articles`, only pages that are articles, as the seeds are: WCXB's other
    page types (forum threads, listings, shops, documentation) give texts of as many
    characters in half again as many paragraphs, mostly one-line ones."""
    sys.path.insert(0, str(HERE.parent))
    from cleaner.weaklabel import _ground_truth, page_rows

    texts = [p.read_text(encoding="utf-8") for p in sorted((corpora.parent / "seeds").glob("*.txt"))]
    for row in page_rows(corpora, {"wcxb", "newspaper", "newspaper4k", "trafilatura_eval", "goose3"}):
        gold, page_type = _ground_truth(corpora, row)
        if articles and page_type not in (None, "article"):  # the news sets give no type: all articles
            continue
        doc, size = [], 0
        for para in (gold or "").split("\n"):
            if para.strip():
                doc.append(para.strip())
                size += len(para) + 2
            if size >= SEED_CHARS[0]:
                break
        if SEED_CHARS[0] <= size <= SEED_CHARS[1] and len(doc) >= 5:
            texts.append("\n\n".join(doc))
        if len(texts) >= n:
            break
    return texts


def other_set_texts(corpora: Path) -> list[str]:
    """The whole gold main texts of the sets no seed-sized text is cut from (Dragnet,
    CleanPortalEval, L3S-GN1): 1,452 texts, 36,598 paragraphs. A long run's worker has
    screened tens of thousands of paragraphs, and the RE2 screen's automaton builds its
    states as new text needs them: about 8 microseconds a paragraph over the first
    10,000 paragraphs of news, 2 after 40,000 (benchmarks/README.md, session 19)."""
    sys.path.insert(0, str(HERE.parent))
    from cleaner.weaklabel import _ground_truth, page_rows

    texts = []
    for row in page_rows(corpora, {"dragnet", "cleanportaleval", "l3s_gn1"}):
        gold, _ = _ground_truth(corpora, row)
        if gold and gold.strip():
            texts.append(gold)
    return texts


def forget_paragraphs() -> None:
    """Empty the cleaner's per-paragraph memories (lexicon answers, word counts, head
    words, quotes), so that a timed pass pays for every paragraph it cleans."""
    from cleaner.features import _head_words
    from cleaner.lexicons import candidates, cased_candidates, hits, language_candidates, pleads
    from cleaner.rules import _quoting, word_count

    for cache in (hits, pleads, candidates, language_candidates, cased_candidates, word_count, _quoting, _head_words):
        cache.cache_clear()


def _rate(cleaner, texts: list[str]) -> tuple[float, float]:
    """Documents per second of CPU time, each of `texts` but the first cleaned once
    with the per-paragraph caches emptied, and the mean paragraphs a document has."""
    forget_paragraphs()
    start, paragraphs = time.process_time(), 0
    for text in texts[1:]:
        paragraphs += len(cleaner.clean(text, kind="text").paragraphs)
    return (len(texts) - 1) / (time.process_time() - start), paragraphs / (len(texts) - 1)


def fresh_rate(texts: list[str]) -> tuple[float, float]:
    """`_rate` in a new Cleaner of a new process, which pays what a process does once
    (dateparser builds its tables for every language the first time a date line needs
    them: over a second); the first text pays the first-use imports, untimed."""
    from cleaner import Cleaner

    cleaner = Cleaner()
    cleaner.clean(texts[0], kind="text")
    return _rate(cleaner, texts)


def warm_rate(texts: list[str], others: list[str]) -> tuple[float, float]:
    """`_rate` in a new Cleaner that has cleaned `others` first, as a long run's worker
    has cleaned other documents: no lexicon answer and no word of the scorer's memory
    comes from having seen these very texts before."""
    from cleaner import Cleaner

    cleaner = Cleaner()
    for text in others:
        cleaner.clean(text, kind="text")
    return _rate(cleaner, texts)


def seed_times(seeds: list[str], others: list[str], rounds: int = 15) -> list[float]:
    """Microseconds of CPU time each seed takes, the median of `rounds`, in a Cleaner
    that has cleaned `others` first: the target's own documents, timed alone. Before
    every timing the scorer's word memory is put back as the other texts left it and
    the per-paragraph caches are emptied, so each round cleans a document the
    Cleaner has never seen."""
    from cleaner import Cleaner

    cleaner = Cleaner()
    for text in others:
        cleaner.clean(text, kind="text")
    memory = cleaner.scorer.token_columns
    known = dict(memory)
    spent: list[list[float]] = [[] for _ in seeds]
    for _ in range(rounds):
        for i, seed in enumerate(seeds):
            forget_paragraphs()
            memory.clear()
            memory.update(known)
            start = time.process_time()
            cleaner.clean(seed, kind="text")
            spent[i].append((time.process_time() - start) * 1e6)
    return [statistics.median(times) for times in spent]


def plain_text_stages(texts: list[str], repeat: int = 3) -> tuple[list[tuple[str, float]], float]:
    """Where a plain-text document's CPU time goes: each stage of `Cleaner.clean` timed
    alone over all the texts (the fastest of `repeat` passes, per-paragraph caches
    emptied before each), in microseconds per paragraph. The model's stage computes the
    features with their lexicon lookups; "the rest" is the whole call less the stages
    named (combining the labels, the context pass, assembling the document). Also the
    mean number of paragraphs a document has."""
    from cleaner import Cleaner
    from cleaner.language import detect_language
    from cleaner.metadata import text_metadata
    from cleaner.rules import first_verdict
    from cleaner.segment import segment_text

    cleaner = Cleaner()
    for text in texts:  # first-use imports and tables, as a long run's workers have them
        cleaner.clean(text, kind="text")
    docs = [segment_text(text)[1] for text in texts]
    langs = [detect_language(b.text for b in blocks) for blocks in docs]
    scorers = [cleaner.model_for(blocks, "text")[1] for blocks in docs]
    verdicts = [[first_verdict(b, lang) for b in blocks] for blocks, lang in zip(docs, langs)]
    stages = {
        "segment": lambda: [segment_text(text) for text in texts],
        "metadata (date line, byline)": lambda: [text_metadata([b.text for b in blocks]) for blocks in docs],
        "language": lambda: [detect_language(b.text for b in blocks) for blocks in docs],
        "rules": lambda: [[first_verdict(b, lang) for b in blocks] for blocks, lang in zip(docs, langs)],
        "features and model": lambda: [scorer.predict_proba(blocks, v, lang) for scorer, blocks, v, lang
                                       in zip(scorers, docs, verdicts, langs)],
        "whole call": lambda: [cleaner.clean(text, kind="text") for text in texts],
    }
    spent = {}
    for name, run in stages.items():
        best = float("inf")
        for _ in range(repeat):
            forget_paragraphs()
            start = time.process_time()
            run()
            best = min(best, time.process_time() - start)
        spent[name] = best * 1e6 / sum(map(len, docs))
    whole = spent.pop("whole call")
    return ([*spent.items(), ("the rest", whole - sum(spent.values())), ("whole call", whole)],
            sum(map(len, docs)) / len(docs))


def paired_ratio(folder: Path) -> float:
    """cleaner's CPU time over trafilatura's in one process, page by page, the two
    each going first on every page in one of two passes, after a pass that warms
    both (imports, the date parser's per-language tables). A slow moment of the
    machine hits both tools alike, so this ratio varies far less than whole runs do;
    it leaves out what a run adds around cleaning (startup, writing outputs)."""
    code = ("import sys, time, pathlib, trafilatura\n"
            "from cleaner import Cleaner, CleanerError\n"
            "c = Cleaner()\n"
            "def clean(p):\n"
            "    try: c.clean(p)\n"
            "    except CleanerError: pass\n"
            "def extract(p): trafilatura.extract(p, output_format='json', with_metadata=True)\n"
            "pages = [p.read_bytes() for p in sorted(pathlib.Path(sys.argv[1]).iterdir())]\n"
            "for p in pages: clean(p); extract(p)\n"
            "spent = {clean: 0.0, extract: 0.0}\n"
            "for first, second in ((clean, extract), (extract, clean)):\n"
            "    for p in pages:\n"
            "        for f in (first, second):\n"
            "            t = time.process_time(); f(p); spent[f] += time.process_time() - t\n"
            "print(spent[clean] / spent[extract])\n")
    out = subprocess.run([sys.executable, "-c", code, str(folder)], check=True, capture_output=True,
                         text=True, cwd=HERE.parent)
    return float(out.stdout.split()[-1])


def classification_share(folder: Path) -> tuple[float, float]:
    """The share of cleaning time (CPU, in one process, after a warming pass) spent in
    stage 5, the model's scoring (features and weights), and in stages 4 to 7 together
    (rules, model, context): issue 3 caps classification at 10% of a run."""
    from cleaner import Cleaner, CleanerError
    from cleaner.rules import first_verdict

    cleaner = Cleaner()
    seen: list[tuple] = []
    label = cleaner._label  # stages 4 to 7, with the model `clean` picked for the document

    def keep(blocks, lang, model, scorer):
        seen.append((list(blocks), lang, model, scorer))
        return label(blocks, lang, model, scorer)

    cleaner._label = keep
    pages = [p.read_bytes() for p in sorted(folder.iterdir())]
    spent = 0.0
    for _ in range(2):
        start = time.process_time()
        for page in pages:
            try:
                cleaner.clean(page)
            except CleanerError:
                pass
        spent = time.process_time() - start
    cleaner._label = label
    seen = seen[len(seen) // 2:]  # the second pass's
    if not seen:
        raise RuntimeError("no document reached labelling: Cleaner._label is no longer the labelling stage")
    verdicts = [[first_verdict(b, lang) for b in blocks] for blocks, lang, _, _ in seen]
    start = time.process_time()
    for (blocks, lang, _, scorer), v in zip(seen, verdicts):
        scorer.predict_proba(blocks, v, lang)
    scoring = time.process_time() - start
    start = time.process_time()
    for blocks, lang, model, scorer in seen:
        label(blocks, lang, model, scorer)
    return scoring / spent, (time.process_time() - start) / spent


def startup() -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write("Council approves tram line\nThe council voted on Thursday to build a tram line.\nPhoto: AP\n")
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "cleaner", "clean", fh.name], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    os.unlink(fh.name)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=HERE.parent.parent / "shared" / "corpora")
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--memory-pages", type=int, default=10_000, help="pages for the memory runs (0: skip)")
    ap.add_argument("--plain-stages", action="store_true",
                    help="only print where a plain-text document's time goes, stage by stage")
    args = ap.parse_args()
    if args.plain_stages:
        texts = seed_sized_texts(args.corpora, 1000, articles=True)[1:]
        stages, paragraphs = plain_text_stages(texts)
        print(f"plain text, {len(texts):,} seed-sized articles of {paragraphs:.1f} paragraphs;"
              f" CPU microseconds per paragraph, fastest of 3 passes")
        for name, micros in stages:
            print(f"{name:<30}{micros:>8.1f}")
        print(f"{'1,000 documents/s leaves':<30}{1e3 / paragraphs:>8.1f}")
        return
    work = Path(tempfile.mkdtemp(prefix="cleaner-speed-"))
    try:
        pages = real_pages(args.corpora, args.pages)
        write_pages(work / "pages", pages)
        traf, one, two = [], [], []
        for _ in range(args.repeat):
            traf.append(trafilatura_loop(work / "pages"))
            one.append(cleaner_run(work / "pages", 1, work / "out")[0])
            two.append(cleaner_run(work / "pages", os.cpu_count() or 2, work / "out")[0])
        t, o, w = statistics.median(traf), statistics.median(one), statistics.median(two)
        print(f"pages: {len(pages)} real pages from {', '.join(SETS)}; {os.cpu_count()} cores; medians of {args.repeat}")
        print(f"{'measure':<44}{'seconds':>9}{'ratio':>8}")
        print(f"{'trafilatura.extract loop (json, metadata)':<44}{t:>9.2f}{1:>8.2f}")
        print(f"{'cleaner run --jobs 1':<44}{o:>9.2f}{o / t:>8.2f}   target <= 1.15")
        print(f"{f'cleaner run --jobs {os.cpu_count()}':<44}{w:>9.2f}{w / t:>8.2f}   target <= 0.65")
        print(f"{'in one process, pages in turn (CPU time)':<44}{'':>9}{paired_ratio(work / 'pages'):>8.2f}")
        texts = seed_sized_texts(args.corpora, 2000)
        articles = seed_sized_texts(args.corpora, 2000, articles=True)
        chosen = set(articles)
        other_types = [t for t in texts if t not in chosen]
        cold, paragraphs = fresh_rate(articles)
        warm, _ = warm_rate(articles, other_types)
        print(f"plain text, {len(articles) - 1:,} distinct seed-sized articles ({paragraphs:.1f} paragraphs each),"
              f" documents/s on one core (target >= 1,000): {cold:,.0f} in a fresh process,"
              f" {warm:,.0f} in one that has cleaned the {len(other_types):,} texts of other page types first")
        longer = other_set_texts(args.corpora)
        long_run, _ = warm_rate(articles, other_types + longer)
        print(f"plain text, the same articles after the {len(longer):,} whole texts of the other sets as well,"
              f" as a long run's worker: {long_run:,.0f} documents/s")
        seeds = texts[:2]  # seed_sized_texts puts the two seeds first
        times = seed_times(seeds, other_types)
        print(f"plain text, the two seeds alone: {', '.join(f'{t:,.0f}' for t in times)} microseconds a document,"
              f" {2e6 / sum(times):,.0f} documents/s (medians of 15, in a Cleaner that has cleaned the other page types' texts)")
        measured, others = texts[:1000], texts[1000:]   # all there are: 1,309
        warm, paragraphs = warm_rate(measured, others)  # no fresh rate: this process has cleaned the articles
        print(f"plain text, {len(measured) - 1:,} distinct seed-sized texts of every page type ({paragraphs:.1f}"
              f" paragraphs each), documents/s: {warm:,.0f} after the {len(others):,} others")
        scoring, labelling = classification_share(work / "pages")
        print(f"classification, in one process: the model's scoring {scoring:.1%} of cleaning time, rules, model"
              f" and context together {labelling:.1%} (issue 3: at most 10% of a run)")
        print(f"startup, cleaner clean on one small text: {startup():.2f}s (target < 1s)")
        if args.memory_pages:
            for n in (args.memory_pages // 10, args.memory_pages):
                folder = work / f"mem{n}"
                write_pages(folder, pages, copies=-(-n // len(pages)))
                seconds, rss, pss = cleaner_run(folder, 2, work / "out", memory=True)
                print(f"memory, {n:,} pages, --jobs 2: peak {rss / 2**20:,.0f} MB RSS, {pss / 2**20:,.0f} MB PSS"
                      f" of the process tree ({seconds:.0f}s; target: under 500 MB, flat)")
                shutil.rmtree(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
