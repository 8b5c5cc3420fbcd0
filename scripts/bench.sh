#!/usr/bin/env bash
# Extraction speed over seeds/ on one core, three ways:
#  1. instructions per pass and per input byte, counted by callgrind (the same
#     on any x86_64 machine, whatever else it is doing);
#  2. the throughput of single passes, timed one by one (fastest, p10, median):
#     what the code does when the machine lets it, and how often it does not;
#  3. wall-clock throughput by the criterion benchmark (varies with the machine).
# Usage: bash scripts/bench.sh [--no-criterion]
# (Whether a change is faster: bash scripts/bench-ab.sh REV.)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/tkg-target}"
if ! command -v valgrind >/dev/null; then
  echo "bench.sh: valgrind is needed to count instructions (Debian: apt-get install valgrind)" >&2
  exit 1
fi
cargo build --release -p tkg_extract --example spin
spin="$CARGO_TARGET_DIR/release/examples/spin"
bytes=$(cat seeds/* | wc -c)
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null --collect-atstart=no \
    '--toggle-collect=*Extractor::extract*' "$spin" "$1" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
# The difference of 12 and 2 passes leaves out one-off warm-up (lazy DFA states).
a=$(count 2)
b=$(count 12)
per_pass=$(((b - a) / 10))
echo "extraction: $per_pass instructions per pass over $bytes bytes = $((per_pass / bytes)) per byte"
cargo build --release -p tkg_extract --example passes
"$CARGO_TARGET_DIR/release/examples/passes" 300
if [[ "${1:-}" != "--no-criterion" ]]; then
  cargo bench -p tkg_extract --bench extract
fi
