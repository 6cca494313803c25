#!/usr/bin/env bash
# Re-extract the user-facing messages and merge them into the English catalogue:
#   scripts/update_translations.sh
# translations/en/LC_MESSAGES/messages.po is the source of truth: fill in the msgstr of every new
# message there (tests/core/test_translations.py fails while one is empty). ./run and ./test compile it.
# Keywords: gettext/_ (default), _l (lazy_gettext) and N_ (marks constants in modules without Flask).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

.venv/bin/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext -k N_ --no-location --sort-output \
    -o translations/messages.pot .
.venv/bin/pybabel -q update -i translations/messages.pot -d translations -l en \
    --no-fuzzy-matching --ignore-obsolete -w 120
