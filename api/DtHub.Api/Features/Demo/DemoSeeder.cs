using System.Diagnostics;
using System.Globalization;
using DtHub.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace DtHub.Api.Features.Demo;

/// <summary>Loads the Vũng Tàu demo data into an empty database.</summary>
public sealed class DemoSeeder(IDbContextFactory<HubDbContext> contexts)
{
    /// <summary>
    /// Generates and writes the demo if the database has no wards yet, all in one transaction: a failure leaves
    /// nothing behind. Returns true if it loaded the demo, false if wards were already there.
    /// </summary>
    public Task<bool> SeedIfEmptyAsync(Action<string> progress) => SeedIfEmptyAsync(progress, DemoInputs.DefaultDirectory, DemoGenerator.DefaultSeed);

    internal async Task<bool> SeedIfEmptyAsync(Action<string> progress, string inputDirectory, int seed, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A second seeder started at the same time waits here, then finds the wards and leaves.
        await db.Database.ExecuteSqlRawAsync("LOCK TABLE wards IN SHARE ROW EXCLUSIVE MODE", ct);
        if (await db.Wards.AnyAsync(ct)) return false;
        var writeTargets = !await db.Targets.AnyAsync(ct);

        var data = DemoGenerator.Generate(DemoInputs.Load(inputDirectory), seed);
        progress(string.Create(CultureInfo.InvariantCulture, $"generated {data.Batch.RowsAccepted:N0} rows (seed {seed}) in {clock.Elapsed.TotalSeconds:0.0} s"));

        data.Batch.ImportedAt = DateTimeOffset.UtcNow; // when it was loaded: the one value that is not generated
        await DemoWriter.WriteAsync(db, data, writeTargets, progress, ct);
        await transaction.CommitAsync(ct);
        progress(string.Create(CultureInfo.InvariantCulture, $"demo data written in {clock.Elapsed.TotalSeconds:0.0} s"));
        return true;
    }
}
