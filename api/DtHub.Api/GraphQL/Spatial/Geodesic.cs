namespace DtHub.Api.GraphQL.Spatial;

/// <summary>
/// Distance in metres between two longitude/latitude points on the WGS 84 ellipsoid (Vincenty's inverse formula),
/// agreeing with PostGIS geography distances to well under a millimetre for the distances a city has.
/// </summary>
public static class Geodesic
{
    private const double A = 6378137.0;
    private const double F = 1 / 298.257223563;
    private const double B = A * (1 - F);

    public static double DistanceMeters(double lon1, double lat1, double lon2, double lat2)
    {
        var l = ToRadians(lon2 - lon1);
        var u1 = Math.Atan((1 - F) * Math.Tan(ToRadians(lat1)));
        var u2 = Math.Atan((1 - F) * Math.Tan(ToRadians(lat2)));
        double sinU1 = Math.Sin(u1), cosU1 = Math.Cos(u1), sinU2 = Math.Sin(u2), cosU2 = Math.Cos(u2);
        double lambda = l, previous, sinSigma, cosSigma, sigma, cos2Alpha, cos2SigmaM;
        var iterations = 0;
        do
        {
            double sinLambda = Math.Sin(lambda), cosLambda = Math.Cos(lambda);
            sinSigma = Math.Sqrt(Math.Pow(cosU2 * sinLambda, 2) + Math.Pow(cosU1 * sinU2 - sinU1 * cosU2 * cosLambda, 2));
            if (sinSigma == 0) return 0;
            cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
            sigma = Math.Atan2(sinSigma, cosSigma);
            var sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            cos2Alpha = 1 - sinAlpha * sinAlpha;
            cos2SigmaM = cos2Alpha == 0 ? 0 : cosSigma - 2 * sinU1 * sinU2 / cos2Alpha;
            var c = F / 16 * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
            previous = lambda;
            lambda = l + (1 - c) * F * sinAlpha * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
        }
        while (Math.Abs(lambda - previous) > 1e-12 && ++iterations < 200);

        var uSquared = cos2Alpha * (A * A - B * B) / (B * B);
        var a = 1 + uSquared / 16384 * (4096 + uSquared * (-768 + uSquared * (320 - 175 * uSquared)));
        var b = uSquared / 1024 * (256 + uSquared * (-128 + uSquared * (74 - 47 * uSquared)));
        var deltaSigma = b * sinSigma * (cos2SigmaM + b / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
            b / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
        return B * a * (sigma - deltaSigma);
    }

    /// <summary>
    /// Area in km² of a longitude/latitude polygon or multipolygon on the sphere of the ellipsoid's area (radius
    /// 6,371,007.2 m; Chamberlain and Duquette's ring formula): within 0.5 % of PostGIS's ellipsoidal area, enough to
    /// refuse an absurd search area without a round trip to the database.
    /// </summary>
    public static double AreaKm2(NetTopologySuite.Geometries.Geometry polygonal)
    {
        const double authalicRadius = 6371007.2;
        var squareMetres = 0d;
        for (var i = 0; i < polygonal.NumGeometries; i++)
            if (polygonal.GetGeometryN(i) is NetTopologySuite.Geometries.Polygon polygon)
                squareMetres += RingArea(polygon.Shell.Coordinates) - polygon.Holes.Sum(h => RingArea(h.Coordinates));
        return squareMetres * authalicRadius * authalicRadius / 1e6;

        static double RingArea(NetTopologySuite.Geometries.Coordinate[] ring)
        {
            var sum = 0d;
            for (var i = 0; i + 1 < ring.Length; i++)
                sum += ToRadians(ring[i + 1].X - ring[i].X) * (2 + Math.Sin(ToRadians(ring[i].Y)) + Math.Sin(ToRadians(ring[i + 1].Y)));
            return Math.Abs(sum) / 2;
        }
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}
