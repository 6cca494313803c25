"""Audit trail: who did what, when and from where. Append-only."""
