"""PostgreSQL triggers behind the public page cache's data version (see dashboards/cache.py).

Every INSERT/UPDATE/DELETE/TRUNCATE statement on a table the dashboards show notes its transaction
in `dashboards_data_change`; a deferred constraint trigger on that table bumps the sequence
`dashboards_data_version` when the transaction commits (once per transaction, however many rows).
Bumping at commit rather than at the statement keeps a long import from letting a visitor cache
the old figures under the new version. Statement-level triggers cost one row per writing
transaction, not one per row, so bulk imports stay fast. No model of another app changes.
Other databases (SQLite in quick test runs) rely on the signals in dashboards/cache.py instead.
"""

from django.db import migrations

from budgetapp.dashboards.cache import DATA_MODELS, SEQUENCE

SETUP = f"""
CREATE SEQUENCE IF NOT EXISTS {SEQUENCE};
CREATE TABLE IF NOT EXISTS dashboards_data_change (txid bigint PRIMARY KEY);
CREATE OR REPLACE FUNCTION dashboards_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dashboards_data_change (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION dashboards_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('{SEQUENCE}');
  DELETE FROM dashboards_data_change WHERE txid = NEW.txid;
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS dashboards_bump_version ON dashboards_data_change;
CREATE CONSTRAINT TRIGGER dashboards_bump_version AFTER INSERT ON dashboards_data_change
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dashboards_bump_version();
"""


def _tables(apps) -> list[str]:
    return [apps.get_model(label)._meta.db_table for label in DATA_MODELS]


def install(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(SETUP)
    for table in _tables(apps):
        schema_editor.execute(f'DROP TRIGGER IF EXISTS dashboards_version ON "{table}"')
        schema_editor.execute(
            f'CREATE TRIGGER dashboards_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
            "FOR EACH STATEMENT EXECUTE FUNCTION dashboards_note_change()"
        )


def uninstall(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in _tables(apps):
        schema_editor.execute(f'DROP TRIGGER IF EXISTS dashboards_version ON "{table}"')
    schema_editor.execute("DROP TABLE IF EXISTS dashboards_data_change")
    schema_editor.execute("DROP FUNCTION IF EXISTS dashboards_note_change(); DROP FUNCTION IF EXISTS "
                          f"dashboards_bump_version(); DROP SEQUENCE IF EXISTS {SEQUENCE}")


class Migration(migrations.Migration):
    dependencies = [
        ("budget", "0001_initial"),
        ("core", "0001_initial"),
        ("goals", "0001_initial"),
        ("investments", "0001_initial"),
        ("organisation", "0001_initial"),
    ]
    operations = [migrations.RunPython(install, uninstall, elidable=False)]
