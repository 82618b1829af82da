using Npgsql;

namespace DtHub.Bench.Running;

/// <summary>The scenarios of issue 10, each as floor SQL, DtHub GraphQL and (where it can) PostGraphile GraphQL.</summary>
public sealed partial class Scenarios(NpgsqlDataSource db, GraphQLClient dthub, GraphQLClient? peer, HttpClient http, BenchContext at, bool quick)
{
    private const int PageSize = 100;
    private const double SimplifyMetres = 50;

    public IEnumerable<Scenario> All()
    {
        yield return Choropleth("choropleth-province", $"Ward choropleth for {at.Month}: all wards of one province ({at.ProvincePrefix[..3]}), pages of {PageSize}", at.ProvincePrefix, quick ? 20 : 30);
        yield return Choropleth("choropleth-all", $"Ward choropleth for {at.Month}: every ward, pages of {PageSize}", "P", quick ? 5 : 5);
        yield return WardDetail();
        yield return WardDetailEachWard();
        yield return MerchantsWithin();
        yield return MerchantsInBbox();
        yield return NearestWifi();
        yield return WifiGaps();
        yield return UnitsBelowTarget();
        yield return NeighborhoodsWithoutTeam();
        yield return StreetsBelowTarget();
        yield return WithoutQrByCategory();
        yield return WardGapReport();
        yield return Tile(12);
        yield return Tile(14);
        yield return HttpRoundTrip();
    }

    private static Scenario Pending(string name, string description, string reason) =>
        new(name, description, null, null, null, PendingReason: reason);

    // ---- choropleth -------------------------------------------------------------------------------------------

    private const string DtHubChoropleth = """
        query Choropleth($after: String, $prefix: String!, $month: Month!) {
          wards(first: 100, after: $after, where: { code: { startsWith: $prefix } }, order: [{ code: ASC }]) {
            pageInfo { hasNextPage endCursor }
            nodes { code name geometry(simplify: 50)
              reports(first: 1, where: { month: { eq: $month } }) {
                nodes { month population residents15Plus accountHolders15Plus } } } } }
        """;

    private const string PeerChoropleth = """
        query Choropleth($after: Cursor, $prefix: String!, $month: Date!) {
          allWards(first: 100, after: $after, filter: { code: { startsWith: $prefix } }, orderBy: CODE_ASC) {
            pageInfo { hasNextPage endCursor }
            nodes { code name simplifiedGeometry(metres: 50) { geojson }
              reportFor(month: $month) { month population residents15Plus accountHolders15Plus } } } }
        """;

    private Scenario Choropleth(string name, string description, string prefix, int runs) => new(name, description,
        Floor: async () =>
        {
            var after = "";
            while (true)
            {
                await using var command = db.CreateCommand("""
                    SELECT w.code, w.name, ST_AsGeoJSON(ST_SimplifyPreserveTopology(w.geometry, @tolerance)),
                           r.month, r.population, r.residents15plus, r.account_holders15plus
                    FROM wards w
                    LEFT JOIN ward_reports r ON r.ward_id = w.id AND r.month = @month AND r.superseded_at IS NULL
                    WHERE w.code >= @from AND w.code < @to AND w.code > @after AND w.valid_to IS NULL
                    ORDER BY w.code LIMIT @limit
                    """);
                command.Parameters.AddWithValue("tolerance", SimplifyMetres / 111_320.0);
                command.Parameters.AddWithValue("month", at.MonthDate);
                // A prefix as a range: the (code, valid_from) btree serves it (LIKE cannot under a non-C collation).
                command.Parameters.AddWithValue("from", prefix);
                command.Parameters.AddWithValue("to", prefix[..^1] + (char)(prefix[^1] + 1));
                command.Parameters.AddWithValue("after", after);
                command.Parameters.AddWithValue("limit", PageSize);
                var (rows, last) = await ReadAllAsync(command);
                if (rows < PageSize) break;
                after = last!;
            }
        },
        DtHub: async () =>
        {
            string? after = null;
            do
            {
                var page = (await dthub.QueryAsync(DtHubChoropleth, new { after, prefix, month = at.Month })).GetProperty("wards");
                after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
            } while (after is not null);
        },
        PostGraphile: peer is null ? null : async () =>
        {
            string? after = null;
            do
            {
                var page = (await peer.QueryAsync(PeerChoropleth, new { after, prefix, month = at.Month + "-01" })).GetProperty("allWards");
                after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
            } while (after is not null);
        },
        Runs: runs);

    // ---- one ward's detail ------------------------------------------------------------------------------------

    private const string DtHubWardDetail = """
        query WardDetail($code: String!) {
          wards(first: 1, where: { code: { eq: $code } }) { nodes {
            code name kind geometry
            reports(first: 1, order: [{ month: DESC }]) { nodes { month residents15Plus accountHolders15Plus } }
            merchants(first: 50) { totalCount nodes { id name category acceptsQr location } }
            teams(first: 50) { totalCount nodes { id name level members(first: 10) { nodes { role } } } } } } }
        """;

    private const string PeerWardDetail = """
        query WardDetail($code: String!) {
          allWards(first: 1, condition: { code: $code }) { nodes {
            code name kind geometry { geojson }
            latestReport { month residents15Plus accountHolders15Plus }
            merchantsByWardId(first: 50, orderBy: PRIMARY_KEY_ASC) { totalCount nodes { id name category acceptsQr location { geojson } } }
            teamsByWardId(first: 50, orderBy: PRIMARY_KEY_ASC) { totalCount nodes { id name level teamMembersByTeamId(first: 10) { nodes { role } } } } } } }
        """;

    private const string FloorWardDetail = """
        SELECT w.code, w.name, w.kind, ST_AsGeoJSON(w.geometry),
          (SELECT row_to_json(r) FROM (SELECT month, residents15plus, account_holders15plus FROM ward_reports
             WHERE ward_id = w.id AND superseded_at IS NULL ORDER BY month DESC LIMIT 1) r),
          (SELECT count(*) FROM merchants WHERE ward_id = w.id),
          (SELECT json_agg(m) FROM (SELECT id, name, category, accepts_qr, ST_AsGeoJSON(location)::json AS location
             FROM merchants WHERE ward_id = w.id ORDER BY id LIMIT 50) m),
          (SELECT count(*) FROM teams WHERE ward_id = w.id),
          (SELECT json_agg(t) FROM (SELECT t.id, t.name, t.level,
             (SELECT json_agg(tm.role) FROM (SELECT role FROM team_members WHERE team_id = t.id ORDER BY id LIMIT 10) tm) AS members
             FROM teams t WHERE t.ward_id = w.id ORDER BY t.id LIMIT 50) t)
        FROM wards w WHERE w.code = @code AND w.valid_to IS NULL
        """;

    /// <summary>
    /// The ward detail for a different ward on every run: no engine answers the same variables twice, so DtHub's
    /// statement cache (one entry per document and variable values) never hits and every answer is composed anew.
    /// </summary>
    private Scenario WardDetailEachWard()
    {
        int floorRun = 0, dthubRun = 0, peerRun = 0;
        string Next(ref int run) => at.WardCodes[run++ % at.WardCodes.Length];
        return new("ward-detail-each-ward",
            $"The same ward detail, for the next of {at.WardCodes.Length} wards of the province on each run (no repeated variables)",
            Floor: async () =>
            {
                await using var command = db.CreateCommand(FloorWardDetail);
                command.Parameters.AddWithValue("code", Next(ref floorRun));
                await ReadAllAsync(command);
            },
            DtHub: () => dthub.QueryAsync(DtHubWardDetail, new { code = Next(ref dthubRun) }),
            PostGraphile: peer is null ? null : () => peer.QueryAsync(PeerWardDetail, new { code = Next(ref peerRun) }),
            Runs: quick ? 100 : 200);
    }

    public Func<Task> FloorWardDetailAction => async () =>
    {
        await using var command = db.CreateCommand(FloorWardDetail);
        command.Parameters.AddWithValue("code", at.WardCode);
        await ReadAllAsync(command);
    };

    private Scenario WardDetail() => new("ward-detail",
        $"One ward's detail ({at.WardCode}) with its latest report, first 50 merchants and first 50 teams with members",
        Floor: FloorWardDetailAction,
        DtHub: () => dthub.QueryAsync(DtHubWardDetail, new { code = at.WardCode }),
        PostGraphile: peer is null ? null : () => peer.QueryAsync(PeerWardDetail, new { code = at.WardCode }),
        Runs: quick ? 100 : 200,
        ThroughputBody: GraphQLClient.Body(DtHubWardDetail, new { code = at.WardCode }),
        PostGraphileThroughputBody: GraphQLClient.Body(PeerWardDetail, new { code = at.WardCode }));

    // ---- merchants near a point -------------------------------------------------------------------------------

    private const string DtHubNear = """
        query Near($p: GeoJSON!) {
          merchants(first: 100, where: { location: { distance: { geometry: $p, lte: 500 } } }) {
            totalCount nodes { id name category acceptsQr location distance(from: $p) } } }
        """;

    private const string PeerNear = """
        query Near($lon: Float!, $lat: Float!) {
          merchantsWithin(lon: $lon, lat: $lat, metres: 500, first: 100) {
            totalCount nodes { id name category acceptsQr location { geojson } distanceFrom(lon: $lon, lat: $lat) } } }
        """;

    private Scenario MerchantsWithin() => new("merchants-within-500m",
        "Merchants within 500 m of a point in the city centre (first 100, with total and distance)",
        Floor: async () =>
        {
            await using var batch = db.CreateBatch();
            const string near = "ST_DWithin(location::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, 500)";
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT count(*) FROM merchants WHERE {near}") { Parameters = { new() { Value = at.Lon }, new() { Value = at.Lat } } });
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
                SELECT id, name, category, accepts_qr, ST_AsGeoJSON(location),
                       ST_Distance(location::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography)
                FROM merchants WHERE {near} ORDER BY id LIMIT 100
                """) { Parameters = { new() { Value = at.Lon }, new() { Value = at.Lat } } });
            await using var reader = await batch.ExecuteReaderAsync();
            do { while (await reader.ReadAsync()) Consume(reader); } while (await reader.NextResultAsync());
        },
        DtHub: () => dthub.QueryAsync(DtHubNear, new { p = at.PointGeoJson }),
        PostGraphile: peer is null ? null : () => peer.QueryAsync(PeerNear, new { lon = at.Lon, lat = at.Lat }),
        Runs: quick ? 60 : 150,
        ThroughputBody: GraphQLClient.Body(DtHubNear, new { p = at.PointGeoJson }),
        PostGraphileThroughputBody: GraphQLClient.Body(PeerNear, new { lon = at.Lon, lat = at.Lat }));

    // ---- merchants in a bounding box, paged -------------------------------------------------------------------

    private const int BboxPages = 5;

    private const string DtHubBbox = """
        query Bbox($after: String, $bbox: [Float!]!) {
          merchants(first: 100, after: $after, where: { location: { bbox: $bbox } }) {
            pageInfo { hasNextPage endCursor } nodes { id name category acceptsQr location } } }
        """;

    private const string PeerBbox = """
        query Bbox($after: Cursor, $w: Float!, $s: Float!, $e: Float!, $n: Float!) {
          merchantsInBbox(west: $w, south: $s, east: $e, north: $n, first: 100, after: $after) {
            pageInfo { hasNextPage endCursor } nodes { id name category acceptsQr location { geojson } } } }
        """;

    private Scenario MerchantsInBbox() => new("merchants-bbox-paged",
        $"Merchants in a 5.5 km box in the city centre, first {BboxPages} pages of {PageSize}",
        Floor: async () =>
        {
            long after = 0;
            for (var p = 0; p < BboxPages; p++)
            {
                // MATERIALIZED keeps the GiST index in charge; otherwise the planner walks the primary key in id
                // order and filters (145 ms a page at national scale instead of a few).
                await using var command = db.CreateCommand("""
                    WITH in_box AS MATERIALIZED (
                      SELECT id, name, category, accepts_qr, location FROM merchants
                      WHERE location && ST_MakeEnvelope(@w, @s, @e, @n, 4326) AND id > @after)
                    SELECT id, name, category, accepts_qr, ST_AsGeoJSON(location) FROM in_box ORDER BY id LIMIT 100
                    """);
                command.Parameters.AddWithValue("w", at.Bbox[0]);
                command.Parameters.AddWithValue("s", at.Bbox[1]);
                command.Parameters.AddWithValue("e", at.Bbox[2]);
                command.Parameters.AddWithValue("n", at.Bbox[3]);
                command.Parameters.AddWithValue("after", after);
                var (rows, last) = await ReadAllAsync(command);
                if (rows < PageSize) break;
                after = long.Parse(last!, System.Globalization.CultureInfo.InvariantCulture);
            }
        },
        DtHub: async () =>
        {
            string? after = null;
            for (var p = 0; p < BboxPages; p++)
            {
                var page = (await dthub.QueryAsync(DtHubBbox, new { after, bbox = at.Bbox })).GetProperty("merchants");
                if (!page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean()) break;
                after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
            }
        },
        PostGraphile: peer is null ? null : async () =>
        {
            string? after = null;
            for (var p = 0; p < BboxPages; p++)
            {
                var page = (await peer.QueryAsync(PeerBbox, new { after, w = at.Bbox[0], s = at.Bbox[1], e = at.Bbox[2], n = at.Bbox[3] })).GetProperty("merchantsInBbox");
                if (!page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean()) break;
                after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
            }
        },
        Runs: quick ? 30 : 60);

    // ---- nearest Wi-Fi ------------------------------------------------------------------------------------------

    private const string DtHubNearestWifi = """
        query NearestWifi($p: GeoJSON!) {
          wifiPoints(first: 5, order: [{ nearest: $p }]) { nodes { id name location distance(from: $p) } } }
        """;

    private const string PeerNearestWifi = """
        query NearestWifi($lon: Float!, $lat: Float!) {
          wifiPointsNearest(lon: $lon, lat: $lat, first: 5) { nodes { id name location { geojson } distanceFrom(lon: $lon, lat: $lat) } } }
        """;

    private Scenario NearestWifi() => new("wifi-nearest-5",
        "Nearest 5 public Wi-Fi points to a point, with distance in metres",
        Floor: async () =>
        {
            await using var command = db.CreateCommand("""
                SELECT id, name, ST_AsGeoJSON(location), ST_Distance(location::geography, p::geography)
                FROM wifi_points, ST_SetSRID(ST_MakePoint(@lon, @lat), 4326) AS p
                ORDER BY location::geography <-> p::geography LIMIT 5
                """);
            command.Parameters.AddWithValue("lon", at.Lon);
            command.Parameters.AddWithValue("lat", at.Lat);
            await ReadAllAsync(command);
        },
        DtHub: () => dthub.QueryAsync(DtHubNearestWifi, new { p = at.PointGeoJson }),
        PostGraphile: peer is null ? null : () => peer.QueryAsync(PeerNearestWifi, new { lon = at.Lon, lat = at.Lat }),
        Runs: quick ? 100 : 300,
        ThroughputBody: GraphQLClient.Body(DtHubNearestWifi, new { p = at.PointGeoJson }),
        PostGraphileThroughputBody: GraphQLClient.Body(PeerNearestWifi, new { lon = at.Lon, lat = at.Lat }));

    // ---- the HTTP hop -------------------------------------------------------------------------------------------

    /// <summary>
    /// A request the API answers without the database, through the same client: what every DtHub and PostGraphile
    /// figure pays on top of its SQL and the floor does not (the floor's ratio goal is unreachable where its SQL
    /// takes less than about three of these).
    /// </summary>
    private Scenario HttpRoundTrip()
    {
        var url = new Uri(new Uri(dthub.Url), "/config.json");
        return new("http-round-trip", "A request without SQL (GET /config.json) through the same HTTP client: the hop every GraphQL figure includes",
            Floor: null,
            DtHub: Get(url),
            PostGraphile: null,
            Runs: quick ? 200 : 500);
    }

    // ---- vector tiles -------------------------------------------------------------------------------------------

    private Scenario Tile(int z)
    {
        var (x, y) = at.Tile(z);
        var url = new Uri(new Uri(dthub.Url), $"/tiles/merchants/{z}/{x}/{y}.mvt");
        var name = $"tile-merchants-z{z}";
        var description = $"Merchants vector tile z{z}/{x}/{y} over the city centre";
        using var probe = http.GetAsync(url).GetAwaiter().GetResult();
        if (probe.StatusCode == System.Net.HttpStatusCode.NotFound && probe.Content.Headers.ContentType?.MediaType != "application/vnd.mapbox-vector-tile")
            return Pending(name, description, "the tile endpoint (/tiles/merchants/z/x/y.mvt, issue 7) has not landed on main");
        return new Scenario(name, description,
            Floor: async () =>
            {
                // The same layer query an expert writes (and the API's TileLayers uses): index filter in 4326, clip in 3857.
                await using var command = db.CreateCommand("""
                    WITH bounds AS (
                      SELECT ST_TileEnvelope(@z, @x, @y) AS mercator, ST_Transform(ST_TileEnvelope(@z, @x, @y), 4326) AS wgs84),
                    features AS (
                      SELECT m.id, m.name, m.category, m.accepts_qr, m.has_transactions, m.ward_id,
                             ST_AsMVTGeom(ST_Transform(m.location, 3857), b.mercator, 4096, 64, true) AS geom
                      FROM merchants m, bounds b WHERE m.location && b.wgs84)
                    SELECT ST_AsMVT(features, 'merchants', 4096, 'geom', 'id') FROM features
                    """);
                command.Parameters.AddWithValue("z", z);
                command.Parameters.AddWithValue("x", x);
                command.Parameters.AddWithValue("y", y);
                await command.ExecuteScalarAsync();
            },
            DtHub: Get(url),
            PostGraphile: null,
            Runs: quick ? 40 : 100);
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    /// <summary>A GET of DtHub's that must succeed, its whole body read.</summary>
    private Func<Task> Get(Uri url) => async () =>
    {
        using var response = await http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    };

    /// <summary>Reads every column of every row (as a client must) and returns the row count and the first column of the last row.</summary>
    private static async Task<(int Rows, string? Last)> ReadAllAsync(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        string? last = null;
        while (await reader.ReadAsync())
        {
            rows++;
            Consume(reader);
            last = Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
        }
        return (rows, last);
    }

    private static void Consume(NpgsqlDataReader reader)
    {
        for (var i = 0; i < reader.FieldCount; i++) _ = reader.GetValue(i);
    }

    /// <summary>Checks that DtHub and the floor agree on the answer sizes, so the bench compares like with like.</summary>
    public async Task<string?> CheckAgreementAsync()
    {
        var near = (await dthub.QueryAsync(DtHubNear, new { p = at.PointGeoJson })).GetProperty("merchants").GetProperty("totalCount").GetInt32();
        await using var command = db.CreateCommand(
            "SELECT count(*) FROM merchants WHERE ST_DWithin(location::geography, ST_SetSRID(ST_MakePoint(@lon, @lat), 4326)::geography, 500)");
        command.Parameters.AddWithValue("lon", at.Lon);
        command.Parameters.AddWithValue("lat", at.Lat);
        var floor = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        if (near != floor) return $"merchants within 500 m: DtHub says {near}, SQL says {floor}";
        if (peer is not null)
        {
            var peerNear = (await peer.QueryAsync(PeerNear, new { lon = at.Lon, lat = at.Lat })).GetProperty("merchantsWithin").GetProperty("totalCount").GetInt32();
            if (peerNear != floor) return $"merchants within 500 m: PostGraphile says {peerNear}, SQL says {floor}";
        }
        return null;
    }
}
