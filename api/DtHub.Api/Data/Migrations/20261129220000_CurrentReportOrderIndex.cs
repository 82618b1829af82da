using DtHub.Api.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DtHub.Api.Data.Migrations
{
    /// <summary>
    /// A ward's current reports in the orders its <c>reports</c> pages ask for, <c>(ward_id, month DESC, id)</c>: a
    /// connection breaks ties by ascending id after its own order, which the unique <c>(ward_id, month)</c> index cannot
    /// give. Each ward of a choropleth page sorted its report of the month (0.1 ms of a 1.0 ms page), and a ward's
    /// latest report (<c>order: [{ month: DESC }]</c>) sorted its months. Raw SQL like <c>CodeKeysetIndexes</c>: the
    /// unique index stays the rule, this one is only an access path.
    /// </summary>
    [DbContext(typeof(HubDbContext))]
    [Migration("20261129220000_CurrentReportOrderIndex")]
    public partial class CurrentReportOrderIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX IF NOT EXISTS ix_ward_reports_ward_id_month_id ON ward_reports (ward_id, month DESC, id) WHERE superseded_at IS NULL;
                ANALYZE ward_reports;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_ward_reports_ward_id_month_id;");
        }
    }
}
