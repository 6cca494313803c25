#!/usr/bin/env bash
# Shared set-up for ./run and ./test: system packages, .venv with pinned
# dependencies, compiled translations; with --test also the test tools.
# Safe to run again: it only installs what is missing or changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

with_tests=0
[[ ${1:-} == "--test" ]] && with_tests=1

say() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] 錯誤 / error: %s\n' "$*" >&2; exit 1; }

# --- system packages ---------------------------------------------------------
# WeasyPrint needs Pango; case files (PDF) need a Traditional Chinese font.
packages=(fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 fontconfig)
if (( with_tests )); then
    # Browser tests drive Debian's Chromium; axe-core comes from npm.
    packages+=(chromium)
    command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
fi
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if (( ${#missing[@]} )); then
    if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
        die "缺少系統套件：${missing[*]}。請以 root 執行：apt-get install ${missing[*]}
       Missing system packages: ${missing[*]}. Install them as root (apt-get install ${missing[*]}) and run again."
    fi
    say "installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2
    apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi

# --- Python --------------------------------------------------------------------
python=""
for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 \
        && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
        python=$(command -v "$candidate")
        break
    fi
done
[[ -n $python ]] || die "需要 Python 3.11 / Python 3.11 is required (apt-get install python3.11 python3.11-venv)."

if [[ ! -x .venv/bin/python ]]; then
    say "creating .venv"
    "$python" -m venv .venv || die "無法建立 .venv / cannot create .venv (apt-get install python3.11-venv)."
fi

requirements=requirements.txt
(( with_tests )) && requirements=requirements-test.txt
stamp=".venv/.installed-$(cat "$requirements" requirements.txt constraints.txt | sha256sum | cut -c1-16)"
if [[ ! -f $stamp ]]; then
    say "installing Python packages from $requirements"
    .venv/bin/python -m pip install -q --disable-pip-version-check -r "$requirements" -c constraints.txt
    touch "$stamp"
fi

# --- translations (English catalogue) ------------------------------------------
.venv/bin/pybabel -q compile -d translations

# --- test tools --------------------------------------------------------------
if (( with_tests )); then
    if [[ ! -f node_modules/axe-core/axe.min.js || package-lock.json -nt node_modules/.package-lock.json ]]; then
        say "installing axe-core (npm ci)"
        npm ci --no-audit --no-fund --loglevel=error >&2
    fi
fi

# --- instance/ -------------------------------------------------------------------
# The database, the key, demo passwords and evidence: this account's only (700, files 600),
# also where an earlier version left them readable by other accounts.
umask 077
instance="${BAOMI_INSTANCE_DIR:-instance}"
mkdir -p "$instance"
chmod -R go= "$instance"
