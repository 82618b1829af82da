namespace DtHub.Api.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster started from the installed Debian binaries, for machines without Docker.
/// initdb refuses to run as root, so as root the server runs as the <c>postgres</c> user.
/// </summary>
internal sealed class LocalPostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dataDir;
    private readonly bool _asPostgresUser;

    public int Port { get; }
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Database=postgres;Username=dthub;Pooling=true;Include Error Detail=true";

    private LocalPostgresCluster(string bin, string dataDir, int port, bool asPostgresUser)
    {
        _bin = bin;
        _dataDir = dataDir;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    public static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => b, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;

    public static async Task<LocalPostgresCluster> StartAsync()
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "No PostgreSQL server binaries under /usr/lib/postgresql: install postgresql-15-postgis-3, set DTHUB_TEST_DB, or run a Docker engine.");
        var asPostgresUser = Environment.UserName == "root";
        var dataDir = Path.Combine(Path.GetTempPath(), $"dthub-test-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        if (asPostgresUser) await ServerTools.RunAsync("chown", ["postgres:postgres", dataDir], asUser: null);

        var cluster = new LocalPostgresCluster(bin, dataDir, ServerTools.FreePort(), asPostgresUser);
        await cluster.RunServerToolAsync("initdb", ["-D", dataDir, "-A", "trust", "-U", "dthub", "-E", "UTF8", "--no-sync"]);
        await cluster.RunServerToolAsync("pg_ctl", ["-D", dataDir, "-w", "-l", Path.Combine(dataDir, "server.log"), "-o",
            $"-p {cluster.Port} -k {dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            "start"]);
        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        try { await RunServerToolAsync("pg_ctl", ["-D", _dataDir, "-m", "immediate", "-w", "stop"]); }
        finally { Directory.Delete(_dataDir, recursive: true); }
    }

    private Task RunServerToolAsync(string tool, string[] args) =>
        ServerTools.RunAsync(Path.Combine(_bin, tool), args, _asPostgresUser ? "postgres" : null);
}
