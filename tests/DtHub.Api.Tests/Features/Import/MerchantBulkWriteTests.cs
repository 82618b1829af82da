using DtHub.Api.Features.Import;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DtHub.Api.Tests.Features.Import;

/// <summary>Large merchant files are audited set-based: one change-feed row per merchant, before/after per update, one entry for the inserts.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class MerchantBulkWriteTests(HubDatabase hub)
{
    [Fact]
    public async Task A_bulk_import_feeds_the_change_log_audits_updates_and_leaves_the_trigger_on()
    {
        await hub.UseEmptyAsync();
        await ImportTestData.SeedWardsAsync(hub);
        var import = new ServiceCollection().AddSingleton(hub.DataSource).AddHubImportServices().AddLogging()
            .Configure<ImportOptions>(o => o.BulkAuditRows = 1).BuildServiceProvider().GetRequiredService<ImportService>();
        var (lon, lat) = ImportTestData.Centre(0);
        string File(string address) => FormattableString.Invariant($"name,address,lat,lon\nQuán A,{address},{lat},{lon}\nQuán B,,{lat + 0.0001},{lon}\n");

        var first = await import.ImportMerchantsAsync(ImportTestData.Utf8(File("1 Lê Lợi")), "a.csv");
        Assert.Equal(2, first.Inserted);
        Assert.Equal(2, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM change_log WHERE entity = 'MERCHANT'"));
        Assert.Equal(0, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM audit_log WHERE entity = 'merchants' AND action = 'INSERT'"));
        Assert.Equal(1, await ImportTestData.ScalarAsync(hub, $"SELECT count(*) FROM audit_log WHERE action = 'IMPORT' AND entity_id = '{first.BatchId}' AND (after->>'inserted')::int = 2"));

        var second = await import.ImportMerchantsAsync(ImportTestData.Utf8(File("2 Lê Lợi")), "b.csv");
        Assert.Equal((1, 1), (second.Updated, second.Unchanged));
        Assert.Equal(1, await ImportTestData.ScalarAsync(hub,
            "SELECT count(*) FROM audit_log WHERE action = 'UPDATE' AND entity = 'merchants' AND before->>'address' = '1 Lê Lợi' AND after->>'address' = '2 Lê Lợi' AND actor = 'import'"));

        // The trigger is back on for everyone else's writes.
        await ImportTestData.ScalarAsync(hub, "WITH d AS (DELETE FROM merchants WHERE name = 'Quán B' RETURNING 1) SELECT count(*) FROM d");
        Assert.Equal(1, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM audit_log WHERE action = 'DELETE' AND entity = 'merchants'"));
    }
}
