#!/bin/sh
# Build the rules engine to wasm32-unknown-unknown, reproducibly, with
# Debian's Rust toolchain (cargo 1.65 / rustc 1.63), Debian's packaged
# crates (offline) and Debian's wabt (wasm2wat/wat2wasm, for one rewrite of
# the compiled module, see below).
#
#   rulesengine/build.sh            build and copy the module to
#                                   schematic-cdi/src/main/resources/dev/schematic/rules/schematic-rules.wasm
#   rulesengine/build.sh --verify   rebuild in a temporary directory and fail
#                                   (exit 1) if the bytes differ from the
#                                   committed module
#
# Both modes also check that the module has no imports and is at most
# 300 KiB.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
OUT="$REPO/schematic-cdi/src/main/resources/dev/schematic/rules/schematic-rules.wasm"
MAX_BYTES=307200

MODE=build
case "${1:-}" in
  "") ;;
  --verify) MODE=verify ;;
  *) echo "usage: $0 [--verify]" >&2; exit 2 ;;
esac

# Debian's toolchain has the wasm32 standard library; a rustup toolchain
# earlier on PATH may not.
PATH=/usr/bin:/bin
export PATH
unset RUSTFLAGS RUSTC RUSTC_WRAPPER CARGO_BUILD_RUSTFLAGS CARGO_BUILD_TARGET 2>/dev/null || true

if [ "$MODE" = verify ]; then
  TARGET_DIR=$(mktemp -d "${TMPDIR:-/tmp}/rulesengine-verify.XXXXXX")
  trap 'rm -rf "$TARGET_DIR"' EXIT INT TERM
else
  TARGET_DIR="$HERE/target"
fi
CARGO_TARGET_DIR="$TARGET_DIR"
export CARGO_TARGET_DIR

# No absolute paths in the output: map the source and build directories to
# fixed names (arguments separated by 0x1f so paths may contain spaces).
SEP=$(printf '\037')
# bulk-memory: struct moves and copies become one memory.copy (System.arraycopy
# under Chicory) instead of calls to a byte-loop memcpy in WASM.
CARGO_ENCODED_RUSTFLAGS="--remap-path-prefix=$HERE=rulesengine${SEP}--remap-path-prefix=$TARGET_DIR=target${SEP}--remap-path-prefix=/usr/share/cargo/registry=registry${SEP}-Cdebuginfo=0${SEP}-Ctarget-feature=+bulk-memory"
export CARGO_ENCODED_RUSTFLAGS
SOURCE_DATE_EPOCH=0
export SOURCE_DATE_EPOCH

INSTALL="apt-get install cargo rustc libstd-rust-dev-wasm32 lld-14 librust-serde-json-dev librust-serde-dev librust-serde-derive-dev wabt"
if ! command -v cargo >/dev/null 2>&1; then
  echo "ERROR: Debian's cargo not found in /usr/bin: $INSTALL" >&2
  exit 1
fi
# rustc links wasm32 with rust-lld, a link to lld-14 (only "Recommended" by
# libstd-rust-dev-wasm32, so --no-install-recommends leaves it out).
if ! rust-lld -flavor wasm --version >/dev/null 2>&1; then
  echo "ERROR: rust-lld (the wasm linker) does not run: apt-get install lld-14" >&2
  exit 1
fi
for tool in wasm2wat wat2wasm; do
  if ! command -v $tool >/dev/null 2>&1; then
    echo "ERROR: $tool not found: install Debian's wabt (apt-get install wabt)" >&2
    exit 1
  fi
done

cd "$HERE"
cargo build --release --locked --offline --target wasm32-unknown-unknown
CARGO_OUT="$TARGET_DIR/wasm32-unknown-unknown/release/schematic_rulesengine.wasm"

# Chicory on JDK 17 and older runs every i32.ge_u through a deliberately
# megamorphic call (its workaround for a HotSpot bug), about 5 % of a check.
# a >= b (unsigned) is the same as !(a < b): rewrite each i32.ge_u to
# i32.lt_u + i32.eqz. The text round trip through wabt is deterministic.
BUILT="$TARGET_DIR/schematic-rules.wasm"
wasm2wat "$CARGO_OUT" -o "$TARGET_DIR/schematic-rules.wat"
sed 's/^\( *\)i32\.ge_u$/\1i32.lt_u\n\1i32.eqz/' "$TARGET_DIR/schematic-rules.wat" > "$TARGET_DIR/schematic-rules-rewritten.wat"
if grep -q 'i32\.ge_u' "$TARGET_DIR/schematic-rules-rewritten.wat"; then
  echo "ERROR: an i32.ge_u was not rewritten" >&2
  exit 1
fi
wat2wasm "$TARGET_DIR/schematic-rules-rewritten.wat" -o "$BUILT"

SIZE=$(wc -c < "$BUILT" | tr -d ' ')
echo "module size: $SIZE bytes"
if [ "$SIZE" -gt "$MAX_BYTES" ]; then
  echo "ERROR: module is larger than $MAX_BYTES bytes" >&2
  exit 1
fi

if command -v wasm-objdump >/dev/null 2>&1; then
  if wasm-objdump -h "$BUILT" | grep -q ' Import '; then
    echo "ERROR: module has an import section:" >&2
    wasm-objdump -x -j Import "$BUILT" >&2
    exit 1
  fi
  for export in memory alloc dealloc checkFlagCombined getResultJson getResultJsonLength \
                setCurrentTimeMillis get_version_key_wasm; do
    if ! wasm-objdump -x -j Export "$BUILT" | grep -q -e "-> \"$export\"\$"; then
      echo "ERROR: export $export is missing" >&2
      exit 1
    fi
  done
  echo "imports: none; required exports present"
else
  echo "note: wasm-objdump (wabt) not installed; import/export check skipped"
fi

SUM=$(sha256sum "$BUILT" | cut -d' ' -f1)
if [ "$MODE" = verify ]; then
  if [ ! -f "$OUT" ]; then
    echo "VERIFY FAILED: $OUT does not exist; run rulesengine/build.sh and commit it" >&2
    exit 1
  fi
  if cmp -s "$BUILT" "$OUT"; then
    echo "VERIFY OK: committed module is byte-identical to a fresh build (sha256 $SUM)"
  else
    echo "VERIFY FAILED: committed $OUT differs from a fresh build of rulesengine/" >&2
    echo "  fresh build sha256:     $SUM" >&2
    echo "  committed file sha256:  $(sha256sum "$OUT" | cut -d' ' -f1)" >&2
    echo "  run rulesengine/build.sh and commit the result" >&2
    exit 1
  fi
else
  mkdir -p "$(dirname "$OUT")"
  cp "$BUILT" "$OUT"
  echo "wrote $OUT (sha256 $SUM)"
fi
