"""case search index

Revision ID: 30edd8e1bacb
Revises: a7b3ecdbdce1
Create Date: 2026-11-26 11:00:00

Keyword search over 案由 (incident.title), summary and note bodies, as
substrings (Chinese has no spaces to split words on):

- SQLite: an FTS5 table with the trigram tokenizer, one row per case
  (rowid = incident.id; columns title, summary, notes = every note body of the
  case joined by newlines), kept in step by triggers on incident and note, so
  every writer (ORM, CLI, bulk SQL) updates it in the same transaction.
- PostgreSQL: pg_trgm GIN indexes on incident.title, incident.summary and
  note.body; ILIKE '%keyword%' uses them for keywords of 3+ characters.

Neither is described by the models: migrations/env.py and the schema test
skip them through incidents.search_index.include_name / include_object.

Also the B-tree index incident(agency_id, id), which is in the models: the
default case list (an agency's cases, newest first, no status filter) reads
it in order and stops after one page.

The SQL is written out here (not imported from the application) so this
revision keeps doing what it did when the application code changes.

Careful with later SQLite revisions: batch_alter_table('incident') or
('note') copies the table, drops the original and renames the copy, which
drops that table's triggers. Such a revision must create the triggers again
(tests/incidents/test_search.py checks they exist at head).
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '30edd8e1bacb'
down_revision = 'a7b3ecdbdce1'
branch_labels = None
depends_on = None

NOTES_OF = "COALESCE((SELECT group_concat(body, char(10)) FROM note WHERE note.incident_id = {id}), '')"

SQLITE_UPGRADE = [
    "CREATE VIRTUAL TABLE incident_search USING fts5(title, summary, notes, tokenize = 'trigram')",
    "INSERT INTO incident_search (rowid, title, summary, notes) "
    f"SELECT id, title, summary, {NOTES_OF.format(id='incident.id')} FROM incident",
    f"""CREATE TRIGGER incident_search_after_insert AFTER INSERT ON incident BEGIN
  INSERT INTO incident_search (rowid, title, summary, notes)
  VALUES (NEW.id, NEW.title, NEW.summary, {NOTES_OF.format(id='NEW.id')});
END""",
    f"""CREATE TRIGGER incident_search_after_update AFTER UPDATE OF id, title, summary ON incident BEGIN
  DELETE FROM incident_search WHERE rowid = OLD.id;
  INSERT INTO incident_search (rowid, title, summary, notes)
  VALUES (NEW.id, NEW.title, NEW.summary, {NOTES_OF.format(id='NEW.id')});
END""",
    """CREATE TRIGGER incident_search_after_delete AFTER DELETE ON incident BEGIN
  DELETE FROM incident_search WHERE rowid = OLD.id;
END""",
    f"""CREATE TRIGGER note_search_after_insert AFTER INSERT ON note BEGIN
  UPDATE incident_search SET notes = {NOTES_OF.format(id='NEW.incident_id')} WHERE rowid = NEW.incident_id;
END""",
    f"""CREATE TRIGGER note_search_after_update AFTER UPDATE OF incident_id, body ON note BEGIN
  UPDATE incident_search SET notes = {NOTES_OF.format(id='OLD.incident_id')} WHERE rowid = OLD.incident_id;
  UPDATE incident_search SET notes = {NOTES_OF.format(id='NEW.incident_id')} WHERE rowid = NEW.incident_id;
END""",
    f"""CREATE TRIGGER note_search_after_delete AFTER DELETE ON note BEGIN
  UPDATE incident_search SET notes = {NOTES_OF.format(id='OLD.incident_id')} WHERE rowid = OLD.incident_id;
END""",
]

SQLITE_DOWNGRADE = [
    "DROP TRIGGER IF EXISTS note_search_after_delete",
    "DROP TRIGGER IF EXISTS note_search_after_update",
    "DROP TRIGGER IF EXISTS note_search_after_insert",
    "DROP TRIGGER IF EXISTS incident_search_after_delete",
    "DROP TRIGGER IF EXISTS incident_search_after_update",
    "DROP TRIGGER IF EXISTS incident_search_after_insert",
    "DROP TABLE IF EXISTS incident_search",
]

# The extension may already be installed by a superuser (CI, managed
# databases) while the migrating role may not create it: only create it when
# it is missing. pg_trgm is a trusted extension (PostgreSQL 13+), so a
# database owner can create it without superuser rights.
POSTGRES_EXTENSION = """DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE EXTENSION pg_trgm;
  END IF;
END
$$"""

POSTGRES_INDEXES = {
    "ix_incident_title_trgm": ("incident", "title"),
    "ix_incident_summary_trgm": ("incident", "summary"),
    "ix_note_body_trgm": ("note", "body"),
}


def upgrade():
    # Not search-specific, and in the models: the newest-first list of an agency's cases with no status
    # filter (the default page) reads this index in order instead of sorting every case of the agency.
    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.create_index('ix_incident_agency_id_id', ['agency_id', 'id'], unique=False)

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_UPGRADE:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute(POSTGRES_EXTENSION)
        for name, (table, column) in POSTGRES_INDEXES.items():
            op.execute(f"CREATE INDEX {name} ON {table} USING gin ({column} gin_trgm_ops)")


def downgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_DOWNGRADE:
            op.execute(statement)
    elif dialect == "postgresql":
        # The extension stays: it may predate this revision or be owned by another role.
        for name in POSTGRES_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")

    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.drop_index('ix_incident_agency_id_id')
