using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using DtHub.Api.Features.Aggregates;
using Npgsql;

namespace DtHub.Bench.Running;

/// <summary>
/// The aggregate refresh through the API binary's own command (<c>refresh [--full]</c>), timed by the run it records
/// (so .NET start-up is not counted), against a floor: the same SQL steps (the API's embedded <c>Sql/*.sql</c>) run
/// straight through Npgsql in one transaction, rolled back, with no run bookkeeping, fencing or job machinery. Cases:
/// the first full refresh (it builds the hexagon grid cache if missing and recomputes every ward's Wi-Fi coverage; no
/// floor), a full refresh (grid and unchanged coverage reused), an incremental one with nothing changed, and an
/// incremental one after 1 % of the merchants changed (QR flag and a 10 m move; put back afterwards).
/// </summary>
public static partial class AggregateRefresh
{
    public static async Task<IReadOnlyList<ScenarioResult>> MeasureAllAsync(string apiDll, string database, string label)
    {
        await using var db = new NpgsqlDataSourceBuilder(database).Build();
        var results = new List<ScenarioResult>();
        // The first full refresh of a database builds the grid cache; it is reported, not compared. Every ward's Wi-Fi
        // coverage is recomputed in it too (its cache cleared), as after installing: the "cold" full refresh.
        await using (var cold = db.CreateCommand("UPDATE aggregate_ward_inputs SET wifi_fingerprint = NULL"))
            await cold.ExecuteNonQueryAsync();
        var first = await RunCliAsync(apiDll, database, full: true);
        results.Add(Result("aggregate-refresh-first-full", label, "First full refresh (`refresh --full`), building the hexagon grid cache and every ward's Wi-Fi coverage", null, first,
            "one run; builds the grid and coverage that later refreshes reuse while their inputs stay unchanged"));

        results.Add(await CaseAsync(apiDll, database, db, label, full: true, "aggregate-refresh-full", "Full refresh (`refresh --full`), grid cached"));
        results.Add(await CaseAsync(apiDll, database, db, label, full: false, "aggregate-refresh-incremental", "Incremental refresh with nothing changed (`refresh`)"));

        var changed = await ChangeMerchantsAsync(db);
        try
        {
            results.Add(await CaseAsync(apiDll, database, db, label, full: false, "aggregate-refresh-incremental-1pct",
                $"Incremental refresh after 1 % of merchants changed ({changed:N0}: QR flag and a 10 m move)"));
        }
        finally
        {
            await RestoreMerchantsAsync(db);
            await RunCliAsync(apiDll, database, full: false);
        }

        var full = results.Single(r => r.Scenario == "aggregate-refresh-full").DtHub?.MedianMs;
        if (full is > 0)
            foreach (var r in results.Where(r => r.Scenario.StartsWith("aggregate-refresh-incremental", StringComparison.Ordinal) && r.DtHub is not null))
                Console.WriteLine($"  {r.Scenario,-34} {r.DtHub!.MedianMs / full.Value:P1} of the full refresh");
        return results;
    }

    private static async Task<ScenarioResult> CaseAsync(string apiDll, string database, NpgsqlDataSource db, string label, bool full, string name, string description)
    {
        var floor = await FloorAsync(db, full);
        var hub = await RunCliAsync(apiDll, database, full);
        Console.WriteLine($"  {name,-34} floor {floor:F0} ms  dthub {hub?.ToString("F0", CultureInfo.InvariantCulture) ?? "failed"} ms");
        return Result(name, label, description, floor, hub, "one run each, floor first; floor = the same SQL steps through Npgsql, rolled back");
    }

    private static ScenarioResult Result(string name, string label, string description, double? floor, double? hub, string note) =>
        new(name, label, description, floor is { } f ? new Timing(f, f, 1) : null, hub is { } h ? new Timing(h, h, 1) : null,
            null, null, null, null, hub is null ? "failed" : "measured", note);

    /// <summary>The refresh's own SQL, in order, in one transaction with the default settings; rolled back.</summary>
    private static async Task<double> FloorAsync(NpgsqlDataSource db, bool full)
    {
        var settings = new AggregateOptions();
        var assembly = typeof(AggregateOptions).Assembly;
        const string prefix = "DtHub.Api.Features.Aggregates.Sql.";
        var steps = assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        await using var connection = await db.OpenConnectionAsync();
        var clock = Stopwatch.StartNew();
        // As the refresh does: one snapshot, taken after the lock.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        await using (var state = new NpgsqlCommand("SET LOCAL jit = off; LOCK TABLE aggregate_state IN EXCLUSIVE MODE; INSERT INTO aggregate_state DEFAULT VALUES ON CONFLICT DO NOTHING", connection, transaction))
            await state.ExecuteNonQueryAsync();
        await using (var parameters = new NpgsqlCommand("""
            CREATE TEMP TABLE agg_params ON COMMIT DROP AS
            SELECT $1::boolean AS full_refresh, $2::double precision AS street_distance_m, $3::double precision AS hex_size_m, $4::int AS grid_srid
            """, connection, transaction))
        {
            parameters.Parameters.AddWithValue(full);
            parameters.Parameters.AddWithValue(settings.StreetDistanceMeters);
            parameters.Parameters.AddWithValue(settings.HexSizeMeters);
            parameters.Parameters.AddWithValue(settings.GridSrid);
            await parameters.ExecuteNonQueryAsync();
        }
        foreach (var step in steps)
        {
            await using var stream = assembly.GetManifestResourceStream(step)!;
            using var text = new StreamReader(stream);
            await using var cmd = new NpgsqlCommand(await text.ReadToEndAsync(), connection, transaction) { CommandTimeout = 0 };
            await cmd.ExecuteNonQueryAsync();
        }
        var ms = clock.Elapsed.TotalMilliseconds;
        await transaction.RollbackAsync();
        return ms;
    }

    /// <summary>Every 100th merchant: QR flag flipped and moved ~10 m east; the originals are kept to be put back.</summary>
    private static async Task<int> ChangeMerchantsAsync(NpgsqlDataSource db)
    {
        await using var cmd = db.CreateCommand("""
            DROP TABLE IF EXISTS bench_changed_merchants;
            CREATE TABLE bench_changed_merchants AS SELECT id, accepts_qr, location FROM merchants WHERE id % 100 = 7;
            UPDATE merchants m SET accepts_qr = NOT m.accepts_qr, location = ST_Translate(m.location, 0.0001, 0), updated_at = now()
            FROM bench_changed_merchants c WHERE c.id = m.id;
            """);
        await cmd.ExecuteNonQueryAsync();
        await using var count = db.CreateCommand("SELECT count(*)::int FROM bench_changed_merchants");
        return (int)(await count.ExecuteScalarAsync())!;
    }

    private static async Task RestoreMerchantsAsync(NpgsqlDataSource db)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE merchants m SET accepts_qr = c.accepts_qr, location = c.location, updated_at = now()
            FROM bench_changed_merchants c WHERE c.id = m.id;
            DROP TABLE bench_changed_merchants;
            """);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Milliseconds the refresh took as recorded by its run, or null when it failed.</summary>
    private static async Task<double?> RunCliAsync(string apiDll, string database, bool full)
    {
        var outcome = await ApiCli.RunAsync(apiDll, database, full ? ["refresh", "--full"] : ["refresh"]);
        var match = Seconds().Match(outcome.Output);
        if (outcome.ExitCode != 0 || !match.Success)
        {
            Console.WriteLine($"  refresh {(full ? "--full" : "")} failed: {outcome.Both}");
            return null;
        }
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * 1000;
    }

    [GeneratedRegex(@"succeeded in ([\d.]+) s")]
    private static partial Regex Seconds();
}
