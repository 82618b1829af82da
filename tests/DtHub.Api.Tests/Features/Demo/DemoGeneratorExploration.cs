using DtHub.Api.Features.Demo;
using Xunit.Abstractions;

namespace DtHub.Api.Tests.Features.Demo;

public sealed class DemoGeneratorExploration(ITestOutputHelper output)
{
    [Fact]
    public void Explore()
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var data = DemoGenerator.Generate(DemoInputs.Load());
        output.WriteLine($"generated in {sw.ElapsedMilliseconds} ms");
        foreach (var w in data.Wards) output.WriteLine($"{w.Code} {w.Name} parts={w.Geometry.NumGeometries} area_km2={DemoGeo.AreaSquareMetres(w.Geometry)/1e6:0.00} nbh={data.Neighborhoods.Count(n=>n.WardId==w.Id)} streets={data.ModelStreets.Count(s=>s.WardId==w.Id)} merchants={data.Merchants.Count(m=>m.WardId==w.Id)} wifi={data.WifiPoints.Count(p=>p.WardId==w.Id)}");
        output.WriteLine($"neighborhoods {data.Neighborhoods.Count} teams {data.Teams.Count} members {data.TeamMembers.Count} streets {data.ModelStreets.Count} merchants {data.Merchants.Count} qr {data.Merchants.Count(m=>m.AcceptsQr)} payload {data.Merchants.Count(m=>m.QrPayload!=null)} wifi {data.WifiPoints.Count} reports {data.WardReports.Count} targets {data.Targets.Count}");
        foreach (var g in data.Merchants.GroupBy(m => m.Category)) output.WriteLine($"{g.Key} {g.Count()} qr={g.Count(m=>m.AcceptsQr)*100.0/g.Count():0}%");
        foreach (var r in data.WardReports.Where(r => r.WardId == 6 || r.WardId == 1)) output.WriteLine($"{r.WardId} {r.Month} {r.Households} {r.Population} {r.Residents15Plus} {r.AccountHolders15Plus} {100.0*r.AccountHolders15Plus/r.Residents15Plus:0.0} {r.QualityFlags}");
        foreach (var m in data.Months()) output.WriteLine(m);
        output.WriteLine(data.Merchants.First(m => m.QrPayload != null).QrPayload);
        output.WriteLine(data.Merchants.First(m => m.Website != null).Website);
        var wkt = new NetTopologySuite.IO.WKTWriter();
        File.WriteAllLines("/tmp/demo-wards.wkt", data.Wards.Select(x => "W|" + wkt.Write(x.Geometry))
            .Concat(data.Neighborhoods.Select(x => "N|" + wkt.Write(x.Geometry)))
            .Concat(data.ModelStreets.Select(x => "S|" + wkt.Write(x.Geometry)))
            .Concat(data.Merchants.Select(x => (x.AcceptsQr ? "Q|" : "M|") + wkt.Write(x.Location)))
            .Concat(data.WifiPoints.Select(x => "F|" + wkt.Write(x.Location))));
        foreach (var t in data.Targets) output.WriteLine($"{t.Indicator} {t.Scope} {t.Value} {t.WardId}");
    }
}

internal static class Ext
{
    public static IEnumerable<string> Months(this DtHub.Api.Features.Demo.DemoDataset d) =>
        d.WardReports.GroupBy(r => r.Month).Where(g => g.Key.Month % 6 == 0 || g.Key.Month == 1)
            .Select(g => $"{g.Key} city {100.0 * g.Sum(r => r.AccountHolders15Plus ?? 0) / g.Sum(r => r.Residents15Plus ?? 0):0.00}% pop {g.Sum(r=>r.Population)}");
}
