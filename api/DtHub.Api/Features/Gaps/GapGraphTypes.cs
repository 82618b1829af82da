using DtHub.Api.Features.Merchants;
using DtHub.Api.Features.ModelStreets;
using DtHub.Api.Features.Wards;
using DtHub.Api.Features.Wifi;
using DtHub.Api.GraphQL.Compilation;
using DtHub.Api.GraphQL.DataLoading;
using DtHub.Api.GraphQL.Relay;
using DtHub.Api.GraphQL.Scalars;
using DtHub.Api.GraphQL.Spatial;
using GraphQL;
using GraphQL.Types;

namespace DtHub.Api.Features.Gaps;

public sealed class GapLevelGraphType : EnumerationGraphType<GapLevel>
{
    public GapLevelGraphType()
    {
        Name = "GapLevel";
        Description = "WARD or NEIGHBORHOOD.";
    }
}

public sealed class GapIndicatorGraphType : EnumerationGraphType<GapIndicator>
{
    public GapIndicatorGraphType()
    {
        Name = "GapIndicator";
        Description = "ACCOUNT_OWNERSHIP (wards, monthly), QR_ADOPTION and TEAM_COVERAGE (wards and neighbourhoods, as of the last refresh).";
    }
}

public sealed class GapOrderGraphType : EnumerationGraphType
{
    public GapOrderGraphType()
    {
        Name = "GapOrder";
        Description = "How to rank units below target.";
        Add("GAP", "gap", "Furthest below target first.");
        Add("PEOPLE_TO_TARGET", "people", "Most people (or merchants, neighbourhoods) needed to reach the target first.");
    }
}

/// <summary>A unit under its target.</summary>
public sealed class UnitGapGraphType : ObjectGraphType<UnitGap>
{
    public UnitGapGraphType()
    {
        Name = "UnitGap";
        Description = "A ward or neighbourhood under its target, and what it would take to reach it.";
        Field<NonNullGraphType<IdGraphType>>("unitId").Description("Global id of the ward or neighbourhood.")
            .Resolve(c => GlobalId.Encode(c.Source.Level == GapLevel.Ward ? "Ward" : "Neighborhood", c.Source.UnitId));
        Field<NonNullGraphType<GapLevelGraphType>>("level").Description("Ward or neighbourhood.").Resolve(c => c.Source.Level);
        Field(g => g.Name).Description("Unit name.");
        Field<NonNullGraphType<WardGraphType>>("ward").Description("The unit's ward (itself for a ward).")
            .Resolve(c => EntityLookup.Load(c, c.Source.WardId, "Ward", db => db.Wards, WardGraphType.Key));
        Field<NonNullGraphType<FloatGraphType>>("rate").Description("Current value, a fraction 0–1.").Resolve(c => (double)c.Source.Rate);
        Field<NonNullGraphType<FloatGraphType>>("target").Description("Target that applies, a fraction 0–1.").Resolve(c => (double)c.Source.Target);
        Field<NonNullGraphType<FloatGraphType>>("gap").Description("rate − target (negative).").Resolve(c => (double)c.Source.Gap);
        Field(g => g.PeopleToTarget).Description("How many more are needed to reach the target: residents 15+ with an account, merchants with QR, or neighbourhoods with a team.");
        Field(g => g.Counted).Description("Numerator now (holders, merchants with QR, neighbourhoods with a team).");
        Field(g => g.Total).Description("Denominator (residents 15+, merchants, neighbourhoods).");
        Field<NonNullGraphType<GeoJsonGraphType>>("geometry").Description("Boundary (GeoJSON).")
            .Argument<FloatGraphType>("simplify", "Tolerance in metres.")
            // Loaded whenever this field is selected (see GapsGraphType: shapes travel only when asked for).
            .Resolve(c => GeometrySimplifier.Simplify(c.Source.Geometry!, c.GetArgument<double?>("simplify")));
    }
}

/// <summary>A model street below 100 % QR.</summary>
public sealed class StreetGapGraphType : ObjectGraphType<StreetGap>
{
    public StreetGapGraphType()
    {
        Name = "StreetGap";
        Description = "A model street whose nearby merchants do not all accept QR yet.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global id of the model street.").Resolve(c => GlobalId.Encode("ModelStreet", c.Source.ModelStreetId));
        Field(s => s.Name).Description("Street name.");
        Field<FloatGraphType>("compliance").Description("Share of nearby merchants with QR, 0–1.").Resolve(c => (double?)c.Source.Compliance);
        Field(s => s.Merchants).Description("Merchants within the compliance distance (Aggregates:StreetDistanceMeters).");
        Field(s => s.WithQr).Description("Of them, accepting QR.");
        Field<NonNullGraphType<GeoJsonGraphType>>("geometry").Description("Centre line (GeoJSON).").Resolve(c => c.Source.Geometry!); // loaded when selected
        Field<NonNullGraphType<WardGraphType>>("ward").Description("The street's ward.")
            .Resolve(c => EntityLookup.Load(c, c.Source.WardId, "Ward", db => db.Wards, WardGraphType.Key));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MerchantGraphType>>>>("merchantsWithoutQr")
            .Description("The merchants that hold the street back: near it, without QR (as of the last aggregate refresh, like the counts).")
            .Resolve(c =>
            {
                var queries = c.RequestServices!.GetRequiredService<GapQueries>();
                return c.RequestServices!.GetRequiredService<DataLoaders>()
                    .GetOrAdd<int, IReadOnlyList<Merchant>>("street-merchants-without-qr",
                        (ids, ct) => queries.MerchantsHoldingBackAsync(ids, ct), [])
                    .Load(c.Source.ModelStreetId);
            });
    }
}

public sealed class WifiGapCellGraphType : ObjectGraphType<WifiGapCell>
{
    public WifiGapCellGraphType()
    {
        Name = "WifiGapCell";
        Description = "A hexagon cell with residents and no active public Wi-Fi within the radius of its centre.";
        Field<NonNullGraphType<GeoJsonGraphType>>("geometry").Description("The hexagon (GeoJSON).").Resolve(c => c.Source.Geometry);
        Field<NonNullGraphType<FloatGraphType>>("residents").Description("Estimated residents in the cell.").Resolve(c => c.Source.Residents);
    }
}

public sealed class SuggestedSiteGraphType : ObjectGraphType<SuggestedSite>
{
    public SuggestedSiteGraphType()
    {
        Name = "SuggestedSite";
        Description = "Where one more access point would reach the most uncovered residents.";
        Field<NonNullGraphType<GeoJsonGraphType>>("location").Description("Centre of the best cell (GeoJSON Point).").Resolve(c => c.Source.Location);
        Field<NonNullGraphType<FloatGraphType>>("residentsCovered").Description("Uncovered residents within the radius of it.").Resolve(c => c.Source.ResidentsCovered);
    }
}

public sealed class WifiGapsGraphType : ObjectGraphType<WifiGaps>
{
    public WifiGapsGraphType()
    {
        Name = "WifiGaps";
        Description = "Populated places far from public Wi-Fi.";
        Field<NonNullGraphType<FloatGraphType>>("radiusMeters").Description("The radius asked for.").Resolve(c => c.Source.RadiusMeters);
        Field<NonNullGraphType<FloatGraphType>>("residentsUncovered").Description("Estimated residents in the gap cells.").Resolve(c => c.Source.ResidentsUncovered);
        var cells = Field<NonNullGraphType<ConnectionGraphType<WifiGapCellGraphType, WifiGapCell>>>("cells").Description("The gap cells, most residents first.");
        PageRequest.AddArguments(cells);
        cells.Resolve(c => ListConnection.Page(c, c.Source.Cells));
        Field<SuggestedSiteGraphType>("suggestedSite").Description("A suggested next access point (null when there is no gap).").Resolve(c => c.Source.SuggestedSite);
    }
}

public sealed class NearbyWifiPointGraphType : ObjectGraphType<Nearby<WifiPoint>>
{
    public NearbyWifiPointGraphType()
    {
        Name = "NearbyWifiPoint";
        Description = "A Wi-Fi point and its distance.";
        Field<NonNullGraphType<FloatGraphType>>("distance").Description("Metres on the WGS 84 ellipsoid.").Resolve(c => c.Source.Distance)
            .FieldType.CompilesTo(new OriginDistanceSql());
        Field<NonNullGraphType<StringGraphType>>("name").Description("Name of the place.").Resolve(c => c.Source.Item.Name)
            .FieldType.CompilesTo(new ColumnSql(nameof(WifiPoint.Name)));
        Field<NonNullGraphType<IntGraphType>>("radiusMeters").Description("Nominal coverage radius.").Resolve(c => c.Source.Item.RadiusMeters)
            .FieldType.CompilesTo(new ColumnSql(nameof(WifiPoint.RadiusMeters)));
        Field<NonNullGraphType<GeoJsonGraphType>>("location").Description("Where it is.").Resolve(c => c.Source.Item.Location)
            .FieldType.CompilesTo(new GeoJsonSql(nameof(WifiPoint.Location)));
        Field<NonNullGraphType<WifiPointGraphType>>("wifiPoint").Description("The Wi-Fi point.").Resolve(c => c.Source.Item)
            .FieldType.CompilesTo(new SameRowSql());
    }
}

public sealed class NearbyMerchantGraphType : ObjectGraphType<Nearby<Merchant>>
{
    public NearbyMerchantGraphType()
    {
        Name = "NearbyMerchant";
        Description = "A merchant and its distance.";
        Field<NonNullGraphType<FloatGraphType>>("distance").Description("Metres on the WGS 84 ellipsoid.").Resolve(c => c.Source.Distance)
            .FieldType.CompilesTo(new OriginDistanceSql());
        Field<NonNullGraphType<StringGraphType>>("name").Description("Business name.").Resolve(c => c.Source.Item.Name)
            .FieldType.CompilesTo(new ColumnSql(nameof(Merchant.Name)));
        Field<NonNullGraphType<GeoJsonGraphType>>("location").Description("Where it is.").Resolve(c => c.Source.Item.Location)
            .FieldType.CompilesTo(new GeoJsonSql(nameof(Merchant.Location)));
        Field<NonNullGraphType<MerchantGraphType>>("merchant").Description("The merchant.").Resolve(c => c.Source.Item)
            .FieldType.CompilesTo(new SameRowSql());
    }
}

public sealed class CategoryCountGraphType : ObjectGraphType<CategoryCount>
{
    public CategoryCountGraphType()
    {
        Name = "CategoryCount";
        Description = "Merchants of one category.";
        Field<NonNullGraphType<MerchantCategoryGraphType>>("category").Description("The category.").Resolve(c => c.Source.Category);
        Field(c => c.Merchants).Description("How many.");
    }
}
