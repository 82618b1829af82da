using DtHub.Api.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DtHub.Api.Data.Migrations
{
    /// <summary>
    /// <c>hub_prefix_range</c>: a byte-order range (<c>~&gt;=~</c>, <c>~&lt;~</c>) that the pattern indexes of
    /// <c>BoxOverlapAndCodePrefix</c> answer with parameters too. PostgreSQL turns <c>LIKE 'P05-%'</c> into that range
    /// only for a constant pattern; a prepared statement's generic plan read the whole code index instead (1,258
    /// wards skipped for the fifth province, 9,102 for the thirtieth). Raw SQL: no EF model change.
    /// </summary>
    [DbContext(typeof(HubDbContext))]
    [Migration("20261129152000_CodePrefixRange")]
    public partial class CodePrefixRange : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION hub_prefix_range(value text, low text, high text) RETURNS boolean
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT value ~>=~ low AND value ~<~ high $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION hub_prefix_range(text, text, text);");
        }
    }
}
