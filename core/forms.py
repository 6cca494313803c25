"""Helpers shared by every form."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import flash
from flask_babel import gettext
from flask_wtf import FlaskForm
from wtforms import Field, FieldList, FormField, SelectMultipleField, StringField
from wtforms.widgets import CheckboxInput, HiddenInput, ListWidget

from core.extensions import db
from core.i18n_markers import N_
from core.roc_date import RocDateError, format_roc_compact, parse_date
from core.services import ServiceError

T = TypeVar("T")

NUL_MESSAGE = N_("含有無法儲存的空字元（NUL），請刪除後再送出。")
# C0 control characters and DEL: never part of a path on this site (a CR/LF would split the
# Location header; browsers drop a tab, so "/\t/evil.example" would become "//evil.example").
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def _has_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    filename = getattr(value, "filename", None)  # an uploaded file: its name is text too
    return isinstance(filename, str) and "\x00" in filename


def _refuse_nul(fields: Iterable[Field], form_errors: list[str]) -> bool:
    """Put NUL_MESSAGE on each field (in sub-forms and lists too) whose submitted text holds a NUL byte.

    PostgreSQL cannot store one, SQLite would store it invisibly: either way it is refused here, with
    the rest of the input kept. A hidden field's message goes above the form (the field is not shown).
    """
    clean = True
    for field in fields:
        if isinstance(field, FormField):
            clean = _refuse_nul(field.form, form_errors) and clean
        elif isinstance(field, FieldList):
            clean = _refuse_nul(field.entries, form_errors) and clean
        elif any(_has_nul(value) for value in field.raw_data or ()):
            message = gettext(NUL_MESSAGE)
            field.errors = [*field.errors, message]
            if isinstance(field.widget, HiddenInput) and message not in form_errors:
                form_errors.append(message)
            clean = False
    return clean


class BaseForm(FlaskForm):
    """The base of every form of the application (FlaskForm: CSRF, request data).

    Besides each field's own validators, a NUL byte in any field is refused with a zh-TW
    message (tests/core/test_crafted_input.py checks that every form derives from this one).
    """

    def validate(self, extra_validators: Any = None) -> bool:
        valid = bool(super().validate(extra_validators))
        return _refuse_nul(self, self.form_errors) and valid


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class RocDateField(StringField):
    """A date typed as 民國115年11月23日, 115/11/23, 115.11.23 or 2026-11-23.

    ``data`` is a ``datetime.date`` (None when left empty); an impossible date
    such as 115/02/30 becomes a field error, and the text typed is shown again
    unchanged so the user can correct it.
    """

    data: date | None

    def process_formdata(self, valuelist: list[Any]) -> None:
        text = str(valuelist[0]).strip() if valuelist else ""
        self.data = None
        if text:
            try:
                self.data = parse_date(text)
            except RocDateError as error:
                raise ValueError(gettext(error.template).format(**error.params)) from None

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])
        return format_roc_compact(self.data) if isinstance(self.data, date) else ""


def show_service_errors(form: FlaskForm, error: ServiceError) -> None:
    """Put each message of ``error`` next to its field (or above the form)."""
    for name, messages in error.field_errors.items():
        field = form._fields.get(name) if name else None
        if field is None:
            form.form_errors.extend(messages)
        else:
            field.errors = [*field.errors, *messages]


def flash_service_errors(error: ServiceError) -> None:
    """Put each message of ``error`` in the flash area (for actions posted from a page, not a form of their own)."""
    for messages in error.field_errors.values():
        for message in messages:
            flash(message, "error")


def commit_or_report(action: Callable[[], T], report: Callable[[ServiceError], None]) -> T | None:
    """Run one user action as one transaction.

    Calls ``action`` (a service call); on ServiceError rolls everything back and
    hands the error to ``report``, returning None; otherwise commits and returns
    the action's result.
    """
    try:
        result = action()
    except ServiceError as error:
        db.session.rollback()
        report(error)
        return None
    db.session.commit()
    return result


def commit_or_show_errors(form: FlaskForm, action: Callable[[], T]) -> T | None:
    """One transaction whose refusal is shown next to the form's fields (None when refused)."""
    return commit_or_report(action, lambda error: show_service_errors(form, error))


def commit_or_flash(action: Callable[[], object], success: str) -> bool:
    """One transaction whose outcome goes to the flash area: ``success``, or the refusal's messages.

    True when it committed.
    """

    def committed() -> bool:
        action()
        return True

    if commit_or_report(committed, flash_service_errors) is None:
        return False
    flash(success, "success")
    return True


def safe_redirect_target(target: str | None) -> str | None:
    """``target`` when it is a path on this site, else None (no open redirects, no header splitting)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if _CONTROL_CHARACTERS.search(target):
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None
