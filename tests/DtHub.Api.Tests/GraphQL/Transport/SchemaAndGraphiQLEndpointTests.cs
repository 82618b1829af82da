using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DtHub.Api.Tests.Infrastructure;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace DtHub.Api.Tests.GraphQL.Transport;

/// <summary>The SDL at /graphql/schema.graphql and the GraphiQL IDE at /graphql/ui, through real HTTP (and a real browser).</summary>
[Collection(DatabaseCollection.Name)]
public sealed partial class SchemaAndGraphiQLEndpointTests(HubDatabase hub) : IDisposable
{
    private readonly HttpClient _client = hub.Api.CreateClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Sdl_is_the_printed_schema_as_utf8_text()
    {
        var schema = hub.Api.Services.GetRequiredService<ISchema>();
        using var response = await _client.GetAsync("graphql/schema.graphql");
        var sdl = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Contains("type Query {", sdl);
        Assert.Equal(schema.Print(), sdl);
    }

    [Fact]
    public async Task GraphiQL_is_served_from_the_configured_folder_with_cache_headers()
    {
        var folder = Directory.CreateTempSubdirectory("dthub-graphiql-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "assets"));
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "index.html"), "<!doctype html><title>GraphiQL test</title>");
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "assets", "app-1234.js"), "console.log(1)");
            await using var api = new HubApiFactory(hub.ConnectionString, new Dictionary<string, string?> { ["GraphQL:Transport:GraphiQLPath"] = folder.FullName });
            using var client = api.CreateClient();

            foreach (var page in new[] { "graphql/ui", "graphql/ui/" })
            {
                using var response = await client.GetAsync(page);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                Assert.Contains("GraphiQL test", await response.Content.ReadAsStringAsync());
                Assert.True(response.Headers.CacheControl?.NoCache);
            }

            using var asset = await client.GetAsync("graphql/ui/assets/app-1234.js");
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            Assert.Equal("text/javascript", asset.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromDays(365), asset.Headers.CacheControl?.MaxAge);
            Assert.Contains("immutable", asset.Headers.CacheControl?.ToString());

            using var missing = await client.GetAsync("graphql/ui/assets/nothing.js");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            using var escape = await client.GetAsync("graphql/ui/..%2F..%2Fetc%2Fpasswd");
            Assert.Equal(HttpStatusCode.NotFound, escape.StatusCode);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task GraphiQL_not_built_is_503_telling_how_to_build_it()
    {
        await using var api = new HubApiFactory(hub.ConnectionString,
            new Dictionary<string, string?> { ["GraphQL:Transport:GraphiQLPath"] = Path.Combine(Path.GetTempPath(), "dthub-no-graphiql-here") });
        using var client = api.CreateClient();

        using var response = await client.GetAsync("graphql/ui");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("npm ci && npm run build", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Built_GraphiQL_runs_a_query_against_graphql_in_a_real_browser()
    {
        var graphiql = NodeProject.At("web/graphiql");
        await graphiql.EnsureInstalledAsync();
        if (!File.Exists(Path.Combine(graphiql.Directory, "dist", "index.html")))
        {
            var build = await graphiql.RunAsync("npm", ["run", "build"], TimeSpan.FromMinutes(5));
            Assert.True(build.ExitCode == 0, $"GraphiQL build failed:\n{build.Output}\n{build.Errors}");
        }
        Assert.True(File.Exists("/usr/bin/chromium") || Environment.GetEnvironmentVariable("CHROMIUM") is not null,
            "Chromium is needed for the browser test: apt-get install -y chromium (or set CHROMIUM).");

        // The page references its hashed assets under the base path, and each is served.
        var html = await _client.GetStringAsync("graphql/ui");
        var assets = AssetReference().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(assets);
        foreach (var asset in assets) Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(asset.TrimStart('/'))).StatusCode);

        var screenshot = Path.Combine(Path.GetTempPath(), "dthub-graphiql.png");
        var run = await graphiql.RunAsync("node", ["e2e/smoke.mjs", new Uri(hub.Api.BaseAddress, "graphql/ui").ToString(), screenshot], TimeSpan.FromMinutes(4));
        Assert.True(run.ExitCode == 0, $"GraphiQL smoke run failed:\n{run.Output}\n{run.Errors}");
        using var report = JsonDocument.Parse(run.Output);
        Assert.StartsWith("{\"data\":{\"wards\":{\"totalCount\":", report.RootElement.GetProperty("result").GetString());
        Assert.Empty(report.RootElement.GetProperty("failedRequests").EnumerateArray());
        Assert.Empty(report.RootElement.GetProperty("pageErrors").EnumerateArray());
    }

    [GeneratedRegex("(?:src|href)=\"(/graphql/ui/assets/[^\"]+)\"")]
    private static partial Regex AssetReference();
}
