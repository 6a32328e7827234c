#!/usr/bin/env bash
# Install what the report's browser tests need, if it is missing:
#   - Debian's Chromium (the tests drive it with Playwright for Python, which
#     is a pinned dev dependency; Playwright's own browser download is never used);
#   - Debian's Grammalecte (python3-grammalecte), the French grammar checker
#     the translation verdict consults (loaded from Debian's package folder);
#   - a Java runtime and the W3C Nu HTML checker (vnu-jar, pinned in
#     tests/report/tools/package.json, installed with npm without its
#     postinstall script, which would download a Java of its own).
# Idempotent and quiet: a second run does nothing. Needs no standard input;
# installing Debian packages needs root (or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
TOOLS=tests/report/tools
VNU_JAR=$TOOLS/node_modules/vnu-jar/build/dist/vnu.jar
STAMP=$TOOLS/node_modules/.installed-package.json

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || packages+=(npm)
[ -f /usr/lib/python3/dist-packages/grammalecte/__init__.py ] || packages+=(python3-grammalecte)

if ((${#packages[@]})); then
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo >/dev/null 2>&1; then
            echo "install-test-tools: need root to install ${packages[*]}" >&2
            exit 1
        fi
        sudo=(sudo -n)
    fi
    echo "install-test-tools: installing ${packages[*]}"
    "${sudo[@]}" apt-get update -qq >/dev/null
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" </dev/null >/dev/null
fi

if [ ! -f "$VNU_JAR" ] || ! cmp -s "$TOOLS/package.json" "$STAMP"; then
    echo "install-test-tools: installing the Nu HTML checker (vnu-jar)"
    npm install --prefix "$TOOLS" --no-package-lock --ignore-scripts --no-audit --no-fund \
        --loglevel=error </dev/null >/dev/null
    cp "$TOOLS/package.json" "$STAMP"
fi
