"""The law as data: laws, provisions and their dated versions, penalties and citations.

:mod:`~statutes.catalogue.model` (the dataclasses), :mod:`~statutes.catalogue.serialization`
(JSON in ``statutes/data``), :mod:`~statutes.catalogue.lookup` (loading it and finding a version
in force), :mod:`~statutes.catalogue.penalties` with :mod:`~statutes.catalogue.penalty_clauses`
(structured penalties read from the wording), :mod:`~statutes.catalogue.paragraphs`,
:mod:`~statutes.catalogue.chinese_numbers`, :mod:`~statutes.catalogue.describe` and :mod:`~statutes.catalogue.textdiff`.
"""
