using DtHub.Api.GraphQL.Scalars;
using GraphQL.Types;

namespace DtHub.Api.GraphQL.Filtering;

/// <summary>
/// Spatial conditions in HotChocolate.Data.Spatial's shape, but measured in metres on the WGS 84 spheroid
/// (HotChocolate measures in the column's CRS units, i.e. degrees).
/// </summary>
public sealed class GeometryFilterInputType : InputObjectGraphType
{
    public GeometryFilterInputType()
    {
        Name = "GeometryFilterInput";
        Description = "Spatial conditions on a geometry field. Distances and buffers are in metres.";
        Field<DistanceFilterInputType>("distance").Description("Distance in metres to a geometry.");
        foreach (var (name, what) in Predicates)
        {
            Field<GeometryPredicateInputType>(name).Description($"The field {what} the (buffered) geometry.");
            Field<GeometryPredicateInputType>("n" + name).Description($"The field does not satisfy '{name}'.");
        }
        Field<ListGraphType<NonNullGraphType<FloatGraphType>>>("bbox")
            .Description("Intersects the box [west, south, east, north] in degrees (longitude, latitude).");
    }

    internal static readonly (string Name, string What)[] Predicates =
    [
        ("contains", "contains"),
        ("intersects", "intersects"),
        ("overlaps", "overlaps"),
        ("touches", "touches"),
        ("within", "lies within"),
    ];
}

/// <summary>A geometry, optionally grown by a buffer in metres.</summary>
public sealed class GeometryPredicateInputType : InputObjectGraphType
{
    public GeometryPredicateInputType()
    {
        Name = "GeometryPredicateInput";
        Description = "A GeoJSON geometry, optionally grown by a buffer in metres.";
        Field<NonNullGraphType<GeoJsonGraphType>>("geometry").Description("The geometry to compare with (GeoJSON, WGS 84).");
        Field<FloatGraphType>("buffer").Description("Grow the geometry by this many metres first.");
    }
}

/// <summary>Distance bounds in metres.</summary>
public sealed class DistanceFilterInputType : InputObjectGraphType
{
    public DistanceFilterInputType()
    {
        Name = "DistanceFilterInput";
        Description = "Distance in metres between the field and a geometry, on the WGS 84 spheroid.";
        Field<NonNullGraphType<GeoJsonGraphType>>("geometry").Description("The geometry to measure from (GeoJSON, WGS 84).");
        Field<FloatGraphType>("lt").Description("Closer than (metres).");
        Field<FloatGraphType>("lte").Description("Within (metres); uses the spatial index.");
        Field<FloatGraphType>("gt").Description("Farther than (metres).");
        Field<FloatGraphType>("gte").Description("At least this far (metres).");
    }
}
