using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;

namespace DtHub.Api.GraphQL.Spatial;

/// <summary>Light shapes for maps: topology-preserving simplification with a tolerance given in metres.</summary>
public static class GeometrySimplifier
{
    private const double MetresPerDegreeLatitude = 111_320;

    /// <summary>Degrees of longitude shrink with latitude; using the latitude scale keeps the tolerance conservative.</summary>
    public static double ToDegrees(double toleranceMetres) => toleranceMetres / MetresPerDegreeLatitude;

    public static Geometry Simplify(Geometry geometry, double? toleranceMetres)
    {
        if (toleranceMetres is not > 0) return geometry;
        var simplified = TopologyPreservingSimplifier.Simplify(geometry, ToDegrees(toleranceMetres.Value));
        simplified.SRID = geometry.SRID;
        return simplified;
    }

    /// <summary>
    /// The shape a <c>geometry(simplify:)</c> field returns: the one PostgreSQL simplified when the projection asked
    /// for it (see <c>Projector</c>), else the full boundary simplified here.
    /// </summary>
    public static Geometry Resolve(Geometry? full, SimplifiedShape? simplified, double? toleranceMetres) =>
        simplified is { } s && toleranceMetres is { } t && s.ToleranceMetres.Equals(t) ? s.Shape : Simplify(full!, toleranceMetres);
}
