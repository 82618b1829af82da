using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DtHub.Api.Tests.Features.Tiles;

/// <summary>The hub on a real Kestrel port, pointed at the test database.</summary>
/// <remarks>Private stand-in until the shared HubApiFactory lands on main.</remarks>
internal sealed class TileHost : WebApplicationFactory<Program>
{
    private readonly string _connectionString;

    public TileHost(string connectionString)
    {
        _connectionString = connectionString;
        UseKestrel(0);
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseSetting("DTHUB_DB", _connectionString).UseEnvironment("Development");
}
