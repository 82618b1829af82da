using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DtHub.Api.Data.Migrations
{
    /// <summary>
    /// SQL the model cannot express: a diacritic-folding function for Vietnamese search
    /// ("Thang Nhi" finds "Thắng Nhì") and geography indexes so metre-based filters use an index.
    /// </summary>
    public partial class SearchAndGeographyIndexes : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // unaccent() is only STABLE; pinning the dictionary makes an IMMUTABLE wrapper safe to index.
            migrationBuilder.Sql("""
                CREATE FUNCTION hub_fold(text) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;
                """);
            migrationBuilder.Sql("CREATE INDEX ix_merchants_location_geography ON merchants USING gist ((location::geography));");
            migrationBuilder.Sql("CREATE INDEX ix_wifi_points_location_geography ON wifi_points USING gist ((location::geography));");
            migrationBuilder.Sql("CREATE INDEX ix_wards_geometry_geography ON wards USING gist ((geometry::geography));");
            migrationBuilder.Sql("CREATE INDEX ix_neighborhoods_geometry_geography ON neighborhoods USING gist ((geometry::geography));");
            migrationBuilder.Sql("CREATE INDEX ix_model_streets_geometry_geography ON model_streets USING gist ((geometry::geography));");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_model_streets_geometry_geography;");
            migrationBuilder.Sql("DROP INDEX ix_neighborhoods_geometry_geography;");
            migrationBuilder.Sql("DROP INDEX ix_wards_geometry_geography;");
            migrationBuilder.Sql("DROP INDEX ix_wifi_points_location_geography;");
            migrationBuilder.Sql("DROP INDEX ix_merchants_location_geography;");
            migrationBuilder.Sql("DROP FUNCTION hub_fold(text);");
        }
    }
}
