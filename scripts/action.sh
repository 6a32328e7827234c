#!/usr/bin/env bash
# The run step of the composite action (action.yml): run corpuscheck with the
# action's inputs, given as INPUT_* environment variables, and record its exit
# status as the action's exit-code output.
#
#   INPUT_SEEDS          corpus folder (required)
#   INPUT_SINCE          git revision: check only what changed since it
#   INPUT_OUT            output folder: build the package and report into it
#   INPUT_JOBS           worker processes (0: one per CPU)
#   INPUT_EXPECTATIONS   folder of Great Expectations suites
#   INPUT_DISABLE        checks or categories to skip, separated by spaces or newlines
#   INPUT_SARIF          file to write the SARIF 2.1.0 view into
#   INPUT_FAIL_ON_ERROR  "true": fail the step when corpuscheck exits 1
#   CORPUSCHECK          the corpuscheck command (default: corpuscheck)
#
# With INPUT_SINCE the command is `corpuscheck check --since`, which writes no
# package; otherwise `build` when INPUT_OUT is set, else `check`. Under GitHub
# Actions corpuscheck prints annotations and writes the step summary itself.
set -uo pipefail

cmd=("${CORPUSCHECK:-corpuscheck}")
if [ -n "${INPUT_SINCE:-}" ]; then
    cmd+=(check "$INPUT_SEEDS" --since "$INPUT_SINCE")
elif [ -n "${INPUT_OUT:-}" ]; then
    cmd+=(build "$INPUT_SEEDS" --out "$INPUT_OUT")
else
    cmd+=(check "$INPUT_SEEDS")
fi
cmd+=(--jobs "${INPUT_JOBS:-0}")
if [ -n "${INPUT_EXPECTATIONS:-}" ]; then
    cmd+=(--expectations "$INPUT_EXPECTATIONS")
fi
for name in ${INPUT_DISABLE:-}; do
    cmd+=(--disable "$name")
done
if [ -n "${INPUT_SARIF:-}" ]; then
    cmd+=(--output-format sarif --output-file "$INPUT_SARIF")
fi

status=0
"${cmd[@]}" || status=$?
if [ -n "${GITHUB_OUTPUT:-}" ]; then
    echo "exit-code=$status" >>"$GITHUB_OUTPUT"
fi
if [ "$status" -ge 2 ]; then
    exit "$status"
fi
if [ "$status" -eq 1 ] && [ "${INPUT_FAIL_ON_ERROR:-true}" = "true" ]; then
    exit 1
fi
exit 0
