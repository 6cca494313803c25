"""Helpers shared by every form."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask_babel import gettext
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField
from wtforms.widgets import CheckboxInput, ListWidget

from core.extensions import db
from core.roc_date import RocDateError, format_roc_compact, parse_date
from core.services import ServiceError

T = TypeVar("T")


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


def commit_or_show_errors(form: FlaskForm, action: Callable[[], T]) -> T | None:
    """Run one user action as one transaction.

    Calls ``action`` (a service call); on ServiceError rolls everything back and
    puts the messages next to the form's fields, returning None; otherwise
    commits and returns the action's result.
    """
    try:
        result = action()
    except ServiceError as error:
        db.session.rollback()
        show_service_errors(form, error)
        return None
    db.session.commit()
    return result


def safe_redirect_target(target: str | None) -> str | None:
    """``target`` when it is a path on this site, else None (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None
