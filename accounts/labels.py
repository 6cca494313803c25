"""The roles' names as users read them (zh-TW, translated per user)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from accounts.models import Role

# In the order the pages list them.
ROLE_LABELS = {
    Role.OFFICER: _l("承辦人"),
    Role.SUPERVISOR: _l("主管"),
    Role.AUDITOR: _l("稽核"),
    Role.ADMIN: _l("系統管理者"),
}
