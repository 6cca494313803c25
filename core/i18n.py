"""Languages: Traditional Chinese (Taiwan) by default, English as a second.

A signed-in user's choice is stored on their account; before sign-in the
choice is kept in the session.
"""

from __future__ import annotations

from flask import Flask, current_app, has_request_context, session
from flask_babel import get_locale
from flask_login import current_user

from core.extensions import babel

# Locale code → (BCP 47 tag for <html lang>, name shown in the language menu).
LANGUAGE_TAGS = {"zh_Hant_TW": "zh-Hant-TW", "en": "en"}
LANGUAGE_NAMES = {"zh_Hant_TW": "中文（臺灣）", "en": "English"}


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # command line: the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    chosen = session.get("locale")
    if isinstance(chosen, str) and chosen in languages:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def html_lang() -> str:
    locale = get_locale()
    return LANGUAGE_TAGS.get(str(locale), "zh-Hant-TW")


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale, default_translation_directories="translations")

    @app.context_processor
    def language_context() -> dict[str, object]:
        return {"html_lang": html_lang(), "language_names": LANGUAGE_NAMES}
