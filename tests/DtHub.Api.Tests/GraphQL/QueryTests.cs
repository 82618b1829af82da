using System.Text.Json;
using DtHub.Api.Tests.Infrastructure;

namespace DtHub.Api.Tests.GraphQL;

[Collection(DatabaseCollection.Name)]
public sealed class QueryTests(HubDatabase hub) : IAsyncLifetime
{

    public async Task InitializeAsync()
    {
        await hub.UseEmptyAsync();
        await using var db = hub.CreateContext();
        await TwoWardFixture.SeedAsync(db);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Distance_filter_in_metres_and_distance_field_match_hand_computed_values()
    {
        var result = await hub.Api.ExecuteAsync("""
            query Near($p: GeoJSON!) {
              merchants(first: 100, where: { location: { distance: { geometry: $p, lte: 500 } } }, order: [{ nearest: $p }]) {
                totalCount nodes { name distance(from: $p) } } }
            """, new { p = new { type = "Point", coordinates = new[] { TwoWardFixture.OriginLon, TwoWardFixture.Lat } } });
        var merchants = result.GetProperty("data").GetProperty("merchants");
        Assert.Equal(2, merchants.GetProperty("totalCount").GetInt32());
        var nodes = merchants.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(["Quán Thắng Nhì", "Tạp hóa Cô Ba"], nodes.Select(n => n.GetProperty("name").GetString()));
        Assert.Equal(100, nodes[0].GetProperty("distance").GetDouble(), 0.5);
        Assert.Equal(450, nodes[1].GetProperty("distance").GetDouble(), 0.5);
    }

    [Fact]
    public async Task Wards_contract_query_returns_june_2022_report()
    {
        var result = await hub.Api.ExecuteAsync("""
            { wards(first: 50, order: [{ name: ASC }]) {
                totalCount pageInfo { hasNextPage endCursor }
                nodes { id code name kind geometry
                        reports(first: 1, where: { month: { eq: "2022-06" } }) {
                          nodes { month households population residents15Plus
                                  accountHolders15Plus qualityFlags } } } } }
            """);
        var wards = result.GetProperty("data").GetProperty("wards");
        Assert.Equal(2, wards.GetProperty("totalCount").GetInt32());
        Assert.Equal("Phường Thắng Nhì", wards.GetProperty("nodes")[0].GetProperty("name").GetString());
        var longSon = wards.GetProperty("nodes")[1];
        Assert.Equal("Xã Long Sơn", longSon.GetProperty("name").GetString());
        Assert.Equal("XA", longSon.GetProperty("kind").GetString());
        var report = longSon.GetProperty("reports").GetProperty("nodes")[0];
        Assert.Equal("2022-06", report.GetProperty("month").GetString());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("households").ValueKind);
        Assert.Contains("RESIDENTS15_PLUS_EXCEED_POPULATION", report.GetProperty("qualityFlags").EnumerateArray().Select(f => f.GetString()));
    }
}
