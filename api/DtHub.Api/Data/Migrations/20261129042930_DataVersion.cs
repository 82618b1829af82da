using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DtHub.Api.Data.Migrations
{
    /// <summary>The single-row counter behind <see cref="DtHub.Api.Data.DataVersion"/>.</summary>
    public partial class DataVersion : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE data_version (
                    id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
                    version bigint NOT NULL DEFAULT 0,
                    changed_at timestamptz NOT NULL DEFAULT now());
                INSERT INTO data_version DEFAULT VALUES;
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE data_version;");
        }
    }
}
