"""Account forms: validation of shape only; business rules live in services."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, Optional, ValidationError

from accounts.labels import ROLE_LABELS
from accounts.passwords import password_problems
from accounts.services import USERNAME_PATTERN, USERNAME_RULE, normalize_username
from core.forms import BaseForm, MultiCheckboxField


def role_field() -> MultiCheckboxField:
    return MultiCheckboxField(
        _l("角色"),
        choices=[SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()],
        validate_choice=True,
    )


class LoginForm(BaseForm):
    username = StringField(_l("帳號"), validators=[DataRequired(_l("請輸入帳號。")), Length(max=64)])
    password = PasswordField(_l("密碼"), validators=[DataRequired(_l("請輸入密碼。")), Length(max=1024)])
    next = HiddenField()


class LogoutForm(BaseForm):
    """Empty: exists so that signing out carries a CSRF token."""


class LanguageForm(BaseForm):
    locale = SelectField(_l("介面語言"), choices=[])


class PasswordChangeForm(BaseForm):
    current_password = PasswordField(_l("目前的密碼"), validators=[DataRequired(_l("請輸入目前的密碼。"))])
    new_password = PasswordField(
        _l("新密碼"),
        validators=[DataRequired(_l("請輸入新密碼。"))],
        description=_l("至少 12 個字元，可使用中英文、數字、符號或空格組成的句子。"),
    )
    confirm_password = PasswordField(
        _l("再次輸入新密碼"),
        validators=[DataRequired(_l("請再次輸入新密碼。")), EqualTo("new_password", _l("兩次輸入的新密碼不一致。"))],
    )


class UserCreateForm(BaseForm):
    username = StringField(
        _l("帳號"),
        validators=[DataRequired(_l("請輸入帳號。")), Length(max=64)],
        description=_l("英文小寫字母、數字或 . _ -，3 至 64 個字元。"),
    )
    display_name = StringField(_l("姓名"), validators=[DataRequired(_l("請輸入姓名。")), Length(max=100)])
    unit = SelectField(_l("單位"), choices=[], validators=[Optional()])
    roles = role_field()
    password = PasswordField(
        _l("初始密碼"),
        validators=[DataRequired(_l("請輸入初始密碼。"))],
        description=_l("至少 12 個字元。請以安全管道交給使用者；使用者第一次登入時須先改設自己的密碼。"),
    )
    confirm_password = PasswordField(
        _l("再次輸入初始密碼"),
        validators=[DataRequired(_l("請再次輸入密碼。")), EqualTo("password", _l("兩次輸入的密碼不一致。"))],
    )

    # The service checks these rules again; checking them here too shows every
    # problem in one round instead of one field at a time.
    def validate_username(self, field: StringField) -> None:
        if not USERNAME_PATTERN.match(normalize_username(field.data or "")):
            raise ValidationError(USERNAME_RULE)

    def validate_roles(self, field: MultiCheckboxField) -> None:
        if not field.data:
            raise ValidationError(_l("請至少選擇一個角色。"))

    def validate_password(self, field: PasswordField) -> None:
        field.errors.extend(password_problems(field.data or "", normalize_username(self.username.data or "")))


class UserEditForm(BaseForm):
    display_name = StringField(_l("姓名"), validators=[DataRequired(_l("請輸入姓名。")), Length(max=100)])
    unit = SelectField(_l("單位"), choices=[], validators=[Optional()])
    roles = role_field()
    is_enabled = BooleanField(_l("帳號啟用中"))
    new_password = PasswordField(
        _l("重設密碼"),
        validators=[Optional()],
        description=_l("留空表示不變更。重設後該使用者的所有登入狀態都會失效，下次登入時須先改設自己的密碼。"),
    )


class AccessDecisionForm(BaseForm):
    """Empty: confirming, rejecting or withdrawing an account change still carries a CSRF token."""
