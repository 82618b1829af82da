using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DtHub.Api.Data.Migrations
{
    /// <summary>
    /// Metre-based spatial helpers (see <see cref="DtHub.Api.Data.HubSql"/>). Plain one-statement SQL functions,
    /// not STRICT, so the planner inlines them and the geography expression indexes still apply.
    /// </summary>
    public partial class SpatialSqlFunctions : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION hub_dwithin_m(a geometry, b geometry, meters double precision) RETURNS boolean
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT ST_DWithin(a::geography, b::geography, meters) $$;
                CREATE FUNCTION hub_buffer_m(g geometry, meters double precision) RETURNS geometry
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT ST_Buffer(g::geography, meters)::geometry $$;
                CREATE FUNCTION hub_distance_m(a geometry, b geometry) RETURNS double precision
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT ST_Distance(a::geography, b::geography) $$;
                CREATE FUNCTION hub_knn_m(a geometry, b geometry) RETURNS double precision
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT a::geography <-> b::geography $$;
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION hub_knn_m(geometry, geometry);
                DROP FUNCTION hub_distance_m(geometry, geometry);
                DROP FUNCTION hub_buffer_m(geometry, double precision);
                DROP FUNCTION hub_dwithin_m(geometry, geometry, double precision);
                """);
        }
    }
}
