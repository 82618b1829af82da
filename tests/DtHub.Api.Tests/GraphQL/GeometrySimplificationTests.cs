using System.Text.Json;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Simplify;

namespace DtHub.Api.Tests.GraphQL;

/// <summary>
/// <c>geometry(simplify:)</c> is simplified by PostgreSQL when the selection allows it: the full outline never
/// leaves the database, and the shape is the one NetTopologySuite's topology-preserving simplifier gives.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class GeometrySimplificationTests(HubDatabase hub) : IAsyncLifetime
{
    private const double MetresPerDegree = 111_320;
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };
    private readonly QueryPlanRecorder _statements = new();
    private HubApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        await hub.UseEmptyAsync();
        await using var db = hub.CreateContext();
        await TwoWardFixture.SeedAsync(db);
        // A dense outline: the first ward becomes a 1 km circle of 2,048 vertices (plus a merchant inside it).
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE wards SET geometry = ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(107.01, 10.305), 4326), 0.009, 512))
            WHERE id = (SELECT min(id) FROM wards);
            """);
        _api = new HubApiFactory(hub.ConnectionString, configureServices: s => s.AddSingleton<IInterceptor>(_statements));
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task The_database_simplifies_and_the_shape_matches_the_topology_preserving_simplifier()
    {
        var full = await FullOutlineAsync();
        _statements.Clear();

        var result = await _api.ExecuteAsync("""
            query($t: Float) { wards(first: 1) { nodes { geometry(simplify: $t) } } }
            """, new { t = 50.0 });

        var shape = Geometry(Data(result).GetProperty("wards").GetProperty("nodes")[0]);
        var expected = TopologyPreservingSimplifier.Simplify(full, 50 / MetresPerDegree);
        Assert.True(shape.NumPoints < full.NumPoints / 4, $"{shape.NumPoints} of {full.NumPoints} vertices");
        Assert.True(shape.IsValid);
        Assert.Equal(expected.NumPoints, shape.NumPoints);
        Assert.True(shape.Normalized().EqualsExact(expected.Normalized(), 1e-9), "PostGIS and NetTopologySuite simplify the same way");

        var page = Assert.Single(_statements.Plans, p => p.Sql.Contains("FROM wards", StringComparison.Ordinal));
        Assert.Contains("st_simplifypreservetopology(w.geometry", page.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("w.geometry AS", page.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aliases_asking_for_different_tolerances_each_get_their_own_shape()
    {
        var full = await FullOutlineAsync();

        var result = await _api.ExecuteAsync("""
            { wards(first: 1) { nodes { fine: geometry(simplify: 5) coarse: geometry(simplify: 200) whole: geometry } } }
            """);

        var node = Data(result).GetProperty("wards").GetProperty("nodes")[0];
        Assert.Equal(TopologyPreservingSimplifier.Simplify(full, 5 / MetresPerDegree).NumPoints, Geometry(node.GetProperty("fine")).NumPoints);
        Assert.Equal(TopologyPreservingSimplifier.Simplify(full, 200 / MetresPerDegree).NumPoints, Geometry(node.GetProperty("coarse")).NumPoints);
        Assert.Equal(full.NumPoints, Geometry(node.GetProperty("whole")).NumPoints);
    }

    [Fact]
    public async Task A_ward_reached_from_a_merchant_is_simplified_too()
    {
        var full = await FullOutlineAsync();
        await using (var db = hub.CreateContext())
            await db.Database.ExecuteSqlRawAsync("UPDATE merchants SET ward_id = (SELECT min(id) FROM wards)");
        _statements.Clear();

        var result = await _api.ExecuteAsync("{ merchants(first: 1) { nodes { ward { geometry(simplify: 50) } } } }");

        var ward = Data(result).GetProperty("merchants").GetProperty("nodes")[0].GetProperty("ward");
        Assert.Equal(TopologyPreservingSimplifier.Simplify(full, 50 / MetresPerDegree).NumPoints, Geometry(ward).NumPoints);
        Assert.Contains(_statements.Plans, p => p.Sql.Contains("st_simplifypreservetopology", StringComparison.Ordinal));
    }

    private static JsonElement Data(JsonElement result)
    {
        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        return result.GetProperty("data");
    }

    private async Task<Geometry> FullOutlineAsync()
    {
        await using var db = hub.CreateContext();
        return await db.Wards.OrderBy(w => w.Id).Select(w => w.Geometry).FirstAsync();
    }

    private static Geometry Geometry(JsonElement node)
    {
        Assert.NotEqual(JsonValueKind.Undefined, node.ValueKind);
        var json = node.ValueKind == JsonValueKind.Object && node.TryGetProperty("geometry", out var inner) ? inner : node;
        return JsonSerializer.Deserialize<Geometry>(json.GetRawText(), GeoJson)!;
    }
}
