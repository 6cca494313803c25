"""Incidents (洩密案件): intake, respondents, evidence, search and access."""
