using System.Net;
using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Json;
using DtHub.Api.Data;
using DtHub.Api.Features.Tiles;
using DtHub.Api.Tests.Infrastructure;
using Npgsql;

namespace DtHub.Api.Tests.Features.Tiles;

[Collection(DatabaseCollection.Name)]
[SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes the client through IAsyncLifetime.")]
public sealed class TileEndpointTests(HubDatabase hub) : IAsyncLifetime
{
    // Bãi Trước, Vũng Tàu, and a tile at zoom 14 that holds it.
    private const double Lon = 107.0845, Lat = 10.3460;
    private static readonly (int Z, int X, int Y) VungTau = TileOf(14, Lon, Lat);

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
    public async Task Merchant_tile_over_Vung_Tau_holds_the_merchants_of_that_area_with_their_attributes()
    {
        using var response = await _http.GetAsync(Url("merchants", VungTau));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TileModule.ContentType, response.Content.Headers.ContentType?.MediaType);
        var tile = VectorTile.Decode(await response.Content.ReadAsByteArrayAsync());
        var layer = Assert.Single(tile.Layers);
        Assert.Equal("merchants", layer.Name);
        Assert.Equal(["Cà phê Bãi Trước", "Tạp hóa Hạ Long"], layer.Features.Select(f => (string)f.Attributes["name"]).Order());
        var cafe = layer.Features.Single(f => (string)f.Attributes["name"] == "Cà phê Bãi Trước");
        Assert.Equal(1, cafe.GeometryType); // point
        Assert.Equal("Restaurant", cafe.Attributes["category"]);
        Assert.Equal(true, cafe.Attributes["accepts_qr"]);
        Assert.Equal(false, cafe.Attributes["has_transactions"]);
        Assert.NotEqual(0UL, cafe.Id);
    }

    [Fact]
    public async Task Wifi_tile_carries_radius_in_metres_and_status()
    {
        using var response = await _http.GetAsync(Url("wifi", VungTau));

        var layer = Assert.Single(VectorTile.Decode(await response.Content.ReadAsByteArrayAsync()).Layers);
        var wifi = Assert.Single(layer.Features);
        Assert.Equal("Wi-Fi Bãi Trước", wifi.Attributes["name"]);
        Assert.Equal(150L, wifi.Attributes["radius_meters"]);
        Assert.Equal("Active", wifi.Attributes["status"]);
    }

    [Fact]
    public async Task Ward_and_model_street_tiles_draw_polygons_and_street_compliance()
    {
        var wards = VectorTile.Decode(await _http.GetByteArrayAsync(Url("wards", VungTau))).Layers.Single(l => l.Name == "wards");
        var ward = Assert.Single(wards.Features);
        Assert.Equal("Phường 1", ward.Attributes["name"]);
        Assert.Equal(3, ward.GeometryType); // polygon

        var streets = VectorTile.Decode(await _http.GetByteArrayAsync(Url("model-streets", VungTau))).Layers.Single();
        var street = Assert.Single(streets.Features);
        Assert.Equal(2, street.GeometryType); // line
        // Both merchants lie within 30 m of the street; one of the two accepts QR.
        Assert.Equal(2L, street.Attributes["merchants"]);
        Assert.Equal(0.5, (double)street.Attributes["compliance"], 6);
    }

    [Fact]
    public async Task Hexagon_tile_counts_merchants_and_QR_merchants_per_cell()
    {
        var layer = VectorTile.Decode(await _http.GetByteArrayAsync(Url("hexagons", VungTau))).Layers.Single();

        Assert.Equal(2L, layer.Features.Sum(f => (long)f.Attributes["merchants"]));
        Assert.Equal(1L, layer.Features.Sum(f => (long)f.Attributes["merchants_with_qr"]));
    }

    [Fact]
    public async Task Merchant_cluster_tile_counts_merchants_per_grid_cell()
    {
        var close = VectorTile.Decode(await _http.GetByteArrayAsync(Url("merchant-clusters", VungTau))).Layers.Single();
        // Zoomed out to the province, the two merchants 35 m apart fall in one cell (about 10 km wide).
        var far = VectorTile.Decode(await _http.GetByteArrayAsync(Url("merchant-clusters", TileOf(8, Lon, Lat)))).Layers.Single();

        Assert.Equal(2L, close.Features.Sum(f => (long)f.Attributes["merchants"]));
        Assert.Equal(1L, close.Features.Sum(f => (long)f.Attributes["with_qr"]));
        var cluster = Assert.Single(far.Features);
        Assert.Equal(2L, cluster.Attributes["merchants"]);
        Assert.Equal(1L, cluster.Attributes["with_qr"]);
    }

    [Fact]
    public async Task Tile_with_no_features_is_204_with_no_body()
    {
        // Open sea south-east of Côn Đảo.
        using var response = await _http.GetAsync(Url("merchants", TileOf(14, 108.5, 7.5)));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Same_data_version_answers_304_to_If_None_Match()
    {
        using var first = await _http.GetAsync(Url("merchants", VungTau));
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var request = new HttpRequestMessage(HttpMethod.Get, Url("merchants", VungTau));
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ETag_changes_after_the_data_version_is_bumped_and_old_ETag_gets_the_new_tile()
    {
        using var before = await _http.GetAsync(Url("merchants", VungTau));
        await using (var connection = await hub.DataSource.OpenConnectionAsync())
            await DataVersion.BumpAsync(connection, null);

        using var request = new HttpRequestMessage(HttpMethod.Get, Url("merchants", VungTau));
        request.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        using var after = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
    }

    [Fact]
    public async Task URL_pinned_to_the_current_version_is_cacheable_and_unpinned_one_must_revalidate()
    {
        var version = await _http.GetFromJsonAsync<VersionBody>("/tiles/version.json");

        using var pinned = await _http.GetAsync(Url("merchants", VungTau) + $"?v={version!.Version}");
        using var unpinned = await _http.GetAsync(Url("merchants", VungTau));

        Assert.Equal(TimeSpan.FromDays(1), pinned.Headers.CacheControl?.MaxAge);
        Assert.True(unpinned.Headers.CacheControl?.NoCache);
    }

    [Theory]
    [InlineData("merchants/23/0/0")]
    [InlineData("merchants/2/4/0")]
    [InlineData("merchants/2/0/4")]
    [InlineData("merchants/2/-1/0")]
    [InlineData("merchants/a/0/0")]
    public async Task Tile_address_outside_the_grid_is_400_with_the_reason(string address)
    {
        using var response = await _http.GetAsync($"/tiles/{address}.mvt");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("must be", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_layer_is_404_naming_the_layers()
    {
        using var response = await _http.GetAsync("/tiles/parks/0/0/0.mvt");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("merchants", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Merchant_tile_query_filters_with_the_spatial_index()
    {
        await using var connection = await hub.DataSource.OpenConnectionAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection)) await off.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN " + TileLayers.Queries["merchants"], connection);
        explain.Parameters.AddWithValue("z", VungTau.Z);
        explain.Parameters.AddWithValue("x", VungTau.X);
        explain.Parameters.AddWithValue("y", VungTau.Y);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));

        Assert.Contains(plan, line => line.Contains("ix_merchants_location", StringComparison.Ordinal));
    }

    private sealed record VersionBody(long Version, DateTimeOffset ChangedAt);

    private static string Url(string layer, (int Z, int X, int Y) t) => $"/tiles/{layer}/{t.Z}/{t.X}/{t.Y}.mvt";

    private static (int Z, int X, int Y) TileOf(int z, double lon, double lat)
    {
        var n = 1 << z;
        var x = (int)Math.Floor((lon + 180) / 360 * n);
        var rad = lat * Math.PI / 180;
        var y = (int)Math.Floor((1 - Math.Log(Math.Tan(rad) + 1 / Math.Cos(rad)) / Math.PI) / 2 * n);
        return (z, x, y);
    }

    private async Task SeedAsync()
    {
        // One ward around Bãi Trước, two merchants and a Wi-Fi point in it, a street past both merchants,
        // and one merchant in Hà Nội that must stay out of the Vũng Tàu tile.
        await using var cmd = hub.DataSource.CreateCommand("""
            INSERT INTO wards (id, code, name, kind, geometry, label_point, valid_from, is_synthetic, updated_at)
            VALUES (1, '26506', 'Phường 1', 'Phuong',
                    ST_Multi(ST_MakeEnvelope(107.080, 10.342, 107.089, 10.350, 4326)),
                    ST_SetSRID(ST_MakePoint(107.0845, 10.346), 4326), '2000-01-01', true, now()),
                   (2, '00001', 'Phường Hàng Bạc', 'Phuong',
                    ST_Multi(ST_MakeEnvelope(105.850, 21.030, 105.856, 21.036, 4326)),
                    ST_SetSRID(ST_MakePoint(105.853, 21.033), 4326), '2000-01-01', true, now());
            INSERT INTO merchants (name, category, location, ward_id, accepts_qr, has_transactions, has_e_invoice, is_synthetic, updated_at)
            VALUES ('Cà phê Bãi Trước', 'Restaurant', ST_SetSRID(ST_MakePoint(107.0845, 10.3460), 4326), 1, true, false, false, true, now()),
                   ('Tạp hóa Hạ Long', 'GeneralStore', ST_SetSRID(ST_MakePoint(107.0848, 10.3461), 4326), 1, false, false, false, true, now()),
                   ('Phở Hàng Bạc', 'Restaurant', ST_SetSRID(ST_MakePoint(105.853, 21.033), 4326), 2, true, true, false, true, now());
            INSERT INTO wifi_points (name, venue_type, location, radius_meters, status, ward_id, is_synthetic, updated_at)
            VALUES ('Wi-Fi Bãi Trước', 'Beach', ST_SetSRID(ST_MakePoint(107.0842, 10.3458), 4326), 150, 'Active', 1, true, now());
            INSERT INTO model_streets (name, ward_id, geometry, designated_on, is_synthetic, updated_at)
            VALUES ('Đường Quang Trung', 1,
                    ST_Multi(ST_SetSRID(ST_MakeLine(ST_MakePoint(107.0840, 10.3460), ST_MakePoint(107.0850, 10.3461)), 4326)),
                    '2022-01-01', true, now());
            """);
        await cmd.ExecuteNonQueryAsync();
    }
}
