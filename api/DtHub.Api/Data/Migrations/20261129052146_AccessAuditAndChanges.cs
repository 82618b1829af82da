using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DtHub.Api.Data.Migrations
{
    /// <summary>
    /// API keys, the audit log and the change feed (issue 9). Raw SQL: none of these tables is an EF entity.
    /// One row trigger per audited table writes the audit row (before/after JSON) and the change-feed row in the
    /// same transaction as the change; the actor comes from the session setting <c>dthub.actor</c>.
    /// </summary>
    public partial class AccessAuditAndChanges : Migration
    {
        /// <summary>Audited tables: key column and change-feed entity (null: audit only; "+" suffix: a detail row whose deletion is not a tombstone).</summary>
        private static readonly (string Table, string Key, string Entity)[] Audited =
        [
            ("wards", "id", "WARD"),
            ("neighborhoods", "id", "NEIGHBORHOOD"),
            ("teams", "id", "TEAM"),
            ("team_members", "id", "TEAM_MEMBER"),
            ("team_member_contacts", "team_member_id", "TEAM_MEMBER+"),
            ("merchants", "id", "MERCHANT"),
            ("markets", "id", null),
            ("wifi_points", "id", "WIFI_POINT"),
            ("model_streets", "id", "MODEL_STREET"),
            ("ward_reports", "id", "WARD_REPORT"),
            ("targets", "id", "TARGET"),
            ("api_keys", "id", null),
        ];

        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE api_keys (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
                    prefix text NOT NULL UNIQUE,
                    secret_hash bytea NOT NULL,
                    scopes text[] NOT NULL,
                    rate_limit_per_minute integer NOT NULL CHECK (rate_limit_per_minute BETWEEN 1 AND 100000),
                    created_at timestamptz NOT NULL DEFAULT now(),
                    created_by text NOT NULL,
                    revoked_at timestamptz,
                    replaced_by bigint REFERENCES api_keys (id)
                );

                CREATE TABLE audit_log (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    at timestamptz NOT NULL DEFAULT clock_timestamp(),
                    actor text NOT NULL,
                    action text NOT NULL,
                    entity text NOT NULL,
                    entity_id text,
                    allowed boolean NOT NULL,
                    before jsonb,
                    after jsonb,
                    reason text
                );
                CREATE INDEX ix_audit_log_entity ON audit_log (entity, entity_id);

                -- Feed order is (xid, position): readers hand out only rows of transactions older than every one still
                -- running (pg_snapshot_xmin), so a transaction that commits late can never land behind a cursor.
                CREATE TABLE change_log (
                    position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
                    entity text NOT NULL,
                    entity_id text NOT NULL,
                    deleted boolean NOT NULL,
                    at timestamptz NOT NULL DEFAULT clock_timestamp()
                );
                CREATE INDEX ix_change_log_feed ON change_log (entity, xid, position);

                CREATE FUNCTION dthub_record_write() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    key_column text := TG_ARGV[0];
                    feed_entity text := nullif(TG_ARGV[1], '');
                    old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) - 'secret_hash' END;
                    new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) - 'secret_hash' END;
                    row_id text := coalesce(new_row, old_row) ->> key_column;
                BEGIN
                    IF TG_OP = 'UPDATE' AND old_row = new_row THEN
                        RETURN NULL;
                    END IF;
                    INSERT INTO audit_log (actor, action, entity, entity_id, allowed, before, after)
                    VALUES (coalesce(nullif(current_setting('dthub.actor', true), ''), 'system:' || session_user),
                            TG_OP, TG_TABLE_NAME, row_id, true, old_row, new_row);
                    IF feed_entity LIKE '%+' THEN
                        -- A detail row (contacts): any change is a change of its parent; the parent's own delete is the tombstone.
                        IF TG_OP <> 'DELETE' THEN
                            INSERT INTO change_log (entity, entity_id, deleted) VALUES (rtrim(feed_entity, '+'), row_id, false);
                        END IF;
                    ELSIF feed_entity IS NOT NULL THEN
                        INSERT INTO change_log (entity, entity_id, deleted) VALUES (feed_entity, row_id, TG_OP = 'DELETE');
                    END IF;
                    RETURN NULL;
                END $$;
                """);
            foreach (var (table, key, entity) in Audited)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER tr_{table}_record_write AFTER INSERT OR UPDATE OR DELETE ON {table}
                        FOR EACH ROW EXECUTE FUNCTION dthub_record_write('{key}', '{entity ?? ""}');
                    """);
            }
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, _, _) in Audited) migrationBuilder.Sql($"DROP TRIGGER IF EXISTS tr_{table}_record_write ON {table};");
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS dthub_record_write();
                DROP TABLE IF EXISTS change_log;
                DROP TABLE IF EXISTS audit_log;
                DROP TABLE IF EXISTS api_keys;
                """);
        }
    }
}
