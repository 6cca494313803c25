"""Bringing the official texts in: the 全國法規資料庫 open data and what changed since the catalogue.

:mod:`~statutes.importing.opendata` and :mod:`~statutes.importing.opendata_law` (reading the
export), :mod:`~statutes.importing.history` (the one 沿革 parser) with
:mod:`~statutes.importing.amendments`, :mod:`~statutes.importing.changes` (what differs from the
catalogue) and :mod:`~statutes.importing.applying` (the new catalogue).
"""
