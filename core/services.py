"""What every service layer shares."""

from __future__ import annotations


class FieldErrors(dict[str, list[str]]):
    """zh-TW messages by form field name ("" for the whole form), collected before raising ServiceError."""

    def add(self, name: str, message: str) -> None:
        self.setdefault(name, []).append(message)

    def extend(self, name: str, messages: list[str]) -> None:
        if messages:
            self.setdefault(name, []).extend(messages)


class ServiceError(Exception):
    """A business rule refused the action. Routes show the messages to the user.

    ``field_errors`` maps a form field name (or "" for the whole form) to zh-TW
    messages, so forms can show each message next to its field.
    """

    def __init__(self, field_errors: dict[str, list[str]] | str) -> None:
        if isinstance(field_errors, str):
            field_errors = {"": [field_errors]}
        self.field_errors = field_errors
        super().__init__("; ".join(m for messages in field_errors.values() for m in messages))
