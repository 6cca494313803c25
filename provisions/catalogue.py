"""The stored statute catalogue as a pure ``statutes.catalogue.lookup.Catalogue``, cached.

Rebuilt only when a load or import has changed the catalogue (a new
statute_import row), so several app servers stay consistent without
sharing memory.
"""

from __future__ import annotations

import threading

import sqlalchemy as sa

from core.extensions import db
from provisions.models import StatuteImport
from provisions.store import all_laws_from_db
from statutes.catalogue.lookup import Catalogue

_lock = threading.Lock()
_cached: tuple[tuple[str, int | None], Catalogue] | None = None


class CatalogueEmptyError(LookupError):
    """No statutes are loaded (run ``flask --app app statutes load``)."""


def stored_catalogue() -> Catalogue:
    """The catalogue as stored now (raises CatalogueEmptyError when nothing is loaded)."""
    global _cached
    stamp = (str(db.engine.url), db.session.scalar(sa.select(sa.func.max(StatuteImport.id))))
    with _lock:
        if _cached is not None and _cached[0] == stamp:
            return _cached[1]
    laws = all_laws_from_db()
    if not laws:
        raise CatalogueEmptyError("尚未載入法規資料，請先執行 flask --app app statutes load。")
    catalogue = Catalogue(laws={law.pcode: law for law in laws})
    with _lock:
        _cached = (stamp, catalogue)
    return catalogue
