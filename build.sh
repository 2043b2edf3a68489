#!/usr/bin/env bash
# Bootstraps Cake 7 from the local tool manifest and runs build.cake.
# NUKE's form works: ./build.sh Test, ./build.sh Publish --registry 127.0.0.1:5000; so does ./build.sh --target=Test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Output to a file or a CI log gets no ANSI escapes (Cake, dotnet and crossbuild all honour NO_COLOR).
[ -t 1 ] || export NO_COLOR=1

started=$(date +%s%N)
for arg in "$@"; do [ "$arg" = "--always-build" ] && export CROSSBUILD_ALWAYS_BUILD=1; done  # the add-in too, not only Compile
dotnet tool restore >/dev/null
# build.cake uses the repository's own Cake aliases: build the add-in before Cake compiles the script. Skipped when no
# input changed since the last successful build and its outputs are as that build left them (eng/build-stamp.sh: content
# of every source file, the SDK's version; CROSSBUILD_ALWAYS_BUILD=1 builds anyway).
stamp=artifacts/.stamps/addin addin_out=(src/Nuke.CrossBuild.Cake/bin/Release src/Nuke.CrossBuild/bin/Release)
if [ -n "${CROSSBUILD_ALWAYS_BUILD:-}" ] || ! eng/build-stamp.sh check "$stamp" "${addin_out[@]}"; then
  eng/build-stamp.sh begin "$stamp"
  dotnet build src/Nuke.CrossBuild.Cake -c Release -v q -nologo -clp:ErrorsOnly >/dev/null || dotnet build src/Nuke.CrossBuild.Cake -c Release -v q -nologo
  eng/build-stamp.sh commit "$stamp" "${addin_out[@]}"
fi

# Cake's script cache (tools/cache): a warm start runs the compiled build.cake instead of compiling it again (~10 s).
# An entry older than the add-in it was compiled against is removed first, so a rebuilt add-in is never run through a
# stale script. CAKE_SETTINGS_ENABLESCRIPTCACHE=false turns the cache off.
export CAKE_SETTINGS_ENABLESCRIPTCACHE=${CAKE_SETTINGS_ENABLESCRIPTCACHE:-true}
addin=src/Nuke.CrossBuild.Cake/bin/Release/net10.0/Nuke.CrossBuild.Cake.dll
if [ -d tools/cache ]; then find tools/cache -type f ! -newer "$addin" -delete; fi

echo "build.sh: tool restore and add-in check $(( ($(date +%s%N) - started) / 1000000 )) ms" >&2
args=()
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then args+=("--target=$1"); shift; fi
# NUKE's "--name value" becomes Cake's "--name=value".
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) exec dotnet cake build.cake --description ;;
    --*=*) args+=("$1") ;;
    --*) if [ $# -gt 1 ] && [[ "$2" != -* ]]; then args+=("$1=$2"); shift; else args+=("$1"); fi ;;
    *) args+=("$1") ;;
  esac
  shift
done
exec dotnet cake build.cake "${args[@]}"
