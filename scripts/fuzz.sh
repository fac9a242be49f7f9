#!/usr/bin/env bash
# Fuzzes the per-page pipeline (bytes → model → HTML, XHTML, CommonMark HTML) with libFuzzer and
# AddressSanitizer.
#   scripts/fuzz.sh [SECONDS]     default 60; crashes are written to .fuzz/crashes/
# Seeds: the CommonMark spec examples, the guide's pages and Tests/FuzzRegressions/. A crash
# that is fixed goes into Tests/FuzzRegressions/, which the test suite replays.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
swift build --product guidegen-fuzz --scratch-path .build-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld >/dev/null
bin=$(swift build --product guidegen-fuzz --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address \
  -Xswiftc -DFUZZING -Xswiftc -use-ld=lld --show-bin-path)/guidegen-fuzz
mkdir -p .fuzz/corpus .fuzz/crashes
python3 - <<'PY'
import json, os
for e in json.load(open("Tests/Fixtures/commonmark/spec-0.30.json")):
    path = f".fuzz/corpus/spec-{e['example']:03d}.md"
    if not os.path.exists(path):
        open(path, "w", encoding="utf-8").write(e["markdown"])
PY
for page in Content/*/*.md Tests/FuzzRegressions/*; do cp "$page" ".fuzz/corpus/$(echo "$page" | tr / _)"; done
SWIFT_BACKTRACE=enable=no "$bin" .fuzz/corpus -artifact_prefix=.fuzz/crashes/ \
  -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 2>&1 |
  grep -E "^#[0-9]+ +(INITED|DONE)|stat::|Done|ERROR|Precondition|crash-" || true
if compgen -G ".fuzz/crashes/*" >/dev/null; then
  echo "fuzz: crashes in .fuzz/crashes/"; exit 1
fi
echo "fuzz: no crash in $seconds s"
