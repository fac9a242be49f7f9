#!/usr/bin/env bash
# Validates every ebook of a built site: EPUBCheck (EPUB 3.3 rules) on each
# <site>/<locale>/stay-safe-<locale>.epub, and xmllint on every XML file of the unpacked bundles
# in <site>/epub/<locale>/ (package document, container, XHTML content and navigation).
#   scripts/validate-epub.sh [SITE]     (default: _site)
# Exits 1 on any error or warning, 2 when a validator is missing or there is no ebook.
set -euo pipefail
site=${1:-_site}
site=${site%/}

source "$(dirname "$0")/tools.sh"
xmllint_works || { echo "validate-epub: xmllint does not run (scripts/install-deps.sh test installs it)" >&2; exit 2; }
# EPUBCheck's own jar from the project's tool environment, run for its full report: not whatever
# `epubcheck` is first on PATH (Debian's 4.2 package does not run as a command).
epubcheck_works || { echo "validate-epub: EPUBCheck ≥ $epubcheck_min_major does not run from $GUIDEGEN_VENV (scripts/install-deps.sh test installs it)" >&2; exit 2; }
jar=$(epubcheck_jar)
run_epubcheck() { java -jar "$jar" "$1"; }

shopt -s nullglob
books=("$site"/*/stay-safe-*.epub)
if [ ${#books[@]} -eq 0 ]; then
  echo "validate-epub: no ebook in '$site' (looked for $site/*/stay-safe-*.epub)" >&2
  exit 2
fi

failed=0
for book in "${books[@]}"; do
  echo "== EPUBCheck $book"
  status=0
  output=$(run_epubcheck "$book" 2>&1) || status=$?
  printf '%s\n' "$output"
  if [ $status -ne 0 ] || grep -Eq '^(FATAL|ERROR|WARNING)' <<<"$output"; then
    echo "validate-epub: $book has errors or warnings" >&2
    failed=1
  fi
done

xml_files=0
for bundle in "$site"/epub/*/; do
  while IFS= read -r -d '' file; do
    xml_files=$((xml_files + 1))
    if ! xmllint --noout --nonet "$file"; then
      echo "validate-epub: $file is not well-formed XML" >&2
      failed=1
    fi
  done < <(find "$bundle" -type f \( -name '*.xhtml' -o -name '*.opf' -o -name '*.xml' \) -print0 | sort -z)
done
echo "xmllint: $xml_files XML files in $site/epub/, $([ $failed -eq 0 ] && echo "0 errors" || echo "errors above")"

if [ $failed -ne 0 ]; then
  echo "validate-epub: FAILED" >&2
  exit 1
fi
echo "validate-epub: ${#books[@]} ebooks, 0 errors, 0 warnings"
