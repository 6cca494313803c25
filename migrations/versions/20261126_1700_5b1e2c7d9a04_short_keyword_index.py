"""short keyword index

Makes one- and two-character keywords (底價, 翡) answerable from an index
instead of a scan of every case; the trigram indexes of case_search_index
cannot answer them.

- SQLite: every column of the FTS5 trigram table ``incident_search`` now ends
  with two U+001F characters, so that every character of the text starts a
  trigram (also the last two, and in a one-character title). A keyword of one
  or two characters is then contained in a case exactly when one of the
  trigrams starting with it is, and the fts5vocab table
  ``incident_search_terms`` lists those trigrams (a range lookup on the
  term). U+001F never reaches a query: keywords are split on whitespace, and
  Python counts U+001F as whitespace. The triggers are recreated to add the
  padding and the table is filled again.
- PostgreSQL: ``search_grams(text)`` gives the lower-cased characters and
  character pairs of a text; GIN indexes over it on incident.title,
  incident.summary and note.body answer ``search_grams(column) @> ARRAY[kw]``.
  lower() is what ILIKE applies to both sides in a UTF-8 database, so the
  index finds exactly the rows ILIKE does.

As in case_search_index, the SQL is written out here, not imported from the
application, and nothing of this is described by the models (see
incidents.search_index.include_name).

Revision ID: 5b1e2c7d9a04
Revises: 90d0d28a17f3
Create Date: 2026-11-26 17:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '5b1e2c7d9a04'
down_revision = '90d0d28a17f3'
branch_labels = None
depends_on = None

TRIGGERS = (
    "note_search_after_delete",
    "note_search_after_update",
    "note_search_after_insert",
    "incident_search_after_delete",
    "incident_search_after_update",
    "incident_search_after_insert",
)
NOTES_OF = "COALESCE((SELECT group_concat(body, char(10)) FROM note WHERE note.incident_id = {id}), '')"


def padded(expression: str) -> str:
    return f"COALESCE({expression}, '') || char(31, 31)"


def sqlite_statements(pad) -> list[str]:
    """Triggers and contents of the FTS table, each indexed column passed through ``pad``."""
    title, summary = pad("{row}.title"), pad("{row}.summary")
    notes = pad(NOTES_OF)
    return [
        "DELETE FROM incident_search",
        "INSERT INTO incident_search (rowid, title, summary, notes) "
        f"SELECT id, {title.format(row='incident')}, {summary.format(row='incident')}, "
        f"{notes.format(id='incident.id')} FROM incident",
        f"""CREATE TRIGGER incident_search_after_insert AFTER INSERT ON incident BEGIN
  INSERT INTO incident_search (rowid, title, summary, notes)
  VALUES (NEW.id, {title.format(row='NEW')}, {summary.format(row='NEW')}, {notes.format(id='NEW.id')});
END""",
        f"""CREATE TRIGGER incident_search_after_update AFTER UPDATE OF id, title, summary ON incident BEGIN
  DELETE FROM incident_search WHERE rowid = OLD.id;
  INSERT INTO incident_search (rowid, title, summary, notes)
  VALUES (NEW.id, {title.format(row='NEW')}, {summary.format(row='NEW')}, {notes.format(id='NEW.id')});
END""",
        """CREATE TRIGGER incident_search_after_delete AFTER DELETE ON incident BEGIN
  DELETE FROM incident_search WHERE rowid = OLD.id;
END""",
        f"""CREATE TRIGGER note_search_after_insert AFTER INSERT ON note BEGIN
  UPDATE incident_search SET notes = {notes.format(id='NEW.incident_id')} WHERE rowid = NEW.incident_id;
END""",
        f"""CREATE TRIGGER note_search_after_update AFTER UPDATE OF incident_id, body ON note BEGIN
  UPDATE incident_search SET notes = {notes.format(id='OLD.incident_id')} WHERE rowid = OLD.incident_id;
  UPDATE incident_search SET notes = {notes.format(id='NEW.incident_id')} WHERE rowid = NEW.incident_id;
END""",
        f"""CREATE TRIGGER note_search_after_delete AFTER DELETE ON note BEGIN
  UPDATE incident_search SET notes = {notes.format(id='OLD.incident_id')} WHERE rowid = OLD.incident_id;
END""",
    ]


def unpadded(expression: str) -> str:
    """The previous revision stored the columns as they are."""
    return expression


POSTGRES_FUNCTION = """CREATE FUNCTION search_grams(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT array_cat(string_to_array(l, NULL),
                   ARRAY(SELECT substr(l, i, 2) FROM generate_series(1, char_length(l) - 1) AS i))
  FROM lower(value) AS l
$$"""

POSTGRES_INDEXES = {
    "ix_incident_title_grams": ("incident", "title"),
    "ix_incident_summary_grams": ("incident", "summary"),
    "ix_note_body_grams": ("note", "body"),
}


def _replace_sqlite_triggers(pad) -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in sqlite_statements(pad):
        op.execute(statement)


def upgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _replace_sqlite_triggers(padded)
        op.execute("CREATE VIRTUAL TABLE incident_search_terms USING fts5vocab(incident_search, 'row')")
    elif dialect == "postgresql":
        op.execute(POSTGRES_FUNCTION)
        for name, (table, column) in POSTGRES_INDEXES.items():
            op.execute(f"CREATE INDEX {name} ON {table} USING gin (search_grams({column}))")


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS incident_search_terms")
        _replace_sqlite_triggers(unpadded)
    elif dialect == "postgresql":
        for name in POSTGRES_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute("DROP FUNCTION IF EXISTS search_grams(text)")
