using DtHub.Api.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DtHub.Api.Data.Migrations
{
    /// <summary>
    /// Ward and neighbourhood codes in byte order (the "C" collation): identifiers, not words, so they sort the same
    /// on every server whatever its locale, and one B-tree serves their order, their keyset cursors and
    /// <c>startsWith</c> as a range (<c>'P05-' &lt;= code &lt; 'P05.'</c>, exact only in byte order), in generic plans
    /// too. The pattern indexes of <c>BoxOverlapAndCodePrefix</c> are no longer needed. Changing a
    /// column's type drops its statistics: the tables are analysed again, or the planner guesses. Raw SQL: no EF
    /// model change (a later migration that alters these columns must keep <c>COLLATE "C"</c>).
    /// </summary>
    [DbContext(typeof(HubDbContext))]
    [Migration("20261129163000_CodesInByteOrder")]
    public partial class CodesInByteOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS ix_wards_code_pattern;
                DROP INDEX IF EXISTS ix_neighborhoods_code_pattern;
                ALTER TABLE wards ALTER COLUMN code TYPE varchar(32) COLLATE "C";
                ALTER TABLE neighborhoods ALTER COLUMN code TYPE varchar(32) COLLATE "C";
                ANALYZE wards;
                ANALYZE neighborhoods;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE wards ALTER COLUMN code TYPE varchar(32) COLLATE "default";
                ALTER TABLE neighborhoods ALTER COLUMN code TYPE varchar(32) COLLATE "default";
                CREATE INDEX ix_wards_code_pattern ON wards (code varchar_pattern_ops);
                CREATE INDEX ix_neighborhoods_code_pattern ON neighborhoods (code varchar_pattern_ops);
                """);
        }
    }
}
