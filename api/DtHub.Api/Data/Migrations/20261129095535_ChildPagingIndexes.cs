using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DtHub.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class ChildPagingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_wifi_points_ward_id",
                table: "wifi_points");

            migrationBuilder.DropIndex(
                name: "ix_teams_neighborhood_id",
                table: "teams");

            migrationBuilder.DropIndex(
                name: "ix_teams_ward_id",
                table: "teams");

            migrationBuilder.DropIndex(
                name: "ix_team_members_team_id",
                table: "team_members");

            migrationBuilder.DropIndex(
                name: "ix_neighborhoods_ward_id",
                table: "neighborhoods");

            migrationBuilder.DropIndex(
                name: "ix_model_streets_ward_id",
                table: "model_streets");

            migrationBuilder.DropIndex(
                name: "ix_merchants_neighborhood_id",
                table: "merchants");

            migrationBuilder.DropIndex(
                name: "ix_merchants_ward_id",
                table: "merchants");

            migrationBuilder.CreateIndex(
                name: "ix_wifi_points_ward_id_id",
                table: "wifi_points",
                columns: new[] { "ward_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_teams_neighborhood_id_id",
                table: "teams",
                columns: new[] { "neighborhood_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_teams_ward_id_id",
                table: "teams",
                columns: new[] { "ward_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_team_members_team_id_id",
                table: "team_members",
                columns: new[] { "team_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_neighborhoods_ward_id_id",
                table: "neighborhoods",
                columns: new[] { "ward_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_model_streets_ward_id_id",
                table: "model_streets",
                columns: new[] { "ward_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_merchants_neighborhood_id_id",
                table: "merchants",
                columns: new[] { "neighborhood_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_merchants_ward_id_id",
                table: "merchants",
                columns: new[] { "ward_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_wifi_points_ward_id_id",
                table: "wifi_points");

            migrationBuilder.DropIndex(
                name: "ix_teams_neighborhood_id_id",
                table: "teams");

            migrationBuilder.DropIndex(
                name: "ix_teams_ward_id_id",
                table: "teams");

            migrationBuilder.DropIndex(
                name: "ix_team_members_team_id_id",
                table: "team_members");

            migrationBuilder.DropIndex(
                name: "ix_neighborhoods_ward_id_id",
                table: "neighborhoods");

            migrationBuilder.DropIndex(
                name: "ix_model_streets_ward_id_id",
                table: "model_streets");

            migrationBuilder.DropIndex(
                name: "ix_merchants_neighborhood_id_id",
                table: "merchants");

            migrationBuilder.DropIndex(
                name: "ix_merchants_ward_id_id",
                table: "merchants");

            migrationBuilder.CreateIndex(
                name: "ix_wifi_points_ward_id",
                table: "wifi_points",
                column: "ward_id");

            migrationBuilder.CreateIndex(
                name: "ix_teams_neighborhood_id",
                table: "teams",
                column: "neighborhood_id");

            migrationBuilder.CreateIndex(
                name: "ix_teams_ward_id",
                table: "teams",
                column: "ward_id");

            migrationBuilder.CreateIndex(
                name: "ix_team_members_team_id",
                table: "team_members",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_neighborhoods_ward_id",
                table: "neighborhoods",
                column: "ward_id");

            migrationBuilder.CreateIndex(
                name: "ix_model_streets_ward_id",
                table: "model_streets",
                column: "ward_id");

            migrationBuilder.CreateIndex(
                name: "ix_merchants_neighborhood_id",
                table: "merchants",
                column: "neighborhood_id");

            migrationBuilder.CreateIndex(
                name: "ix_merchants_ward_id",
                table: "merchants",
                column: "ward_id");
        }
    }
}
