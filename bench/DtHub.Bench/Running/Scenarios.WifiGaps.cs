namespace DtHub.Bench.Running;

public sealed partial class Scenarios
{
    private const string DtHubWifiGaps = """
        query WifiGaps($area: GeoJSON!) { gaps { wifiGaps(radiusMeters: 300, minResidents: 50, area: $area) {
          residentsUncovered cells(first: 100) { totalCount nodes { geometry residents } } } } }
        """;

    // The floor answers the same question in one statement: the gap cells of the area, their count and residents.
    private const string FloorWifiGaps = """
        WITH gap AS (
          SELECT c.i, c.j, c.geometry, c.estimated_residents FROM agg_hex_cell c
          WHERE c.estimated_residents >= 50 AND ST_Intersects(c.geometry, ST_GeomFromGeoJSON(@area))
            AND NOT EXISTS (SELECT 1 FROM wifi_points w WHERE w.status = 'Active'
                            AND ST_DWithin(w.location::geography, ST_Centroid(c.geometry)::geography, 300)))
        SELECT count(*) OVER (), sum(estimated_residents) OVER (), ST_AsGeoJSON(geometry), estimated_residents
        FROM gap ORDER BY estimated_residents DESC, i, j LIMIT 100
        """;

    /// <summary>Wi-Fi gaps inside one district (the bench ward's), given as its outline: what a district planner asks.</summary>
    private Scenario WifiGaps()
    {
        const string name = "wifi-gaps";
        var district = at.WardCode[..at.WardCode.LastIndexOf('-')];
        var description = $"Wi-Fi gaps in district {district} (hexagon cells with ≥ 50 residents and no active Wi-Fi within 300 m)";
        using (var cells = db.CreateCommand("SELECT EXISTS (SELECT 1 FROM agg_hex_cell)"))
            if (!(bool)cells.ExecuteScalar()!)
                return Pending(name, description, "no hexagon cells: the aggregates have not been refreshed on this dataset");

        using var outline = db.CreateCommand("SELECT ST_AsGeoJSON(ST_Union(geometry)) FROM wards WHERE code LIKE @prefix AND valid_to IS NULL");
        outline.Parameters.AddWithValue("prefix", district + "-%");
        var area = (string)outline.ExecuteScalar()!;
        var areaJson = System.Text.Json.Nodes.JsonNode.Parse(area);
        return new Scenario(name, description,
            Floor: async () =>
            {
                await using var command = db.CreateCommand(FloorWifiGaps);
                command.Parameters.AddWithValue("area", area);
                await ReadAllAsync(command);
            },
            DtHub: () => dthub.QueryAsync(DtHubWifiGaps, new { area = areaJson }),
            PostGraphile: null,
            Runs: quick ? 20 : 60);
    }
}
