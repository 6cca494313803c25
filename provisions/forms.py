"""Search and date forms of the statute browser (GET forms: no CSRF token needed)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import Length

from core.forms import BaseForm, RocDateField

DATE_HINT = _l("例：115/11/23、民國115年11月23日或 2026-11-23；留空為今天")


class StatuteSearchForm(BaseForm):
    class Meta:
        csrf = False

    q = StringField(
        _l("條號或關鍵字"),
        validators=[Length(max=100, message=_l("請輸入 100 字以內。"))],
        description=_l("例：「刑法 132」「國家安全法第5條之1」，或條文中的字詞如「底價」"),
    )
    on = RocDateField(_l("適用日期"), description=DATE_HINT)


class InForceDateForm(BaseForm):
    class Meta:
        csrf = False

    on = RocDateField(_l("適用日期"), description=DATE_HINT)
