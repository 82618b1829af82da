using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DtHub.Api.Tests.Features.Tiles;

/// <summary>The hub on a real Kestrel port, pointed at the test database.</summary>
/// <remarks>Private stand-in until the shared HubApiFactory lands on main.</remarks>
internal sealed class TileHost : WebApplicationFactory<Program>
{
    private readonly string _connectionString;
    private readonly (string Key, string Value)[] _settings;

    public TileHost(string connectionString, params (string Key, string Value)[] settings)
    {
        _connectionString = connectionString;
        _settings = settings;
        // UseKestrel(0) races with minimal hosting ("Addresses cannot be modified after the server has started");
        // binding port 0 through the urls setting does not.
        UseKestrel();
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("DTHUB_DB", _connectionString).UseSetting("urls", "http://127.0.0.1:0").UseEnvironment("Development");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }
}
