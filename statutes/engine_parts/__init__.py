"""The parts of :mod:`statutes.engine`, one stage of the evaluation per module.

:mod:`~statutes.engine_parts.index` (the catalogue index), :mod:`~statutes.engine_parts.draft`
(the working state of one suggestion), :mod:`~statutes.engine_parts.rule` (one rule: elements and
the version that governs), :mod:`~statutes.engine_parts.concurrency`,
:mod:`~statutes.engine_parts.time_limits`, :mod:`~statutes.engine_parts.output` (suggestions) and
:mod:`~statutes.engine_parts.paths` (the criminal path). The names keep their leading underscore:
they are the engine's internals, and :mod:`statutes.engine` is the public API.
"""
