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
    reports hundredths, a tenth of a 1 MB build), and peak RSS in MB, from one GNU time run of
    the same command (peak memory does not need a median)."""
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=stdout, stderr=subprocess.DEVNULL, check=True)
    seconds = time.perf_counter() - start
    key = (tuple(cmd), cwd)
    if key not in PEAKS:
        with tempfile.NamedTemporaryFile("r") as report:
            subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report.name] + cmd,
                           cwd=cwd, stdout=stdout, stderr=subprocess.DEVNULL, check=True)
            PEAKS[key] = int(report.read().split()[-1]) / 1024
    return seconds, PEAKS[key]


def alternate(commands, repeat):
    """Runs each named command `repeat` times, interleaved; returns medians."""
    samples = {name: [] for name in commands}
    for _ in range(repeat):
        for name, run in commands.items():
            samples[name].append(run())
    return {name: (statistics.median(s[0] for s in runs), max(s[1] for s in runs)) for name, runs in samples.items()}


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


def supports_jobs():
    help_text = subprocess.run([GUIDEGEN, "build", "--help"], capture_output=True, text=True).stdout
    return "--jobs" in help_text


def pandoc_guide(work):
    """What a user's Makefile would do with pandoc: a standalone HTML page per page, and per
    locale one plain text file and one EPUB 3."""
    def run():
        total = 0.0
        peak = 0.0
        for locale in ["en", "es", "fr", "ru"]:
            folder = os.path.join(ROOT, "Content", locale)
            pages = sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".md"))
            out = os.path.join(work, "pandoc", locale)
            os.makedirs(out, exist_ok=True)
            for page in pages:
                name = os.path.basename(page)[:-3]
                s, m = timed(["pandoc", "-f", "markdown", "-s", "--metadata", f"title={name}", page, "-o", os.path.join(out, name + ".html")])
                total += s
                peak = max(peak, m)
            for fmt, ext in [("plain", "txt"), ("epub3", "epub")]:
                s, m = timed(["pandoc", "-f", "markdown", "--metadata", "title=Stay safe online", "-t", fmt] + pages + ["-o", os.path.join(out, "guide." + ext)])
                total += s
                peak = max(peak, m)
        return total, peak
    return run


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
    args = parser.parse_args()

    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="guidegen-bench-")
    lines = []
    say = lambda s="": (print(s), lines.append(s))
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
        say(f"- method: commands alternate, {args.repeat} runs each, medians of wall time (monotonic clock around each process); peak RSS from one GNU time run of each command")
        say(f"- reproduce: `make bench` (or `Benchmarks/bench.py --sizes {' '.join(str(s) for s in args.sizes)} --repeat {args.repeat}`)")
        say()

        say("## 1. HTML build of a synthetic tree against the cmark command")
        say()
        say("| tree | guidegen s | cmark s | guidegen MB/s | cmark MB/s | speed ratio (cmark time / guidegen time) | guidegen peak MB | cmark peak MB |")
        say("|---|---|---|---|---|---|---|---|")
        per_mb = {}
        default_time = {}
        jobs1 = {}
        for size in args.sizes:
            tree = os.path.join(work, f"tree-{size:g}")
            subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate.py"), str(size), tree], check=True, stdout=subprocess.DEVNULL)
            files = markdown_files(tree)
            mb = megabytes(files)
            runs = {"guidegen": guidegen_run(tree, os.path.join(work, f"out-{size:g}"), "--format", "html"), "cmark": cmark_run(files)}
            if supports_jobs():
                runs["guidegen --jobs 1"] = guidegen_run(tree, os.path.join(work, f"out1-{size:g}"), "--format", "html", "--jobs", "1")
            result = alternate(runs, args.repeat)
            (g, gm), (c, cm) = result["guidegen"], result["cmark"]
            per_mb[size] = g / mb
            default_time[size] = g
            if "guidegen --jobs 1" in result:
                jobs1[size] = result["guidegen --jobs 1"][0]
            say(f"| {mb:.1f} MB, {len(files)} pages | {g:.2f} | {c:.2f} | {mb / g:.1f} | {mb / c:.1f} | {c / g:.2f}× | {gm:.0f} | {cm:.0f} |")
            shutil.rmtree(tree)
        say()
        say("## 2. The real guide, every locale and format, against pandoc")
        say()
        result = alternate({"guidegen": guidegen_run(os.path.join(ROOT, "Content"), os.path.join(work, "real")), "pandoc": pandoc_guide(work)}, args.repeat)
        (g, gm), (p, pm) = result["guidegen"], result["pandoc"]
        say("| guidegen s | pandoc s | ratio (pandoc / guidegen) | guidegen peak MB | pandoc peak MB |")
        say("|---|---|---|---|---|")
        say(f"| {g:.3f} | {p:.2f} | {p / g:.1f}× | {gm:.0f} | {pm:.0f} |")
        say()
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
            return serve.rebuild_seconds(), 0.0

        def no_change():
            os.utime(page)
            return serve.rebuild_seconds(), 0.0

        try:
            result = alternate({
                "full build": guidegen_run(copy, os.path.join(work, "full")),
                "full build of the site only (what serve builds)": guidegen_run(copy, os.path.join(work, "full-site"), "--format", "html"),
                "serve, no change (a file touched)": no_change,
                "serve, one page changed": one_page_changed,
            }, max(args.repeat, 5))
        finally:
            serve.stop()
        full = result["full build"][0]
        site = result["full build of the site only (what serve builds)"][0]
        say("| build | s | full build / this | site-only build / this |")
        say("|---|---|---|---|")
        for name, (s, _) in result.items():
            say(f"| {name} | {s:.3f} | {full / s:.2f}× | {site / s:.2f}× |")
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
