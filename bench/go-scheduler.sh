#!/usr/bin/env bash
# Benchmark, one run: the Go matrix scheduler on 6 cold platforms (distinct GOARCHes, so nothing is shared in the
# build cache) — the same `go build` commands one after another and as `xargs -P2` (go's default -p: every build
# compiles as many packages at once as there are cores), and `crossbuild go build` with its default jobs (which splits
# the cores among the builds running at once with -p, and also verifies every binary). Each side starts from an empty GOCACHE.
# Usage: bench/go-scheduler.sh [rounds]   (needs Go 1.23; rounds alternate the order of the sides, default 2)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
go=${CROSSBUILD_GO:-/usr/lib/go-1.23/bin/go}
rounds=${1:-2}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
app=$PWD/tests/Nuke.CrossBuild.Tests/Assets/hello
platforms=linux/amd64,linux/arm64,linux/arm/v7,linux/ppc64le,linux/s390x,linux/riscv64
export GOTOOLCHAIN=local GOFLAGS=-buildvcs=false
dotnet build -c Release src/Nuke.CrossBuild.Cli -v q -nologo >/dev/null
cli=$PWD/src/Nuke.CrossBuild.Cli/bin/Release/net10.0/crossbuild
echo "cores: $(nproc); crossbuild default jobs: $("$cli" go build --help | grep -o 'default here: [0-9]*' | grep -o '[0-9]*$')"

# The commands crossbuild itself would run (its --dry-run), as a user would write them (without crossbuild's -p),
# with the real go and a GOCACHE per side.
"$cli" go build -C "$app" --platforms "$platforms" --name hello -o "$work/out/{platform}/{name}" --dry-run > "$work/commands"
commands() { sed -e "s| go build -p [0-9]* | go build |" -e "s| go | $go |" -e "s|^|GOCACHE=$work/cache-$1 |" "$work/commands"; }

now() { date +%s%N; }
side() { # name: run one side from a cold cache, print its seconds
  rm -rf "$work/cache-$1" "$work/out"
  local t0; t0=$(now)
  case $1 in
    seq) (cd "$app" && commands seq | while read -r line; do eval "env $line" >/dev/null; done) ;;
    xargs2) (cd "$app" && commands xargs2 | tr '\n' '\0' | xargs -0 -n1 -P2 sh -c 'eval "env $0"' >/dev/null) ;;
    crossbuild) GOCACHE="$work/cache-crossbuild" CROSSBUILD_GO="$go" "$cli" go build -C "$app" --platforms "$platforms" --name hello -o "$work/out/{platform}/{name}" >/dev/null 2>&1 ;;
  esac
  awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'
}

declare -A total=([seq]=0 [xargs2]=0 [crossbuild]=0)
for ((r = 1; r <= rounds; r++)); do
  order="seq xargs2 crossbuild"; ((r % 2 == 0)) && order="crossbuild xargs2 seq"
  for s in $order; do
    t=$(side "$s"); echo "round $r  $s: $t s"
    total[$s]=$(awk -v a="${total[$s]}" -v b="$t" 'BEGIN { print a + b }')
  done
done
echo "== mean of $rounds round(s), as a fraction of one after another (lower is better)"
for s in xargs2 crossbuild; do
  awk -v n="$s" -v a="${total[$s]}" -v b="${total[seq]}" -v r="$rounds" 'BEGIN { printf "%-11s %6.2f s   %.2f of sequential\n", n, a / r, a / b }'
done
awk -v a="${total[xargs2]}" -v b="${total[crossbuild]}" 'BEGIN { printf "ratio xargs -P2 / crossbuild: %.2fx (above 1: crossbuild is faster)\n", a / b }'
