using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DtHub.Api.Data;
using DtHub.Api.Features.Aggregates;
using DtHub.Api.GraphQL.Scalars;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Features.Gaps;

/// <summary>
/// One ward's gaps in one document — what the ward's team should do this month: indicators below target,
/// neighbourhoods without a team, model streets below 100 % QR with their holdouts, populated cells far from
/// Wi-Fi. Served as a GeoJSON FeatureCollection (RFC 7946) and as CSV at <c>/exports/gaps/wards/{code}.{geojson|csv}</c>.
/// </summary>
public static class WardGapReport
{
    public sealed record Item(string Kind, string Name, string Detail, Geometry? Geometry, IReadOnlyDictionary<string, object?> Figures);

    public static async Task<IReadOnlyList<Item>> BuildAsync(IServiceProvider services, int wardId, DateOnly month, double radius, double minResidents, CancellationToken ct)
    {
        var queries = services.GetRequiredService<GapQueries>();
        var items = new List<Item>();
        foreach (var indicator in Enum.GetValues<GapIndicator>())
            foreach (var gap in (await queries.UnitsBelowTargetAsync(GapLevel.Ward, indicator, month, wardId, ct)).Rows)
                items.Add(new Item("below_target", gap.Name, indicator.ToString(), null, new Dictionary<string, object?>
                {
                    ["rate"] = gap.Rate, ["target"] = gap.Target, ["gap"] = gap.Gap, ["peopleToTarget"] = gap.PeopleToTarget,
                }));

        var factory = services.GetRequiredService<IDbContextFactory<HubDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var lonely = await db.Neighborhoods.AsNoTracking()
                .Where(n => n.WardId == wardId && (n.ValidTo == null || n.ValidTo > today) && !db.Teams.Any(t => t.NeighborhoodId == n.Id))
                .OrderBy(n => n.Name).Select(n => new { n.Name, n.Geometry, n.EstimatedResidents }).ToListAsync(ct);
            items.AddRange(lonely.Select(n => new Item("neighborhood_without_team", n.Name, "no community digital-technology team", n.Geometry,
                new Dictionary<string, object?> { ["estimatedResidents"] = n.EstimatedResidents })));
        }

        var streets = (await queries.StreetsBelowTargetAsync(wardId, ct)).Rows;
        var distance = services.GetRequiredService<IOptions<AggregateOptions>>().Value.StreetDistanceMeters;
        var holdouts = await queries.MerchantsHoldingBackAsync(streets.Select(s => s.ModelStreetId).ToList(), distance, ct);
        foreach (var street in streets)
        {
            items.Add(new Item("model_street_below_target", street.Name, $"{street.WithQr} of {street.Merchants} merchants accept QR", street.Geometry,
                new Dictionary<string, object?> { ["compliance"] = street.Compliance, ["merchants"] = street.Merchants, ["withQr"] = street.WithQr }));
            items.AddRange(holdouts[street.ModelStreetId].Select(m => new Item("merchant_without_qr", m.Name, $"on {street.Name}", m.Location,
                new Dictionary<string, object?> { ["category"] = m.Category.ToString(), ["address"] = m.Address })));
        }

        var wifi = await queries.WifiGapsAsync(radius, minResidents, wardId, ct);
        items.AddRange(wifi.Cells.Select(c => new Item("wifi_gap_cell", $"hex {c.I},{c.J}", $"no public Wi-Fi within {radius} m", c.Geometry,
            new Dictionary<string, object?> { ["residents"] = Math.Round(c.Residents, 1) })));
        if (wifi.SuggestedSite is { } site)
            items.Add(new Item("suggested_wifi_site", "suggested access point", $"reaches {site.ResidentsCovered:0} uncovered residents", site.Location,
                new Dictionary<string, object?> { ["residentsCovered"] = Math.Round(site.ResidentsCovered, 1) }));
        return items;
    }

    public static string ToGeoJson(IEnumerable<Item> items)
    {
        var features = new JsonArray();
        foreach (var item in items)
        {
            var properties = new JsonObject { ["kind"] = item.Kind, ["name"] = item.Name, ["detail"] = item.Detail };
            foreach (var (key, value) in item.Figures) properties[key] = JsonValue.Create(value);
            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["geometry"] = item.Geometry is null ? null : JsonNode.Parse(JsonSerializer.Serialize(item.Geometry, GeoJsonGraphType.Json)),
                ["properties"] = properties,
            });
        }
        return new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }.ToJsonString();
    }

    public static string ToCsv(IEnumerable<Item> items)
    {
        var csv = new StringBuilder("kind,name,detail,figures\r\n");
        foreach (var item in items)
        {
            var figures = string.Join("; ", item.Figures.Where(f => f.Value is not null)
                .Select(f => $"{f.Key}={Convert.ToString(f.Value, CultureInfo.InvariantCulture)}"));
            csv.Append(string.Join(',', new[] { item.Kind, item.Name, item.Detail, figures }.Select(Cell))).Append("\r\n");
        }
        return csv.ToString();
    }

    /// <summary>Quotes a CSV cell and neutralises text a spreadsheet would run as a formula (= + - @).</summary>
    private static string Cell(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@') text = "'" + text;
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static IEndpointRouteBuilder MapWardGapExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/exports/gaps/wards/{file}", async (string file, string? month, double? radiusMeters, double? minResidents, HttpContext http) =>
        {
            var dot = file.LastIndexOf('.');
            var (code, format) = dot > 0 ? (file[..dot], file[(dot + 1)..]) : (file, "");
            if (format is not ("geojson" or "csv")) return Results.BadRequest(new { error = "Ask for {code}.geojson or {code}.csv." });
            if (!MonthGraphType.TryParse(month, out var m)) return Results.BadRequest(new { error = "month is required as YYYY-MM, e.g. 2022-06." });
            var radius = radiusMeters ?? 300;
            if (radius is <= 0 or > 5000) return Results.BadRequest(new { error = "radiusMeters must be above 0 and at most 5,000." });

            var factory = http.RequestServices.GetRequiredService<IDbContextFactory<HubDbContext>>();
            await using var db = await factory.CreateDbContextAsync(http.RequestAborted);
            var ward = await db.Wards.AsNoTracking().Where(w => w.Code == code).Select(w => new { w.Id }).FirstOrDefaultAsync(http.RequestAborted);
            if (ward is null) return Results.NotFound(new { error = $"No ward has code {code}." });

            var items = await BuildAsync(http.RequestServices, ward.Id, m, radius, minResidents ?? 50, http.RequestAborted);
            return format == "csv"
                ? Results.Text("\uFEFF" + ToCsv(items), "text/csv; charset=utf-8")
                : Results.Text(ToGeoJson(items), "application/geo+json");
        });
        return app;
    }
}
