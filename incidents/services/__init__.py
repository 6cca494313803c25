"""Case services: each takes the acting user (``actor``) and the client address,
checks the business rules, flushes (never commits) and writes its audit entry
through ``case_audit.record_case_event()`` (``audit.services.record()`` in the case's shape);
the route commits once per user action.

Modules: ``access`` (who may see or change a case), ``intake`` (the case record),
``respondents``, ``assignments`` (assigned officers and recusals), ``reads`` (reads of case
material: audited too), ``case_numbers`` and ``national_id`` (pure helpers).
"""

from __future__ import annotations

from werkzeug.exceptions import Forbidden
from werkzeug.exceptions import NotFound as _HTTPNotFound


class NotFound(_HTTPNotFound):
    """The case does not exist, or the user may not know that it does.

    A subclass of werkzeug's 404 so that a route which forgets to catch it
    still answers 404 (never 403, never a page revealing the case).
    """


class NotPermitted(Forbidden):
    """The user may see the case but not do this to it (e.g. an auditor editing): 403."""
