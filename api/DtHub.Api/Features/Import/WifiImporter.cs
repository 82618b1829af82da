using System.Globalization;
using DtHub.Api.Data;
using Npgsql;
using NpgsqlTypes;

namespace DtHub.Api.Features.Import;

/// <summary>
/// Imports public Wi-Fi points. Accepts the valid rows by default (each point stands alone). The ward comes from
/// the location by containment in SQL; the natural key is (name, location).
/// </summary>
public sealed class WifiImporter(NpgsqlDataSource dataSource)
{
    public const string Kind = "wifi";

    public async Task<ImportResult> ImportAsync(byte[] content, string fileName, ImportMode mode, string? importedBy, ImportScope? scope,
        CancellationToken ct)
    {
        var result = new ImportResult { Kind = Kind, FileName = fileName, Mode = mode };
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ImportBatchStore.LockKindAsync(connection, transaction, Kind, importedBy, ct);
        // Each statement below runs once over the whole file: JIT compilation costs more than it saves.
        await ImportSql.ExecuteAsync(connection, transaction, "SET LOCAL jit = off", ct);

        await ImportSql.ExecuteAsync(connection, transaction, """
            CREATE TEMP TABLE wifi_staging (row_no int, name text, ssid text, operator text, venue_type text, lon float8, lat float8,
                                            radius_meters int, status text) ON COMMIT DROP
            """, ct);
        var staged = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY wifi_staging (row_no, name, ssid, operator, venue_type, lon, lat, radius_meters, status) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var w in WifiFile.Read(content, fileName, result))
            {
                copy.StartRow();
                copy.Write(w.Row, NpgsqlDbType.Integer);
                copy.Write(w.Name, NpgsqlDbType.Text);
                copy.WriteText(w.Ssid);
                copy.WriteText(w.Operator);
                copy.Write(w.VenueType.ToString(), NpgsqlDbType.Text);
                copy.Write(w.Lon, NpgsqlDbType.Double);
                copy.Write(w.Lat, NpgsqlDbType.Double);
                copy.Write(w.RadiusMeters, NpgsqlDbType.Integer);
                copy.Write(w.Status.ToString(), NpgsqlDbType.Text);
                staged++;
            }
            await copy.CompleteAsync(ct);
        }
        if (staged == 0 && result.Errors.Count == 0) result.Reject(0, null, "the file has no Wi-Fi rows under its header");
        if (staged == 0) return result;

        await ImportSql.ExecuteAsync(connection, transaction, """
            CREATE TEMP TABLE wifi_placed ON COMMIT DROP AS
            SELECT s.*, p.location, w.id AS ward_id
            FROM wifi_staging s
            CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326) AS location) p
            LEFT JOIN LATERAL (SELECT id FROM wards w WHERE w.valid_to IS NULL AND ST_Intersects(w.geometry, p.location) ORDER BY id LIMIT 1) w ON true
            """, ct);
        foreach (var (row, lat, lon) in await ImportSql.OutsideEveryWardAsync(connection, transaction, "wifi_placed", ct))
            result.Reject(row, "latitude", string.Create(CultureInfo.InvariantCulture, $"({lat}, {lon}) lies in no current ward of the city"));
        if (scope is not null) await RejectOtherWardsAsync(connection, transaction, scope, result, ct);
        if (result.Errors.Count > 0 && mode == ImportMode.AllOrNothing) return result;

        const string sameKey = "w.name = p.name AND ST_X(w.location) = p.lon AND ST_Y(w.location) = p.lat";
        var matched = await ImportSql.CountAsync(connection, transaction,
            $"SELECT count(*) FROM wifi_placed p JOIN wifi_points w ON {sameKey} WHERE p.ward_id IS NOT NULL", ct);
        result.Updated = await ImportSql.ExecuteAsync(connection, transaction, $"""
            UPDATE wifi_points w SET ssid = p.ssid, operator = p.operator, venue_type = p.venue_type, radius_meters = p.radius_meters,
                   status = p.status, ward_id = p.ward_id, updated_at = now()
            FROM wifi_placed p
            WHERE p.ward_id IS NOT NULL AND {sameKey}
              AND (w.ssid, w.operator, w.venue_type, w.radius_meters, w.status, w.ward_id)
                  IS DISTINCT FROM (p.ssid, p.operator, p.venue_type, p.radius_meters, p.status, p.ward_id)
            """, ct);
        result.Unchanged = (int)matched - result.Updated;
        result.Inserted = await ImportSql.ExecuteAsync(connection, transaction, $"""
            INSERT INTO wifi_points (name, ssid, operator, venue_type, location, radius_meters, status, ward_id, is_synthetic, updated_at)
            SELECT p.name, p.ssid, p.operator, p.venue_type, p.location, p.radius_meters, p.status, p.ward_id, false, now()
            FROM wifi_placed p
            WHERE p.ward_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM wifi_points w WHERE {sameKey})
            ORDER BY p.row_no
            """, ct);
        result.Accepted = true;
        if (result.Inserted + result.Updated == 0) return result;

        result.BatchId = await ImportBatchStore.InsertAsync(connection, transaction, result, ImportBatchStore.Hash(content), content, importedBy, ct);
        await ImportSql.AddAffectedWardsAsync(connection, transaction, "wifi_placed", result, ct);
        await DataVersion.BumpAsync(connection, transaction, ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>A ward officer's file: rows placed in another ward become row errors and leave the placement table.</summary>
    private static async Task RejectOtherWardsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ImportScope scope, ImportResult result, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            WITH foreign_rows AS (
                DELETE FROM wifi_placed p USING wards w
                WHERE w.id = p.ward_id AND w.code <> @code
                RETURNING p.row_no, p.lat, p.lon, w.code)
            SELECT * FROM foreign_rows ORDER BY row_no
            """, connection, transaction);
        cmd.Parameters.AddWithValue("code", scope.WardCode);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result.Reject(reader.GetInt32(0), "latitude", string.Create(CultureInfo.InvariantCulture,
                $"({reader.GetDouble(1)}, {reader.GetDouble(2)}) {scope.Refusal(reader.GetString(3))}"));
        result.Errors.Sort((a, b) => a.Row.CompareTo(b.Row));
    }
}
