using System.Net.Sockets;
using Testcontainers.PostgreSql;

namespace DtHub.Api.Tests.Infrastructure;

/// <summary>
/// Where the tests get a real PostGIS, in order: <c>DTHUB_TEST_DB</c>; a Testcontainers postgis container when a
/// Docker engine answers; a throwaway cluster from the installed PostgreSQL binaries.
/// </summary>
internal static class PostGisServer
{
    public static async Task<(string ConnectionString, IAsyncDisposable? Owner)> AcquireAsync()
    {
        var configured = Environment.GetEnvironmentVariable("DTHUB_TEST_DB");
        if (!string.IsNullOrWhiteSpace(configured)) return (configured, null);

        if (await DockerEngineAnswersAsync())
        {
            var container = new PostgreSqlBuilder("postgis/postgis:15-3.3")
                .WithUsername("dthub").WithPassword("dthub").WithDatabase("postgres")
                .Build();
            await container.StartAsync();
            return (container.GetConnectionString(), container);
        }

        var cluster = await LocalPostgresCluster.StartAsync();
        return (cluster.ConnectionString, cluster);
    }

    private static async Task<bool> DockerEngineAnswersAsync()
    {
        const string socket = "/var/run/docker.sock";
        if (!File.Exists(socket) && Environment.GetEnvironmentVariable("DOCKER_HOST") is null) return false;
        try
        {
            using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(new UnixDomainSocketEndPoint(socket), timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
