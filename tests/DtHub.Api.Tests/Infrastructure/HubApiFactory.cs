using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DtHub.Api.Tests.Infrastructure;

/// <summary>
/// The real API on Kestrel (a real socket on 127.0.0.1, a free port) pointed at the test database.
/// Tests use <c>hub.Api</c> (shared by the run); a test that needs other settings creates its own and disposes it.
/// </summary>
public sealed class HubApiFactory : WebApplicationFactory<Program>
{
    private readonly string _connectionString;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;
    private Uri? _baseAddress;

    /// <param name="connectionString">The test database (<see cref="HubDatabase.ConnectionString"/>).</param>
    /// <param name="settings">Configuration overrides, e.g. <c>["GraphQL:Transport:MaxAliases"] = "2"</c>.</param>
    /// <param name="configureServices">Service overrides, applied after the app's own registrations.</param>
    public HubApiFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        _connectionString = connectionString;
        _settings = settings ?? new Dictionary<string, string?>();
        _configureServices = configureServices;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234/</c>; starts it on first use.</summary>
    public Uri BaseAddress
    {
        get
        {
            if (_baseAddress is null)
            {
                StartServer();
                var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                _baseAddress = new Uri(address.TrimEnd('/') + "/");
            }
            return _baseAddress;
        }
    }

    /// <summary>A plain HttpClient talking to the real socket (no in-memory handler).</summary>
    public new HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <summary>POSTs a GraphQL request to <c>/graphql</c> and returns the parsed response body, whatever its status.</summary>
    public async Task<JsonDocument> PostGraphQLAsync(string query, object? variables = null, string? operationName = null)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("graphql", new { query, variables, operationName });
        var body = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"/graphql answered {(int)response.StatusCode} with a body that is not JSON: {body}", e);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // DTHUB_DB wins over every other source of the connection string (see DataModule).
        builder.UseSetting("DTHUB_DB", _connectionString);
        builder.UseSetting("ConnectionStrings:Hub", _connectionString);
        // No scheduled aggregate refreshes during tests unless a test asks (they would bump the data version).
        builder.UseSetting("Jobs:RunScheduler", "false");
        // The whole suite talks to one host from 127.0.0.1; only the rate-limit tests ask for a real limit.
        builder.UseSetting("RateLimit:PerIpPermits", "1000000");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_configureServices is not null) builder.ConfigureServices(_configureServices);
    }
}
