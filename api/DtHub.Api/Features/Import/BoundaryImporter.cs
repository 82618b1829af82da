using System.Globalization;
using DtHub.Api.Data;
using DtHub.Api.Features.Wards;
using NetTopologySuite.Geometries;
using Npgsql;

namespace DtHub.Api.Features.Import;

/// <summary>
/// Imports ward and neighbourhood boundaries from GeoJSON. All-or-nothing by default: a boundary set is one map, and
/// half a merge would leave land in two units or none. Invalid polygons are repaired (ST_MakeValid) only when the
/// repair keeps the area (within 1 %), and flagged; units merged into a new one are closed (ValidTo) and linked to
/// it by lineage rows so their history rolls up.
/// </summary>
public sealed class BoundaryImporter(NpgsqlDataSource dataSource)
{
    public const string Kind = "boundaries";

    private const double RepairAreaTolerance = 0.01, OverlapTolerance = 0.01;
    private static readonly Dictionary<BoundaryLevel, (double Min, double Max)> AreaLimitsM2 = new()
    {
        [BoundaryLevel.Ward] = (50_000, 2_000_000_000),
        [BoundaryLevel.Neighborhood] = (1_000, 200_000_000),
    };

    private sealed record Plan(BoundaryFeature Feature, Geometry Geometry, long? SameVersionId, bool Unchanged, long? RevisedId,
        List<long> PredecessorIds, int? WardId);

    public async Task<ImportResult> ImportAsync(byte[] content, string fileName, ImportMode mode, string? importedBy, CancellationToken ct)
    {
        var result = new ImportResult { Kind = Kind, FileName = fileName, Mode = mode };
        var features = BoundaryFile.Read(content, result);
        if (features.Count == 0) return result;

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ImportBatchStore.LockKindAsync(connection, transaction, Kind, importedBy, ct);

        // How often each predecessor code is named: once is a merge/rename, several times is a split.
        var namedAsPredecessor = features.SelectMany(f => f.Predecessors.Select(p => (f.Level, p))).GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        var written = new List<(Plan Plan, long Id)>();
        foreach (var level in new[] { BoundaryLevel.Ward, BoundaryLevel.Neighborhood })
        {
            var plans = new List<Plan>();
            foreach (var feature in features.Where(f => f.Level == level))
                if (await PlanAsync(connection, transaction, feature, result, ct) is { } plan) plans.Add(plan);
            // Every feature is checked before anything is written; with errors, all-or-nothing stops here (and rolls back).
            if (result.Errors.Count > 0 && mode == ImportMode.AllOrNothing) continue;
            foreach (var plan in plans)
                written.Add((plan, await WriteAsync(connection, transaction, plan, namedAsPredecessor, result, ct)));
        }
        if (result.Errors.Count > 0 && mode == ImportMode.AllOrNothing)
        {
            // The transaction is disposed uncommitted: whatever the ward pass wrote is rolled back, so count nothing.
            (result.Inserted, result.Updated, result.Unchanged, result.Flagged) = (0, 0, 0, 0);
            return result;
        }
        result.Accepted = true;
        if (result.Inserted + result.Updated == 0) return result;

        result.BatchId = await ImportBatchStore.InsertAsync(connection, transaction, result, ImportBatchStore.Hash(content), content, importedBy, ct);
        foreach (var (plan, id) in written.Where(w => w.Plan.Feature.Level == BoundaryLevel.Ward && !w.Plan.Unchanged)) result.AffectedWardIds.Add((int)id);
        await DataVersion.BumpAsync(connection, transaction, ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    private static string Table(BoundaryLevel level) => level == BoundaryLevel.Ward ? "wards" : "neighborhoods";

    private static async Task<Plan?> PlanAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, BoundaryFeature f, ImportResult result, CancellationToken ct)
    {
        var errors = result.Errors.Count;
        var geometry = await CheckGeometryAsync(connection, transaction, f, result, ct);
        if (geometry is null) return null;
        var table = Table(f.Level);

        long? sameVersion = null, revised = null;
        var unchanged = false;
        await using (var cmd = new NpgsqlCommand($"""
            SELECT id, valid_from, valid_to, name = $2 AND kind = $3 AND ST_Equals(geometry, $4) FROM {table}
            WHERE code = $1 ORDER BY valid_from DESC
            """, connection, transaction))
        {
            cmd.Parameters.Add(new() { Value = f.Code });
            cmd.Parameters.Add(new() { Value = f.Name });
            cmd.Parameters.Add(new() { Value = f.Kind });
            cmd.Parameters.Add(new() { Value = geometry });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var (id, from, to, same) = (reader.GetInt32(0), reader.GetFieldValue<DateOnly>(1), reader.IsDBNull(2) ? (DateOnly?)null : reader.GetFieldValue<DateOnly>(2), reader.GetBoolean(3));
                if (from == f.ValidFrom) { sameVersion = id; unchanged = same; break; }
                if (from > f.ValidFrom) { result.Reject(f.Row, "validFrom", $"{f.Code} already has a version from {from:yyyy-MM-dd}, later than {f.ValidFrom:yyyy-MM-dd}"); break; }
                if (to is null || to > f.ValidFrom) revised = id;
                break;
            }
        }

        var predecessorIds = new List<long>();
        foreach (var code in f.Predecessors.Where(p => p != f.Code))
        {
            await using var cmd = new NpgsqlCommand($"""
                SELECT id FROM {table} WHERE code = $1 AND valid_from < $2 AND (valid_to IS NULL OR valid_to >= $2) ORDER BY valid_from DESC LIMIT 1
                """, connection, transaction);
            cmd.Parameters.Add(new() { Value = code });
            cmd.Parameters.Add(new() { Value = f.ValidFrom });
            if (await cmd.ExecuteScalarAsync(ct) is int id) predecessorIds.Add(id);
            else result.Reject(f.Row, "predecessors", $"predecessor {code} is not a unit valid on {f.ValidFrom.AddDays(-1):yyyy-MM-dd}");
        }

        if (!unchanged) await CheckOverlapsAsync(connection, transaction, f, geometry, result, ct);

        int? wardId = null;
        if (f.Level == BoundaryLevel.Neighborhood)
        {
            await using var cmd = new NpgsqlCommand("""
                SELECT id FROM wards
                WHERE valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)
                  AND (CASE WHEN $3::text IS NULL THEN ST_Intersects(geometry, ST_PointOnSurface($1)) ELSE code = $3 END)
                ORDER BY id LIMIT 1
                """, connection, transaction);
            cmd.Parameters.Add(new() { Value = geometry });
            cmd.Parameters.Add(new() { Value = f.ValidFrom });
            cmd.Parameters.Add(new() { Value = (object?)f.WardCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            wardId = await cmd.ExecuteScalarAsync(ct) as int?;
            if (wardId is null)
                result.Reject(f.Row, f.WardCode is null ? "geometry" : "wardCode", f.WardCode is null
                    ? $"{f.Name} lies in no ward valid on {f.ValidFrom:yyyy-MM-dd}"
                    : $"ward {f.WardCode} is not valid on {f.ValidFrom:yyyy-MM-dd}");
        }
        return result.Errors.Count > errors ? null : new Plan(f, geometry, sameVersion, unchanged, revised, predecessorIds, wardId);
    }

    /// <summary>The geometry to store (a valid multipolygon), or null with the reason in <paramref name="result"/>.</summary>
    private static async Task<Geometry?> CheckGeometryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, BoundaryFeature f, ImportResult result, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT ST_IsValid(g), ST_IsValidReason(g), ST_Area(g), ST_Area(fixed), fixed, ST_Area(fixed::geography)
            FROM (SELECT $1::geometry AS g) x,
                 LATERAL (SELECT ST_Multi(CASE WHEN ST_IsValid(g) THEN g ELSE ST_CollectionExtract(ST_MakeValid(g), 3) END) AS fixed) y
            """, connection, transaction);
        cmd.Parameters.Add(new() { Value = f.Geometry });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (valid, reason, typedArea, fixedArea) = (reader.GetBoolean(0), reader.GetString(1), reader.GetDouble(2), reader.GetDouble(3));
        var geometry = reader.IsDBNull(4) ? null : reader.GetFieldValue<Geometry>(4);
        var squareMetres = reader.IsDBNull(5) ? 0 : reader.GetDouble(5);
        if (!valid)
        {
            var change = fixedArea > 0 ? Math.Abs(fixedArea - typedArea) / fixedArea : 1;
            if (geometry is null || geometry.IsEmpty || change > RepairAreaTolerance)
            {
                result.Reject(f.Row, "geometry", string.Create(CultureInfo.InvariantCulture,
                    $"invalid polygon ({reason}) and no unambiguous repair: making it valid would change its area by {change:P0}; fix the rings"));
                return null;
            }
            result.Flagged++;
            result.Warnings.Add(new RowIssue(f.Row, "geometry", $"{f.Name}: invalid polygon ({reason}) repaired with ST_MakeValid; area unchanged"));
        }
        var (min, max) = AreaLimitsM2[f.Level];
        if (squareMetres < min || squareMetres > max)
        {
            result.Reject(f.Row, "geometry", string.Create(CultureInfo.InvariantCulture,
                $"area {squareMetres / 1e6:0.####} km² is absurd for a {f.Level.ToString().ToLowerInvariant()} (expected {min / 1e6:0.###}–{max / 1e6:0} km²)"));
            return null;
        }
        geometry!.SRID = SpatialConventions.Srid;
        return geometry;
    }

    private static async Task CheckOverlapsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, BoundaryFeature f, Geometry geometry, ImportResult result, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            SELECT code, name, ST_Area(ST_Intersection(geometry, $1)::geography) / ST_Area($1::geography)
            FROM {Table(f.Level)}
            WHERE geometry && $1 AND ST_Intersects(geometry, $1)
              AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2) AND code <> ALL($3)
            """, connection, transaction);
        cmd.Parameters.Add(new() { Value = geometry });
        cmd.Parameters.Add(new() { Value = f.ValidFrom });
        cmd.Parameters.Add(new() { Value = f.Predecessors.Append(f.Code).ToArray() });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            if (reader.GetDouble(2) > OverlapTolerance)
                result.Reject(f.Row, "geometry", string.Create(CultureInfo.InvariantCulture,
                    $"overlaps {reader.GetString(1)} ({reader.GetString(0)}) by {reader.GetDouble(2):P0} of its area; if it was merged into {f.Name}, list {reader.GetString(0)} in predecessors"));
    }

    private static async Task<long> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Plan plan,
        Dictionary<(BoundaryLevel, string), int> namedAsPredecessor, ImportResult result, CancellationToken ct)
    {
        var f = plan.Feature;
        var table = Table(f.Level);
        if (plan.Unchanged) { result.Unchanged++; return plan.SameVersionId!.Value; }

        long id;
        if (plan.SameVersionId is { } existing)
        {
            await using var update = new NpgsqlCommand(f.Level == BoundaryLevel.Ward
                ? "UPDATE wards SET name = $2, kind = $3, geometry = $4, label_point = ST_PointOnSurface($4), is_synthetic = false, updated_at = now() WHERE id = $1"
                : "UPDATE neighborhoods SET name = $2, kind = $3, geometry = $4, ward_id = $5, estimated_residents = coalesce($6, estimated_residents), is_synthetic = false, updated_at = now() WHERE id = $1",
                connection, transaction);
            AddUnitParameters(update, existing, plan);
            await update.ExecuteNonQueryAsync(ct);
            result.Updated++;
            id = existing;
        }
        else
        {
            await using var insert = new NpgsqlCommand(f.Level == BoundaryLevel.Ward
                ? """
                  INSERT INTO wards (code, name, kind, geometry, label_point, valid_from, is_synthetic, updated_at)
                  VALUES ($7, $2, $3, $4, ST_PointOnSurface($4), $8, false, now()) RETURNING id
                  """
                : """
                  INSERT INTO neighborhoods (code, name, kind, geometry, ward_id, estimated_residents, valid_from, is_synthetic, updated_at)
                  VALUES ($7, $2, $3, $4, $5, $6, $8, false, now()) RETURNING id
                  """,
                connection, transaction);
            AddUnitParameters(insert, 0, plan);
            id = Convert.ToInt64(await insert.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            result.Inserted++;
        }

        // Close what this unit replaces and record where its figures go.
        var replaced = plan.PredecessorIds.Select(p => (Id: p, Change: plan.PredecessorIds.Count > 1 ? LineageChange.Merge : LineageChange.Rename)).ToList();
        if (plan.RevisedId is { } revised) replaced.Add((revised, LineageChange.Rename));
        foreach (var (predecessor, change) in replaced)
        {
            var code = f.Predecessors.FirstOrDefault(c => c != f.Code);
            var lineageChange = code is not null && namedAsPredecessor.GetValueOrDefault((f.Level, code)) > 1 && plan.PredecessorIds.Count == 1 ? LineageChange.Split : change;
            await using var close = new NpgsqlCommand(
                $"UPDATE {table} SET valid_to = $2, updated_at = now() WHERE id = $1 AND (valid_to IS NULL OR valid_to > $2)", connection, transaction);
            close.Parameters.Add(new() { Value = (int)predecessor });
            close.Parameters.Add(new() { Value = f.ValidFrom });
            await close.ExecuteNonQueryAsync(ct);
            await using var link = new NpgsqlCommand($"""
                INSERT INTO {(f.Level == BoundaryLevel.Ward ? "ward_lineage" : "neighborhood_lineage")} (predecessor_id, successor_id, change, effective_on)
                VALUES ($1, $2, $3, $4) ON CONFLICT (predecessor_id, successor_id) DO NOTHING
                """, connection, transaction);
            link.Parameters.Add(new() { Value = (int)predecessor });
            link.Parameters.Add(new() { Value = (int)id });
            link.Parameters.Add(new() { Value = lineageChange.ToString() });
            link.Parameters.Add(new() { Value = f.ValidFrom });
            await link.ExecuteNonQueryAsync(ct);
            result.Warnings.Add(new RowIssue(f.Row, "predecessors", $"{f.Name} replaces unit {predecessor} from {f.ValidFrom:yyyy-MM-dd} ({lineageChange})"));
        }
        return id;
    }

    private static void AddUnitParameters(NpgsqlCommand cmd, long id, Plan plan)
    {
        var f = plan.Feature;
        cmd.Parameters.Add(new() { Value = (int)id });
        cmd.Parameters.Add(new() { Value = f.Name });
        cmd.Parameters.Add(new() { Value = f.Kind });
        cmd.Parameters.Add(new() { Value = plan.Geometry });
        cmd.Parameters.Add(new() { Value = (object?)plan.WardId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        cmd.Parameters.Add(new() { Value = (object?)f.EstimatedResidents ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        cmd.Parameters.Add(new() { Value = f.Code });
        cmd.Parameters.Add(new() { Value = f.ValidFrom });
    }
}
