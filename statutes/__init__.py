"""The law as data and the pure suggestion engine. No Flask or SQLAlchemy imports."""
