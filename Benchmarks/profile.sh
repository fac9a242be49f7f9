#!/bin/sh
# Counts instructions of an HTML build of a generated tree with valgrind's callgrind (exact and
# repeatable on a noisy machine, unlike timings) and prints where they go, inclusive and self,
# next to the cmark command's count on the same files. Not part of the tests.
#
#   Benchmarks/profile.sh [MB]      # default 10; needs valgrind (apt-get install valgrind)
#
# The release binary links the Swift runtime statically, whose debug information valgrind cannot
# read: it profiles a copy without debug information (symbols stay).
set -eu
cd "$(dirname "$0")/.."
size=${1:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v valgrind >/dev/null || { echo "profile.sh needs valgrind: apt-get install valgrind" >&2; exit 1; }
swift build -c release --static-swift-stdlib >/dev/null
python3 Benchmarks/generate.py "$size" "$work/tree" >/dev/null
strip -g -o "$work/guidegen" .build/release/guidegen
valgrind --tool=callgrind --callgrind-out-file="$work/guidegen.out" \
    "$work/guidegen" build --quiet --jobs 1 --format html --content "$work/tree" --output "$work/site" --theme Themes/default 2>&1 |
    grep "refs" | tr -d , | sed 's/^==[0-9]*== /guidegen /'
if command -v cmark >/dev/null; then
    valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$work/cmark.%p" \
        sh -c "cmark $work/tree/*/*.md > /dev/null" 2>&1 | grep "refs" | tr -d , | sort -k4 -n | tail -1 | sed 's/^==[0-9]*== /cmark    /'
fi
echo
echo "inclusive (guidegen's own functions):"
callgrind_annotate --inclusive=yes --threshold=100 "$work/guidegen.out" | swift demangle --simplified |
    grep -E "PagePass|SiteRenderer|PageHTMLRenderer|Typography|typeset|PageFacts|SentenceCounter|MarkdownParser|Converter|ContentLoader|Mustache|HeadingAnchors|cmark_parse_document|cmark_node_free|CheckContext|checkOtherPages" |
    head -30 | cut -c1-140
echo
echo "self:"
callgrind_annotate --threshold=100 "$work/guidegen.out" | swift demangle --simplified | sed -n '/file:function/,$p' | sed -n 3,32p | cut -c1-140
