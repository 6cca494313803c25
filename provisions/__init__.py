"""The statute catalogue in the database: loading, importing official data, and the browser.

The law itself and every rule about it live in ``statutes/`` (pure Python);
this area stores it, keeps it current and shows it.
"""
