using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DtHub.Api.Data.Migrations
{
    /// <summary>
    /// API keys restricted to registered GraphQL operations, and the idempotency-key store: raw SQL, so the EF model
    /// is unchanged. A statement trigger on every audited table marks the request's claim as applied in the same
    /// transaction as its write (<c>dthub.idempotency_id</c>), so a crash can never apply a write without it being known.
    /// </summary>
    public partial class PersistedOperationsAndIdempotency : Migration
    {
        private static readonly string[] Written =
        [
            "wards", "neighborhoods", "teams", "team_members", "team_member_contacts", "merchants", "markets",
            "wifi_points", "model_streets", "ward_reports", "targets", "api_keys",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE api_keys ADD COLUMN persisted_operations_only boolean NOT NULL DEFAULT false;");
            migrationBuilder.Sql("""
                CREATE TABLE idempotency_keys (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    caller text NOT NULL,
                    key text NOT NULL,
                    request_hash bytea NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    applied_at timestamptz,
                    completed_at timestamptz,
                    response_status integer,
                    response_content_type text,
                    response_body bytea,
                    CONSTRAINT uq_idempotency_keys_caller_key UNIQUE (caller, key)
                );
                CREATE INDEX ix_idempotency_keys_created_at ON idempotency_keys (created_at);
                COMMENT ON TABLE idempotency_keys IS 'Idempotency-Key claims of POST /graphql: the first response, replayed to retries with the same body.';
                COMMENT ON COLUMN idempotency_keys.applied_at IS 'Set by a trigger in the transaction of the first write the request made.';

                CREATE FUNCTION dthub_mark_idempotency_applied() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE claim text := current_setting('dthub.idempotency_id', true);
                BEGIN
                    IF claim IS NOT NULL AND claim <> '' THEN
                        UPDATE idempotency_keys SET applied_at = coalesce(applied_at, now()) WHERE id = claim::bigint;
                    END IF;
                    RETURN NULL;
                END $$;
                """);
            foreach (var table in Written)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER tr_{table}_idempotency_applied AFTER INSERT OR UPDATE OR DELETE ON {table}
                        FOR EACH STATEMENT EXECUTE FUNCTION dthub_mark_idempotency_applied();
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Written) migrationBuilder.Sql($"DROP TRIGGER IF EXISTS tr_{table}_idempotency_applied ON {table};");
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS dthub_mark_idempotency_applied();
                DROP TABLE IF EXISTS idempotency_keys;
                ALTER TABLE api_keys DROP COLUMN IF EXISTS persisted_operations_only;
                """);
        }
    }
}
