#!/usr/bin/env bash
# Spell-checks every page of the given locales (default: all) with hunspell.
# Words hunspell does not know are printed as file: word; exit 1 if there are any.
# Names of services and organisations go in Content/spelling/<locale>.txt, one per line.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/tools.sh
locales=("$@"); [ ${#locales[@]} -gt 0 ] || locales=(en es fr ru)
bad=0
for loc in "${locales[@]}"; do
  words="Content/spelling/$loc.txt"
  for page in Content/"$loc"/*.md; do
    # Front matter values (title, description) and the body, without Markdown syntax and URLs.
    text=$( { awk 'NR==1&&/^---$/{fm=1;next} fm&&/^---$/{fm=0;next} fm&&/^(title|description):/{sub(/^[a-z]+: */,"");print}' "$page";
              awk 'NR==1&&/^---$/{fm=1;next} fm&&/^---$/{fm=0;next} !fm' "$page" | sed -E 's/\]\([^)]*\)/]/g' ; } \
            | sed -E 's#https?://[^ )]*##g; s/[*_`#>\[\]]/ /g' )
    unknown=$(printf '%s\n' "$text" | hunspell -d "${hunspell_dict[$loc]}" -p "$words" -l -i utf-8 | sort -u || true)
    if [ -n "$unknown" ]; then
      while IFS= read -r w; do echo "$page: $w"; done <<<"$unknown"
      bad=1
    fi
  done
done
exit $bad
