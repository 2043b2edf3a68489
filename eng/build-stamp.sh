#!/usr/bin/env bash
# An up-to-date check for a dotnet build, so an edit-to-image loop does not pay MSBuild's evaluation when nothing changed.
#   eng/build-stamp.sh check STAMP OUTDIR...   exit 0 when STAMP matches the inputs and outputs now, else 1
#   eng/build-stamp.sh begin STAMP             before the build: removes STAMP, notes the inputs' fingerprint
#   eng/build-stamp.sh commit STAMP OUTDIR...  after a successful build: STAMP = the inputs as they were before it + the outputs now
# Inputs: the CONTENT of every file in src/, tests/, contracts/ and build/ (bin/ and obj/ left out) and of the root's
# build files, the SDK's version and the file list itself (an added or deleted file counts). Outputs: path, size and
# modification time of every file under the OUTDIRs (a clean, or a build by another configuration, counts). The inputs
# are taken before the build, so a file edited while it runs makes the next check fail.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

inputs() {
  {
    find src tests contracts build -type d \( -name bin -o -name obj \) -prune -o -type f -print0 2>/dev/null | LC_ALL=C sort -z | xargs -0 sha256sum
    for f in Directory.Build.props Directory.Build.targets Directory.Packages.props CrossBuild.sln global.json NuGet.config nuget.config .editorconfig dotnet-tools.json README.md LICENSE; do
      [ -f "$f" ] && sha256sum "$f"
    done
    dotnet --version
  } | sha256sum | cut -d' ' -f1
}

outputs() {
  local dir
  for dir in "$@"; do
    [ -d "$dir" ] || { echo "missing $dir"; continue; }
    find "$dir" -type f -printf '%p %s %T@\n' | LC_ALL=C sort
  done | sha256sum | cut -d' ' -f1
}

[ $# -ge 2 ] || { echo "usage: eng/build-stamp.sh check|begin|commit STAMP [OUTDIR...]" >&2; exit 2; }
verb=$1 stamp=$2; shift 2
case "$verb" in
  check) [ -f "$stamp" ] && [ $# -gt 0 ] && [ "$(cat "$stamp")" = "$(inputs) $(outputs "$@")" ] ;;
  begin) mkdir -p "$(dirname "$stamp")"; rm -f "$stamp"; inputs > "$stamp.pending" ;;
  commit) [ -f "$stamp.pending" ] && [ $# -gt 0 ] || { echo "build-stamp: commit without begin" >&2; exit 2; }
          echo "$(cat "$stamp.pending") $(outputs "$@")" > "$stamp.tmp" && mv "$stamp.tmp" "$stamp" && rm -f "$stamp.pending" ;;
  *) echo "usage: eng/build-stamp.sh check|begin|commit STAMP [OUTDIR...]" >&2; exit 2 ;;
esac
