#!/usr/bin/env bash
# Check that the repository's datapackage.json describes the corpus folder as
# committed: `frictionless validate` (sizes and SHA-256 of every file), then
# `corpuscheck datapackage --check` (a document added or removed).
#
#   bash scripts/validate_datapackage.sh [SEEDS]     (default: seeds)
#
# Exits 1 with a message naming the command that brings the descriptor back
# in line; under GitHub Actions the message is also an error annotation.
set -uo pipefail
seeds="${1:-seeds}"
bin="${CORPUSCHECK_BIN:-.venv/bin}"
fix="run \`make datapackage\` (or \`corpuscheck datapackage $seeds\`) and commit datapackage.json"

fail() {
    if [ -n "${GITHUB_ACTIONS:-}" ]; then
        echo "::error file=datapackage.json,title=datapackage.json is out of date::$1: $fix"
    fi
    echo "datapackage.json is out of date: $1: $fix" >&2
    exit 1
}

if ! "$bin/frictionless" validate datapackage.json; then
    fail "a file of $seeds/ no longer matches its size or SHA-256"
fi
if ! "$bin/corpuscheck" datapackage "$seeds" --check; then
    fail "$seeds/ has files the descriptor does not list, or lists files that are gone"
fi
echo "datapackage.json describes $seeds/ as committed"
