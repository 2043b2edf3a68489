#!/usr/bin/env bash
# Precision and recall of the Dockerfile doctor's errors on the corpus in
# tests/Nuke.CrossBuild.Tests/Assets/dockerfile-corpus (manifest.json: expected error rule ids per Dockerfile, and why).
# Usage: bench/doctor-corpus.sh [path-to-crossbuild] [all|written|holdout|<set>]   (default: builds src/Nuke.CrossBuild.Cli
# in Release; all cases). "holdout" are the cases written after the rules, from public Dockerfiles' patterns, and
# judged before the doctor ran on them; "written" the ones the rules were developed against; <set> selects the cases
# whose "set" field names it (holdout-2026-12-07-judge: 15 files by an independent judge who never saw the doctor).
# "expectedMisses" are defects the doctor is known not to see (with the reason in the manifest): they count as missed.
# File level: a Dockerfile is "flagged" when the doctor reports any error; it is defective when the manifest expects one.
# Rule level: each expected (file, rule) pair is a positive; each reported error (file, rule) pair is a prediction.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
corpus=tests/Nuke.CrossBuild.Tests/Assets/dockerfile-corpus
cli=${1:-}
set_=${2:-all}
if [ -z "$cli" ]; then
  dotnet build -c Release src/Nuke.CrossBuild.Cli -v q -nologo >/dev/null
  cli=src/Nuke.CrossBuild.Cli/bin/Release/net10.0/crossbuild
fi
supports_target=$("$cli" dockerfile doctor --help 2>&1 | grep -c -- '--target' || true)
default_platforms=$(jq -r .platforms "$corpus/manifest.json")
tp=0 fp=0 fn=0 ftp=0 ffp=0 ffn=0 ftn=0 jd=0 je=0 jw=0 ja=0 jok=0 jfe=0
while IFS='|' read -r name platforms target expected judge; do
  [ "$platforms" = "-" ] && platforms=""; [ "$target" = "-" ] && target=
  args=(dockerfile doctor "$corpus/$name/Dockerfile" --json --platforms "${platforms:-$default_platforms}")
  [ -n "$target" ] && [ "$supports_target" -gt 0 ] && args+=(--target "$target")
  out=$("$cli" "${args[@]}" 2>/dev/null || true)
  got=$(jq -r 'if type == "array" then . else .findings end | map(select(.severity == "error") | .rule) | unique | join(" ")' <<<"${out:-[]}" 2>/dev/null || echo "?unreadable")
  # The judge's view (cases with a "judge" verdict): a DEFECT file caught at error level, at warning or error, by any
  # finding (the syntax-directive info is about the frontend, not a defect, and does not count).
  worst=$(jq -r 'if type == "array" then . else .findings end | map(select(.rule != "syntax-directive") | .severity) | if index("error") then "error" elif index("warning") then "warning" elif length > 0 then "info" else "" end' <<<"${out:-[]}" 2>/dev/null || echo "")
  if [ "$judge" = DEFECT ]; then jd=$((jd+1)); case $worst in error) je=$((je+1)); jw=$((jw+1)); ja=$((ja+1)) ;; warning) jw=$((jw+1)); ja=$((ja+1)) ;; info) ja=$((ja+1)) ;; esac
  elif [ "$judge" = OK ]; then jok=$((jok+1)); [ "$worst" = error ] && jfe=$((jfe+1)); fi
  for r in $got; do if [[ " $expected " == *" $r "* ]]; then tp=$((tp+1)); else fp=$((fp+1)); fi; done
  for r in $expected; do [[ " $got " == *" $r "* ]] || fn=$((fn+1)); done
  if [ -n "$expected" ]; then if [ -n "$got" ]; then ftp=$((ftp+1)); else ffn=$((ffn+1)); fi
  else if [ -n "$got" ]; then ffp=$((ffp+1)); else ftn=$((ftn+1)); fi; fi
  [ "$got" == "$expected" ] || printf '%-36s expected [%s] got [%s]\n' "$name" "$expected" "$got"
done < <(jq -r --arg set "$set_" '.cases[] | select($set == "all" or .set == $set or (($set == "holdout" or $set == "written") and ($set == "holdout") == (.holdout // false))) | [.name, (.platforms // "-"), (.target // "-"), ((.errors + (.expectedMisses // [])) | sort | join(" ")), (.judge // "-")] | join("|")' "$corpus/manifest.json")
pct() { if [ "$2" -eq 0 ]; then echo "n/a"; else awk "BEGIN { printf \"%.2f\", $1 / $2 }"; fi; }
echo "files: $((ftp+ffp+ffn+ftn)) (defective $((ftp+ffn)), correct $((ffp+ftn)))"
echo "file level: defective flagged $ftp/$((ftp+ffn)), correct files with a false error $ffp/$((ffp+ftn)); precision $(pct $ftp $((ftp+ffp))) recall $(pct $ftp $((ftp+ffn)))"
echo "rule level: errors right $tp, wrong $fp, missed $fn; precision $(pct $tp $((tp+fp))) recall $(pct $tp $((tp+fn)))"
if [ $((jd+jok)) -gt 0 ]; then
  echo "judge's verdicts ($((jd+jok)) files): DEFECT files with an error $je/$jd, with a warning or error $jw/$jd, with any finding $ja/$jd; OK files with an error $jfe/$jok"
fi
