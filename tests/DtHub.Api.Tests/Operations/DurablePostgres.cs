using System.Diagnostics;
using System.Globalization;
using DtHub.Api.Tests.Infrastructure;
using Npgsql;

namespace DtHub.Api.Tests.Operations;

/// <summary>
/// A throwaway PostgreSQL cluster this test run owns and may stop, restart and kill — unlike the shared test cluster.
/// It runs with the durable defaults (fsync on, synchronous_commit on, full_page_writes on), so it loses
/// nothing a commit acknowledged. <see cref="StartReplicaAsync"/> makes a streaming standby of it.
/// </summary>
internal sealed class DurablePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private readonly bool _asPostgresUser;

    public int Port { get; }
    public string DataDir { get; }
    public bool IsStandby { get; }

    private DurablePostgres(string bin, string root, string dataDir, int port, bool asPostgresUser, bool isStandby)
    {
        _bin = bin;
        _root = root;
        DataDir = dataDir;
        Port = port;
        _asPostgresUser = asPostgresUser;
        IsStandby = isStandby;
    }

    /// <summary>Connection string to <paramref name="database"/>; short timeouts so an outage shows within a second.</summary>
    public string ConnectionString(string database = "postgres", string application = "dthub") =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=dthub;Timeout=3;Application Name={application};Include Error Detail=true";

    public static async Task<DurablePostgres> StartAsync()
    {
        var bin = LocalPostgresClusterBinaries();
        var asPostgresUser = Environment.UserName == "root";
        var root = Path.Combine(Path.GetTempPath(), $"dthub-ops-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        if (asPostgresUser) await ServerTools.RunAsync("chown", ["postgres:postgres", root], null);
        var cluster = new DurablePostgres(bin, root, Path.Combine(root, "primary"), ServerTools.FreePort(), asPostgresUser, isStandby: false);
        // --no-sync only skips initdb's own flush of the fresh files; the server below runs with fsync on.
        await cluster.ToolAsync("initdb", ["-D", cluster.DataDir, "-A", "trust", "-U", "dthub", "-E", "UTF8", "--no-sync"]);
        await cluster.StartServerAsync();
        return cluster;
    }

    /// <summary>A hot standby streaming from this primary: <c>pg_basebackup -R</c>, then started on its own port.</summary>
    public async Task<DurablePostgres> StartReplicaAsync()
    {
        var replica = new DurablePostgres(_bin, _root, Path.Combine(_root, $"replica-{Guid.NewGuid():N}"), ServerTools.FreePort(), _asPostgresUser, isStandby: true);
        await ToolAsync("pg_basebackup", ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "dthub",
            "-D", replica.DataDir, "-R", "-X", "stream", "-c", "fast", "--no-sync"]);
        await replica.StartServerAsync();
        return replica;
    }

    public async Task StartServerAsync()
    {
        var log = Path.Combine(_root, $"{Path.GetFileName(DataDir)}.log");
        try
        {
            await ToolAsync("pg_ctl", ["-D", DataDir, "-w", "-t", "60", "-l", log, "-o",
                $"-p {Port} -k {DataDir} -c listen_addresses=127.0.0.1 -c max_connections=100 -c fsync=on -c synchronous_commit=on -c full_page_writes=on",
                "start"]);
        }
        catch (InvalidOperationException e) when (File.Exists(log))
        {
            throw new InvalidOperationException($"{e.Message}\nserver log:\n{string.Join('\n', File.ReadLines(log).TakeLast(15))}", e);
        }
    }

    /// <summary><c>pg_ctl stop -m fast</c>: sessions are ended (57P01), the server checkpoints and exits.</summary>
    public Task StopFastAsync() => ToolAsync("pg_ctl", ["-D", DataDir, "-m", "fast", "-w", "stop"]);

    /// <summary>
    /// SIGKILL to the postmaster and then to each of its server processes: nothing is flushed or shut down, the way
    /// the server dies with its machine (the next start replays the WAL). Returns once no process of the server is left.
    /// </summary>
    public async Task KillAsync()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(DataDir, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        var children = ChildrenOf(postmaster);
        Process.GetProcessById(postmaster).Kill();
        foreach (var child in children)
        {
            try { Process.GetProcessById(child).Kill(); }
            catch (ArgumentException) { } // already gone
        }
        var deadline = Stopwatch.StartNew();
        while (children.Append(postmaster).Any(IsRunning))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(10)) throw new TimeoutException("PostgreSQL processes survived SIGKILL for 10 s.");
            await Task.Delay(20);
        }
        // The next postmaster refuses to start while the old PID exists, even as a zombie; wait for it to be reaped.
        while (Directory.Exists($"/proc/{postmaster}") && deadline.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(20);
        if (Directory.Exists($"/proc/{postmaster}")) File.Delete(Path.Combine(DataDir, "postmaster.pid")); // dead but never reaped
    }

    public async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try { await ToolAsync("pg_ctl", ["-D", DataDir, "-m", "immediate", "-w", "stop"]); }
        catch (InvalidOperationException) { } // already stopped
        if (!IsStandby) Directory.Delete(_root, recursive: true);
    }

    private static List<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent) children.Add(pid);
            }
            catch (IOException) { } // exited meanwhile
        }
        return children;
    }

    private static bool IsRunning(int pid)
    {
        try { return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal); }
        catch (IOException) { return false; } // gone (DirectoryNotFound and FileNotFound are IOExceptions)
    }

    private static string LocalPostgresClusterBinaries() => LocalPostgresCluster.FindBinaries()
        ?? throw new InvalidOperationException("No PostgreSQL server binaries under /usr/lib/postgresql: install postgresql-15-postgis-3.");

    private Task ToolAsync(string tool, string[] args) => ServerTools.RunAsync(Path.Combine(_bin, tool), args, _asPostgresUser ? "postgres" : null);
}
