using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DtHub.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:postgis", ",,")
                .Annotation("Npgsql:PostgresExtension:unaccent", ",,");

            migrationBuilder.CreateTable(
                name: "import_batches",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    file_name = table.Column<string>(type: "text", nullable: false),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: true),
                    imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    imported_by = table.Column<string>(type: "text", nullable: true),
                    rows_accepted = table.Column<int>(type: "integer", nullable: false),
                    rows_rejected = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "wards",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    geometry = table.Column<MultiPolygon>(type: "geometry(MultiPolygon,4326)", nullable: false),
                    label_point = table.Column<Point>(type: "geometry(Point,4326)", nullable: false),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true),
                    is_synthetic = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wards", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "markets",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ward_id = table.Column<int>(type: "integer", nullable: false),
                    location = table.Column<Point>(type: "geometry(Point,4326)", nullable: false),
                    is_cashless = table.Column<bool>(type: "boolean", nullable: false),
                    is_synthetic = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_markets", x => x.id);
                    table.ForeignKey(
                        name: "fk_markets_wards_ward_id",
                        column: x => x.ward_id,
                        principalTable: "wards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "model_streets",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ward_id = table.Column<int>(type: "integer", nullable: false),
                    geometry = table.Column<MultiLineString>(type: "geometry(MultiLineString,4326)", nullable: false),
                    designated_on = table.Column<DateOnly>(type: "date", nullable: false),
                    is_synthetic = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_streets", x => x.id);
                    table.ForeignKey(
                        name: "fk_model_streets_wards_ward_id",
                        column: x => x.ward_id,
                        principalTable: "wards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "neighborhoods",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ward_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    geometry = table.Column<MultiPolygon>(type: "geometry(MultiPolygon,4326)", nullable: false),
                    estimated_residents = table.Column<int>(type: "integer", nullable: true),
                    valid_from = table.Column<DateOnly>(type: "date", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "date", nullable: true),
                    is_synthetic = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_neighborhoods", x => x.id);
                    table.ForeignKey(
                        name: "fk_neighborhoods_wards_ward_id",
                        column: x => x.ward_id,
                        principalTable: "wards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "targets",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    indicator = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description_vi = table.Column<string>(type: "text", nullable: false),
                    description_en = table.Column<string>(type: "text", nullable: false),
                    scope = table.Column<string>(type: "text", nullable: false),
                    ward_id = table.Column<int>(type: "integer", nullable: true),
                    scope_label = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<decimal>(type: "numeric(7,6)", precision: 7, scale: 6, nullable: false),
                    deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    source_file = table.Column<string>(type: "text", nullable: false),
                    note = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_targets", x => x.id);
                    table.CheckConstraint("ck_targets_fraction", "value >= 0 AND value <= 1");
                    table.ForeignKey(
                        name: "fk_targets_wards_ward_id",
                        column: x => x.ward_id,
                        principalTable: "wards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ward_lineage",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    predecessor_id = table.Column<int>(type: "integer", nullable: false),
                    successor_id = table.Column<int>(type: "integer", nullable: false),
                    change = table.Column<string>(type: "text", nullable: false),
                    effective_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ward_lineage", x => x.id);
                    table.ForeignKey(
                        name: "fk_ward_lineage_wards_predecessor_id",
                        column: x => x.predecessor_id,
                        principalTable: "wards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_ward_lineage_wards_successor_id",
                        column: x => x.successor_id,
                        principalTable: "wards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ward_reports",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ward_id = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    households = table.Column<int>(type: "integer", nullable: true),
                    population = table.Column<int>(type: "integer", nullable: true),
                    residents15plus = table.Column<int>(type: "integer", nullable: true),
                    account_holders15plus = table.Column<int>(type: "integer", nullable: true),
                    extra_indicators = table.Column<Dictionary<string, decimal>>(type: "jsonb", nullable: false),
                    quality_flags = table.Column<int>(type: "integer", nullable: false),
                    source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    import_batch_id = table.Column<long>(type: "bigint", nullable: true),
                    is_synthetic = table.Column<bool>(type: "boolean", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    superseded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ward_reports", x => x.id);
                    table.CheckConstraint("ck_ward_reports_month_first_day", "extract(day from month) = 1");
                    table.CheckConstraint("ck_ward_reports_non_negative", "coalesce(households, 0) >= 0 AND coalesce(population, 0) >= 0 AND coalesce(residents15plus, 0) >= 0 AND coalesce(account_holders15plus, 0) >= 0");
                    table.ForeignKey(
                        name: "fk_ward_reports_import_batches_import_batch_id",
                        column: x => x.import_batch_id,
                        principalTable: "import_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ward_reports_wards_ward_id",
                        column: x => x.ward_id,
                        principalTable: "wards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "wifi_points",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ssid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    @operator = table.Column<string>(name: "operator", type: "character varying(100)", maxLength: 100, nullable: true),
                    venue_type = table.Column<string>(type: "text", nullable: false),
                    location = table.Column<Point>(type: "geometry(Point,4326)", nullable: false),
                    radius_meters = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    ward_id = table.Column<int>(type: "integer", nullable: false),
                    is_synthetic = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wifi_points", x => x.id);
                    table.CheckConstraint("ck_wifi_points_radius", "radius_meters > 0 AND radius_meters <= 5000");
                    table.ForeignKey(
                        name: "fk_wifi_points_wards_ward_id",
                        column: x => x.ward_id,
                        principalTable: "wards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "merchants",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    category = table.Column<string>(type: "text", nullable: false),
                    location = table.Column<Point>(type: "geometry(Point,4326)", nullable: false),
                    address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ward_id = table.Column<int>(type: "integer", nullable: false),
                    neighborhood_id = table.Column<int>(type: "integer", nullable: true),
                    market_id = table.Column<int>(type: "integer", nullable: true),
                    accepts_qr = table.Column<bool>(type: "boolean", nullable: false),
                    qr_payload = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    qr_provider = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    has_transactions = table.Column<bool>(type: "boolean", nullable: false),
                    website = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    has_e_invoice = table.Column<bool>(type: "boolean", nullable: false),
                    is_synthetic = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_merchants", x => x.id);
                    table.ForeignKey(
                        name: "fk_merchants_markets_market_id",
                        column: x => x.market_id,
                        principalTable: "markets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_merchants_neighborhoods_neighborhood_id",
                        column: x => x.neighborhood_id,
                        principalTable: "neighborhoods",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_merchants_wards_ward_id",
                        column: x => x.ward_id,
                        principalTable: "wards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "neighborhood_lineage",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    predecessor_id = table.Column<int>(type: "integer", nullable: false),
                    successor_id = table.Column<int>(type: "integer", nullable: false),
                    change = table.Column<string>(type: "text", nullable: false),
                    effective_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_neighborhood_lineage", x => x.id);
                    table.ForeignKey(
                        name: "fk_neighborhood_lineage_neighborhoods_predecessor_id",
                        column: x => x.predecessor_id,
                        principalTable: "neighborhoods",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_neighborhood_lineage_neighborhoods_successor_id",
                        column: x => x.successor_id,
                        principalTable: "neighborhoods",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "teams",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    level = table.Column<string>(type: "text", nullable: false),
                    ward_id = table.Column<int>(type: "integer", nullable: false),
                    neighborhood_id = table.Column<int>(type: "integer", nullable: true),
                    founded_on = table.Column<DateOnly>(type: "date", nullable: false),
                    is_synthetic = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_teams", x => x.id);
                    table.CheckConstraint("ck_teams_level_unit", "(level = 'Ward' AND neighborhood_id IS NULL) OR (level = 'Neighborhood' AND neighborhood_id IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_teams_neighborhoods_neighborhood_id",
                        column: x => x.neighborhood_id,
                        principalTable: "neighborhoods",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_teams_wards_ward_id",
                        column: x => x.ward_id,
                        principalTable: "wards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "team_members",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    team_id = table.Column<int>(type: "integer", nullable: false),
                    role = table.Column<string>(type: "text", nullable: false),
                    affiliation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_team_members", x => x.id);
                    table.ForeignKey(
                        name: "fk_team_members_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "team_member_contacts",
                columns: table => new
                {
                    team_member_id = table.Column<int>(type: "integer", nullable: false),
                    full_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_team_member_contacts", x => x.team_member_id);
                    table.ForeignKey(
                        name: "fk_team_member_contacts_team_members_team_member_id",
                        column: x => x.team_member_id,
                        principalTable: "team_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_import_batches_kind_content_hash",
                table: "import_batches",
                columns: new[] { "kind", "content_hash" });

            migrationBuilder.CreateIndex(
                name: "ix_markets_location",
                table: "markets",
                column: "location")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_markets_ward_id",
                table: "markets",
                column: "ward_id");

            migrationBuilder.CreateIndex(
                name: "ix_merchants_category",
                table: "merchants",
                column: "category");

            migrationBuilder.CreateIndex(
                name: "ix_merchants_location",
                table: "merchants",
                column: "location")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_merchants_market_id",
                table: "merchants",
                column: "market_id");

            migrationBuilder.CreateIndex(
                name: "ix_merchants_neighborhood_id",
                table: "merchants",
                column: "neighborhood_id");

            migrationBuilder.CreateIndex(
                name: "ix_merchants_updated_at",
                table: "merchants",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_merchants_ward_id",
                table: "merchants",
                column: "ward_id");

            migrationBuilder.CreateIndex(
                name: "ix_model_streets_geometry",
                table: "model_streets",
                column: "geometry")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_model_streets_updated_at",
                table: "model_streets",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_model_streets_ward_id",
                table: "model_streets",
                column: "ward_id");

            migrationBuilder.CreateIndex(
                name: "ix_neighborhood_lineage_predecessor_id_successor_id",
                table: "neighborhood_lineage",
                columns: new[] { "predecessor_id", "successor_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_neighborhood_lineage_successor_id",
                table: "neighborhood_lineage",
                column: "successor_id");

            migrationBuilder.CreateIndex(
                name: "ix_neighborhoods_code_valid_from",
                table: "neighborhoods",
                columns: new[] { "code", "valid_from" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_neighborhoods_geometry",
                table: "neighborhoods",
                column: "geometry")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_neighborhoods_updated_at",
                table: "neighborhoods",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_neighborhoods_ward_id",
                table: "neighborhoods",
                column: "ward_id");

            migrationBuilder.CreateIndex(
                name: "ix_targets_indicator_deadline",
                table: "targets",
                columns: new[] { "indicator", "deadline" });

            migrationBuilder.CreateIndex(
                name: "ix_targets_ward_id",
                table: "targets",
                column: "ward_id");

            migrationBuilder.CreateIndex(
                name: "ix_team_members_team_id",
                table: "team_members",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_teams_neighborhood_id",
                table: "teams",
                column: "neighborhood_id");

            migrationBuilder.CreateIndex(
                name: "ix_teams_updated_at",
                table: "teams",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_teams_ward_id",
                table: "teams",
                column: "ward_id");

            migrationBuilder.CreateIndex(
                name: "ix_ward_lineage_predecessor_id_successor_id",
                table: "ward_lineage",
                columns: new[] { "predecessor_id", "successor_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ward_lineage_successor_id",
                table: "ward_lineage",
                column: "successor_id");

            migrationBuilder.CreateIndex(
                name: "ix_ward_reports_import_batch_id",
                table: "ward_reports",
                column: "import_batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_ward_reports_month",
                table: "ward_reports",
                column: "month");

            migrationBuilder.CreateIndex(
                name: "ix_ward_reports_ward_id_month",
                table: "ward_reports",
                columns: new[] { "ward_id", "month" },
                unique: true,
                filter: "superseded_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_wards_code_valid_from",
                table: "wards",
                columns: new[] { "code", "valid_from" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_wards_geometry",
                table: "wards",
                column: "geometry")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_wards_label_point",
                table: "wards",
                column: "label_point")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_wards_name",
                table: "wards",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_wards_updated_at",
                table: "wards",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_wifi_points_location",
                table: "wifi_points",
                column: "location")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_wifi_points_updated_at",
                table: "wifi_points",
                column: "updated_at");

            migrationBuilder.CreateIndex(
                name: "ix_wifi_points_ward_id",
                table: "wifi_points",
                column: "ward_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "merchants");

            migrationBuilder.DropTable(
                name: "model_streets");

            migrationBuilder.DropTable(
                name: "neighborhood_lineage");

            migrationBuilder.DropTable(
                name: "targets");

            migrationBuilder.DropTable(
                name: "team_member_contacts");

            migrationBuilder.DropTable(
                name: "ward_lineage");

            migrationBuilder.DropTable(
                name: "ward_reports");

            migrationBuilder.DropTable(
                name: "wifi_points");

            migrationBuilder.DropTable(
                name: "markets");

            migrationBuilder.DropTable(
                name: "team_members");

            migrationBuilder.DropTable(
                name: "import_batches");

            migrationBuilder.DropTable(
                name: "teams");

            migrationBuilder.DropTable(
                name: "neighborhoods");

            migrationBuilder.DropTable(
                name: "wards");
        }
    }
}
