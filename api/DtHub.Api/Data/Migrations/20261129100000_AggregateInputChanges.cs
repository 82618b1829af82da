using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DtHub.Api.Data.Migrations
{
    /// <summary>
    /// The per-family change queue of the incremental aggregate refresh (issue 5): statement triggers with transition
    /// tables note each changed merchant, Wi-Fi point and ward report with what its figures depend on (ward,
    /// neighbourhood, location, radius, month; the old and the new side of an update), so a refresh recomputes only
    /// what those rows feed; and <c>aggregate_ward_inputs.wifi_fingerprint</c>, which lets a refresh keep a ward's Wi-Fi
    /// coverage while its inputs are unchanged. Raw SQL: written by triggers and the refresh SQL, not by EF.
    /// </summary>
    public partial class AggregateInputChanges : Migration
    {
        private static readonly (string Table, string Function)[] Tables =
        [("merchants", "dthub_note_merchant_changes"), ("wifi_points", "dthub_note_wifi_changes"), ("ward_reports", "dthub_note_report_changes")];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($$"""
                -- Consumed (deleted) by the refresh that recomputes them, in its own transaction: a refresh that fails or is
                -- fenced off leaves them for the next one. family 'everything' (a TRUNCATE) recomputes every ward.
                -- No key: rows are only ever taken all at once (and a key's sequence would be reset under the triggers' feet).
                CREATE TABLE aggregate_changes (
                    family text NOT NULL CHECK (family IN ('merchant', 'wifi', 'report', 'everything')),
                    -- merchants: -1 for the row as it was, +1 for the row as it is (the refresh adds these to its counts)
                    sign smallint,
                    ward_id int,
                    neighborhood_id int,
                    location geometry(Point, 4326),
                    category text,
                    accepts_qr boolean,
                    has_transactions boolean,
                    market_id int,
                    radius_meters int,
                    month date);

                -- What a ward's Wi-Fi coverage was computed from (see 00_changed_wards): unchanged, the coverage is kept.
                ALTER TABLE aggregate_ward_inputs ADD COLUMN wifi_fingerprint text;

                -- One function per table, one branch per event: an INSERT trigger sees only new rows, a DELETE only old ones.
                {{MerchantChangeTrigger.Function(withId: false)}}

                -- Only active circles cover anything: a side that is not active adds nothing to recompute.
                CREATE FUNCTION dthub_note_wifi_changes() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO aggregate_changes (family, ward_id, location, radius_meters)
                        SELECT 'wifi', ward_id, location, radius_meters FROM new_rows WHERE status = 'Active';
                    ELSIF TG_OP = 'DELETE' THEN
                        INSERT INTO aggregate_changes (family, ward_id, location, radius_meters)
                        SELECT 'wifi', ward_id, location, radius_meters FROM old_rows WHERE status = 'Active';
                    ELSIF TG_OP = 'UPDATE' THEN
                        INSERT INTO aggregate_changes (family, ward_id, location, radius_meters)
                        SELECT 'wifi', s.ward_id, s.location, s.radius_meters
                        FROM old_rows o
                        FULL JOIN new_rows n ON n.id = o.id
                        CROSS JOIN LATERAL (VALUES (o.ward_id, o.location, o.radius_meters, o.status),
                                                   (n.ward_id, n.location, n.radius_meters, n.status)) s (ward_id, location, radius_meters, status)
                        WHERE s.status = 'Active'
                          AND (o.id IS NULL OR n.id IS NULL
                               OR (o.ward_id, o.location, o.radius_meters, o.status) IS DISTINCT FROM (n.ward_id, n.location, n.radius_meters, n.status));
                    ELSE
                        INSERT INTO aggregate_changes (family) VALUES ('everything');
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION dthub_note_report_changes() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO aggregate_changes (family, ward_id, month) SELECT DISTINCT 'report', ward_id, month FROM new_rows;
                    ELSIF TG_OP = 'DELETE' THEN
                        INSERT INTO aggregate_changes (family, ward_id, month) SELECT DISTINCT 'report', ward_id, month FROM old_rows;
                    ELSIF TG_OP = 'UPDATE' THEN
                        INSERT INTO aggregate_changes (family, ward_id, month)
                        SELECT DISTINCT 'report', s.ward_id, s.month
                        FROM old_rows o
                        FULL JOIN new_rows n ON n.id = o.id
                        CROSS JOIN LATERAL (VALUES (o.ward_id, o.month), (n.ward_id, n.month)) s (ward_id, month)
                        WHERE s.ward_id IS NOT NULL
                          AND (o.id IS NULL OR n.id IS NULL
                               OR (o.ward_id, o.month, o.residents15plus, o.account_holders15plus, o.superseded_at)
                                  IS DISTINCT FROM (n.ward_id, n.month, n.residents15plus, n.account_holders15plus, n.superseded_at));
                    ELSE
                        INSERT INTO aggregate_changes (family) VALUES ('everything');
                    END IF;
                    RETURN NULL;
                END $$;
                """);
            foreach (var (table, function) in Tables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER tr_{table}_aggregate_insert AFTER INSERT ON {table}
                        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}();
                    CREATE TRIGGER tr_{table}_aggregate_update AFTER UPDATE ON {table}
                        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}();
                    CREATE TRIGGER tr_{table}_aggregate_delete AFTER DELETE ON {table}
                        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {function}();
                    CREATE TRIGGER tr_{table}_aggregate_truncate AFTER TRUNCATE ON {table}
                        FOR EACH STATEMENT EXECUTE FUNCTION {function}();
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, _) in Tables)
                migrationBuilder.Sql($"""
                    DROP TRIGGER IF EXISTS tr_{table}_aggregate_insert ON {table};
                    DROP TRIGGER IF EXISTS tr_{table}_aggregate_update ON {table};
                    DROP TRIGGER IF EXISTS tr_{table}_aggregate_delete ON {table};
                    DROP TRIGGER IF EXISTS tr_{table}_aggregate_truncate ON {table};
                    """);
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS dthub_note_merchant_changes();
                DROP FUNCTION IF EXISTS dthub_note_wifi_changes();
                DROP FUNCTION IF EXISTS dthub_note_report_changes();
                DROP TABLE IF EXISTS aggregate_changes;
                ALTER TABLE aggregate_ward_inputs DROP COLUMN IF EXISTS wifi_fingerprint;
                """);
        }
    }
}
