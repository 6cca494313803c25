"""The facts forms: one WTForms sub-form per part of statutes/engine/facts.schema.json, and their labels.

The 適用建議 form (suggestions) and the case and respondent forms (incidents) are composed of
these parts, so both collect the same facts with the same words (a test walks the schema).
``facts.labels`` translates the one copy of the vocabulary (statutes.vocabulary) for display.
Imports statutes, core, wtforms and Flask-Babel only; never accounts, incidents or suggestions.
"""
