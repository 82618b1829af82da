using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;

namespace DtHub.Api.GraphQL.Spatial;

/// <summary>Light shapes for maps: topology-preserving simplification with a tolerance given in metres.</summary>
public static class GeometrySimplifier
{
    private const double MetresPerDegreeLatitude = 111_320;

    public static Geometry Simplify(Geometry geometry, double? toleranceMetres)
    {
        if (toleranceMetres is not > 0) return geometry;
        // Degrees of longitude shrink with latitude; using the latitude scale keeps the tolerance conservative.
        var simplified = TopologyPreservingSimplifier.Simplify(geometry, toleranceMetres.Value / MetresPerDegreeLatitude);
        simplified.SRID = geometry.SRID;
        return simplified;
    }
}
