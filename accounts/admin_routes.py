"""Account administration for admins: list, create, change and disable users
of the admin's own agency, and confirm or reject the access changes another
admin requested (accounts.access_changes)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from accounts import access_change_display, access_change_queries, access_changes, access_decisions
from accounts.forms import ROLE_LABELS, AccessDecisionForm, UserCreateForm, UserEditForm
from accounts.models import AccessChange, Role, Unit, User
from accounts.permissions import role_required
from core.extensions import db
from core.forms import commit_or_flash, commit_or_show_errors
from core.security import client_address

bp = Blueprint("accounts_admin", __name__, url_prefix="/admin")


def _unit_choices() -> list[SelectChoice]:
    units = current_user.agency.units
    return [SelectChoice("", _("（未指定）"))] + [SelectChoice(str(unit.id), unit.name) for unit in units]


def _chosen_unit(value: str | None) -> Unit | None:
    if not value:
        return None
    unit = db.session.get(Unit, int(value)) if value.isdigit() else None
    return unit if unit is not None and unit.agency_id == current_user.agency_id else None


def _user_in_my_agency(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None or user.agency_id != current_user.agency_id:
        abort(404)
    return user


@bp.get("/users")
@role_required(Role.ADMIN)
def users() -> str:
    rows = db.session.scalars(
        sa.select(User).where(User.agency_id == current_user.agency_id).order_by(User.username)
    ).all()
    return render_template(
        "accounts/admin/users.html",
        users=rows,
        role_labels=ROLE_LABELS,
        pending_count=len(access_change_queries.pending_changes(current_user.agency_id)),
    )


@bp.route("/users/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def create_user() -> Response | str:
    form = UserCreateForm()
    form.unit.choices = _unit_choices()
    if form.validate_on_submit():
        outcome = commit_or_show_errors(
            form,
            lambda: access_changes.create_account(
                current_user._get_current_object(),
                username=form.username.data,
                display_name=form.display_name.data,
                agency=current_user.agency,
                unit=_chosen_unit(form.unit.data),
                roles={Role(value) for value in form.roles.data},
                password=form.password.data,
                client_address=client_address(),
            ),
        )
        if outcome is not None:
            if outcome.pending:
                message = _(
                    "已送出建立帳號 %(username)s 的申請，待另一位系統管理者確認後生效。", username=outcome.username
                )
            else:
                message = _("已建立帳號 %(username)s。", username=outcome.username)
            flash(message, "success")
            return redirect(url_for("accounts_admin.users"))
    return render_template("accounts/admin/user_form.html", form=form, user=None, is_self=False)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def edit_user(user_id: int) -> Response | str:
    user = _user_in_my_agency(user_id)
    form = UserEditForm(obj=None)
    form.unit.choices = _unit_choices()
    is_self = user.id == current_user.id
    if not form.is_submitted():
        form.display_name.data = user.display_name
        form.unit.data = str(user.unit_id or "")
        form.roles.data = sorted(role.value for role in user.roles)
        form.is_enabled.data = user.is_enabled
    elif form.validate_on_submit():
        # Your own roles are not offered in the form; if a request sends them
        # anyway, the service refuses any change.
        submitted_roles = {Role(value) for value in form.roles.data}
        roles = submitted_roles if not is_self or "roles" in request.form else set(user.roles)
        outcome = commit_or_show_errors(
            form,
            lambda: access_changes.change_account(
                current_user._get_current_object(),
                user,
                display_name=form.display_name.data,
                unit=_chosen_unit(form.unit.data),
                roles=roles,
                is_enabled=True if is_self else form.is_enabled.data,
                new_password=form.new_password.data or "",
                client_address=client_address(),
            ),
        )
        if outcome is not None:
            if outcome.pending:
                message = _(
                    "已更新帳號 %(username)s；角色或密碼的變更待另一位系統管理者確認後生效。", username=user.username
                )
            else:
                message = _("已更新帳號 %(username)s。", username=user.username)
            flash(message, "success")
            return redirect(url_for("accounts_admin.users"))
    return render_template(
        "accounts/admin/user_form.html",
        form=form,
        user=user,
        is_self=is_self,
        pending=access_change_queries.pending_change_of(user.id),
        describe=access_change_display.describe,
        change_details=access_change_display.change_details,
    )


# --- access changes waiting for a second admin -------------------------------------------------


def _change_in_my_agency(change_id: int) -> AccessChange:
    change = access_change_queries.change_in_agency(current_user.agency_id, change_id)
    if change is None:
        abort(404)
    return change


@bp.get("/access-changes")
@role_required(Role.ADMIN)
def access_change_list() -> str:
    agency_id = current_user.agency_id
    return render_template(
        "accounts/admin/access_changes.html",
        pending=access_change_queries.pending_changes(agency_id),
        recent=access_change_queries.recent_changes(agency_id),
        admin_count=access_change_queries.enabled_admin_count(agency_id),
        dual_control=access_change_queries.dual_control_required(agency_id),
        form=AccessDecisionForm(),
        may_confirm=lambda change: access_decisions.decision_problem(current_user, change, confirming=True) is None,
        describe=access_change_display.describe,
        change_details=access_change_display.change_details,
        status_labels=access_change_display.STATUS_LABELS,
    )


@bp.post("/access-changes/<int:change_id>/confirm")
@role_required(Role.ADMIN)
def confirm_access_change(change_id: int) -> Response:
    change = _change_in_my_agency(change_id)
    if AccessDecisionForm().validate_on_submit():  # the form is empty: only its CSRF token is checked
        commit_or_flash(
            lambda: access_decisions.confirm(
                current_user._get_current_object(), change, client_address=client_address()
            ),
            _("已確認申請 #%(id)d，變更已生效。", id=change_id),
        )
    return redirect(url_for("accounts_admin.access_change_list"))


@bp.post("/access-changes/<int:change_id>/reject")
@role_required(Role.ADMIN)
def reject_access_change(change_id: int) -> Response:
    change = _change_in_my_agency(change_id)
    withdrawing = change.requested_by_id == current_user.id
    if AccessDecisionForm().validate_on_submit():
        commit_or_flash(
            lambda: access_decisions.reject(
                current_user._get_current_object(), change, client_address=client_address()
            ),
            _("已撤回申請 #%(id)d。", id=change_id) if withdrawing else _("已退回申請 #%(id)d。", id=change_id),
        )
    return redirect(url_for("accounts_admin.access_change_list"))
