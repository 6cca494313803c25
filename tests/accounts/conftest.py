"""Fixtures for account tests: ``two_admins`` (see tests.accounts.helpers.TwoAdmins)."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.accounts.helpers import TwoAdmins


@pytest.fixture
def two_admins(app: Flask) -> TwoAdmins:
    return TwoAdmins(app)
