using System.Diagnostics.CodeAnalysis;
using System.IO.Compression;
using System.Net;
using System.Text;
using DtHub.Api.Features.WebClient;
using DtHub.Api.Tests.Infrastructure;

namespace DtHub.Api.Tests.Features.WebClient;

[Collection(DatabaseCollection.Name)]
[SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes the host through IAsyncLifetime.")]
public sealed class WebClientTests(HubDatabase hub) : IAsyncLifetime
{
    private readonly string _dist = Directory.CreateTempSubdirectory("dthub-dist-").FullName;
    private HubApiFactory _host = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_dist, "index.html"), "<!doctype html><title>DtHub map</title>");
        Directory.CreateDirectory(Path.Combine(_dist, "assets"));
        File.WriteAllText(Path.Combine(_dist, "assets", "index-Ab12Cd.js"), "console.log('map')");
        // What the build's precompress step writes next to an asset (here a brotli stream of the same text).
        File.WriteAllBytes(Path.Combine(_dist, "assets", "index-Ab12Cd.js.br"), Brotli("console.log('map')"));
        _host = new HubApiFactory(hub.ConnectionString, new Dictionary<string, string?> { ["WebClient:DistPath"] = _dist });
        _http = _host.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
        Directory.Delete(_dist, recursive: true);
    }

    [Fact]
    public async Task Root_serves_index_html_that_browsers_must_revalidate()
    {
        using var response = await _http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("DtHub map", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl?.NoCache);
    }

    [Fact]
    public async Task Config_json_gives_the_map_its_city_and_view_from_the_settings()
    {
        await using var host = new HubApiFactory(hub.ConnectionString, new Dictionary<string, string?>
        {
            ["WebClient:DistPath"] = _dist,
            ["WebClient:Map:CityNameVi"] = "TP. Huế",
            ["WebClient:Map:CityNameEn"] = "Huế",
            ["WebClient:Map:Longitude"] = "107.58",
            ["WebClient:Map:Latitude"] = "16.46",
            ["WebClient:Map:Zoom"] = "12",
        });
        using var http = host.CreateClient();

        using var response = await http.GetAsync("/config.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoCache);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("TP. Huế", json.RootElement.GetProperty("cityName").GetProperty("vi").GetString());
        Assert.Equal("Huế", json.RootElement.GetProperty("cityName").GetProperty("en").GetString());
        Assert.Equal([107.58, 16.46], json.RootElement.GetProperty("center").EnumerateArray().Select(c => c.GetDouble()));
        Assert.Equal(12, json.RootElement.GetProperty("zoom").GetDouble());
    }

    [Fact]
    public async Task A_map_centre_off_the_globe_stops_the_start()
    {
        await using var host = new HubApiFactory(hub.ConnectionString, new Dictionary<string, string?>
        {
            ["WebClient:DistPath"] = _dist,
            ["WebClient:Map:Longitude"] = "10.39",
            ["WebClient:Map:Latitude"] = "107.1",
        });

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());
        Assert.Contains("WebClient:Map:Latitude", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hashed_assets_are_cached_for_a_year()
    {
        using var response = await _http.GetAsync("/assets/index-Ab12Cd.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Client_side_routes_fall_back_to_index_html()
    {
        using var response = await _http.GetAsync("/wards/phuong-7");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("DtHub map", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl?.NoCache);
    }

    [Theory]
    [InlineData("/tiles/unknown")]
    [InlineData("/graphql/nothing-here")]
    [InlineData("/assets/missing-123.js")]
    [InlineData("/favicon-missing.png")]
    public async Task API_paths_and_missing_files_are_404_not_the_app(string path)
    {
        using var response = await _http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("DtHub map", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Asset_goes_out_precompressed_to_a_browser_that_accepts_brotli()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/assets/index-Ab12Cd.js");
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString());
        Assert.Equal("console.log('map')", Unbrotli(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Asset_goes_out_plain_to_a_client_that_accepts_no_encoding()
    {
        using var response = await _http.GetAsync("/assets/index-Ab12Cd.js");

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal("console.log('map')", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GraphQL_answers_are_compressed_for_a_client_that_accepts_gzip()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ __schema { queryType { name } } }"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await _http.SendAsync(request);

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        Assert.Contains("\"Query\"", await reader.ReadToEndAsync());
    }

    private static byte[] Brotli(string text)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Optimal)) brotli.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }

    private static string Unbrotli(byte[] bytes)
    {
        using var brotli = new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new StreamReader(brotli);
        return reader.ReadToEnd();
    }

    [Fact]
    public void Dist_is_found_by_searching_upward_for_web_dist()
    {
        var repo = Directory.CreateTempSubdirectory("dthub-repo-").FullName;
        try
        {
            var dist = Directory.CreateDirectory(Path.Combine(repo, "web", "dist")).FullName;
            File.WriteAllText(Path.Combine(dist, "index.html"), "<!doctype html>");
            var contentRoot = Directory.CreateDirectory(Path.Combine(repo, "api", "DtHub.Api", "bin")).FullName;

            Assert.Equal(dist, WebClientModule.FindDist(null, contentRoot));
            Assert.Null(WebClientModule.FindDist(null, Path.GetTempPath()));
        }
        finally
        {
            Directory.Delete(repo, recursive: true);
        }
    }
}
