using System.Buffers.Binary;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;

namespace DtHub.Api.Features.Import;

/// <summary>
/// The wards (or neighbourhoods) valid now, in memory, for placing a million points without a million index
/// probes: a uniform grid over their envelopes, and each unit's rings as flat coordinates. Same rule as
/// <c>ST_Intersects</c> in SQL: a point on a boundary belongs to both units, and the lowest id wins.
/// Read-only after loading (the few indexed locators are published once, atomically), so the parallel
/// validators share one instance.
/// </summary>
internal sealed class UnitLocator
{
    // Units in ascending id order, so the first hit in a cell is the lowest id.
    private readonly int[] _ids;
    private readonly Dictionary<int, string> _codes;
    // Envelopes as flat numbers (min x, max x, min y, max y per unit), copied into the grid entries.
    private readonly double[] _bounds;
    // Every ring's vertices as x, y pairs: ring r is _xy[2 * _ringStart[r] .. 2 * _ringStart[r + 1]), unit u owns
    // rings _unitRings[u] .. _unitRings[u + 1]. A unit of few vertices is tested by counting ray crossings over them,
    // with no index to build and no object per unit; a large one gets an indexed locator on first use.
    private readonly double[] _xy;
    private readonly int[] _ringStart;
    private readonly int[] _unitRings;
    private readonly byte[]?[] _largeWkb;
    private readonly IPointOnGeometryLocator?[] _areas;
    private const int RingTestMaxPoints = 256;
    // Grid in compressed rows: the units whose envelope meets cell c are _cellUnits[_cellStart[c].._cellStart[c + 1]].
    // A cell lookup is two array reads; the STR-tree it replaced allocated a result list per query (half the validation time).
    private readonly double _minX, _minY, _cellWidth, _cellHeight;
    private readonly int _columns, _rows;
    // Each entry carries its unit's envelope and rings, so a lookup reads one stretch of memory until a ring test.
    private readonly int[] _cellStart = [0];
    private readonly Candidate[] _cellUnits = [];

    /// <summary>A unit listed in a grid cell: its envelope, and its rings (FirstRing -1: a large unit, see <see cref="Area"/>).</summary>
    private readonly record struct Candidate(double MinX, double MaxX, double MinY, double MaxY, int Unit, int FirstRing, int EndRing);

    private UnitLocator(List<(int Id, byte[] Wkb, string Code)> units)
    {
        units.Sort((a, b) => a.Id.CompareTo(b.Id));
        _ids = units.Select(u => u.Id).ToArray();
        _codes = units.ToDictionary(u => u.Id, u => u.Code);
        _bounds = new double[units.Count * 4];
        _unitRings = new int[units.Count + 1];
        _largeWkb = new byte[]?[units.Count];
        _areas = new IPointOnGeometryLocator?[units.Count];
        var xy = new List<double>(units.Sum(u => u.Wkb.Length) / 16);
        var ringStart = new List<int> { 0 };
        for (var u = 0; u < units.Count; u++)
        {
            var (first, firstRing) = (xy.Count, ringStart.Count);
            if (!FlatWkb.TryReadPolygonal(units[u].Wkb, xy, ringStart))
            {
                // Not a plain 2D (multi)polygon: NetTopologySuite reads it and the indexed locator decides.
                xy.RemoveRange(first, xy.Count - first);
                ringStart.RemoveRange(firstRing, ringStart.Count - firstRing);
                var envelope = new WKBReader().Read(units[u].Wkb).EnvelopeInternal;
                (_bounds[4 * u], _bounds[4 * u + 1], _bounds[4 * u + 2], _bounds[4 * u + 3]) =
                    envelope.IsNull ? (1, -1, 1, -1) : (envelope.MinX, envelope.MaxX, envelope.MinY, envelope.MaxY);
                _largeWkb[u] = units[u].Wkb;
                _unitRings[u + 1] = ringStart.Count - 1;
                continue;
            }
            _unitRings[u + 1] = ringStart.Count - 1;
            var (minX, maxX, minY, maxY) = (1.0, -1.0, 1.0, -1.0); // empty: min above max, so nothing falls in it
            for (var i = first; i < xy.Count; i += 2)
                (minX, maxX, minY, maxY) = i == first ? (xy[i], xy[i], xy[i + 1], xy[i + 1])
                    : (Math.Min(minX, xy[i]), Math.Max(maxX, xy[i]), Math.Min(minY, xy[i + 1]), Math.Max(maxY, xy[i + 1]));
            (_bounds[4 * u], _bounds[4 * u + 1], _bounds[4 * u + 2], _bounds[4 * u + 3]) = (minX, maxX, minY, maxY);
            if ((xy.Count - first) / 2 > RingTestMaxPoints) _largeWkb[u] = units[u].Wkb;
        }
        _xy = [.. xy];
        _ringStart = [.. ringStart];
        if (units.Count == 0) return;

        var extent = new Envelope();
        for (var u = 0; u < units.Count; u++)
            if (!IsEmpty(u)) extent.ExpandToInclude(new Envelope(_bounds[4 * u], _bounds[4 * u + 1], _bounds[4 * u + 2], _bounds[4 * u + 3]));
        if (extent.IsNull) return;
        // About eight cells per unit, shaped like the extent: a cell then holds a handful of candidates.
        var cells = Math.Clamp(8.0 * units.Count, 64, 4_000_000);
        var aspect = Math.Max(extent.Width, 1e-9) / Math.Max(extent.Height, 1e-9);
        _columns = (int)Math.Clamp(Math.Sqrt(cells * aspect), 1, 4096);
        _rows = (int)Math.Clamp(cells / _columns, 1, 4096);
        (_minX, _minY) = (extent.MinX, extent.MinY);
        _cellWidth = Math.Max(extent.Width, 1e-9) / _columns;
        _cellHeight = Math.Max(extent.Height, 1e-9) / _rows;

        var counts = new int[_columns * _rows + 1];
        ForEachCell((_, cell) => counts[cell + 1]++);
        for (var c = 1; c < counts.Length; c++) counts[c] += counts[c - 1];
        _cellStart = counts;
        _cellUnits = new Candidate[counts[^1]];
        var next = (int[])counts.Clone();
        ForEachCell((unit, cell) => _cellUnits[next[cell]++] = new Candidate(_bounds[4 * unit], _bounds[4 * unit + 1], _bounds[4 * unit + 2],
            _bounds[4 * unit + 3], unit, _largeWkb[unit] is null ? _unitRings[unit] : -1, _unitRings[unit + 1]));
    }

    /// <summary>Calls <paramref name="visit"/> for every (unit, cell) whose envelopes meet, units in id order.</summary>
    private void ForEachCell(Action<int, int> visit)
    {
        for (var u = 0; u < _ids.Length; u++)
        {
            if (IsEmpty(u)) continue;
            var (x0, x1) = (Column(_bounds[4 * u]), Column(_bounds[4 * u + 1]));
            var (y0, y1) = (Row(_bounds[4 * u + 2]), Row(_bounds[4 * u + 3]));
            for (var y = y0; y <= y1; y++)
                for (var x = x0; x <= x1; x++) visit(u, y * _columns + x);
        }
    }

    private bool IsEmpty(int unit) => _bounds[4 * unit] > _bounds[4 * unit + 1];

    // Floor on both ends of an envelope, and for a point: a point on a cell edge lands in a cell its envelope reaches.
    private int Column(double x) => Math.Clamp((int)Math.Floor((x - _minX) / _cellWidth), 0, _columns - 1);
    private int Row(double y) => Math.Clamp((int)Math.Floor((y - _minY) / _cellHeight), 0, _rows - 1);

    public int Count => _ids.Length;

    /// <summary>Loads the current units of <paramref name="table"/> (<c>wards</c> or <c>neighborhoods</c>) in the caller's transaction.</summary>
    public static async Task<UnitLocator> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, CancellationToken ct)
    {
        var units = new List<(int, byte[], string)>();
        await using var cmd = new NpgsqlCommand($"SELECT id, ST_AsBinary(geometry, 'NDR'), code FROM {table} WHERE valid_to IS NULL", connection, transaction) { CommandTimeout = 0 };
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) units.Add((reader.GetInt32(0), reader.GetFieldValue<byte[]>(1), reader.GetString(2)));
        return new UnitLocator(units);
    }

    /// <summary>The code of a loaded unit.</summary>
    public string Code(int id) => _codes[id];

    /// <summary>The lowest id of the units containing (or touching) the point; null when none does.</summary>
    public int? Locate(double lon, double lat)
    {
        if (_cellUnits.Length == 0 || double.IsNaN(lon) || double.IsNaN(lat)) return null;
        var cell = Row(lat) * _columns + Column(lon);
        for (var i = _cellStart[cell]; i < _cellStart[cell + 1]; i++)
        {
            ref readonly var c = ref _cellUnits[i];
            if (lon < c.MinX || lon > c.MaxX || lat < c.MinY || lat > c.MaxY) continue;
            var where = c.FirstRing >= 0 ? LocateInRings(c.FirstRing, c.EndRing, lon, lat) : Area(c.Unit).Locate(new Coordinate(lon, lat));
            if (where != Location.Exterior) return _ids[c.Unit];
        }
        return null;
    }

    /// <summary>
    /// Where the point lies against all rings of a unit: the ray-crossing count of <see cref="RayCrossingCounter"/>
    /// (which the indexed locator uses too), boundary first, with its orientation test's exact fallback.
    /// </summary>
    private Location LocateInRings(int firstRing, int endRing, double x, double y)
    {
        var crossings = 0;
        for (var r = firstRing; r < endRing; r++)
        {
            var end = 2 * _ringStart[r + 1];
            for (var i = 2 * _ringStart[r] + 2; i < end; i += 2)
            {
                double x1 = _xy[i - 2], y1 = _xy[i - 1], x2 = _xy[i], y2 = _xy[i + 1];
                if (x1 < x && x2 < x) continue; // wholly left of the point: cannot cross the ray to the right
                if (x == x2 && y == y2) return Location.Boundary;
                if (y1 == y && y2 == y)
                {
                    if (x >= Math.Min(x1, x2) && x <= Math.Max(x1, x2)) return Location.Boundary;
                    continue;
                }
                if ((y1 > y && y2 <= y) || (y2 > y && y1 <= y))
                {
                    var orientation = Orientation(x1, y1, x2, y2, x, y);
                    if (orientation == 0) return Location.Boundary;
                    if (y2 < y1) orientation = -orientation;
                    if (orientation == 1) crossings++;
                }
            }
        }
        return crossings % 2 == 1 ? Location.Interior : Location.Exterior;
    }

    /// <summary>NTS's orientation index (1 left, -1 right, 0 collinear): the same floating-point filter, and its exact test when the filter cannot tell.</summary>
    private static int Orientation(double ax, double ay, double bx, double by, double cx, double cy)
    {
        const double SafeEpsilon = 1e-15;
        var detLeft = (ax - cx) * (by - cy);
        var detRight = (ay - cy) * (bx - cx);
        var det = detLeft - detRight;
        double detSum;
        if (detLeft > 0) { if (detRight <= 0) return Math.Sign(det); detSum = detLeft + detRight; }
        else if (detLeft < 0) { if (detRight >= 0) return Math.Sign(det); detSum = -detLeft - detRight; }
        else return Math.Sign(det);
        var bound = SafeEpsilon * detSum;
        if (det >= bound || -det >= bound) return Math.Sign(det);
        return (int)NetTopologySuite.Algorithm.Orientation.Index(new Coordinate(ax, ay), new Coordinate(bx, by), new Coordinate(cx, cy));
    }

    private IPointOnGeometryLocator Area(int unit)
    {
        if (Volatile.Read(ref _areas[unit]) is { } area) return area;
        var geometry = new WKBReader().Read(_largeWkb[unit]);
        var built = new IndexedPointInAreaLocator(geometry);
        built.Locate(geometry.Coordinate); // builds its index before another thread can see it
        return Interlocked.CompareExchange(ref _areas[unit], built, null) ?? built;
    }

    /// <summary>Reads the rings of a 2D (multi)polygon in WKB straight into flat coordinates.</summary>
    private static class FlatWkb
    {
        public static bool TryReadPolygonal(ReadOnlySpan<byte> wkb, List<double> xy, List<int> ringStart)
        {
            var at = 0;
            if (!TryHeader(wkb, ref at, out var little, out var type)) return false;
            if (type == 3) return TryPolygon(wkb, ref at, little, xy, ringStart);
            if (type != 6) return false;
            var polygons = ReadUInt(wkb, ref at, little);
            for (var p = 0; p < polygons; p++)
            {
                if (!TryHeader(wkb, ref at, out var partLittle, out var partType) || partType != 3) return false;
                if (!TryPolygon(wkb, ref at, partLittle, xy, ringStart)) return false;
            }
            return true;
        }

        private static bool TryHeader(ReadOnlySpan<byte> wkb, ref int at, out bool little, out uint type)
        {
            little = wkb[at++] == 1;
            type = ReadUInt(wkb, ref at, little);
            return true;
        }

        private static bool TryPolygon(ReadOnlySpan<byte> wkb, ref int at, bool little, List<double> xy, List<int> ringStart)
        {
            var rings = ReadUInt(wkb, ref at, little);
            for (var r = 0; r < rings; r++)
            {
                var points = ReadUInt(wkb, ref at, little);
                for (var i = 0; i < 2 * points; i++)
                {
                    var bits = little ? BinaryPrimitives.ReadInt64LittleEndian(wkb[at..]) : BinaryPrimitives.ReadInt64BigEndian(wkb[at..]);
                    xy.Add(BitConverter.Int64BitsToDouble(bits));
                    at += 8;
                }
                ringStart.Add(xy.Count / 2);
            }
            return true;
        }

        private static uint ReadUInt(ReadOnlySpan<byte> wkb, ref int at, bool little)
        {
            var value = little ? BinaryPrimitives.ReadUInt32LittleEndian(wkb[at..]) : BinaryPrimitives.ReadUInt32BigEndian(wkb[at..]);
            at += 4;
            return value;
        }
    }
}
