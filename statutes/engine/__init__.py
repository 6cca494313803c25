"""The suggestion engine: facts in, suggestions with citation and reasoning out.

:mod:`~statutes.engine.evaluation` (``evaluate``, the public entry), :mod:`~statutes.engine.facts`
(the facts document and its schema), :mod:`~statutes.engine.rules` (one rule per offence),
:mod:`~statutes.engine.disciplinary` (懲戒, 考績 and civil paths), :mod:`~statutes.engine.result`,
:mod:`~statutes.engine.result_diff`, :mod:`~statutes.engine.report_text`,
:mod:`~statutes.engine.favourability`, :mod:`~statutes.engine.limitations`,
:mod:`~statutes.engine.ledger` and :mod:`~statutes.engine.citable` (the provisions it can
suggest); ``_parts`` holds the stages of one evaluation.
"""
