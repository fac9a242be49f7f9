#!/usr/bin/env bash
# Checks every PDF edition of a built site with real readers: poppler's pdfinfo and pdffonts, and
# pikepdf for the document catalog. For each <site>/<locale>/stay-safe-<locale>.pdf:
#   tagged (a structure tree), PDF/UA-1 identification, the document language (/Lang) equal to
#   the locale, a title, "show the title in the title bar", alternative text on every figure, a
#   bookmark per chapter, every font
#   embedded, links (http and tel:) clickable, no link to a local file, and the help box's
#   phone numbers in the text (pdftotext).
#   scripts/validate-pdf.sh [SITE]     (default: _site)
# Exits 1 on any failure, 2 when a tool is missing or there is no PDF.
set -euo pipefail
site=${1:-_site}
site=${site%/}
source "$(dirname "$0")/tools.sh"
for tool in pdfinfo pdffonts pdftotext; do
  command -v "$tool" >/dev/null || { echo "validate-pdf: $tool is missing (scripts/install-deps.sh test installs poppler-utils)" >&2; exit 2; }
done
pikepdf_works || { echo "validate-pdf: pikepdf does not run from $GUIDEGEN_VENV (scripts/install-deps.sh test installs it)" >&2; exit 2; }

shopt -s nullglob
pdfs=("$site"/*/stay-safe-*.pdf)
[ ${#pdfs[@]} -gt 0 ] || { echo "validate-pdf: no PDF in '$site'" >&2; exit 2; }

failed=0
for pdf in "${pdfs[@]}"; do
  code=$(basename "$(dirname "$pdf")")
  problems=()
  info=$(pdfinfo "$pdf")
  grep -q '^Tagged: *yes' <<<"$info" || problems+=("not tagged")
  grep -q '^Title: *[^ ]' <<<"$info" || problems+=("no title")
  pdfinfo -meta "$pdf" | grep -q 'pdfuaid:part="1"' || problems+=("no PDF/UA-1 identification")
  # Every font embedded (the "emb" column of pdffonts).
  if pdffonts "$pdf" | tail -n +3 | awk '{ if ($(NF-4) != "yes") bad = 1 } END { exit !bad }'; then problems+=("a font is not embedded"); fi
  # The help box's numbers, as the reader sees them.
  text=$(pdftotext -layout "$pdf" -)
  while IFS= read -r phone; do
    [ -z "$phone" ] && continue
    grep -qF -- "$phone" <<<"$text" || problems+=("the help box number '$phone' is not in the text")
  done < <(grep -o 'class="phone" href="tel:[^"]*" dir="ltr">[^<]*' "$site/$code/print.html" | sed 's/.*>//' | sort -u)
  catalog=$("$venv_python" - "$pdf" "$code" <<'PY'
import sys, pikepdf
path, code = sys.argv[1:3]
pdf = pikepdf.open(path)
root = pdf.Root
problems = []
if str(root.get("/Lang", "")) != code:
    problems.append(f"document language is {root.get('/Lang')!s}, not {code}")
if "/StructTreeRoot" not in root:
    problems.append("no structure tree")
else:
    # Every figure of the structure tree has its alternative text.
    def figures(node):
        if isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == "/Figure":
                yield node
            kids = node.get("/K")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
                yield from figures(kid)
    if any(not str(f.get("/Alt", "")).strip() for f in figures(root.StructTreeRoot)):
        problems.append("an image without alternative text")
prefs = root.get("/ViewerPreferences")
if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
    problems.append("the title is not shown in the title bar")
with pdf.open_outline() as outline:
    if len(outline.root) < 5:
        problems.append(f"{len(outline.root)} bookmarks")
uris = [str(a.A.URI) for page in pdf.pages for a in page.get("/Annots", []) if "/A" in a and "/URI" in a.A]
if not any(u.startswith("tel:") for u in uris):
    problems.append("no clickable phone number")
if any(u.startswith("file:") for u in uris):
    problems.append("a link to a local file")
print(f"{len(pdf.pages)} pages, {len(uris)} links")
for p in problems:
    print("PROBLEM: " + p)
PY
)
  while IFS= read -r line; do
    case $line in PROBLEM:*) problems+=("${line#PROBLEM: }") ;; *) summary=$line ;; esac
  done <<<"$catalog"
  if [ ${#problems[@]} -gt 0 ]; then
    printf 'validate-pdf: %s: %s\n' "$pdf" "${problems[@]}" >&2
    failed=1
  else
    echo "== $pdf: tagged PDF/UA-1, /Lang $code, fonts embedded, $summary"
  fi
done
[ $failed -eq 0 ] || { echo "validate-pdf: FAILED" >&2; exit 1; }
echo "validate-pdf: ${#pdfs[@]} PDFs, 0 problems"
