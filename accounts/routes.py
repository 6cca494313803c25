"""Signing in and out, and the user's own settings."""

from __future__ import annotations

import math
import time

from flask import Blueprint, Flask, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from accounts import services
from accounts.forms import LanguageForm, LoginForm, LogoutForm, PasswordChangeForm
from accounts.navigation import navigation_context
from core.extensions import db, login_manager
from core.forms import commit_or_show_errors, safe_redirect_target
from core.i18n import LANGUAGE_NAMES
from core.models import utcnow
from core.security import client_address
from core.templating import roc_datetime

bp = Blueprint("accounts", __name__)


def _language_form() -> LanguageForm:
    form = LanguageForm()
    form.locale.choices = [SelectChoice(code, LANGUAGE_NAMES[code]) for code in current_app.config["LANGUAGES"]]
    return form


@bp.before_app_request
def enforce_idle_timeout() -> Response | None:
    """Sign out a session that has been idle longer than SESSION_IDLE_MINUTES."""
    if request.endpoint == "static" or not current_user.is_authenticated:
        return None
    idle_limit = current_app.config["SESSION_IDLE_MINUTES"] * 60
    now = time.time()
    seen_at = session.get("seen_at")
    if isinstance(seen_at, int | float) and now - seen_at > idle_limit:
        services.sign_out(current_user._get_current_object(), client_address=client_address(), expired=True)
        db.session.commit()
        logout_user()
        session.clear()
        flash(
            _("您已閒置超過 %(minutes)d 分鐘，為保護資料已自動登出，請重新登入。", minutes=idle_limit // 60),
            "warning",
        )
        return redirect(url_for("accounts.login", next=request.full_path if request.method == "GET" else None))
    session["seen_at"] = int(now)
    return None


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | tuple[str, int]:
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    status = 200
    if request.method == "GET":
        form.next.data = safe_redirect_target(request.args.get("next")) or ""
    elif form.validate_on_submit():
        result = services.sign_in(form.username.data, form.password.data, client_address=client_address())
        db.session.commit()
        if result.user is not None:
            session.clear()  # a fresh session; from now on the account's language applies
            login_user(result.user)
            session["seen_at"] = int(time.time())
            return redirect(safe_redirect_target(form.next.data) or url_for("home.index"))
        if result.locked_until is not None:
            status = 429
            minutes = max(1, math.ceil((result.locked_until - utcnow()).total_seconds() / 60))
            form.form_errors.append(
                _(
                    "登入失敗次數過多，已暫時鎖定。請於 %(time)s 後再試（約 %(minutes)d 分鐘）。",
                    time=roc_datetime(result.locked_until),
                    minutes=minutes,
                )
            )
        else:
            form.form_errors.append(_("帳號或密碼錯誤，請再試一次。"))
    return render_template("accounts/login.html", form=form, language_form=_language_form()), status


@bp.post("/logout")
@login_required
def logout() -> Response:
    if LogoutForm().validate_on_submit():
        services.sign_out(current_user._get_current_object(), client_address=client_address())
        db.session.commit()
        logout_user()
        session.clear()
        flash(_("您已登出。"), "success")
    return redirect(url_for("accounts.login"))


@bp.post("/language")
def set_language() -> Response:
    form = _language_form()
    if form.validate_on_submit():
        session["locale"] = form.locale.data
        if current_user.is_authenticated:
            services.set_locale(current_user._get_current_object(), form.locale.data)
            db.session.commit()
    target = safe_redirect_target(request.form.get("next"))
    return redirect(target or url_for("accounts.settings" if current_user.is_authenticated else "accounts.login"))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings() -> Response | str:
    language_form = _language_form()
    language_form.locale.data = current_user.locale
    password_form = PasswordChangeForm()
    if password_form.validate_on_submit():
        user = current_user._get_current_object()
        changed = commit_or_show_errors(
            password_form,
            lambda: services.change_own_password(
                user,
                current_password=password_form.current_password.data,
                new_password=password_form.new_password.data,
                client_address=client_address(),
            ),
        )
        if changed is not None:
            # The password change rotated the session token; keep this browser signed in.
            login_user(user)
            flash(_("密碼已變更；其他裝置上的登入狀態已失效。"), "success")
            return redirect(url_for("accounts.settings"))
    return render_template("accounts/settings.html", language_form=language_form, password_form=password_form)


def register(app: Flask) -> None:
    """Sign-in: the login manager, the page context every template needs, and this blueprint."""
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("請先登入。")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(services.load_user_from_session)
    app.context_processor(navigation_context)
    # Not bound to the request: rendering a page (e.g. the 413 page) must not parse its body.
    app.context_processor(lambda: {"logout_form": LogoutForm(formdata=None)})
    app.register_blueprint(bp)
