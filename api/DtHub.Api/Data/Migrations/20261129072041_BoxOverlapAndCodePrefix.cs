using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DtHub.Api.Data.Migrations
{
    /// <summary>
    /// <c>hub_box_overlaps</c> (the <c>&amp;&amp;</c> operator, for bbox filters on points, where it is exact and far cheaper
    /// for the planner than ST_Intersects) and pattern indexes so <c>code startsWith</c> (a LIKE prefix) uses an
    /// index under the database's non-C collation.
    /// </summary>
    public partial class BoxOverlapAndCodePrefix : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION hub_box_overlaps(a geometry, b geometry) RETURNS boolean
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT a && b $$;
                CREATE INDEX ix_wards_code_pattern ON wards (code varchar_pattern_ops);
                CREATE INDEX ix_neighborhoods_code_pattern ON neighborhoods (code varchar_pattern_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX ix_neighborhoods_code_pattern;
                DROP INDEX ix_wards_code_pattern;
                DROP FUNCTION hub_box_overlaps(geometry, geometry);
                """);
        }
    }
}
