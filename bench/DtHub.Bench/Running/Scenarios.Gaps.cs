namespace DtHub.Bench.Running;

/// <summary>The planners' other gap questions (issue 8), each beside the one statement an expert would write.</summary>
public sealed partial class Scenarios
{
    private const string DtHubUnitsBelow = """
        query Below($month: Month!) { gaps { unitsBelowTarget(level: WARD, indicator: ACCOUNT_OWNERSHIP, month: $month, first: 50) {
          totalCount nodes { name rate target gap peopleToTarget } } } }
        """;

    private Scenario UnitsBelowTarget() => new("gaps-units-below-target",
        $"Wards below their account-ownership target in {at.Month}, furthest behind first (first 50, with total)",
        Floor: async () =>
        {
            await using var command = db.CreateCommand("""
                SELECT w.name, a.rate, a.target, a.rate - a.target,
                       greatest(0, ceil(a.target * a.residents15plus - a.holders)) AS people, count(*) OVER ()
                FROM agg_ward_month a JOIN wards w ON w.id = a.ward_id
                WHERE a.month = @month AND a.rate < a.target
                ORDER BY a.rate - a.target, people DESC, w.id LIMIT 50
                """);
            command.Parameters.AddWithValue("month", at.MonthDate);
            await ReadAllAsync(command);
        },
        DtHub: () => dthub.QueryAsync(DtHubUnitsBelow, new { month = at.Month }),
        PostGraphile: null,
        Runs: quick ? 30 : 60);

    private const string DtHubWithoutTeam = """
        { gaps { neighborhoodsWithoutTeam(first: 50) { totalCount nodes { name ward { name } } } } }
        """;

    private Scenario NeighborhoodsWithoutTeam() => new("gaps-neighborhoods-without-team",
        "Neighbourhoods no community team serves (first 50 with their ward, and the total)",
        Floor: async () =>
        {
            await using var command = db.CreateCommand("""
                SELECT n.name, w.name, count(*) OVER ()
                FROM neighborhoods n JOIN wards w ON w.id = n.ward_id
                WHERE (n.valid_to IS NULL OR n.valid_to > current_date)
                  AND NOT EXISTS (SELECT 1 FROM teams t WHERE t.neighborhood_id = n.id)
                ORDER BY n.id LIMIT 50
                """);
            await ReadAllAsync(command);
        },
        DtHub: () => dthub.QueryAsync(DtHubWithoutTeam, null),
        PostGraphile: null,
        Runs: quick ? 30 : 60);

    private const string DtHubStreetsBelow = """
        { gaps { modelStreetsBelowTarget(first: 50) { totalCount nodes { name compliance merchantsWithoutQr { name location } } } } }
        """;

    private Scenario StreetsBelowTarget() => new("gaps-streets-below-target",
        "Model streets below 100 % QR, least compliant first, each with the merchants that hold it back (first 50)",
        Floor: async () =>
        {
            await using var command = db.CreateCommand("""
                WITH below AS (
                  SELECT s.id, s.name, s.geometry, a.merchants_with_qr::numeric / a.merchants AS compliance, count(*) OVER () AS total
                  FROM agg_model_street a JOIN model_streets s ON s.id = a.model_street_id
                  WHERE a.merchants > 0 AND a.merchants_with_qr < a.merchants
                  ORDER BY a.merchants_with_qr::numeric / a.merchants, s.name, s.id LIMIT 50)
                SELECT b.name, b.compliance, b.total,
                       (SELECT json_agg(json_build_object('name', m.name, 'location', ST_AsGeoJSON(m.location)::json) ORDER BY m.name, m.id)
                        FROM merchants m WHERE ST_DWithin(m.location::geography, b.geometry::geography, 30) AND NOT m.accepts_qr)
                FROM below b ORDER BY b.compliance, b.name, b.id
                """);
            await ReadAllAsync(command);
        },
        DtHub: () => dthub.QueryAsync(DtHubStreetsBelow, null),
        PostGraphile: null,
        Runs: quick ? 20 : 40);
}
