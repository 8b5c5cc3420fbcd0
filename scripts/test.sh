#!/usr/bin/env bash
# Every test of the workspace: unit tests of all crates and the integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/tkg-target}
cargo test --release --workspace
