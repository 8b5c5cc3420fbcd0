#!/usr/bin/env bash
# Idempotent, non-interactive setup of a fresh Debian machine for tkg:
# libclang (RocksDB bindings) and networkx (GraphML round-trip test).
set -euo pipefail

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "setup: need root (or sudo) to run: $*" >&2
        return 1
    fi
}

# libclang itself, as bindgen loads it: libclang-cpp (which some images
# carry without it) is another library and does not count.
have_libclang() {
    dpkg -s libclang-dev >/dev/null 2>&1 ||
        compgen -G '/usr/lib/llvm-*/lib/libclang.so*' >/dev/null ||
        compgen -G '/usr/lib/*/libclang-[0-9]*.so*' >/dev/null
}

if ! have_libclang || ! command -v python3 >/dev/null 2>&1; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y libclang-dev clang python3-pip
fi

if ! python3 -c 'import networkx' >/dev/null 2>&1; then
    python3 -m pip install --quiet networkx==3.6.1 \
        || python3 -m pip install --quiet --break-system-packages networkx==3.6.1
fi
