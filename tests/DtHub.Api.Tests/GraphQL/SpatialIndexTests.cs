using DtHub.Api.Data;
using DtHub.Api.GraphQL.Compilation;
using DtHub.Api.Tests.Infrastructure;
using GraphQL.DI;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DtHub.Api.Tests.GraphQL;

/// <summary>Every spatial filter and the nearest-first order reach the merchants table through an index, never a full scan.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class SpatialIndexTests(HubDatabase hub) : IAsyncLifetime
{
    private readonly QueryPlanRecorder _plans = new();
    private HubApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        await hub.UseEmptyAsync();
        await using var db = hub.CreateContext();
        await TwoWardFixture.SeedAsync(db);
        // 40,000 merchants spread over both wards: enough that a sequential scan costs more than the index.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO merchants (name, category, location, ward_id, accepts_qr, has_transactions, has_e_invoice, is_synthetic, updated_at)
            SELECT 'Cửa hàng ' || g, 'GeneralStore',
                   ST_SetSRID(ST_MakePoint(107.0 + (g % 200) * 0.0001, 10.30 + (g / 200) * 0.00005), 4326),
                   (SELECT min(id) FROM wards), g % 3 = 0, false, false, true, now()
            FROM generate_series(1, 40000) g;
            ANALYZE merchants;
            """);
        _api = new HubApiFactory(hub.ConnectionString, configureServices: s => s.AddSingleton<IInterceptor>(_plans));
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    public static TheoryData<string, string> Filters => new()
    {
        { "distance", "location: { distance: { geometry: $p, lte: 60 } }" },
        { "intersects with buffer", "location: { intersects: { geometry: $p, buffer: 60 } }" },
        { "within polygon", "location: { within: { geometry: $box } }" },
        { "bbox", "location: { bbox: [107.001, 10.301, 107.003, 10.302] }" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Spatial_filter_uses_an_index(string name, string where)
    {
        // Declare only the variables the filter uses: GraphQL refuses unused ones.
        var declared = string.Join(", ", new[] { "$p", "$box" }.Where(v => where.Contains(v, StringComparison.Ordinal)).Select(v => v + ": GeoJSON!"));
        var signature = declared.Length > 0 ? $"({declared})" : "";
        var result = await _api.ExecuteAsync($$"""
            query{{signature}} { merchants(first: 10, where: { {{where}} }) { totalCount nodes { name } } }
            """, Variables(where));
        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        Assert.True(result.GetProperty("data").GetProperty("merchants").GetProperty("totalCount").GetInt32() > 0, name);
        AssertIndexed(name);

        // Asked again, the query is answered by one compiled statement: its plan reaches merchants through the index too.
        var again = await _api.ExecuteAsync($$"""
            query{{signature}} { merchants(first: 10, where: { {{where}} }) { totalCount nodes { name } } }
            """, Variables(where));
        Assert.Equal(result.GetProperty("data").GetProperty("merchants").GetProperty("totalCount").GetInt32(),
            again.GetProperty("data").GetProperty("merchants").GetProperty("totalCount").GetInt32());
        // Compiled statements run on generic plans (CompiledReadSource): the plan that must use the index is that one.
        var statement = _api.Services.GetServices<IConfigureExecution>().OfType<CompiledReads>().Single().LastStatement!;
        var plan = await GenericPlans.ExplainAsync(hub.DataSource, statement);
        Assert.DoesNotContain("Seq Scan on merchants", plan, StringComparison.Ordinal);
        Assert.True(plan.Contains("ix_merchants_location", StringComparison.Ordinal), $"{name}: no spatial index in the compiled plan\n{plan}");
    }

    [Fact]
    public async Task Compiled_reads_run_on_generic_plans_and_nothing_else_does()
    {
        async Task<string> PlanCacheModeAsync(Npgsql.NpgsqlDataSource source)
        {
            await using var command = source.CreateCommand("SELECT current_setting('plan_cache_mode')");
            return (string)(await command.ExecuteScalarAsync())!;
        }
        Assert.Equal("force_generic_plan", await PlanCacheModeAsync(_api.Services.GetRequiredService<CompiledReadSource>().DataSource));
        Assert.Equal("auto", await PlanCacheModeAsync(_api.Services.GetRequiredService<Npgsql.NpgsqlDataSource>()));
    }

    [Fact]
    public async Task Nearest_first_order_walks_the_geography_index()
    {
        var result = await _api.ExecuteAsync("""
            query($p: GeoJSON!) { merchants(first: 5, order: [{ nearest: $p }]) { nodes { name distance(from: $p) } } }
            """, Variables("$p"));
        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        var distances = result.GetProperty("data").GetProperty("merchants").GetProperty("nodes").EnumerateArray()
            .Select(n => n.GetProperty("distance").GetDouble()).ToList();
        // The index orders on the sphere, distance(from:) measures on the ellipsoid: near-ties may differ by < 0.6 %.
        Assert.All(distances.Zip(distances.Skip(1)), pair => Assert.True(pair.Second >= pair.First * 0.994, string.Join(", ", distances)));
        AssertIndexed("nearest");
    }

    [Fact]
    public async Task The_compiled_nearest_statement_is_planned_once_and_still_walks_the_index()
    {
        const string query = """
            query($p: GeoJSON!) { merchants(first: 5, order: [{ nearest: $p }]) { nodes { name distance(from: $p) } } }
            """;
        await _api.ExecuteAsync(query, Variables("$p"));
        var compiled = await _api.ExecuteAsync(query, Variables("$p"));
        Assert.False(compiled.TryGetProperty("errors", out var errors), errors.ToString());
        var statement = _api.Services.GetServices<IConfigureExecution>().OfType<CompiledReads>().Single().LastStatement!;
        Assert.Matches(@"LIMIT 5\b", statement.Sql); // the page size is part of the text, not a parameter

        // Even left to choose (plan_cache_mode auto, as a replica's pooler might leave it), PostgreSQL keeps one generic
        // plan once five custom plans cost no less, which it never did while the LIMIT was a parameter.
        Assert.True(await GenericPlans.AdoptedAsync(hub.DataSource, statement), "PostgreSQL plans the nearest statement on every execution");
        var plan = await GenericPlans.ExplainAsync(hub.DataSource, statement);
        Assert.Contains("ix_merchants_location", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on merchants", plan, StringComparison.Ordinal);
    }

    private void AssertIndexed(string name)
    {
        var merchantPlans = _plans.Plans.Where(p => p.Sql.Contains("FROM merchants", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(merchantPlans);
        foreach (var (sql, plan) in merchantPlans)
        {
            Assert.DoesNotContain("Seq Scan on merchants", plan, StringComparison.Ordinal);
            Assert.True(plan.Contains("ix_merchants_location", StringComparison.Ordinal), $"{name}: no spatial index in\n{plan}\nfor\n{sql}");
        }
        _plans.Clear();
    }

    private static Dictionary<string, object> Variables(string used)
    {
        var variables = new Dictionary<string, object>();
        if (used.Contains("$p", StringComparison.Ordinal)) variables["p"] = new { type = "Point", coordinates = new[] { 107.005, 10.305 } };
        if (used.Contains("$box", StringComparison.Ordinal))
            variables["box"] = new { type = "Polygon", coordinates = new[] { new[] { new[] { 107.004, 10.304 }, new[] { 107.006, 10.304 }, new[] { 107.006, 10.306 }, new[] { 107.004, 10.306 }, new[] { 107.004, 10.304 } } } };
        return variables;
    }
}
