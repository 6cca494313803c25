"""The audit log's filter form (a GET form: it changes nothing, so no CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from core.forms import BaseForm, RocDateField

DATE_HINT = _l("例：115/11/23、民國115年11月23日或 2026-11-23")


class AuditFilterForm(BaseForm):
    class Meta:
        csrf = False

    date_from = RocDateField(_l("起日"), description=DATE_HINT)
    date_to = RocDateField(_l("迄日"), description=DATE_HINT)

    def validate(self, extra_validators: object = None) -> bool:
        valid = super().validate(extra_validators)
        if valid and self.date_from.data and self.date_to.data and self.date_to.data < self.date_from.data:
            self.date_to.errors = [*self.date_to.errors, _l("迄日不可早於起日。")]
            return False
        return valid
