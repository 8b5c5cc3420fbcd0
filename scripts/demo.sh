#!/usr/bin/env bash
# Build the graph from seeds/ (incrementally, into .tkg/) and show what it found.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/tkg-target}
cargo build --release
tkg="$CARGO_TARGET_DIR/release/tkg"

"$tkg" build seeds/
echo
"$tkg" stats
echo "== leaders"
"$tkg" query leaders
echo "== alliances"
"$tkg" query alliances
echo "== attacks"
"$tkg" query attacks
echo "== lookup ISKP"
"$tkg" lookup ISKP --format table
