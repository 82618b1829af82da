using System.Linq.Expressions;
using DtHub.Api.Features.Aggregates.GraphQL;
using DtHub.Api.Data;
using DtHub.Api.Features.Merchants;
using DtHub.Api.Features.ModelStreets;
using DtHub.Api.Features.Neighborhoods;
using DtHub.Api.Features.Reports;
using DtHub.Api.Features.Teams;
using DtHub.Api.Features.Wifi;
using DtHub.Api.GraphQL.Compilation;
using DtHub.Api.GraphQL.Projection;
using DtHub.Api.GraphQL.Spatial;
using DtHub.Api.GraphQL.Relay;
using DtHub.Api.GraphQL.Scalars;
using GraphQL;
using GraphQL.Types;

namespace DtHub.Api.Features.Wards;

/// <summary>GraphQL type of a ward or commune.</summary>
public sealed class WardGraphType : ObjectGraphType<Ward>
{
    /// <summary>The id as a lookup key, built once: an inline lambda in a resolver is rebuilt, with reflection, for every row.</summary>
    public static readonly Expression<Func<Ward, long>> Key = w => w.Id;
    private static readonly Expression<Func<Neighborhood, int>> NeighborhoodsOfWard = n => n.WardId;
    private static readonly Expression<Func<Merchant, int>> MerchantsOfWard = m => m.WardId;
    private static readonly Expression<Func<WifiPoint, int>> WifiOfWard = p => p.WardId;
    private static readonly Expression<Func<ModelStreet, int>> StreetsOfWard = s => s.WardId;
    private static readonly Expression<Func<Team, int>> TeamsOfWard = t => t.WardId;
    private static readonly Expression<Func<WardReport, int>> ReportsOfWard = r => r.WardId;

    public WardGraphType(MerchantQueryModel merchants, NeighborhoodQueryModel neighborhoods, WifiPointQueryModel wifi,
        ModelStreetQueryModel streets, TeamQueryModel teams, WardReportQueryModel reports)
    {
        Name = "Ward";
        Description = "A ward (phường) or commune (xã): the unit that reports monthly to the city.";
        Interface<NodeGraphType>();
        IsTypeOf = o => o is Ward;

        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque global id.").Resolve(c => GlobalId.Encode(Name, c.Source.Id))
            .FieldType.CompilesTo(new GlobalIdSql(Name));
        Field(w => w.Code).Description("Administrative code.");
        Field(w => w.Name).Description("Official Vietnamese name, e.g. \"Phường Thắng Nhì\".");
        Field<NonNullGraphType<WardKindGraphType>>("kind").Description("Urban ward (phường) or rural commune (xã).").Resolve(c => c.Source.Kind)
            .FieldType.CompilesTo(new EnumSql(nameof(Ward.Kind)));
        Field<NonNullGraphType<GeoJsonGraphType>>("geometry")
            .Description("Boundary as a GeoJSON MultiPolygon (WGS 84).")
            .Argument<FloatGraphType>("simplify", "Simplify to this tolerance in metres for light map shapes (topology kept).")
            .Resolve(c => GeometrySimplifier.Resolve(c.Source.Geometry, c.Source.Simplified, c.GetArgument<double?>("simplify")))
            .FieldType.SimplifiesInSql(nameof(Ward.Geometry)).CompilesTo(new GeoJsonSql(nameof(Ward.Geometry)));
        Field<NonNullGraphType<GeoJsonGraphType>>("labelPoint").Description("A point inside the ward for its label.").Resolve(c => c.Source.LabelPoint)
            .FieldType.CompilesTo(new GeoJsonSql(nameof(Ward.LabelPoint)));
        Field(w => w.ValidFrom).Description("First day the unit exists.");
        Field(w => w.ValidTo, nullable: true).Description("Day after the unit's last day; null while it exists.");
        Field(w => w.IsSynthetic).Description("True when the boundary was generated for the demo, not surveyed.");
        Field(w => w.UpdatedAt).Description("Last change.");

        this.Connection<Ward, NeighborhoodGraphType, Neighborhood, NeighborhoodFilterInputType, NeighborhoodSortInputType>("neighborhoods", "Neighbourhoods and hamlets of the ward.")
            .ResolveChildren(x => x.Id, neighborhoods, db => db.Neighborhoods, NeighborhoodsOfWard, nameof(Neighborhood.WardId));
        this.Connection<Ward, MerchantGraphType, Merchant, MerchantFilterInputType, MerchantSortInputType>("merchants", "Merchants located in the ward.")
            .ResolveChildren(x => x.Id, merchants, db => db.Merchants, MerchantsOfWard, nameof(Merchant.WardId));
        this.Connection<Ward, WifiPointGraphType, WifiPoint, WifiPointFilterInputType, WifiPointSortInputType>("wifiPoints", "Public Wi-Fi points in the ward.")
            .ResolveChildren(x => x.Id, wifi, db => db.WifiPoints, WifiOfWard, nameof(WifiPoint.WardId));
        this.Connection<Ward, ModelStreetGraphType, ModelStreet, ModelStreetFilterInputType, ModelStreetSortInputType>("modelStreets", "Model streets designated by the ward.")
            .ResolveChildren(x => x.Id, streets, db => db.ModelStreets, StreetsOfWard, nameof(ModelStreet.WardId));
        this.Connection<Ward, TeamGraphType, Team, TeamFilterInputType, TeamSortInputType>("teams", "Community digital-technology teams of the ward and its neighbourhoods.")
            .ResolveChildren(x => x.Id, teams, db => db.Teams, TeamsOfWard, nameof(Team.WardId));
        this.Connection<Ward, WardReportGraphType, WardReport, WardReportFilterInputType, WardReportSortInputType>("reports", "Monthly reports of the ward (current versions; newest first unless ordered).")
            .ResolveChildren(x => x.Id, reports, db => db.WardReports.Where(r => r.SupersededAt == null), ReportsOfWard, nameof(WardReport.WardId));
        this.AddIndicators(); // Features/Aggregates/GraphQL/AggregateFields.cs
    }
}

/// <summary>phường / xã.</summary>
public sealed class WardKindGraphType : EnumerationGraphType<WardKind>
{
    public WardKindGraphType()
    {
        Name = "WardKind";
        Description = "Urban ward (PHUONG) or rural commune (XA).";
    }
}
