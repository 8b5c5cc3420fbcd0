#!/usr/bin/env bash
# Is the working tree's extractor faster than revision REV's? On a shared
# machine the clock drifts by several percent within seconds, more than most
# changes gain, so one timing of each says nothing. This runs the `passes`
# example of both in A-B-B-A rounds, so that drift over a round cancels, and
# prints the quartiles of the ratio B/A of their p10 and median pass speeds
# (above 1: the working tree is faster).
# Usage: bash scripts/bench-ab.sh REV [ROUNDS] [PASSES]
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: bash scripts/bench-ab.sh REV [ROUNDS] [PASSES]}
rounds=${2:-12}
passes=${3:-60}
git rev-parse --verify --quiet "$rev^{commit}" >/dev/null ||
  { echo "bench-ab.sh: '$rev' is not a revision of this repository" >&2; exit 1; }
target="${CARGO_TARGET_DIR:-$HOME/.cache/tkg-target}"
work=$(mktemp -d)
trap 'git worktree remove --force "$work/a" 2>/dev/null || true; rm -rf "$work"' EXIT
git worktree add --quiet --detach "$work/a" "$rev"
# The example may be newer than REV: the same timing code for both.
mkdir -p "$work/a/crates/tkg_extract/examples/common"
cp crates/tkg_extract/examples/passes.rs "$work/a/crates/tkg_extract/examples/"
cp crates/tkg_extract/examples/common/seeds.rs "$work/a/crates/tkg_extract/examples/common/"
(cd "$work/a" && CARGO_TARGET_DIR="$target-ab" cargo build -q --release -p tkg_extract --example passes)
cp "$target-ab/release/examples/passes" "$work/A"
CARGO_TARGET_DIR="$target" cargo build -q --release -p tkg_extract --example passes
cp "$target/release/examples/passes" "$work/B"
# "p10 S1 MB/s, median S2 MB/s" -> "S1 S2"
speeds() { "$work/$1" "$passes" | sed -n 's/.*p10 \([0-9.]*\) MB\/s, median \([0-9.]*\) MB\/s.*/\1 \2/p'; }
for _ in $(seq 1 "$rounds"); do
  echo "$(speeds A) $(speeds B) $(speeds B) $(speeds A)"
done | awk '{print ($3 + $5) / ($1 + $7), ($4 + $6) / ($2 + $8)}' >"$work/ratios"
for column in 1 2; do
  name=$([[ $column == 1 ]] && echo "p10 pass" || echo "median pass")
  cut -d' ' -f"$column" "$work/ratios" | sort -n | awk -v name="$name" -v rev="$rev" '
    { x[NR] = $1 }
    END { printf "%s speed, working tree / %s: q1 %.3f, median %.3f, q3 %.3f (%d rounds)\n",
          name, rev, x[int(NR / 4) + 1], x[int((NR + 1) / 2)], x[int(3 * NR / 4) + 1], NR }'
done
