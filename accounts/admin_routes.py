"""Account administration for admins: list, create, change and disable users
of the admin's own agency."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from accounts import services
from accounts.forms import ROLE_LABELS, UserCreateForm, UserEditForm
from accounts.models import Role, Unit, User
from accounts.permissions import role_required
from core.extensions import db
from core.forms import commit_or_show_errors
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
    return render_template("accounts/admin/users.html", users=rows, role_labels=ROLE_LABELS)


@bp.route("/users/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def create_user() -> Response | str:
    form = UserCreateForm()
    form.unit.choices = _unit_choices()
    if form.validate_on_submit():
        created = commit_or_show_errors(
            form,
            lambda: services.create_user(
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
        if created is not None:
            flash(_("已建立帳號 %(username)s。", username=created.username), "success")
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
        updated = commit_or_show_errors(
            form,
            lambda: services.update_user(
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
        if updated is not None:
            flash(_("已更新帳號 %(username)s。", username=updated.username), "success")
            return redirect(url_for("accounts_admin.users"))
    return render_template("accounts/admin/user_form.html", form=form, user=user, is_self=is_self)
