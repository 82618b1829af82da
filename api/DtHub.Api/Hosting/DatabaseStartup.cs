using DtHub.Api.Data;
using DtHub.Api.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DtHub.Api.Hosting;

public static class DatabaseStartupModule
{
    /// <summary>Migrates and seeds on start when <c>Database:MigrateOnStartup</c> / <c>SeedDemoOnStartup</c> say so.</summary>
    public static IHostApplicationBuilder AddDatabaseStartup(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDemoData();
        builder.Services.AddHostedService<DatabaseStartup>();
        return builder;
    }
}

/// <summary>
/// Prepares the database before the server listens, for deployments with no shell to run
/// <c>./dthub up</c> (docker compose). Hosted services start before Kestrel, so <c>/healthz</c> never sees a half-migrated database.
/// </summary>
internal sealed class DatabaseStartup(
    IOptions<DatabaseOptions> options,
    IDbContextFactory<HubDbContext> contexts,
    IServiceProvider services,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var database = options.Value;
        if (database.MigrateOnStartup)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await db.Database.MigrateAsync(cancellationToken);
            StartupLog.Migrated(logger, pending.Count);
        }
        if (database.SeedDemoOnStartup)
        {
            // Transient, and only resolved when asked for: a hub without demo data never builds the seeder.
            var seeder = services.GetRequiredService<DemoSeeder>();
            var loaded = await seeder.SeedIfEmptyAsync(message => StartupLog.SeedProgress(logger, message));
            StartupLog.Seeded(logger, loaded);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal static partial class StartupLog
{
    [LoggerMessage(LogLevel.Information, "Applied {Count} pending migration(s) on startup")]
    public static partial void Migrated(ILogger logger, int count);

    [LoggerMessage(LogLevel.Information, "Demo data: {Progress}")]
    public static partial void SeedProgress(ILogger logger, string progress);

    [LoggerMessage(LogLevel.Information, "Demo data loaded on startup: {Loaded} (false: it was already there)")]
    public static partial void Seeded(ILogger logger, bool loaded);
}
