using System.Diagnostics;
using System.Globalization;
using DtHub.Api.Data;
using Npgsql;

namespace DtHub.Bench.Running;

/// <summary>
/// Runs every scenario against the floor, DtHub and PostGraphile in one process and one sitting, then the
/// ward-detail throughput under fixed-concurrency load with the API's memory sampled, and rewrites the reports.
/// </summary>
public static class BenchRunner
{
    public static async Task<int> RunAsync(BenchArguments options)
    {
        if (options.Get("abuse") is not null) return await AbuseLoad.RunAsync(options);
        var quick = options.Quick;
        var scale = options.Scale;
        // A variant (e.g. "proposals 0001–0002 applied") is reported as its own scale label beside the plain run.
        var label = options.Get("variant") is { Length: > 0 } variant ? $"{scale.Name} ({variant})" : scale.Name;
        var dthubUrl = options.Get("dthub") ?? throw new ArgumentException("--dthub <graphql url> is required");
        var peerUrl = options.Get("postgraphile");
        int? apiPid = options.Get("api-pid") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : null;
        var docs = options.Get("out") ?? "docs";

        // Every engine gets a pool of the same size; the floor reads through the API's own data source setup.
        await using var db = DataModule.CreateDataSource(options.Database);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var at = await BenchContext.LoadAsync(db);
        var dthub = new GraphQLClient(http, dthubUrl);
        var peer = peerUrl is null ? null : new GraphQLClient(http, peerUrl);
        var scenarios = new Scenarios(db, dthub, peer, http, at, quick);
        var machine = await MachineInfo.DescribeAsync(db);
        Console.WriteLine($"bench {label}: ward {at.WardCode}, centre {at.Lon},{at.Lat}; {machine.Summary}");

        if (await scenarios.CheckAgreementAsync() is { } disagreement)
            throw new InvalidOperationException($"engines disagree, refusing to compare: {disagreement}");

        var budget = quick ? TimeSpan.FromSeconds(8) : TimeSpan.FromSeconds(30);
        var load = new Throughput(connections: 16, duration: TimeSpan.FromSeconds(quick ? 4 : 10), apiPid);
        var results = new List<ScenarioResult>();
        // --only a,b: a subset of scenarios, for working on one of them (the report then holds only those).
        var only = options.Get("only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var selected = scenarios.All().Where(s => only is null || only.Contains(s.Name)).ToList();
        await WarmUpAsync(selected);
        foreach (var scenario in selected)
        {
            if (scenario.PendingReason is { } reason)
            {
                Console.WriteLine($"  {scenario.Name,-24} pending: {reason}");
                results.Add(new(scenario.Name, label, scenario.Description, null, null, null, null, null, null, "pending", reason));
                continue;
            }
            var warmup = scenario.Runs >= 50 ? 10 : 2;
            // Interleave nothing: each engine is measured in a block after its own warm-up, floor first.
            var notes = new List<string>();
            var floor = await MeasureOrNoteAsync("SQL floor", scenario.Floor, warmup, scenario.Runs, budget, notes);
            var hub = await MeasureOrNoteAsync("DtHub", scenario.DtHub, warmup, scenario.Runs, budget, notes);
            var peerTiming = await MeasureOrNoteAsync("PostGraphile", scenario.PostGraphile, warmup, scenario.Runs, budget, notes);
            var note = notes.Count == 0 ? null : string.Join("; ", notes);

            double? hubRps = null, peerRps = null, floorRps = null;
            if (scenario.ThroughputBody is not null && hub is not null && (scenario.Name == "ward-detail" || !quick))
            {
                hubRps = await load.HttpAsync(dthubUrl, scenario.ThroughputBody, sampleApi: true);
                if (peerUrl is not null && scenario.PostGraphileThroughputBody is not null && peerTiming is not null)
                    peerRps = await load.HttpAsync(peerUrl, scenario.PostGraphileThroughputBody, sampleApi: false);
                if (scenario.Floor is not null && floor is not null) floorRps = await load.InProcessAsync(scenario.Floor);
            }
            var result = new ScenarioResult(scenario.Name, label, scenario.Description, floor, hub, peerTiming, hubRps, peerRps, floorRps, "measured", note);
            results.Add(result);
            Console.WriteLine($"  {scenario.Name,-24} floor {Ms(floor)}  dthub {Ms(hub)} (p95 {hub?.P95Ms:F1})  postgraphile {Ms(peerTiming)}"
                + (hubRps is null ? "" : $"  {hubRps:F0} req/s (peer {peerRps:F0}, floor {floorRps:F0})") + (note is null ? "" : $"  [{note}]"));
        }

        // The refresh and the import change data: they come last, the import on a scratch copy run.sh makes.
        bool Wanted(string group) => only is null || only.Any(o => o.StartsWith(group, StringComparison.Ordinal));
        if (options.Get("api-dll") is { } apiDll)
        {
            if (Wanted("aggregate-refresh")) results.AddRange(await AggregateRefresh.MeasureAllAsync(apiDll, options.Database, label));
            if (Wanted(MerchantImport.Name))
                results.Add(options.Get("import-db") is { } scratch
                    ? await MerchantImport.MeasureAsync(apiDll, scratch, label, Math.Max(scale.Merchants, 100_000))
                    : new(MerchantImport.Name, label, "Import of a merchant registry", null, null, null, null, null, null, "pending",
                        "no scratch database (--import-db): bench/run.sh makes one from the dataset"));
        }

        var run = new BenchRun(label, DateTimeOffset.UtcNow, machine with { LoadAfter = MachineInfo.LoadAverage() },
            await DatasetAsync(db), load.Connections, (int)load.Duration.TotalSeconds, load.PeakApiRssMb, apiPid is { } pid ? Throughput.RssMb(pid) : null, at);
        await BenchReport.WriteAsync(docs, run, results);
        Console.WriteLine($"  API peak RSS under load: {load.PeakApiRssMb:F0} MB; wrote {docs}/benchmarks.md and {docs}/benchmarks.json");
        return 0;
    }

    /// <summary>A failing engine is reported in the scenario's note instead of stopping the whole run.</summary>
    /// <summary>
    /// Every engine runs every scenario for a couple of seconds, untimed, before anything is measured: otherwise the
    /// first scenario meets servers whose JIT is still tiering up (42.9 ms against 20.5 ms warm, at 11:33 UTC).
    /// </summary>
    private static async Task WarmUpAsync(IReadOnlyList<Scenario> scenarios)
    {
        foreach (var scenario in scenarios.Where(s => s.PendingReason is null))
            foreach (var action in new[] { scenario.Floor, scenario.DtHub, scenario.PostGraphile }.OfType<Func<Task>>())
            {
                var until = DateTime.UtcNow.AddSeconds(2);
                for (var i = 0; i < 30 && DateTime.UtcNow < until; i++)
                {
                    try { await action(); }
                    catch (Exception) { break; } // the measured pass reports the failure
                }
            }
    }

    private static async Task<Timing?> MeasureOrNoteAsync(string engine, Func<Task>? action, int warmup, int runs, TimeSpan budget, List<string> notes)
    {
        if (action is null) return null;
        try
        {
            return await Timing.MeasureAsync(action, warmup, runs, budget);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or NpgsqlException or TaskCanceledException)
        {
            notes.Add($"{engine} failed: {e.Message.ReplaceLineEndings(" ")}");
            return null;
        }
    }

    private static string Ms(Timing? t) => t is null ? "—" : $"{t.MedianMs:F1} ms";

    private static async Task<Dictionary<string, long>> DatasetAsync(NpgsqlDataSource db)
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in new[] { "wards", "neighborhoods", "merchants", "wifi_points", "model_streets", "ward_reports", "teams", "team_members" })
        {
            await using var command = db.CreateCommand($"SELECT count(*) FROM {table}");
            counts[table] = (long)(await command.ExecuteScalarAsync())!;
        }
        return counts;
    }
}

/// <summary>The machine a run happened on; the load average shows how much it was shared.</summary>
public sealed record MachineInfo(string Cpu, int Cores, double MemoryGb, string Postgres, string DotNet, string LoadBefore, string? LoadAfter)
{
    public string Summary => $"{Cpu}, {Cores} cores, {MemoryGb:F0} GB, {Postgres}, .NET {DotNet}, load {LoadBefore}";

    public static async Task<MachineInfo> DescribeAsync(NpgsqlDataSource db)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";
        var memory = File.Exists("/proc/meminfo")
            ? double.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024 / 1024
            : 0;
        await using var command = db.CreateCommand("SELECT split_part(version(), ' on ', 1) || ', PostGIS ' || postgis_lib_version()");
        var postgres = (string)(await command.ExecuteScalarAsync())!;
        return new MachineInfo(cpu, Environment.ProcessorCount, memory, postgres, Environment.Version.ToString(), LoadAverage(), null);
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}

/// <summary>One run of the bench at one scale.</summary>
public sealed record BenchRun(
    string Scale, DateTimeOffset Date, MachineInfo Machine, Dictionary<string, long> Dataset,
    int Connections, int LoadSeconds, double? PeakApiRssMb, double? ApiRssAfterMb, BenchContext At);
