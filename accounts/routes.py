"""Signing in and out, and the user's own settings."""

from __future__ import annotations

import math

from flask import Blueprint, Flask, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from accounts import services, signin
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


# What a user whose password an admin chose may still open before choosing their own.
OPEN_UNTIL_PASSWORD_CHANGED = frozenset(
    {"static", "accounts.change_password", "accounts.logout", "accounts.set_language", "accounts.login"}
)


def session_now() -> float:
    """The sessions' clock, in POSIX seconds (tests replace it)."""
    return utcnow().timestamp()


def _session_ended_message(reason: signin.SessionEnd) -> str:
    config = current_app.config
    if reason is signin.SessionEnd.IDLE:
        return _(
            "您已閒置超過 %(minutes)d 分鐘，為保護資料已自動登出，請重新登入。",
            minutes=config["SESSION_IDLE_MINUTES"],
        )
    return _(
        "您已登入超過 %(hours)d 小時，為保護資料已自動登出，請重新登入。",
        hours=config["SESSION_MAX_HOURS"],
    )


@bp.before_app_request
def enforce_session_limits() -> Response | None:
    """Sign out a session idle longer than SESSION_IDLE_MINUTES or older than SESSION_MAX_HOURS;
    then send a user who must change their password to the page that does it."""
    if request.endpoint == "static" or not current_user.is_authenticated:
        return None
    now = session_now()
    config = current_app.config
    reason = signin.session_end(
        signed_in_at=session.get("signed_in_at"),
        seen_at=session.get("seen_at"),
        now=now,
        idle_minutes=config["SESSION_IDLE_MINUTES"],
        max_hours=config["SESSION_MAX_HOURS"],
    )
    if reason is not None:
        signin.sign_out(current_user._get_current_object(), client_address=client_address(), reason=reason)
        db.session.commit()
        logout_user()
        session.clear()
        flash(_session_ended_message(reason), "warning")
        return redirect(url_for("accounts.login", next=request.full_path if request.method == "GET" else None))
    session["seen_at"] = int(now)
    if current_user.must_change_password and request.endpoint not in OPEN_UNTIL_PASSWORD_CHANGED:
        return redirect(url_for("accounts.change_password"))
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
        pending = signin.begin_sign_in(form.username.data, client_address=client_address())
        # Committed before the password is checked: a parallel guess now counts this attempt.
        db.session.commit()
        result = signin.finish_sign_in(pending, form.password.data)
        db.session.commit()
        if result.user is not None:
            session.clear()  # a fresh session; from now on the account's language applies
            login_user(result.user)
            session["signed_in_at"] = session["seen_at"] = int(session_now())
            if result.user.must_change_password:
                return redirect(url_for("accounts.change_password"))
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
        signin.sign_out(current_user._get_current_object(), client_address=client_address())
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
    if password_form.validate_on_submit() and _change_own_password(password_form):
        return redirect(url_for("accounts.settings"))
    return render_template("accounts/settings.html", language_form=language_form, password_form=password_form)


def _change_own_password(form: PasswordChangeForm) -> bool:
    """Save the signed-in user's new password in one transaction; False (errors on ``form``) if refused."""
    user = current_user._get_current_object()
    changed = commit_or_show_errors(
        form,
        lambda: services.change_own_password(
            user,
            current_password=form.current_password.data,
            new_password=form.new_password.data,
            client_address=client_address(),
        ),
    )
    if changed is None:
        return False
    login_user(user)  # the change rotated the session token; keep this browser signed in
    flash(_("密碼已變更；其他裝置上的登入狀態已失效。"), "success")
    return True


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password() -> Response | str:
    """The page a user whose password an admin chose is sent to until they choose their own."""
    form = PasswordChangeForm()
    if form.validate_on_submit() and _change_own_password(form):
        return redirect(url_for("home.index"))
    return render_template("accounts/change_password.html", form=form, required=current_user.must_change_password)


def register(app: Flask) -> None:
    """Sign-in: the login manager, the page context every template needs, and this blueprint."""
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("請先登入。")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(signin.load_user_from_session)
    app.context_processor(navigation_context)
    # Not bound to the request: rendering a page (e.g. the 413 page) must not parse its body.
    app.context_processor(lambda: {"logout_form": LogoutForm(formdata=None)})
    app.register_blueprint(bp)
