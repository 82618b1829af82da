using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using Npgsql;

namespace DtHub.Api.Features.Import;

/// <summary>
/// The wards (or neighbourhoods) valid now, in memory, for placing a million points without a million index
/// probes: an STR-tree over their envelopes and a prebuilt point-in-area locator per unit. Same rule as
/// <c>ST_Intersects</c> in SQL: a point on a boundary belongs to both units, and the lowest id wins.
/// Read-only after loading, so the parallel validators share one instance.
/// </summary>
internal sealed class UnitLocator
{
    private readonly STRtree<(int Id, IPointOnGeometryLocator Locator)> _tree = new();
    private readonly Dictionary<int, string> _codes = [];

    private UnitLocator() { }

    public int Count { get; private set; }

    /// <summary>Loads the current units of <paramref name="table"/> (<c>wards</c> or <c>neighborhoods</c>) in the caller's transaction.</summary>
    public static async Task<UnitLocator> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, CancellationToken ct)
    {
        var locator = new UnitLocator();
        await using var cmd = new NpgsqlCommand($"SELECT id, geometry, code FROM {table} WHERE valid_to IS NULL", connection, transaction) { CommandTimeout = 0 };
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var geometry = reader.GetFieldValue<Geometry>(1);
            var area = new IndexedPointInAreaLocator(geometry);
            area.Locate(geometry.Coordinate); // builds the lazy index now, before several threads share it
            locator._tree.Insert(geometry.EnvelopeInternal, (reader.GetInt32(0), area));
            locator._codes[reader.GetInt32(0)] = reader.GetString(2);
            locator.Count++;
        }
        locator._tree.Build();
        return locator;
    }

    /// <summary>The code of a loaded unit.</summary>
    public string Code(int id) => _codes[id];

    /// <summary>The lowest id of the units containing (or touching) the point; null when none does.</summary>
    public int? Locate(double lon, double lat)
    {
        var point = new Coordinate(lon, lat);
        int? best = null;
        foreach (var (id, area) in _tree.Query(new Envelope(point)))
        {
            if ((best is null || id < best) && area.Locate(point) != Location.Exterior) best = id;
        }
        return best;
    }
}
