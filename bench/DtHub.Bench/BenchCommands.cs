using DtHub.Api.Data;
using DtHub.Bench.Generation;
using DtHub.Bench.Running;
using Microsoft.EntityFrameworkCore;

namespace DtHub.Bench;

/// <summary>The bench's command line: <c>migrate</c>, <c>generate</c> and <c>run</c> (see <c>bench/run.sh</c>).</summary>
public static class BenchCommands
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: DtHub.Bench generate|run --db <connection string> [--scale city|national|fraction] …");
            return 2;
        }
        var options = BenchArguments.Parse(args[1..]);
        try
        {
            return args[0] switch
            {
                "generate" => await GenerateAsync(options),
                "run" => await BenchRunner.RunAsync(options),
                _ => throw new ArgumentException($"unknown command '{args[0]}' (expected generate or run)"),
            };
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"bench: {e.Message}");
            return 2;
        }
    }

    private static async Task<int> GenerateAsync(BenchArguments options)
    {
        await using var dataSource = DataModule.CreateDataSource(options.Database);
        var context = new DbContextOptionsBuilder<HubDbContext>();
        DataModule.ConfigureContext(context, dataSource);
        await using (var db = new HubDbContext(context.Options))
        {
            // The API's own migrations: the bench database has exactly the production schema and indexes.
            await db.Database.MigrateAsync();
        }
        if (options.Get("regenerate") is null && await IsLoadedAsync(dataSource, options.Scale))
            Console.WriteLine($"  {options.Scale.Name} dataset already loaded (--regenerate true to reload)");
        else
            await new BenchDataLoader(dataSource, options.Scale, m => Console.WriteLine($"  {m}")).LoadAsync();

        if (options.Get("targets") is { } targets)
        {
            await using var db = new HubDbContext(context.Options);
            await PlanTargets.EnsureAsync(db, targets, m => Console.WriteLine($"  {m}"));
        }
        return 0;
    }

    private static async Task<bool> IsLoadedAsync(Npgsql.NpgsqlDataSource dataSource, BenchScale scale)
    {
        await using var command = dataSource.CreateCommand("SELECT (SELECT count(*) FROM wards), (SELECT count(*) FROM merchants)");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0) == scale.Wards && reader.GetInt64(1) == scale.Merchants;
    }
}

/// <summary>Parsed <c>--name value</c> options.</summary>
public sealed record BenchArguments(IReadOnlyDictionary<string, string> Values, bool Quick)
{
    public string Database => Values.TryGetValue("db", out var v) ? v
        : Environment.GetEnvironmentVariable("DTHUB_BENCH_DB") ?? throw new ArgumentException("--db (or DTHUB_BENCH_DB) is required");

    public BenchScale Scale => BenchScale.Parse(Values.GetValueOrDefault("scale", Quick ? "city" : "national"));

    public string? Get(string name) => Values.GetValueOrDefault(name);

    public static BenchArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        var quick = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--quick") { quick = true; continue; }
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"expected '--name value', got '{args[i]}'");
            values[args[i][2..]] = args[++i];
        }
        return new BenchArguments(values, quick);
    }
}
