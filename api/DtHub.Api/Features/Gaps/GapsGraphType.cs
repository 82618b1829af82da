using DtHub.Api.Features.Wifi;
using DtHub.Api.Features.Merchants;
using DtHub.Api.Features.Neighborhoods;
using DtHub.Api.GraphQL.Compilation;
using DtHub.Api.GraphQL;
using DtHub.Api.GraphQL.Projection;
using DtHub.Api.GraphQL.Relay;
using DtHub.Api.GraphQL.Scalars;
using DtHub.Api.GraphQL.Spatial;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Features.Gaps;

/// <summary>The planners' questions: where to act next.</summary>
public sealed class GapsGraphType : ObjectGraphType<GapsRoot>
{
    private const double MaxRadiusMeters = 5_000;
    private const double MaxAreaKm2 = 5_000;

    public GapsGraphType(NeighborhoodQueryModel neighborhoods, MerchantQueryModel merchants)
    {
        Name = "Gaps";
        Description = "Coverage gaps: units below target, neighbourhoods without a team, Wi-Fi gaps, model streets below 100 % QR, nearest services.";

        var below = Field<NonNullGraphType<ConnectionGraphType<UnitGapGraphType, UnitGap>>>("unitsBelowTarget")
            .Description("Wards or neighbourhoods under the target that applies, furthest behind (or most people needed) first.")
            .Argument<GapLevelGraphType>("level", "WARD (default) or NEIGHBORHOOD.")
            .Argument<GapIndicatorGraphType>("indicator", "ACCOUNT_OWNERSHIP (default), QR_ADOPTION or TEAM_COVERAGE.")
            .Argument<NonNullGraphType<MonthGraphType>>("month", "The month (account ownership is monthly; the others are as of the last refresh).")
            .Argument<IdGraphType>("ward", "Only this ward (or its neighbourhoods).")
            .Argument<GapOrderGraphType>("orderBy", "GAP (default) or PEOPLE_TO_TARGET.");
        PageRequest.AddArguments(below);
        below.ResolveAsync(async c => await PageInSqlAsync(c, c.GetArgument<string?>("orderBy") == "people", window =>
            Queries(c).UnitsBelowTargetAsync(
                c.GetArgument("level", GapLevel.Ward), c.GetArgument("indicator", GapIndicator.AccountOwnership),
                c.GetArgument<DateOnly>("month"), WardArgument(c), c.CancellationToken,
                geometry: SelectionCollector.ItemFields(c, connection: true).Contains("geometry"), window)));

        this.Connection<GapsRoot, NeighborhoodGraphType, Neighborhood, NeighborhoodFilterInputType, NeighborhoodSortInputType>(
                "neighborhoodsWithoutTeam", "Current neighbourhoods no team serves (target: at least one team per neighbourhood).")
            .Argument<IdGraphType>("ward", "Only this ward's neighbourhoods.")
            .ResolveAsync(async c =>
            {
                var today = DateOnly.FromDateTime(DateTime.UtcNow);
                var ward = WardArgument(c);
                return await EntityConnections.ResolveAsync(c, neighborhoods, db => db.Neighborhoods.Where(n =>
                    (n.ValidTo == null || n.ValidTo > today) && (ward == null || n.WardId == ward) &&
                    !db.Teams.Any(t => t.NeighborhoodId == n.Id)));
            });

        Field<NonNullGraphType<WifiGapsGraphType>>("wifiGaps")
            .Description("Hexagon cells with at least minResidents estimated residents and no active public Wi-Fi within radiusMeters of their centre.")
            .Argument<NonNullGraphType<FloatGraphType>>("radiusMeters", "Walking distance to Wi-Fi that counts as covered, 1–5,000 m.")
            .Argument<FloatGraphType>("minResidents", "Ignore cells with fewer estimated residents (default 1).")
            .Argument<IdGraphType>("ward", "Only cells touching this ward.")
            .Argument<GeoJsonGraphType>("area", "Only cells touching this GeoJSON Polygon or MultiPolygon (e.g. a district), at most 5,000 km².")
            .ResolveAsync(async c =>
            {
                var radius = c.GetArgument<double>("radiusMeters");
                if (radius is <= 0 or > MaxRadiusMeters)
                    throw new GraphQLInputException($"radiusMeters must be above 0 and at most {MaxRadiusMeters:N0} m, not {radius}.");
                var minResidents = c.GetArgument("minResidents", 1d);
                if (minResidents < 0) throw new GraphQLInputException($"minResidents must not be negative, not {minResidents}.");
                var area = c.GetArgument<Geometry?>("area") is null ? null : Area(c);
                // The suggestion compares cells pairwise: only worth it when asked for.
                return await Queries(c).WifiGapsAsync(radius, minResidents, WardArgument(c), c.CancellationToken, area,
                    suggest: SelectionCollector.Selects(c, "suggestedSite"));
            });

        var streets = Field<NonNullGraphType<ConnectionGraphType<StreetGapGraphType, StreetGap>>>("modelStreetsBelowTarget")
            .Description("Model streets whose nearby merchants do not all accept QR, least compliant first.")
            .Argument<IdGraphType>("ward", "Only this ward's streets.");
        PageRequest.AddArguments(streets);
        streets.ResolveAsync(async c => await PageInSqlAsync(c, byPeople: false, window => Queries(c).StreetsBelowTargetAsync(WardArgument(c), c.CancellationToken,
            geometry: SelectionCollector.ItemFields(c, connection: true).Contains("geometry"), window)));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CategoryCountGraphType>>>>("merchantsWithoutQrByCategory")
            .Description("Merchants without QR inside a polygon, counted by category.")
            .Argument<NonNullGraphType<GeoJsonGraphType>>("area", "GeoJSON Polygon or MultiPolygon, at most 5,000 km².")
            .ResolveAsync(async c => await Queries(c).MerchantsWithoutQrByCategoryAsync(Area(c), c.CancellationToken));

        this.Connection<GapsRoot, MerchantGraphType, Merchant, MerchantFilterInputType, MerchantSortInputType>(
                "merchantsWithoutQr", "Merchants without QR inside a polygon (filter and sort as any merchant list).")
            .Argument<NonNullGraphType<GeoJsonGraphType>>("area", "GeoJSON Polygon or MultiPolygon, at most 5,000 km².")
            .ResolveAsync(async c =>
            {
                var area = Area(c);
                return await EntityConnections.ResolveAsync(c, merchants, db => db.Merchants.Where(m => !m.AcceptsQr && m.Location.Intersects(area)));
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NearbyWifiPointGraphType>>>>("nearestWifi")
            .Description("The nearest active public Wi-Fi points, nearest first (KNN on the spatial index).")
            .Argument<NonNullGraphType<GeoJsonGraphType>>("point", "GeoJSON Point.")
            .Argument<IntGraphType>("count", "How many, 1–100 (default 5).")
            .ResolveAsync(async c => await Queries(c).NearestWifiAsync(PointArgument(c), Count(c), c.CancellationToken))
            .FieldType.CompilesTo(new NearestSql<WifiPoint>(db => db.WifiPoints.Where(w => w.Status == WifiStatus.Active), w => w.Location));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NearbyMerchantGraphType>>>>("nearestQrMerchants")
            .Description("The nearest merchants accepting QR, nearest first (KNN on the spatial index).")
            .Argument<NonNullGraphType<GeoJsonGraphType>>("point", "GeoJSON Point.")
            .Argument<IntGraphType>("count", "How many, 1–100 (default 5).")
            .ResolveAsync(async c => await Queries(c).NearestQrMerchantsAsync(PointArgument(c), Count(c), c.CancellationToken))
            .FieldType.CompilesTo(new NearestSql<Merchant>(db => db.Merchants.Where(m => m.AcceptsQr), m => m.Location));
    }

    private static GapQueries Queries(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<GapQueries>();

    /// <summary>
    /// Reads only the requested page (plus one row, to know whether more follow), with the total counted beside it.
    /// "last" without "before" counts back from the end, and a window past the end carries no count: both read the
    /// whole ordered list instead.
    /// </summary>
    private static async Task<Connection<T>> PageInSqlAsync<T>(IResolveFieldContext c, bool byPeople, Func<GapWindow, Task<GapRows<T>>> read)
    {
        var page = PageRequest.From(c, c.RequestServices!.GetRequiredService<IOptions<PagingOptions>>().Value);
        if (!page.NeedsTotal)
        {
            var (skip, take) = page.Window(null);
            var rows = await read(new GapWindow(skip, take + 1, byPeople));
            if (rows.Total is { } total) return page.ToConnection(rows.Rows, skip, take, total);
        }
        return ListConnection.Page(c, (await read(new GapWindow(0, null, byPeople))).Rows);
    }

    private static int? WardArgument(IResolveFieldContext c) =>
        c.GetArgument<string?>("ward") is { } id ? (int)GlobalId.DecodeAs(id, "Ward") : null;

    private static Point PointArgument(IResolveFieldContext c) =>
        c.GetArgument<Geometry>("point") as Point ?? throw new GraphQLInputException("point must be a GeoJSON Point.");

    private static int Count(IResolveFieldContext c)
    {
        var count = c.GetArgument("count", 5);
        return count is >= 1 and <= 100 ? count : throw new GraphQLInputException($"count must be 1–100, not {count}.");
    }

    private static Geometry Area(IResolveFieldContext c)
    {
        var area = c.GetArgument<Geometry>("area");
        if (area is not (Polygon or MultiPolygon)) throw new GraphQLInputException($"area must be a GeoJSON Polygon or MultiPolygon, not a {area.GeometryType}.");
        if (!area.IsValid) throw new GraphQLInputException("area is not a valid polygon (self-intersecting or unclosed ring).");
        var km2 = Geodesic.AreaKm2(area);
        return km2 <= MaxAreaKm2 ? area : throw new GraphQLInputException($"area covers {km2:N0} km²; at most {MaxAreaKm2:N0} km² may be searched at once.");
    }
}

/// <summary>Root field <c>gaps</c>.</summary>
public sealed class GapsQueryFields : IQueryFields
{
    public void AddTo(HubQuery query) =>
        query.Field<NonNullGraphType<GapsGraphType>>("gaps")
            .Description("Where to act next: the planners' gap analytics.")
            .Resolve(_ => new GapsRoot())
            .FieldType.CompilesTo(new NamespaceSql());
}

public static class GapsModule
{
    public static IServiceCollection AddGaps(this IServiceCollection services)
    {
        services.AddSingleton<GapQueries>();
        services.AddSingleton<IQueryFields, GapsQueryFields>();
        return services;
    }
}
