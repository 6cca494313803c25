"""Accounts: agencies (機關), units, users, roles, sign-in and account administration."""
