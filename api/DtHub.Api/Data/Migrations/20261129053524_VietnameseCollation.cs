using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DtHub.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class VietnameseCollation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:CollationDefinition:vietnamese", "vi-u-kn-true,vi-u-kn-true,icu,True")
                .Annotation("Npgsql:PostgresExtension:postgis", ",,")
                .Annotation("Npgsql:PostgresExtension:unaccent", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:postgis", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:unaccent", ",,");

            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "wifi_points",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                collation: "vietnamese",
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "wards",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                collation: "vietnamese",
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "teams",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                collation: "vietnamese",
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "neighborhoods",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                collation: "vietnamese",
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "model_streets",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                collation: "vietnamese",
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "merchants",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                collation: "vietnamese",
                oldClrType: typeof(string),
                oldType: "character varying(300)",
                oldMaxLength: 300);

            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "markets",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                collation: "vietnamese",
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "wifi_points",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldCollation: "vietnamese");

            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "wards",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldCollation: "vietnamese");

            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "teams",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldCollation: "vietnamese");

            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "neighborhoods",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldCollation: "vietnamese");

            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "model_streets",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldCollation: "vietnamese");

            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "merchants",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(300)",
                oldMaxLength: 300,
                oldCollation: "vietnamese");

            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "markets",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldCollation: "vietnamese");

            // Columns first, then the collation they use.
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:postgis", ",,")
                .Annotation("Npgsql:PostgresExtension:unaccent", ",,")
                .OldAnnotation("Npgsql:CollationDefinition:vietnamese", "vi-u-kn-true,vi-u-kn-true,icu,True")
                .OldAnnotation("Npgsql:PostgresExtension:postgis", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:unaccent", ",,");
        }
    }
}
