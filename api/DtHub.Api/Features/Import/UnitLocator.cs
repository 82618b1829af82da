using NetTopologySuite.Algorithm;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using Npgsql;

namespace DtHub.Api.Features.Import;

/// <summary>
/// The wards (or neighbourhoods) valid now, in memory, for placing a million points without a million index
/// probes: a uniform grid over their envelopes and a prebuilt point-in-area locator per unit. Same rule as
/// <c>ST_Intersects</c> in SQL: a point on a boundary belongs to both units, and the lowest id wins.
/// Read-only after loading, so the parallel validators share one instance.
/// </summary>
internal sealed class UnitLocator
{
    // Units in ascending id order, so the first hit in a cell is the lowest id.
    private readonly int[] _ids;
    private readonly Envelope[] _envelopes;
    // The same envelopes as flat numbers (min x, max x, min y, max y per unit): the per-candidate test reads one array.
    private readonly double[] _bounds;
    private readonly Geometry[] _geometries;
    // A small polygon without holes is tested by counting ray crossings over its shell, which needs no index;
    // other units get an indexed locator, built on first use (most of a country's units may see no point at all).
    private readonly Coordinate[]?[] _shells;
    private readonly IPointOnGeometryLocator?[] _areas;
    private const int ShellTestMaxPoints = 64;
    private readonly Dictionary<int, string> _codes;
    // Grid in compressed rows: the units whose envelope meets cell c are _cellUnits[_cellStart[c].._cellStart[c + 1]].
    // A cell lookup is two array reads; the STR-tree it replaced allocated a result list per query (half the validation time).
    private readonly double _minX, _minY, _cellWidth, _cellHeight;
    private readonly int _columns, _rows;
    private readonly int[] _cellStart = [0];
    private readonly int[] _cellUnits = [];

    private UnitLocator(List<(int Id, Geometry Geometry, string Code)> units)
    {
        units.Sort((a, b) => a.Id.CompareTo(b.Id));
        _ids = units.Select(u => u.Id).ToArray();
        _envelopes = units.Select(u => u.Geometry.EnvelopeInternal).ToArray();
        _codes = units.ToDictionary(u => u.Id, u => u.Code);
        _bounds = new double[units.Count * 4];
        for (var u = 0; u < units.Count; u++)
            (_bounds[4 * u], _bounds[4 * u + 1], _bounds[4 * u + 2], _bounds[4 * u + 3]) = (_envelopes[u].MinX, _envelopes[u].MaxX, _envelopes[u].MinY, _envelopes[u].MaxY);
        _geometries = units.Select(u => u.Geometry).ToArray();
        _shells = _geometries.Select(g => g is Polygon { NumInteriorRings: 0 } p && p.Shell.NumPoints <= ShellTestMaxPoints ? p.Shell.Coordinates : null).ToArray();
        _areas = new IPointOnGeometryLocator?[units.Count];
        if (units.Count == 0) return;

        var extent = new Envelope();
        foreach (var e in _envelopes) extent.ExpandToInclude(e);
        // About four cells per unit, shaped like the extent: a cell then holds a handful of candidates.
        var cells = Math.Clamp(4.0 * units.Count, 64, 4_000_000);
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
        _cellUnits = new int[counts[^1]];
        var next = (int[])counts.Clone();
        ForEachCell((unit, cell) => _cellUnits[next[cell]++] = unit);
    }

    /// <summary>Calls <paramref name="visit"/> for every (unit, cell) whose envelopes meet, units in id order.</summary>
    private void ForEachCell(Action<int, int> visit)
    {
        for (var u = 0; u < _envelopes.Length; u++)
        {
            var e = _envelopes[u];
            var (x0, x1) = (Column(e.MinX), Column(e.MaxX));
            var (y0, y1) = (Row(e.MinY), Row(e.MaxY));
            for (var y = y0; y <= y1; y++)
                for (var x = x0; x <= x1; x++) visit(u, y * _columns + x);
        }
    }

    // Floor on both ends of an envelope, and for a point: a point on a cell edge lands in a cell its envelope reaches.
    private int Column(double x) => Math.Clamp((int)Math.Floor((x - _minX) / _cellWidth), 0, _columns - 1);
    private int Row(double y) => Math.Clamp((int)Math.Floor((y - _minY) / _cellHeight), 0, _rows - 1);

    public int Count => _ids.Length;

    /// <summary>Loads the current units of <paramref name="table"/> (<c>wards</c> or <c>neighborhoods</c>) in the caller's transaction.</summary>
    public static async Task<UnitLocator> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, CancellationToken ct)
    {
        var units = new List<(int, Geometry, string)>();
        await using var cmd = new NpgsqlCommand($"SELECT id, geometry, code FROM {table} WHERE valid_to IS NULL", connection, transaction) { CommandTimeout = 0 };
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) units.Add((reader.GetInt32(0), reader.GetFieldValue<Geometry>(1), reader.GetString(2)));
        return new UnitLocator(units);
    }

    /// <summary>The code of a loaded unit.</summary>
    public string Code(int id) => _codes[id];

    /// <summary>The lowest id of the units containing (or touching) the point; null when none does.</summary>
    public int? Locate(double lon, double lat)
    {
        if (_ids.Length == 0 || double.IsNaN(lon) || double.IsNaN(lat)) return null;
        var cell = Row(lat) * _columns + Column(lon);
        Coordinate? point = null;
        for (var i = _cellStart[cell]; i < _cellStart[cell + 1]; i++)
        {
            var unit = _cellUnits[i];
            var b = 4 * unit;
            if (lon < _bounds[b] || lon > _bounds[b + 1] || lat < _bounds[b + 2] || lat > _bounds[b + 3]) continue;
            point ??= new Coordinate(lon, lat);
            var where = _shells[unit] is { } shell ? PointLocation.LocateInRing(point, shell) : Area(unit).Locate(point);
            if (where != Location.Exterior) return _ids[unit];
        }
        return null;
    }

    private IPointOnGeometryLocator Area(int unit)
    {
        if (Volatile.Read(ref _areas[unit]) is { } area) return area;
        var built = new IndexedPointInAreaLocator(_geometries[unit]);
        built.Locate(_geometries[unit].Coordinate); // builds its index before another thread can see it
        return Interlocked.CompareExchange(ref _areas[unit], built, null) ?? built;
    }
}
