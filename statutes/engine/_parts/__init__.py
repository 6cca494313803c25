"""The parts of :mod:`statutes.engine.evaluation`, one stage of the evaluation per module.

:mod:`~statutes.engine._parts.index` (the catalogue index), :mod:`~statutes.engine._parts.draft`
(the working state of one suggestion), :mod:`~statutes.engine._parts.rule` (one rule: elements and
the version that governs), :mod:`~statutes.engine._parts.concurrency`,
:mod:`~statutes.engine._parts.time_limits`, :mod:`~statutes.engine._parts.output` (suggestions) and
:mod:`~statutes.engine._parts.paths` (the criminal path). The package is private (its leading
underscore), its names are public so that the stages can import one another; only
:mod:`statutes.engine.evaluation` imports it from outside (import-linter checks).
"""
