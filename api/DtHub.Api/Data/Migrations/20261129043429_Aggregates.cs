using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DtHub.Api.Data.Migrations
{
    /// <summary>
    /// Precomputed aggregates, their refresh runs and the inputs fingerprint that drives incremental refresh
    /// (see <c>Features/Aggregates</c> and docs/AGGREGATES.md). Raw SQL: the tables are written by SQL, not EF.
    /// Quartz's own tables live in schema <c>quartz</c>, created here and filled by Quartz at start.
    /// </summary>
    public partial class Aggregates : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE SCHEMA IF NOT EXISTS quartz;

                CREATE TABLE aggregate_runs (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    kind text NOT NULL CHECK (kind IN ('full', 'incremental')),
                    status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
                    requested_by text NOT NULL DEFAULT 'schedule',
                    requested_at timestamptz NOT NULL DEFAULT now(),
                    started_at timestamptz,
                    finished_at timestamptz,
                    units_touched int,
                    rows_written int,
                    error text,
                    attempt int NOT NULL DEFAULT 0,
                    scheduler_instance_id text,
                    -- The PostgreSQL session doing the work: a 'running' run whose session is gone was abandoned.
                    backend_pid int,
                    backend_started_at timestamptz,
                    data_version bigint);
                CREATE INDEX ix_aggregate_runs_status_finished ON aggregate_runs (status, finished_at DESC);

                -- One row: the lock refreshes queue on, and what the last successful refresh saw globally.
                CREATE TABLE aggregate_state (
                    id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
                    global_fingerprint text,
                    reach_meters double precision NOT NULL DEFAULT 0,
                    last_run_id bigint);
                INSERT INTO aggregate_state DEFAULT VALUES;

                -- Per ward: a fingerprint of every input the ward's figures depend on, as of the last successful refresh.
                CREATE TABLE aggregate_ward_inputs (
                    ward_id int PRIMARY KEY,
                    fingerprint text NOT NULL,
                    extent geometry(Polygon, 4326));
                CREATE INDEX ix_aggregate_ward_inputs_extent ON aggregate_ward_inputs USING gist (extent);

                CREATE TABLE agg_ward_month (
                    ward_id int NOT NULL,
                    month date NOT NULL,
                    holders int,
                    residents15plus int,
                    rate numeric,
                    target numeric(7, 6),
                    gap numeric,
                    reports int NOT NULL,
                    rolled_up_from int[] NOT NULL,
                    PRIMARY KEY (ward_id, month));
                CREATE INDEX ix_agg_ward_month_month ON agg_ward_month (month);

                CREATE TABLE agg_city_month (
                    month date PRIMARY KEY,
                    holders int,
                    residents15plus int,
                    rate numeric,
                    target numeric(7, 6),
                    gap numeric,
                    reports int NOT NULL);

                CREATE TABLE agg_ward_current (
                    ward_id int PRIMARY KEY,
                    merchants int NOT NULL,
                    merchants_with_qr int NOT NULL,
                    merchants_active_qr int NOT NULL,
                    market_traders int NOT NULL,
                    market_traders_with_qr int NOT NULL,
                    market_traders_active_qr int NOT NULL,
                    area_m2 double precision NOT NULL,
                    wifi_covered_m2 double precision NOT NULL,
                    estimated_residents bigint NOT NULL,
                    wifi_covered_residents double precision NOT NULL,
                    neighborhoods int NOT NULL,
                    neighborhoods_with_team int NOT NULL,
                    teams int NOT NULL,
                    model_streets int NOT NULL,
                    model_streets_compliant int NOT NULL);

                CREATE TABLE agg_ward_qr_category (
                    ward_id int NOT NULL,
                    category text NOT NULL,
                    merchants int NOT NULL,
                    merchants_with_qr int NOT NULL,
                    merchants_active_qr int NOT NULL,
                    PRIMARY KEY (ward_id, category));

                CREATE TABLE agg_neighborhood_current (
                    neighborhood_id int PRIMARY KEY,
                    ward_id int NOT NULL,
                    merchants int NOT NULL,
                    merchants_with_qr int NOT NULL,
                    merchants_active_qr int NOT NULL,
                    area_m2 double precision NOT NULL,
                    wifi_covered_m2 double precision NOT NULL,
                    estimated_residents bigint NOT NULL,
                    wifi_covered_residents double precision NOT NULL,
                    teams int NOT NULL);
                CREATE INDEX ix_agg_neighborhood_current_ward ON agg_neighborhood_current (ward_id);

                CREATE TABLE agg_model_street (
                    model_street_id int PRIMARY KEY,
                    ward_id int NOT NULL,
                    merchants int NOT NULL,
                    merchants_with_qr int NOT NULL,
                    compliant boolean NOT NULL);
                CREATE INDEX ix_agg_model_street_ward ON agg_model_street (ward_id);

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
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE agg_hex_cell, agg_model_street, agg_neighborhood_current, agg_ward_qr_category,
                    agg_ward_current, agg_city_month, agg_ward_month, aggregate_ward_inputs, aggregate_state, aggregate_runs;
                DROP SCHEMA IF EXISTS quartz CASCADE;
                """);
        }
    }
}
