using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Json;
using DtHub.Api.Data;
using DtHub.Api.Tests.Infrastructure;

namespace DtHub.Api.Tests.Features.Tiles;

/// <summary>
/// The <c>wards</c> tile layer the map colours (ward codes joined to the choropleth query), its label points, and the
/// TileJSON the map opens with: real PostGIS, real HTTP.
/// </summary>
[Collection(DatabaseCollection.Name)]
[SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes the client through IAsyncLifetime.")]
public sealed class WardTileTests(HubDatabase hub) : IAsyncLifetime
{
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        await hub.UseEmptyAsync();
        await SeedAsync();
        _http = hub.Api.CreateClient();
    }

    public Task DisposeAsync()
    {
        _http.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task City_zoom_tile_has_each_current_ward_with_code_and_name_and_one_label_point_each()
    {
        var tile = await TileAsync(TileOf(12, 107.085, 10.346));

        var wards = tile.Layers.Single(l => l.Name == "wards");
        Assert.Equal(["26506", "26509"], wards.Features.Select(f => (string)f.Attributes["code"]).Order());
        Assert.Equal("Phường 1", wards.Features.Single(f => (string)f.Attributes["code"] == "26506").Attributes["name"]);
        Assert.All(wards.Features, f => Assert.Equal(3, f.GeometryType));
        // The ward closed by a merger is not drawn.
        Assert.DoesNotContain(wards.Features, f => (string)f.Attributes["code"] == "26500");
        var labels = tile.Layers.Single(l => l.Name == "ward-labels");
        Assert.Equal(["Phường 1", "Phường 2"], labels.Features.Select(f => (string)f.Attributes["name"]).Order());
        Assert.All(labels.Features, f => Assert.Equal(1, f.GeometryType));
    }

    [Fact]
    public async Task Country_zoom_tile_carries_only_the_code_and_no_labels()
    {
        var tile = await TileAsync(TileOf(5, 107.085, 10.346));

        var layer = Assert.Single(tile.Layers);
        Assert.Equal("wards", layer.Name);
        Assert.Equal(2, layer.Features.Count);
        Assert.All(layer.Features, f => Assert.Equal(["code"], f.Attributes.Keys));
    }

    [Fact]
    public async Task Shapes_are_simplified_to_one_tile_unit_at_each_zoom()
    {
        // At zoom 12 Phường 2, a 400-vertex circle, is 200 tile units across: snapping to the grid alone keeps 270
        // vertices (≈ 1 kB), simplifying to one unit keeps 49, which the eye cannot tell apart at 1/8 pixel.
        var bytes = await _http.GetByteArrayAsync(Url("wards", TileOf(12, 107.0935, 10.346)));

        Assert.InRange(bytes.Length, 100, 450);
    }

    [Fact]
    public async Task Tile_with_no_ward_is_204_with_the_data_version_as_ETag()
    {
        using var response = await _http.GetAsync(Url("wards", TileOf(12, 108.5, 7.5)));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal($"\"dv{await VersionAsync()}\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Ward_tile_revalidates_to_304_until_the_data_version_changes()
    {
        var url = Url("wards", TileOf(12, 107.085, 10.346));
        using var first = await _http.GetAsync(url);
        using var again = await SendWithETagAsync(url, first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);

        await using (var connection = await hub.DataSource.OpenConnectionAsync())
            await DataVersion.BumpAsync(connection, null);
        using var after = await SendWithETagAsync(url, first.Headers.ETag!);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal($"\"dv{await VersionAsync()}\"", after.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task TileJSON_gives_the_versioned_tile_URL_the_layers_fields_and_the_bounds_of_the_current_wards()
    {
        using var response = await _http.GetAsync("/tiles/wards.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoCache);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        var version = await VersionAsync();
        Assert.Equal("3.0.0", root.GetProperty("tilejson").GetString());
        Assert.Equal(version, root.GetProperty("dataVersion").GetInt64());
        Assert.EndsWith($"/tiles/wards/{{z}}/{{x}}/{{y}}.mvt?v={version}", root.GetProperty("tiles")[0].GetString());
        Assert.StartsWith("http://", root.GetProperty("tiles")[0].GetString());
        // The merged-away ward lies further west and must not widen the bounds.
        Assert.Equal([107.080, 10.342, 107.098, 10.350], root.GetProperty("bounds").EnumerateArray().Select(b => Math.Round(b.GetDouble(), 3)));
        Assert.Equal(["wards", "ward-labels"], root.GetProperty("vector_layers").EnumerateArray().Select(l => l.GetProperty("id").GetString()));
        Assert.True(root.GetProperty("vector_layers")[0].GetProperty("fields").TryGetProperty("code", out _));

        using var again = await SendWithETagAsync("/tiles/wards.json", response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Fact]
    public async Task TileJSON_of_an_unknown_layer_is_404_naming_the_layers()
    {
        using var response = await _http.GetAsync("/tiles/parks.json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("wards", await response.Content.ReadAsStringAsync());
    }

    private async Task<VectorTile> TileAsync((int Z, int X, int Y) t) => VectorTile.Decode(await _http.GetByteArrayAsync(Url("wards", t)));

    private async Task<HttpResponseMessage> SendWithETagAsync(string url, System.Net.Http.Headers.EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(etag);
        return await _http.SendAsync(request);
    }

    private async Task<long> VersionAsync()
    {
        await using var cmd = hub.DataSource.CreateCommand("SELECT version FROM data_version WHERE id = 1");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static string Url(string layer, (int Z, int X, int Y) t) => $"/tiles/{layer}/{t.Z}/{t.X}/{t.Y}.mvt";

    internal static (int Z, int X, int Y) TileOf(int z, double lon, double lat)
    {
        var n = 1 << z;
        var x = (int)Math.Floor((lon + 180) / 360 * n);
        var rad = lat * Math.PI / 180;
        var y = (int)Math.Floor((1 - Math.Log(Math.Tan(rad) + 1 / Math.Cos(rad)) / Math.PI) / 2 * n);
        return (z, x, y);
    }

    private async Task SeedAsync()
    {
        // Two current wards side by side (a box, and a 400-vertex circle), and one closed by a merger further west.
        await using var cmd = hub.DataSource.CreateCommand("""
            INSERT INTO wards (id, code, name, kind, geometry, label_point, valid_from, valid_to, is_synthetic, updated_at)
            VALUES (1, '26506', 'Phường 1', 'Phuong',
                    ST_Multi(ST_MakeEnvelope(107.080, 10.342, 107.089, 10.350, 4326)),
                    ST_SetSRID(ST_MakePoint(107.0845, 10.346), 4326), '2000-01-01', NULL, true, now()),
                   (2, '26509', 'Phường 2', 'Phuong',
                    ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(107.0935, 10.346), 4326), 0.0045, 100)),
                    ST_SetSRID(ST_MakePoint(107.0935, 10.346), 4326), '2000-01-01', NULL, true, now()),
                   (3, '26500', 'Phường Cũ', 'Phuong',
                    ST_Multi(ST_MakeEnvelope(107.070, 10.342, 107.079, 10.350, 4326)),
                    ST_SetSRID(ST_MakePoint(107.0745, 10.346), 4326), '2000-01-01', '2020-01-01', true, now());
            """);
        await cmd.ExecuteNonQueryAsync();
    }
}
