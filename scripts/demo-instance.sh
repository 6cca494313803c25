#!/usr/bin/env bash
# The instance ./run serves: instance/ private to this account (700, files 600), the SQLite database
# at the newest schema, the statute catalogue, and demo data with its credentials (printed, and kept
# in instance/demo-credentials.txt, mode 600) when the database has no account yet.
# BAOMI_INSTANCE_DIR puts instance/ elsewhere (config.py reads it too).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Every file made from here on (the database and its -wal/-shm, the credentials) is this account's only.
umask 077
instance="${BAOMI_INSTANCE_DIR:-instance}"
mkdir -p "$instance"
# What an earlier version left open to other accounts (the database and the credentials were 644).
chmod -R go= "$instance"

flask=(.venv/bin/flask --app app)
"${flask[@]}" db upgrade
"${flask[@]}" statutes load
credentials="$instance/demo-credentials.txt"
if "${flask[@]}" seed-demo --if-empty >"$instance/.seed-output"; then
    if [[ -s $instance/.seed-output ]]; then
        mv "$instance/.seed-output" "$credentials"
        chmod 600 "$credentials"
    else
        rm -f "$instance/.seed-output"
    fi
fi
if [[ -f $credentials ]]; then
    cat "$credentials"
    echo "（以上帳密亦存於 $credentials / also kept in $credentials）"
fi
