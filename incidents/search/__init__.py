"""Listing and searching cases: filters, keyword search, sorting and keyset pagination.

Every function here narrows a query the caller supplies, normally
``incidents.services.access.visible_incidents(user)``, so a case the user may
not see can never appear: filters only remove rows.

- filters.py: :class:`CaseFilter` and :func:`filtered`, the WHERE clause of a search.
- keyword.py: how a keyword (a substring of 案由, summary and notes) is looked up on each database.
- index.py: the keyword index (SQLite FTS5, PostgreSQL GIN), kept in step and skipped by Alembic.
- ordering.py: the sorts and the keyset cursors.
- window.py: the PostgreSQL window search that keeps the newest-first keyword page cheap.
- query.py: :func:`search_page` and :func:`iter_incidents`, which put these together.

The filter form of the case list is incidents/list_forms.py, with the other forms.
"""

from incidents.search.filters import OVERDUE_DRAFT_DAYS, CaseFilter, filtered
from incidents.search.keyword import KEYWORD_MAX
from incidents.search.ordering import InvalidCursorError, Sort
from incidents.search.query import PAGE_SIZE, Page, iter_incidents, search_page

__all__ = [
    "KEYWORD_MAX",
    "OVERDUE_DRAFT_DAYS",
    "PAGE_SIZE",
    "CaseFilter",
    "InvalidCursorError",
    "Page",
    "Sort",
    "filtered",
    "iter_incidents",
    "search_page",
]
