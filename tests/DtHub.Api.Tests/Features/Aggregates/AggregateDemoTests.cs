using System.Globalization;
using DtHub.Api.Features.Aggregates;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DtHub.Api.Tests.Features.Aggregates;

/// <summary>The aggregates on the Vũng Tàu demo data against the June 2022 report as published.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class AggregateDemoTests(HubDatabase hub, ITestOutputHelper output)
{
    private static readonly DateOnly June2022 = new(2022, 6, 1);

    [Fact]
    public async Task June_2022_city_and_ward_account_ownership_match_the_report()
    {
        await hub.UseDemoDataAsync(willWrite: true);
        await using var services = AggregateTestWorld.Services(hub);
        var full = await services.GetRequiredService<AggregateRefresh>().RunNowAsync(AggregateRunKind.Full, "test", "test-host");
        output.WriteLine($"full refresh of the demo data: {(full.FinishedAt - full.StartedAt)!.Value.TotalMilliseconds:0} ms, {full.UnitsTouched} wards, {full.RowsWritten} rows");
        var reader = services.GetRequiredService<AggregateReader>();

        var city = (await reader.CityIndicatorsAsync(June2022)).AccountOwnership!;
        Assert.Equal((143_674, 238_200), (city.Holders, city.Residents15Plus));
        Assert.Equal(0.6032m, Math.Round(city.Rate!.Value, 4));
        Assert.Equal(0.65m, city.Target);

        await using var db = hub.CreateContext();
        var wards = await db.Wards.Where(w => w.ValidFrom <= June2022 && (w.ValidTo == null || w.ValidTo > June2022)).ToDictionaryAsync(w => w.Id, w => w.Name);
        var figures = await reader.WardIndicatorsAsync([.. wards.Keys], June2022);
        var csv = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "demo", "vungtau-wards-2022-06.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(c => c[0], c => (Residents: int.Parse(c[4], CultureInfo.InvariantCulture), Holders: int.Parse(c[5], CultureInfo.InvariantCulture)));
        Assert.Equal(17, csv.Count);
        Assert.Equal(csv.Keys.Order(), wards.Values.Order());
        foreach (var (id, name) in wards)
        {
            var ward = figures[id].AccountOwnership!;
            Assert.True((csv[name].Holders, csv[name].Residents) == (ward.Holders, ward.Residents15Plus), $"{name}: {ward.Holders}/{ward.Residents15Plus}");
            Assert.Equal(Math.Round((decimal)csv[name].Holders / csv[name].Residents, 12), ward.Rate);
        }

        // Incremental with one merchant changed, for the record.
        await using (var touch = hub.DataSource.CreateCommand("UPDATE merchants SET accepts_qr = NOT accepts_qr, updated_at = now() WHERE id = (SELECT min(id) FROM merchants)"))
            await touch.ExecuteNonQueryAsync();
        var incremental = await services.GetRequiredService<AggregateRefresh>().RunNowAsync(AggregateRunKind.Incremental, "test", "test-host");
        output.WriteLine($"incremental refresh after one merchant changed: {(incremental.FinishedAt - incremental.StartedAt)!.Value.TotalMilliseconds:0} ms, {incremental.UnitsTouched} wards");
        Assert.InRange(incremental.UnitsTouched!.Value, 1, wards.Count - 1);
    }
}
