"""The signed-in home page and the health check."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from accounts.forms import ROLE_LABELS
from accounts.models import Role
from core.clock import taipei_today
from core.extensions import db

bp = Blueprint("home", __name__)

ROLE_DESCRIPTIONS = {
    Role.OFFICER: _l("登錄洩密案件、調查並提出法律適用建議。"),
    Role.SUPERVISOR: _l("審核承辦人提出的建議，核可或退回。"),
    Role.AUDITOR: _l("唯讀查閱本機關的案件與稽核紀錄。"),
    Role.ADMIN: _l("管理本機關的使用者帳號與角色；不查閱案件內容。"),
}


@bp.get("/")
@login_required
def index() -> str:
    return render_template(
        "home/index.html",
        roles=sorted(current_user.roles),
        role_labels=ROLE_LABELS,
        role_descriptions=ROLE_DESCRIPTIONS,
        today=taipei_today(),
    )


@bp.get("/healthz")
def health() -> tuple[dict[str, str], int]:
    """For load balancers: 200 when the database answers, else 503."""
    db.session.execute(sa.text("SELECT 1"))
    return {"status": "ok"}, 200
