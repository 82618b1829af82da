using DtHub.Api.Data;
using DtHub.Api.Features.Aggregates;
using DtHub.Api.Features.Demo;
using DtHub.Api.Features.Import;
using DtHub.Api.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace DtHub.Api.Hosting;

/// <summary>
/// The API binary doubles as the hub's command line (<c>./dthub</c> calls it): one build, one configuration.
/// Anything that is not a known command starts the web host.
/// </summary>
public static class HubCommands
{
    private static readonly Dictionary<string, Func<IServiceProvider, string[], Task<int>>> Commands = new()
    {
        ["migrate"] = MigrateAsync,
        ["seed-demo"] = SeedDemoAsync,
        ["refresh"] = AggregateCommands.RefreshAsync,
        ["jobs-host"] = AggregateCommands.JobsHostAsync,
        ["commands"] = ListCommandsAsync,
        ["import"] = ImportCommands.RunAsync,
        ["report"] = ReportCommand.RunAsync,
        ["token"] = Features.Auth.TokenCommand.RunAsync,
    };

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.ContainsKey(args[0]);

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args[1..]);
        builder.AddHubDatabase();
        builder.Services.AddDemoData();
        builder.AddHubImport();
        builder.Services.AddAggregates(builder.Configuration);
        using var host = builder.Build();
        return await Commands[args[0]](host.Services, args[1..]);
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, string[] args)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        foreach (var migration in pending) Console.WriteLine($"  applying {migration}");
        await db.Database.MigrateAsync();
        Console.WriteLine(pending.Count == 0 ? "  database is up to date" : $"  {pending.Count} migration(s) applied");
        return 0;
    }

    private static async Task<int> SeedDemoAsync(IServiceProvider services, string[] args)
    {
        var result = await DemoLoad.SeedAndRefreshAsync(services, message => Console.WriteLine($"  {message}"));
        Console.WriteLine(result ? "  demo data loaded" : "  demo data already present");
        return 0;
    }

    /// <summary>Lets <c>./dthub</c> tell "not built yet" from a typo before it runs a command.</summary>
    private static Task<int> ListCommandsAsync(IServiceProvider services, string[] args)
    {
        foreach (var name in Commands.Keys.Order(StringComparer.Ordinal)) Console.WriteLine(name);
        return Task.FromResult(0);
    }
}
