using System.Diagnostics;
using System.Text.Json;
using DtHub.Api.Tests.Features.Auth;
using DtHub.Api.Tests.Infrastructure;

namespace DtHub.Api.Tests.Features.Ogc;

/// <summary>OGC API – Features over real HTTP, and read by a real GIS client: GDAL's OAPIF driver (what QGIS uses).</summary>
[Collection(DatabaseCollection.Name)]
public sealed class OgcFeaturesTests(HubDatabase hub) : IAsyncLifetime
{
    private AccessWorld _world = null!;

    public async Task InitializeAsync() => _world = await AccessWorld.SeedAsync(hub);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(int Status, string? Type, JsonElement Body)> GetAsync(string path)
    {
        using var client = hub.Api.CreateClient();
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<long> CountAsync(string table)
    {
        await using var command = hub.DataSource.CreateCommand($"SELECT count(*) FROM {table}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Theory]
    [InlineData("wards", "wards")]
    [InlineData("neighborhoods", "neighborhoods")]
    [InlineData("merchants", "merchants")]
    [InlineData("wifi-points", "wifi_points")]
    [InlineData("model-streets", "model_streets")]
    public async Task Gdal_reads_every_feature_of_the_collection_page_by_page(string collection, string table)
    {
        var output = Path.Combine(Path.GetTempPath(), $"dthub-ogc-{collection}-{Guid.NewGuid():N}.geojson");
        try
        {
            var start = new ProcessStartInfo("ogr2ogr", ["-f", "GeoJSON", output, $"OAPIF:{hub.Api.BaseAddress}ogc", collection, "-oo", "PAGE_SIZE=2"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using var gdal = Process.Start(start) ?? throw new InvalidOperationException("ogr2ogr (gdal-bin) is needed: apt-get install -y gdal-bin");
            var errors = await gdal.StandardError.ReadToEndAsync();
            await gdal.WaitForExitAsync();
            Assert.True(gdal.ExitCode == 0, $"ogr2ogr failed: {errors}");

            var features = JsonDocument.Parse(await File.ReadAllTextAsync(output)).RootElement.GetProperty("features");
            Assert.Equal(await CountAsync(table), features.GetArrayLength());
            Assert.All(features.EnumerateArray(), f => Assert.NotEqual(JsonValueKind.Null, f.GetProperty("geometry").ValueKind));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task Items_page_has_number_matched_and_an_absolute_next_link()
    {
        var (status, type, body) = await GetAsync("ogc/collections/merchants/items?limit=2");
        Assert.Equal((200, "application/geo+json"), (status, type));
        Assert.Equal("FeatureCollection", body.GetProperty("type").GetString());
        Assert.Equal(5, body.GetProperty("numberMatched").GetInt32());
        Assert.Equal(2, body.GetProperty("numberReturned").GetInt32());
        var next = body.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("rel").GetString() == "next").GetProperty("href").GetString()!;
        Assert.StartsWith(hub.Api.BaseAddress.ToString(), next, StringComparison.Ordinal);
        Assert.Contains("offset=2", next, StringComparison.Ordinal);
        var feature = body.GetProperty("features")[0];
        Assert.Equal("Point", feature.GetProperty("geometry").GetProperty("type").GetString());
        Assert.False(feature.GetProperty("properties").TryGetProperty("location", out _));
    }

    [Fact]
    public async Task Bbox_keeps_the_features_inside_it()
    {
        // The west ward spans 107.00–107.01; the fixture puts three merchants there.
        var (_, _, body) = await GetAsync("ogc/collections/merchants/items?bbox=107.0,10.30,107.0099,10.31");
        Assert.Equal(3, body.GetProperty("numberMatched").GetInt32());
    }

    [Fact]
    public async Task Datetime_interval_filters_on_the_last_change()
    {
        var (_, _, old) = await GetAsync("ogc/collections/merchants/items?datetime=../2024-06-01T00:00:00Z");
        Assert.Equal(5, old.GetProperty("numberMatched").GetInt32()); // the fixture's merchants date from 2024-01-01
        var (_, _, recent) = await GetAsync("ogc/collections/merchants/items?datetime=2024-06-01T00:00:00Z/..");
        Assert.Equal(0, recent.GetProperty("numberMatched").GetInt32());
        var (status, _, _) = await GetAsync("ogc/collections/merchants/items?datetime=yesterday");
        Assert.Equal(400, status);
    }

    [Fact]
    public async Task One_feature_by_id_and_a_missing_one_is_404()
    {
        var (status, type, body) = await GetAsync("ogc/collections/wifi-points/items/1");
        Assert.Equal((200, "application/geo+json"), (status, type));
        Assert.Equal("Feature", body.GetProperty("type").GetString());
        Assert.Equal(404, (await GetAsync("ogc/collections/wifi-points/items/999999")).Status);
        Assert.Equal(404, (await GetAsync("ogc/collections/nowhere/items")).Status);
    }

    [Fact]
    public async Task Landing_conformance_and_collections_describe_the_service()
    {
        var (_, _, landing) = await GetAsync("ogc");
        Assert.Contains(landing.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "data");
        var (_, _, conformance) = await GetAsync("ogc/conformance");
        Assert.Contains(conformance.GetProperty("conformsTo").EnumerateArray(), c => c.GetString()!.EndsWith("/conf/geojson", StringComparison.Ordinal));
        var (_, _, collections) = await GetAsync("ogc/collections");
        Assert.Equal(["wards", "neighborhoods", "merchants", "wifi-points", "model-streets"],
            collections.GetProperty("collections").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToArray());
    }

    [Fact]
    public async Task Api_key_sees_only_the_collections_its_scopes_name()
    {
        var created = await hub.Api.ExecuteAsAdminAsync(
            "mutation { createApiKey(input: { name: \"GIS\", scopes: [\"read:Ward\"] }) { secret } }");
        var key = created.GetProperty("data").GetProperty("createApiKey").GetProperty("secret").GetString()!;
        using var client = hub.Api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(200, (int)(await client.GetAsync("ogc/collections/wards/items")).StatusCode);
        Assert.Equal(403, (int)(await client.GetAsync("ogc/collections/merchants/items")).StatusCode);
        var list = JsonDocument.Parse(await client.GetStringAsync("ogc/collections")).RootElement;
        Assert.Equal(["wards"], list.GetProperty("collections").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToArray());
    }

    [Fact]
    public async Task Without_anonymous_reads_the_features_need_credentials()
    {
        await using var api = new HubApiFactory(hub.ConnectionString, new Dictionary<string, string?> { ["Auth:AllowAnonymousReads"] = "false" });
        using var client = api.CreateClient();
        Assert.Equal(401, (int)(await client.GetAsync("ogc/collections/merchants/items")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new("Bearer", AccessTokens.For(api, "leader"));
        Assert.Equal(200, (int)(await client.GetAsync("ogc/collections/merchants/items")).StatusCode);
    }
}
