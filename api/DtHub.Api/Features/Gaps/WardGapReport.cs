using System.Runtime.CompilerServices;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Features.Gaps;

/// <summary>
/// One ward's gaps in one document — what the ward's team should do this month: indicators below target,
/// neighbourhoods without a team, model streets below 100 % QR and then their holdouts, populated cells far from
/// Wi-Fi. Served by <see cref="WardGapExports"/>.
/// </summary>
public static class WardGapReport
{
    public sealed record Item(string Kind, string Name, string Detail, Geometry? Geometry, IReadOnlyDictionary<string, object?> Figures);

    /// <summary>
    /// The report's items as they are read. The holdouts (thousands in a city centre) come after the streets, each
    /// naming its street, so they stream from the database into the response instead of being gathered first.
    /// </summary>
    public static async IAsyncEnumerable<Item> ReadAsync(GapQueries queries, int wardId, DateOnly month, double radius, double minResidents,
        [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var indicator in Enum.GetValues<GapIndicator>())
            foreach (var gap in (await queries.UnitsBelowTargetAsync(GapLevel.Ward, indicator, month, wardId, ct)).Rows)
                yield return new Item("below_target", gap.Name, indicator.ToString(), null, new Dictionary<string, object?>
                {
                    ["rate"] = gap.Rate, ["target"] = gap.Target, ["gap"] = gap.Gap, ["peopleToTarget"] = gap.PeopleToTarget,
                });

        foreach (var n in await queries.NeighborhoodsWithoutTeamAsync(wardId, ct))
            yield return new Item("neighborhood_without_team", n.Name, "no community digital-technology team", n.Geometry,
                new Dictionary<string, object?> { ["estimatedResidents"] = n.EstimatedResidents });

        var streets = (await queries.StreetsBelowTargetAsync(wardId, ct)).Rows;
        foreach (var street in streets)
            yield return new Item("model_street_below_target", street.Name, $"{street.WithQr} of {street.Merchants} merchants accept QR", street.Geometry,
                new Dictionary<string, object?> { ["compliance"] = street.Compliance, ["merchants"] = street.Merchants, ["withQr"] = street.WithQr });
        var streetNames = streets.ToDictionary(s => s.ModelStreetId, s => s.Name);
        await foreach (var (streetId, m) in queries.ReadMerchantsHoldingBackAsync(streets.Select(s => s.ModelStreetId).ToList(), ct))
            yield return new Item("merchant_without_qr", m.Name, $"on {streetNames[streetId]}", m.Location,
                new Dictionary<string, object?> { ["category"] = m.Category.ToString(), ["address"] = m.Address });

        var wifi = await queries.WifiGapsAsync(radius, minResidents, wardId, ct);
        foreach (var c in wifi.Cells)
            yield return new Item("wifi_gap_cell", $"hex {c.I},{c.J}", $"no public Wi-Fi within {radius} m", c.Geometry,
                new Dictionary<string, object?> { ["residents"] = Math.Round(c.Residents, 1) });
        if (wifi.SuggestedSite is { } site)
            yield return new Item("suggested_wifi_site", "suggested access point", $"reaches {site.ResidentsCovered:0} uncovered residents", site.Location,
                new Dictionary<string, object?> { ["residentsCovered"] = Math.Round(site.ResidentsCovered, 1) });
    }
}
