using DtHub.Api.GraphQL.Compilation;
using DtHub.Api.Tests.Infrastructure;
using GraphQL.DI;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DtHub.Api.Tests.GraphQL;

/// <summary>
/// A ward's <c>reports</c> page (the choropleth's report of the month, the detail's latest report) is read in its
/// order from <c>ix_ward_reports_ward_id_month_id</c>: no sort per ward in the compiled statement's generic plan.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class ReportPageIndexTests(HubDatabase hub) : IAsyncLifetime
{
    private HubApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        await hub.UseEmptyAsync();
        await using var db = hub.CreateContext();
        // 400 wards with 24 months each, and a superseded first version of every June: enough rows that PostgreSQL
        // reads them by index, as it does nationally.
        await GridWards.InsertAsync(db, count: 400, provinces: 10);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO ward_reports (ward_id, month, population, residents15plus, account_holders15plus, extra_indicators,
                                      quality_flags, source, is_synthetic, recorded_at, superseded_at)
            SELECT w.id, make_date(2023 + m / 12, m % 12 + 1, 1), 10000, 8000, CASE WHEN v = 0 THEN 1 ELSE 5000 + m END, '{{}}', 0, 'test', true, now(),
                   CASE WHEN v = 0 THEN now() END
            FROM wards w, generate_series(0, 23) m, generate_series(0, 1) v
            WHERE v = 1 OR m % 12 = 5;
            ANALYZE ward_reports;
            """);
        _api = new HubApiFactory(hub.ConnectionString);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [InlineData("the report of a month", """reports(first: 1, where: { month: { eq: "2024-06" } })""", 5017)]
    [InlineData("the latest report", """reports(first: 1, order: [{ month: DESC }])""", 5023)]
    public async Task A_wards_report_page_is_read_in_order_from_the_index(string name, string reports, int expectedHolders)
    {
        var query = $$"""
            query($after: String) {
              wards(first: 100, after: $after, where: { code: { startsWith: "P0" } }, order: [{ code: ASC }]) {
                pageInfo { endCursor }
                nodes { code {{reports}} { nodes { month accountHolders15Plus } } } } }
            """;
        var variables = new Dictionary<string, object?> { ["after"] = null };
        await _api.ExecuteAsync(query, variables);
        var compiled = await _api.ExecuteAsync(query, variables); // the second is compiled: its statement is the one to plan
        Assert.False(compiled.TryGetProperty("errors", out var errors), errors.ToString());
        var nodes = compiled.GetProperty("data").GetProperty("wards").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(100, nodes.Count);
        // The current version only: each ward's one report, never the superseded June.
        Assert.All(nodes, n => Assert.Equal(expectedHolders,
            n.GetProperty("reports").GetProperty("nodes").EnumerateArray().Single().GetProperty("accountHolders15Plus").GetInt32()));

        var statement = _api.Services.GetServices<IConfigureExecution>().OfType<CompiledReads>().Single().LastStatement!;
        var plan = await GenericPlans.ExplainAsync(hub.DataSource, statement);
        var perWard = plan[plan.IndexOf("SubPlan", StringComparison.Ordinal)..];
        Assert.True(perWard.Contains("ix_ward_reports_ward_id_month_id", StringComparison.Ordinal), $"{name}: not read from the page-order index\n{plan}");
        Assert.False(perWard.Contains("Sort", StringComparison.Ordinal), $"{name}: each ward sorts its reports\n{plan}");
    }
}
