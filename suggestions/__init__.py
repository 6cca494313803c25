"""Suggestions without a case: the facts form, the JSON API and ``flask suggest``.

The engine itself is ``statutes.engine`` (pure); this area feeds it the stored
catalogue and shows its answer.
"""
