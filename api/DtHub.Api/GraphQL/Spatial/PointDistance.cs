using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;

namespace DtHub.Api.GraphQL.Spatial;

/// <summary>The <c>distance(from:)</c> output field: metres from a point to any GeoJSON geometry.</summary>
public static class PointDistance
{
    public static double Meters(Point point, Geometry from)
    {
        // Point to point, the common case (nearest Wi-Fi, merchants near me): no planar search needed.
        if (from is Point p && !p.IsEmpty) return Geodesic.DistanceMeters(point.X, point.Y, p.X, p.Y);
        if (from.Covers(point)) return 0;
        // The nearest point of "from" is found in the plane; the distance itself is measured on the ellipsoid.
        var nearest = DistanceOp.NearestPoints(point, from);
        return Geodesic.DistanceMeters(point.X, point.Y, nearest[1].X, nearest[1].Y);
    }
}
