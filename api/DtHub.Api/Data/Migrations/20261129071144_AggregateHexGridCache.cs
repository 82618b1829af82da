using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DtHub.Api.Data.Migrations
{
    /// <summary>
    /// The heatmap grid split in two: cell shapes, areas and resident estimates (<c>agg_hex_grid</c>, rebuilt only when
    /// wards or neighbourhoods change) and per-refresh figures (<c>agg_hex_figures</c>); <c>agg_hex_cell</c> becomes a
    /// view joining them. Also the fire key that lets a recovered scheduled refresh take its run over. Raw SQL.
    /// </summary>
    public partial class AggregateHexGridCache : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE aggregate_ward_inputs ADD COLUMN grid_fingerprint text;
                DROP TABLE agg_hex_cell;

                -- The heatmap grid: cell shapes, ground areas and resident estimates; rebuilt only when wards or neighbourhoods change.
                CREATE TABLE agg_hex_grid (
                    i int NOT NULL,
                    j int NOT NULL,
                    geometry geometry(Polygon, 4326) NOT NULL,
                    area_m2 double precision NOT NULL,
                    estimated_residents double precision NOT NULL,
                    PRIMARY KEY (i, j));
                CREATE INDEX ix_agg_hex_grid_geometry ON agg_hex_grid USING gist (geometry);

                -- Which current wards each cell touches (a cell on a boundary touches several).
                CREATE TABLE agg_hex_ward (
                    ward_id int NOT NULL,
                    i int NOT NULL,
                    j int NOT NULL,
                    PRIMARY KEY (ward_id, i, j));
                CREATE INDEX ix_agg_hex_ward_cell ON agg_hex_ward (i, j);

                -- Per-refresh figures of the cells that have a merchant or some Wi-Fi coverage.
                CREATE TABLE agg_hex_figures (
                    i int NOT NULL,
                    j int NOT NULL,
                    merchants int NOT NULL,
                    merchants_with_qr int NOT NULL,
                    wifi_covered_m2 double precision NOT NULL,
                    PRIMARY KEY (i, j));

                CREATE VIEW agg_hex_cell AS
                SELECT g.i, g.j, g.geometry, g.area_m2,
                       coalesce(f.merchants, 0) AS merchants, coalesce(f.merchants_with_qr, 0) AS merchants_with_qr,
                       coalesce(f.wifi_covered_m2, 0) AS wifi_covered_m2, g.estimated_residents
                FROM agg_hex_grid g
                LEFT JOIN agg_hex_figures f ON f.i = g.i AND f.j = g.j;

                -- The firing of a scheduled trigger a run belongs to (trigger key @ scheduled time): a recovery of that firing
                -- takes the same run over (next attempt) instead of starting another, so the stale attempt cannot commit.
                ALTER TABLE aggregate_runs ADD COLUMN fire_key text;
                CREATE UNIQUE INDEX ix_aggregate_runs_fire_key ON aggregate_runs (fire_key) WHERE fire_key IS NOT NULL;
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ix_aggregate_runs_fire_key;
                ALTER TABLE aggregate_runs DROP COLUMN fire_key;
                DROP VIEW agg_hex_cell;
                DROP TABLE agg_hex_figures, agg_hex_ward, agg_hex_grid;
                CREATE TABLE agg_hex_cell (
                    i int NOT NULL,
                    j int NOT NULL,
                    geometry geometry(Polygon, 4326) NOT NULL,
                    area_m2 double precision NOT NULL,
                    merchants int NOT NULL,
                    merchants_with_qr int NOT NULL,
                    wifi_covered_m2 double precision NOT NULL,
                    estimated_residents double precision NOT NULL,
                    PRIMARY KEY (i, j));
                CREATE INDEX ix_agg_hex_cell_geometry ON agg_hex_cell USING gist (geometry);
                ALTER TABLE aggregate_ward_inputs DROP COLUMN grid_fingerprint;
                """);
        }
    }
}
