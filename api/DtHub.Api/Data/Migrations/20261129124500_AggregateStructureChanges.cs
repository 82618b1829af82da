using DtHub.Api.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DtHub.Api.Data.Migrations
{
    /// <summary>
    /// The structural inputs of the aggregates (wards, neighbourhoods, teams, model streets) join the change queue:
    /// statement triggers note the ward of each changed row (old and new side), family <c>structure</c>, so an
    /// incremental refresh fingerprints only the wards named there instead of every ward; a partial index on the
    /// active Wi-Fi radii, so the refresh's reach (the largest radius) is one index lookup; and the model streets'
    /// grid cells (<c>agg_street_cells</c>), so a changed merchant finds the streets near it by a key instead of a
    /// spatial index probe. Raw SQL: no EF model change.
    /// </summary>
    [DbContext(typeof(HubDbContext))]
    [Migration("20261129124500_AggregateStructureChanges")]
    public partial class AggregateStructureChanges : Migration
    {
        private static readonly (string Table, string WardColumn)[] Tables =
            [("wards", "id"), ("neighborhoods", "ward_id"), ("teams", "ward_id"), ("model_streets", "ward_id")];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE aggregate_changes DROP CONSTRAINT aggregate_changes_family_check;
                ALTER TABLE aggregate_changes ADD CONSTRAINT aggregate_changes_family_check
                    CHECK (family IN ('merchant', 'wifi', 'report', 'structure', 'everything'));

                -- Any written row counts (no column filter): a shape changed by SQL that forgets updated_at is still seen.
                -- TG_ARGV[0]: the column naming the row's ward.
                CREATE FUNCTION dthub_note_structure_changes() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        EXECUTE format('INSERT INTO aggregate_changes (family, ward_id) SELECT DISTINCT ''structure'', %I FROM new_rows', TG_ARGV[0]);
                    ELSIF TG_OP = 'DELETE' THEN
                        EXECUTE format('INSERT INTO aggregate_changes (family, ward_id) SELECT DISTINCT ''structure'', %I FROM old_rows', TG_ARGV[0]);
                    ELSIF TG_OP = 'UPDATE' THEN
                        EXECUTE format('INSERT INTO aggregate_changes (family, ward_id) SELECT ''structure'', %1$I FROM old_rows UNION SELECT ''structure'', %1$I FROM new_rows', TG_ARGV[0]);
                    ELSE
                        INSERT INTO aggregate_changes (family) VALUES ('everything');
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE INDEX ix_wifi_points_active_radius ON wifi_points (radius_meters) WHERE status = 'Active';

                -- Kept by the refresh (30_model_streets): each street listed in every cell of a fixed grid in degrees that a
                -- merchant within the street distance of it can be in; agg_street_registered says from which shape.
                CREATE TABLE agg_street_cells (
                    cx int NOT NULL,
                    cy int NOT NULL,
                    model_street_id int NOT NULL,
                    PRIMARY KEY (cx, cy, model_street_id));
                CREATE INDEX ix_agg_street_cells_street ON agg_street_cells (model_street_id);
                CREATE TABLE agg_street_registered (
                    model_street_id int PRIMARY KEY,
                    ward_id int NOT NULL,
                    shape text NOT NULL);
                CREATE INDEX ix_agg_street_registered_ward ON agg_street_registered (ward_id);
                """);
            foreach (var (table, column) in Tables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER tr_{table}_aggregate_insert AFTER INSERT ON {table}
                        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dthub_note_structure_changes('{column}');
                    CREATE TRIGGER tr_{table}_aggregate_update AFTER UPDATE ON {table}
                        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dthub_note_structure_changes('{column}');
                    CREATE TRIGGER tr_{table}_aggregate_delete AFTER DELETE ON {table}
                        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dthub_note_structure_changes('{column}');
                    CREATE TRIGGER tr_{table}_aggregate_truncate AFTER TRUNCATE ON {table}
                        FOR EACH STATEMENT EXECUTE FUNCTION dthub_note_structure_changes('{column}');
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
                DROP TABLE IF EXISTS agg_street_cells;
                DROP TABLE IF EXISTS agg_street_registered;
                DROP FUNCTION IF EXISTS dthub_note_structure_changes();
                DROP INDEX IF EXISTS ix_wifi_points_active_radius;
                DELETE FROM aggregate_changes WHERE family = 'structure';
                ALTER TABLE aggregate_changes DROP CONSTRAINT aggregate_changes_family_check;
                ALTER TABLE aggregate_changes ADD CONSTRAINT aggregate_changes_family_check
                    CHECK (family IN ('merchant', 'wifi', 'report', 'everything'));
                """);
        }
    }
}
