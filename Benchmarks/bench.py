#!/usr/bin/env python3
"""Measures guidegen against the cmark command and pandoc on this machine, in one run, and
writes Benchmarks/RESULTS.md. Commands alternate, each is repeated, and medians of wall time
are reported; peak memory comes from one GNU time run of each command. Nothing here is a
pass/fail test: the numbers are ratios taken side by side, because this machine is shared and
noisy.

    make bench                     # or: Benchmarks/bench.py [--sizes 1 10 50] [--repeat 5]
"""
import argparse
import datetime
import os
import platform
import re
import select
import socket
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GUIDEGEN = os.path.join(ROOT, ".build", "release", "guidegen")


PEAKS = {}


def timed(cmd, cwd=None, stdout=subprocess.DEVNULL):
    """Wall seconds of one run, by a monotonic clock around the process itself (GNU time
    reports hundredths, a tenth of a 1 MB build), its CPU seconds (user and system, of every
    thread), and peak RSS in MB, from one GNU time run of the same command (peak memory does not
    need a median)."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=cwd, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise subprocess.CalledProcessError(os.waitstatus_to_exitcode(status), cmd)
    key = (tuple(cmd), cwd)
    if key not in PEAKS:
        with tempfile.NamedTemporaryFile("r") as report:
            subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report.name] + cmd,
                           cwd=cwd, stdout=stdout, stderr=subprocess.DEVNULL, check=True)
            PEAKS[key] = int(report.read().split()[-1]) / 1024
    return Sample(seconds, PEAKS[key], usage.ru_utime + usage.ru_stime)


class Sample:
    """One run: wall seconds, peak MB, CPU seconds."""

    def __init__(self, wall, peak, cpu):
        self.wall, self.peak, self.cpu = wall, peak, cpu


class Runs:
    """The runs of one command: medians, the highest peak, and the wall times in run order."""

    def __init__(self, samples):
        self.walls = [s.wall for s in samples]
        self.wall = statistics.median(self.walls)
        self.cpu = statistics.median(s.cpu for s in samples)
        self.peak = max(s.peak for s in samples)


def alternate(commands, repeat):
    """Runs each named command `repeat` times, interleaved: the commands of one round run back to
    back, so a ratio of one round's times compares runs under the same load."""
    samples = {name: [] for name in commands}
    for _ in range(repeat):
        for name, run in commands.items():
            samples[name].append(run())
    return {name: Runs(runs) for name, runs in samples.items()}


def paired_ratio(slow, fast):
    """`slow` / `fast` per round: the median and the range."""
    ratios = sorted(a / b for a, b in zip(slow.walls, fast.walls))
    return statistics.median(ratios), ratios[0], ratios[-1]


def markdown_files(tree):
    return sorted(os.path.join(d, n) for d, _, ns in os.walk(tree) for n in ns if n.endswith(".md"))


def megabytes(files):
    return sum(os.path.getsize(f) for f in files) / 1048576


def cmark_run(files):
    def run():
        with open(os.devnull, "w") as null:
            return timed(["cmark"] + files, stdout=null)
    return run


def guidegen_run(content, out, *extra):
    def run():
        return timed([GUIDEGEN, "build", "--quiet", "--content", content, "--output", out] + list(extra))
    return run


def generate(size, tree, *extra):
    subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate.py"), str(size), tree] + list(extra), check=True, stdout=subprocess.DEVNULL)


def supports_jobs():
    help_text = subprocess.run([GUIDEGEN, "build", "--help"], capture_output=True, text=True).stdout
    return "--jobs" in help_text


def pandoc_guide(work):
    """What a user's Makefile would do with pandoc: a standalone HTML page per page, and per
    locale one plain text file and one EPUB 3."""
    def run():
        total = Sample(0.0, 0.0, 0.0)
        for locale in ["en", "es", "fr", "ru"]:
            folder = os.path.join(ROOT, "Content", locale)
            pages = sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".md"))
            out = os.path.join(work, "pandoc", locale)
            os.makedirs(out, exist_ok=True)
            for page in pages:
                name = os.path.basename(page)[:-3]
                add(total, timed(["pandoc", "-f", "markdown", "-s", "--metadata", f"title={name}", page, "-o", os.path.join(out, name + ".html")]))
            for fmt, ext in [("plain", "txt"), ("epub3", "epub")]:
                add(total, timed(["pandoc", "-f", "markdown", "--metadata", "title=Stay safe online", "-t", fmt] + pages + ["-o", os.path.join(out, "guide." + ext)]))
        return total
    return run


def pandoc_pdf(work):
    """pandoc's PDF route with the same engine guidegen uses: per locale, every page into one
    standalone HTML document, typeset by WeasyPrint (`--pdf-engine`)."""
    weasyprint = os.path.join(ROOT, ".tools", "venv", "bin", "weasyprint")
    def run():
        total = Sample(0.0, 0.0, 0.0)
        for locale in ["en", "es", "fr", "ru"]:
            folder = os.path.join(ROOT, "Content", locale)
            pages = sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".md"))
            out = os.path.join(work, "pandoc-pdf", locale)
            os.makedirs(out, exist_ok=True)
            add(total, timed(["pandoc", "-f", "markdown", "-s", "--metadata", "title=Stay safe online", f"--pdf-engine={weasyprint}"] + pages + ["-o", os.path.join(out, "guide.pdf")]))
        return total
    return run


def pdf_section(work, repeat, say):
    say("## 2b. The PDF edition of the real guide, against pandoc's PDF route")
    say()
    say("Both typeset with WeasyPrint; guidegen also builds the site its PDF is made from (every locale).")
    say()
    result = alternate({"guidegen": guidegen_run(os.path.join(ROOT, "Content"), os.path.join(work, "real-pdf"), "--format", "pdf"), "pandoc": pandoc_pdf(work)}, repeat)
    g, p = result["guidegen"], result["pandoc"]
    ratio, low, high = paired_ratio(p, g)
    say("| guidegen s | pandoc s | ratio (pandoc / guidegen): median, range | guidegen CPU s | pandoc CPU s |")
    say("|---|---|---|---|---|")
    say(f"| {g.wall:.2f} | {p.wall:.2f} | {ratio:.2f}× ({low:.2f}–{high:.2f}) | {g.cpu:.2f} | {p.cpu:.2f} |")
    say()


def add(total, sample):
    """Adds one run of a sequence of commands to their total (peak: the highest)."""
    total.wall += sample.wall
    total.cpu += sample.cpu
    total.peak = max(total.peak, sample.peak)


class Serve:
    """`guidegen serve` on a free port, its log read line by line."""

    def __init__(self, content, out):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.process = subprocess.Popen([GUIDEGEN, "serve", "--content", content, "--output", out, "--port", str(port)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        self.pending = b""
        self.wait_for("Serving ")

    def wait_for(self, prefix, timeout=60):
        """The next log line that starts with `prefix`. The pipe is read with `os.read` into our
        own buffer: a buffered `readline` can take two lines at once, and `select` would then
        wait for a second line that is already read."""
        deadline = time.time() + timeout
        seen = []
        while time.time() < deadline:
            while b"\n" in self.pending:
                raw, self.pending = self.pending.split(b"\n", 1)
                line = raw.decode("utf-8", "replace")
                if line.startswith(prefix):
                    return line
                seen.append(line)
            ready, _, _ = select.select([self.process.stderr], [], [], 1)
            if ready:
                chunk = os.read(self.process.stderr.fileno(), 65536)
                if not chunk:
                    break
                self.pending += chunk
        raise RuntimeError(f"guidegen serve printed no '{prefix}' line; it printed: {seen[-5:]}")

    def rebuild_seconds(self):
        """Seconds of the next rebuild, as serve reports it ("… files in 0.041 s → …")."""
        line = self.wait_for("Built ")
        return float(re.search(r" in ([0-9.]+) s ", line).group(1))

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 50])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pdf-only", action="store_true", help="only the PDF comparison, printed (RESULTS.md is not written)")
    args = parser.parse_args()

    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="guidegen-bench-")
    lines = []
    say = lambda s="": (print(s), lines.append(s))
    if args.pdf_only:
        try:
            pdf_section(work, args.repeat, say)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return
    try:
        cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True, text=True).stdout.strip()
        mem = subprocess.run(["sh", "-c", "free -g | awk '/Mem/{print $2}'"], capture_output=True, text=True).stdout.strip()
        cmark_version = subprocess.run(["cmark", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
        pandoc_version = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
        say("# Benchmark results")
        say()
        say(f"- date: {datetime.date.today().isoformat()}")
        say(f"- machine: {cpu}, {os.cpu_count()} cores, {mem} GiB, {platform.system()} {platform.release()}")
        say(f"- tools: {cmark_version}; {pandoc_version}; guidegen release build")
        say(f"- method: commands alternate, {args.repeat} rounds, medians of wall time (monotonic clock around each process) and of CPU time (user and system, every thread); a speed ratio is the median of the rounds' ratios, each round's commands run back to back, with the lowest and highest; peak RSS from one GNU time run of each command")
        say(f"- reproduce: `make bench` (or `Benchmarks/bench.py --sizes {' '.join(str(s) for s in args.sizes)} --repeat {args.repeat}`)")
        say()

        say("## 1. HTML build of a synthetic tree against the cmark command")
        say()
        say("| tree | guidegen s | cmark s | guidegen MB/s | cmark MB/s | speed ratio (cmark time / guidegen time): median, range | guidegen CPU s | cmark CPU s | guidegen peak MB | cmark peak MB |")
        say("|---|---|---|---|---|---|---|---|---|---|")
        per_mb = {}
        sizes_mb = {}
        default_time = {}
        jobs1 = {}
        for size in args.sizes:
            tree = os.path.join(work, f"tree-{size:g}")
            generate(size, tree)
            files = markdown_files(tree)
            mb = megabytes(files)
            runs = {"guidegen": guidegen_run(tree, os.path.join(work, f"out-{size:g}"), "--format", "html"), "cmark": cmark_run(files)}
            if supports_jobs():
                runs["guidegen --jobs 1"] = guidegen_run(tree, os.path.join(work, f"out1-{size:g}"), "--format", "html", "--jobs", "1")
            result = alternate(runs, args.repeat)
            g, c = result["guidegen"], result["cmark"]
            ratio, low, high = paired_ratio(c, g)
            per_mb[size] = g.wall / mb
            sizes_mb[size] = mb
            default_time[size] = g.wall
            if "guidegen --jobs 1" in result:
                jobs1[size] = result["guidegen --jobs 1"].wall
            say(f"| {mb:.1f} MB, {len(files)} pages | {g.wall:.2f} | {c.wall:.2f} | {mb / g.wall:.1f} | {mb / c.wall:.1f} | {ratio:.2f}× ({low:.2f}–{high:.2f}) | {g.cpu:.2f} | {c.cpu:.2f} | {g.peak:.0f} | {c.peak:.0f} |")
            shutil.rmtree(tree)
        say()
        say("## 2. The real guide, every locale and format, against pandoc")
        say()
        # The formats pandoc makes too: the PDF is compared on its own below.
        same = ["--format", "html", "--format", "text", "--format", "epub"]
        result = alternate({"guidegen": guidegen_run(os.path.join(ROOT, "Content"), os.path.join(work, "real"), *same), "pandoc": pandoc_guide(work)}, args.repeat)
        g, p = result["guidegen"], result["pandoc"]
        ratio, low, high = paired_ratio(p, g)
        say("| guidegen s | pandoc s | ratio (pandoc / guidegen): median, range | guidegen peak MB | pandoc peak MB |")
        say("|---|---|---|---|---|")
        say(f"| {g.wall:.3f} | {p.wall:.2f} | {ratio:.1f}× ({low:.1f}–{high:.1f}) | {g.peak:.0f} | {p.peak:.0f} |")
        say()
        pdf_section(work, args.repeat, say)
        say("## 3. Scaling")
        say()
        say("| tree | guidegen s per MB | relative to the smallest tree |" + (" --jobs 1 s | speed-up of the default over --jobs 1 |" if jobs1 else ""))
        say("|---|---|---|" + ("---|---|" if jobs1 else ""))
        base = per_mb[args.sizes[0]]
        for size in args.sizes:
            row = f"| {size:g} MB | {per_mb[size]:.4f} | {per_mb[size] / base:.2f} |"
            if jobs1:
                row += f" {jobs1[size]:.2f} | {jobs1[size] / default_time[size]:.2f}× |"
            say(row)
        say()
        # What every build pays whatever its size: the process starting and parsing its
        # arguments, and a build of four one-paragraph pages.
        tiny = os.path.join(work, "tree-tiny")
        generate(0.004, tiny, "--page-kb", "1")
        tiny_files = markdown_files(tiny)
        result = alternate({
            "guidegen --version": lambda: timed([GUIDEGEN, "--version"]),
            "guidegen build of four one-paragraph pages": guidegen_run(tiny, os.path.join(work, "out-tiny"), "--format", "html"),
            "cmark on the same four pages": cmark_run(tiny_files),
        }, max(args.repeat, 9))
        smallest, largest = args.sizes[0], args.sizes[-1]
        allowed = 1.2 * per_mb[largest] * sizes_mb[smallest]
        work_share = per_mb[largest] * sizes_mb[smallest]
        say(f"The fixed part, which the time per MB of a small tree carries: for the {sizes_mb[smallest]:.1f} MB tree to be within 20% of the")
        say(f"{sizes_mb[largest]:.1f} MB tree's time per MB, its whole build may take {allowed:.4f} s, of which its work at the large tree's")
        say(f"rate is {work_share:.4f} s: {allowed - work_share:.4f} s are left for everything a build does whatever its size.")
        say()
        say("| command | s | CPU s |")
        say("|---|---|---|")
        for name, runs in result.items():
            say(f"| {name} | {runs.wall:.4f} | {runs.cpu:.4f} |")
        say()
        say("## 4. Rebuilds of the real guide")
        say()
        say("`guidegen serve` keeps what a build computed and redoes only the work whose inputs changed;")
        say("its rebuild times are the ones it prints. It builds the site (HTML). The full build is")
        say("`guidegen build` in a new process, every locale and format, and the site alone.")
        say()
        copy = os.path.join(work, "content-copy")
        shutil.copytree(os.path.join(ROOT, "Content"), copy)
        page = os.path.join(copy, "fr", "07-privacy.md")
        original = open(page, encoding="utf-8").read()
        serve = Serve(copy, os.path.join(work, "preview"))
        state = {"n": 0}

        def one_page_changed():
            state["n"] += 1
            with open(page, "w", encoding="utf-8") as f:
                f.write(original + f"\nModification {state['n']}.\n")
            seconds = serve.rebuild_seconds()
            return Sample(seconds, 0.0, 0.0)

        def no_change():
            os.utime(page)
            seconds = serve.rebuild_seconds()
            return Sample(seconds, 0.0, 0.0)

        try:
            result = alternate({
                "full build": guidegen_run(copy, os.path.join(work, "full")),
                "full build of the site only (what serve builds)": guidegen_run(copy, os.path.join(work, "full-site"), "--format", "html"),
                "serve, no change (a file touched)": no_change,
                "serve, one page changed": one_page_changed,
            }, max(args.repeat, 5))
        finally:
            serve.stop()
        full = result["full build"].wall
        site = result["full build of the site only (what serve builds)"].wall
        say("| build | s | full build / this | site-only build / this |")
        say("|---|---|---|---|")
        for name, runs in result.items():
            say(f"| {name} | {runs.wall:.3f} | {full / runs.wall:.2f}× | {site / runs.wall:.2f}× |")
        say()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    # The hand-written analysis after the tables ("## Against the targets" on) is kept; update it
    # from the new numbers.
    results = os.path.join(ROOT, "Benchmarks", "RESULTS.md")
    analysis = ""
    if os.path.exists(results):
        old = open(results, encoding="utf-8").read()
        if "\n## Against the targets" in old:
            analysis = old[old.index("\n## Against the targets") + 1:]
    with open(results, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n" + analysis)


if __name__ == "__main__":
    main()
