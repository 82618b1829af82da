using DtHub.Api.Features.Wards;
using DtHub.Api.GraphQL.Compilation;
using DtHub.Api.GraphQL.Projection;
using DtHub.Api.GraphQL.Relay;
using DtHub.Api.GraphQL.Scalars;
using DtHub.Api.GraphQL.Spatial;
using GraphQL;
using GraphQL.Types;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Features.Wifi;

/// <summary>GraphQL type of a public Wi-Fi point.</summary>
public sealed class WifiPointGraphType : ObjectGraphType<WifiPoint>
{
    public WifiPointGraphType()
    {
        Name = "WifiPoint";
        Description = "A free public Wi-Fi access point and its nominal coverage.";
        Interface<NodeGraphType>();
        IsTypeOf = o => o is WifiPoint;

        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque global id.").Resolve(c => GlobalId.Encode(Name, c.Source.Id))
            .FieldType.CompilesTo(new GlobalIdSql(Name));
        Field(w => w.Name).Description("Name of the place.");
        Field(w => w.Ssid, nullable: true).Description("Network name (SSID).");
        Field(w => w.Operator, nullable: true).Description("Who runs it.");
        Field<NonNullGraphType<WifiVenueTypeGraphType>>("venueType").Description("Kind of place.").Resolve(c => c.Source.VenueType)
            .FieldType.CompilesTo(new EnumSql(nameof(WifiPoint.VenueType)));
        Field<NonNullGraphType<GeoJsonGraphType>>("location").Description("Where it is (GeoJSON Point, WGS 84).").Resolve(c => c.Source.Location)
            .FieldType.CompilesTo(new GeoJsonSql(nameof(WifiPoint.Location)));
        Field<FloatGraphType>("distance")
            .Description("Distance in metres from the given geometry (WGS 84 ellipsoid).")
            .Argument<NonNullGraphType<GeoJsonGraphType>>("from", "GeoJSON geometry to measure from.")
            .Resolve(c => PointDistance.Meters(c.Source.Location, c.GetArgument<Geometry>("from")))
            .FieldType.Needs(nameof(WifiPoint.Location)).CompilesTo(new PointDistanceSql(nameof(WifiPoint.Location)));
        Field(w => w.RadiusMeters).Description("Nominal coverage radius in metres.");
        Field<NonNullGraphType<WifiStatusGraphType>>("status").Description("Operational state.").Resolve(c => c.Source.Status)
            .FieldType.CompilesTo(new EnumSql(nameof(WifiPoint.Status)));
        Field(w => w.IsSynthetic).Description("True for generated demo rows.");
        Field(w => w.UpdatedAt).Description("Last change.");
        Field<NonNullGraphType<WardGraphType>>("ward")
            .Description("The ward containing the location (derived).")
            .ResolveReference(x => x.WardId, nameof(WifiPoint.WardId), "Ward", db => db.Wards, WardGraphType.Key);
    }
}

public sealed class WifiVenueTypeGraphType : EnumerationGraphType<WifiVenueType>
{
    public WifiVenueTypeGraphType()
    {
        Name = "WifiVenueType";
        Description = "Kind of place a Wi-Fi point serves.";
    }
}

public sealed class WifiStatusGraphType : EnumerationGraphType<WifiStatus>
{
    public WifiStatusGraphType()
    {
        Name = "WifiStatus";
        Description = "ACTIVE, INACTIVE or PLANNED.";
    }
}
