"""The navigation bar, as data: which entries each role sees."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_login import current_user

from accounts.models import Role


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: object  # a lazy translated string
    roles: frozenset[Role] | None = None  # None: every signed-in user


NAV_ITEMS: tuple[NavItem, ...] = (
    NavItem("home.index", _l("首頁")),
    NavItem("incidents.index", _l("案件"), frozenset({Role.OFFICER, Role.SUPERVISOR, Role.AUDITOR})),
    NavItem("provisions.index", _l("法規查詢")),
    NavItem("suggestions.page", _l("適用建議"), frozenset({Role.OFFICER, Role.SUPERVISOR, Role.AUDITOR})),
    NavItem("audit.entries", _l("稽核紀錄"), frozenset({Role.AUDITOR})),
    NavItem("accounts_admin.users", _l("帳號管理"), frozenset({Role.ADMIN})),
    NavItem("accounts.settings", _l("個人設定")),
)


def nav_items_for(roles: frozenset[Role]) -> list[NavItem]:
    return [item for item in NAV_ITEMS if item.roles is None or item.roles & roles]


def navigation_context() -> dict[str, object]:
    if not current_user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": nav_items_for(current_user.roles)}
