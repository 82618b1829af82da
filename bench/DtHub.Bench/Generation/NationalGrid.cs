using NetTopologySuite.Geometries;

namespace DtHub.Bench.Generation;

/// <summary>
/// A deterministic tiling of a Vietnam-sized S-shaped strip (8.6°N–23.4°N, 2° of longitude wide, its centre line
/// passing near Hồ Chí Minh City, Đà Nẵng and Hà Nội): 37 × 288 jittered quadrilateral wards sharing corners,
/// so the polygons tile without gaps or overlaps. Each ward splits into 3 × 3 neighbourhoods the same way.
/// </summary>
public sealed class NationalGrid
{
    public const double SouthLat = 8.6;
    public const double NorthLat = 23.4;
    public const double StripWidthDeg = 2.0;
    public const int NeighborhoodSplit = 3;

    /// <summary>Centre line of the strip, (latitude, longitude) knots roughly along Vietnam's length.</summary>
    private static readonly (double Lat, double Lon)[] CentreLine =
        [(8.6, 105.2), (10.8, 106.2), (12.5, 108.2), (16.0, 108.0), (18.5, 105.8), (21.0, 105.9), (23.4, 105.5)];

    /// <summary>Where people and businesses concentrate: (lon, lat, weight).</summary>
    public static readonly (string Name, double Lon, double Lat, double Weight)[] Cities =
    [
        ("Hồ Chí Minh", 106.70, 10.78, 1.0), ("Hà Nội", 105.85, 21.03, 0.8), ("Hải Phòng", 106.68, 20.86, 0.25),
        ("Đà Nẵng", 108.20, 16.05, 0.3), ("Cần Thơ", 105.78, 10.03, 0.2), ("Huế", 107.58, 16.46, 0.1),
        ("Vinh", 105.68, 18.67, 0.1),
    ];

    private readonly GeometryFactory _factory = new(new PrecisionModel(), 4326);

    public NationalGrid(BenchScale scale)
    {
        Scale = scale;
        // Partial scales take the rows around the densest city, so "city" is Hồ Chí Minh City's band.
        var hcmcRow = (int)((10.78 - SouthLat) / RowHeight);
        FirstRow = Math.Clamp(hcmcRow - scale.Rows / 2, 0, BenchScale.NationalRows - scale.Rows);
    }

    public BenchScale Scale { get; }
    public int FirstRow { get; }
    public static double RowHeight => (NorthLat - SouthLat) / BenchScale.NationalRows;
    public GeometryFactory Factory => _factory;

    public static double CentreLon(double lat)
    {
        for (var k = 1; k < CentreLine.Length; k++)
        {
            if (lat <= CentreLine[k].Lat || k == CentreLine.Length - 1)
            {
                var (lat0, lon0) = CentreLine[k - 1];
                var (lat1, lon1) = CentreLine[k];
                var f = Math.Clamp((lat - lat0) / (lat1 - lat0), 0, 1);
                return lon0 + f * (lon1 - lon0);
            }
        }
        return CentreLine[^1].Lon;
    }

    /// <summary>Corner (col, row) of the national grid; inner corners are jittered by up to 20 % of a cell.</summary>
    public Coordinate Corner(int col, int row)
    {
        double jx = 0, jy = 0;
        if (col > 0 && col < BenchScale.Columns) jx = (Hash01(col, row, 1) - 0.5) * 0.4;
        if (row > 0 && row < BenchScale.NationalRows) jy = (Hash01(col, row, 2) - 0.5) * 0.4;
        var lat = SouthLat + (row + jy) * RowHeight;
        var lon = CentreLon(lat) + ((col + jx) / BenchScale.Columns - 0.5) * StripWidthDeg;
        return new Coordinate(lon, lat);
    }

    /// <summary>The four corners of a ward (south-west, south-east, north-east, north-west).</summary>
    public Coordinate[] WardCorners(int col, int row) =>
        [Corner(col, row), Corner(col + 1, row), Corner(col + 1, row + 1), Corner(col, row + 1)];

    /// <summary>Bilinear point of a quadrilateral at (s, t) in [0,1]²: inside the quad when it is convex.</summary>
    public static Coordinate Bilinear(Coordinate[] q, double s, double t) => new(
        (1 - s) * (1 - t) * q[0].X + s * (1 - t) * q[1].X + s * t * q[2].X + (1 - s) * t * q[3].X,
        (1 - s) * (1 - t) * q[0].Y + s * (1 - t) * q[1].Y + s * t * q[2].Y + (1 - s) * t * q[3].Y);

    public MultiPolygon Quad(Coordinate a, Coordinate b, Coordinate c, Coordinate d) =>
        _factory.CreateMultiPolygon([_factory.CreatePolygon([a, b, c, d, a.Copy()])]);

    public MultiPolygon NeighborhoodPolygon(Coordinate[] ward, int si, int ti)
    {
        const double n = NeighborhoodSplit;
        return Quad(Bilinear(ward, si / n, ti / n), Bilinear(ward, (si + 1) / n, ti / n),
            Bilinear(ward, (si + 1) / n, (ti + 1) / n), Bilinear(ward, si / n, (ti + 1) / n));
    }

    public static int ProvinceOf(int row) => row * BenchScale.Provinces / BenchScale.NationalRows;

    /// <summary>About 20 districts per province: two row halves × ten column groups.</summary>
    public static int DistrictOf(int col, int row)
    {
        var province = ProvinceOf(row);
        var firstRow = (province * BenchScale.NationalRows + BenchScale.Provinces - 1) / BenchScale.Provinces;
        var nextFirstRow = ((province + 1) * BenchScale.NationalRows + BenchScale.Provinces - 1) / BenchScale.Provinces;
        var half = (row - firstRow) * 2 / Math.Max(1, nextFirstRow - firstRow);
        return province * 20 + half * 10 + col * 10 / BenchScale.Columns;
    }

    /// <summary>Relative density of businesses and residents around a point: a floor plus city peaks (σ ≈ 13 km).</summary>
    public static double Density(Coordinate p)
    {
        var d = 0.15;
        foreach (var c in Cities)
        {
            var dx = (p.X - c.Lon) * Math.Cos(c.Lat * Math.PI / 180);
            var dy = p.Y - c.Lat;
            d += c.Weight * 60 * Math.Exp(-(dx * dx + dy * dy) / (2 * 0.12 * 0.12));
        }
        return d;
    }

    /// <summary>A stable pseudo-random number in [0,1) from integers (no shared state).</summary>
    public static double Hash01(int a, int b, int c)
    {
        ulong h = 1469598103934665603UL;
        foreach (var v in new[] { a, b, c })
        {
            h ^= (uint)v;
            h *= 1099511628211UL;
            h ^= h >> 29;
        }
        h *= 0x9E3779B97F4A7C15UL;
        return (h >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Splits <paramref name="total"/> over units in proportion to weight (largest remainder), deterministically.</summary>
    public static int[] Allocate(IReadOnlyList<double> weights, int total)
    {
        var sum = weights.Sum();
        var counts = new int[weights.Count];
        var rest = new (double Fraction, int Index)[weights.Count];
        var assigned = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = total * weights[i] / sum;
            counts[i] = (int)exact;
            assigned += counts[i];
            rest[i] = (exact - counts[i], i);
        }
        foreach (var (_, i) in rest.OrderByDescending(r => r.Fraction).ThenBy(r => r.Index).Take(total - assigned)) counts[i]++;
        return counts;
    }
}
