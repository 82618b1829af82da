using DtHub.Api.Data;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace DtHub.Api.Features.Demo;

/// <summary>Small planar helpers for placing demo features, in metres around Vũng Tàu's latitude.</summary>
internal static class DemoGeo
{
    public static readonly GeometryFactory Factory = new(new PrecisionModel(), SpatialConventions.Srid);

    /// <summary>Coordinates are rounded to 1e-7° (about 1 cm): stored text stays short and noding stays robust.</summary>
    public static readonly PrecisionModel Grid = new(1e7);

    public const double MetresPerDegreeLatitude = 110_574;

    /// <summary>At 10.41° N, the city's middle (cos 10.41° = 0.98354); off by under 0.05 % anywhere in the city.</summary>
    /// <remarks>A constant instead of Math.Cos keeps the output independent of the platform's maths library.</remarks>
    public const double MetresPerDegreeLongitude = 109_488;

    public static Coordinate Round(Coordinate c) => new(Grid.MakePrecise(c.X), Grid.MakePrecise(c.Y));

    public static Point Point(Coordinate c) => Factory.CreatePoint(Round(c));

    public static Coordinate Offset(Coordinate c, double eastMetres, double northMetres) =>
        new(c.X + eastMetres / MetresPerDegreeLongitude, c.Y + northMetres / MetresPerDegreeLatitude);

    public static double DistanceMetres(Coordinate a, Coordinate b)
    {
        var dx = (a.X - b.X) * MetresPerDegreeLongitude;
        var dy = (a.Y - b.Y) * MetresPerDegreeLatitude;
        return Math.Sqrt(dx * dx + dy * dy);
    }

    public static double DistanceToLineMetres(Coordinate p, LineString line)
    {
        var best = double.MaxValue;
        var points = line.Coordinates;
        for (var i = 1; i < points.Length; i++) best = Math.Min(best, DistanceToSegmentMetres(p, points[i - 1], points[i]));
        return best;
    }

    public static double DistanceToSegmentMetres(Coordinate p, Coordinate a, Coordinate b)
    {
        // Work in metres relative to a.
        var (bx, by) = ((b.X - a.X) * MetresPerDegreeLongitude, (b.Y - a.Y) * MetresPerDegreeLatitude);
        var (px, py) = ((p.X - a.X) * MetresPerDegreeLongitude, (p.Y - a.Y) * MetresPerDegreeLatitude);
        var lengthSquared = bx * bx + by * by;
        var t = lengthSquared == 0 ? 0 : Math.Clamp((px * bx + py * by) / lengthSquared, 0, 1);
        var (dx, dy) = (px - t * bx, py - t * by);
        return Math.Sqrt(dx * dx + dy * dy);
    }

    public static double LengthMetres(LineString line)
    {
        var length = 0.0;
        for (var i = 1; i < line.NumPoints; i++) length += DistanceMetres(line.GetCoordinateN(i - 1), line.GetCoordinateN(i));
        return length;
    }

    /// <summary>Area in square metres (planar approximation, good enough to size demo units).</summary>
    public static double AreaSquareMetres(Geometry g) => g.Area * MetresPerDegreeLatitude * MetresPerDegreeLongitude;

    /// <summary>A uniformly random grid point strictly inside <paramref name="area"/>, by rejection.</summary>
    public static Coordinate RandomPointIn(IPreparedGeometry area, DemoRandom random)
    {
        var envelope = area.Geometry.EnvelopeInternal;
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var c = Round(new Coordinate(random.Between(envelope.MinX, envelope.MaxX), random.Between(envelope.MinY, envelope.MaxY)));
            if (area.ContainsProperly(Factory.CreatePoint(c))) return c;
        }
        throw new InvalidOperationException("Could not place a point inside an area: is it empty?");
    }

    /// <summary>A random point within <paramref name="radiusMetres"/> of a centre (uniform over the disc).</summary>
    public static Coordinate RandomPointNear(Coordinate centre, double radiusMetres, DemoRandom random)
    {
        while (true)
        {
            var (x, y) = (random.Between(-1, 1), random.Between(-1, 1));
            if (x * x + y * y <= 1) return Round(Offset(centre, x * radiusMetres, y * radiusMetres));
        }
    }

    public static MultiPolygon AsMultiPolygon(Geometry g) => g switch
    {
        MultiPolygon m => m,
        Polygon p => Factory.CreateMultiPolygon([p]),
        GeometryCollection c => Factory.CreateMultiPolygon(Enumerable.Range(0, c.NumGeometries)
            .Select(c.GetGeometryN).OfType<Polygon>().ToArray()),
        _ => throw new InvalidOperationException($"Expected a polygonal geometry, got {g.GeometryType}."),
    };
}
