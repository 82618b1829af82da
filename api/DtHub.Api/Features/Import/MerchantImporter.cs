using System.Globalization;
using DtHub.Api.Data;
using Npgsql;
using NpgsqlTypes;

namespace DtHub.Api.Features.Import;

/// <summary>
/// Imports a merchant registry. Accepts the valid rows by default: a registry is a list of independent facts, and
/// one bad address should not hold back a thousand good ones. Rows stream through binary COPY into a staging table;
/// the ward (and neighbourhood) comes from the location by containment in SQL; the natural key is
/// (name, location) so a re-import updates or leaves rows instead of duplicating them.
/// </summary>
public sealed class MerchantImporter(NpgsqlDataSource dataSource)
{
    public const string Kind = "merchants";

    public async Task<ImportResult> ImportAsync(byte[] content, string fileName, ImportMode mode, string? importedBy,
        IProgress<int>? progress, CancellationToken ct)
    {
        var result = new ImportResult { Kind = Kind, FileName = fileName, Mode = mode };
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ImportBatchStore.LockKindAsync(connection, transaction, Kind, ct);
        // Each statement below runs once over the whole file: JIT compilation costs more than it saves.
        await ImportSql.ExecuteAsync(connection, transaction, "SET LOCAL jit = off", ct);

        await ImportSql.ExecuteAsync(connection, transaction, """
            CREATE TEMP TABLE merchant_staging (
                row_no int, name text, category text, lon float8, lat float8, address text, qr_payload text, qr_provider text,
                accepts_qr bool, has_transactions bool, website text, has_e_invoice bool) ON COMMIT DROP
            """, ct);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Lap(string phase) { result.Phases.Add((phase, clock.Elapsed)); clock.Restart(); }
        var staged = await CopyAsync(connection, MerchantFile.Read(content, fileName, result, progress), ct);
        if (staged == 0 && result.Errors.Count == 0) result.Reject(0, null, "the file has no merchant rows under its header");
        Lap("read, validate, COPY to staging");
        if (staged == 0) return result;

        // The ward and neighbourhood valid now that contain the point; the lowest id wins on a shared border.
        await ImportSql.ExecuteAsync(connection, transaction, """
            CREATE TEMP TABLE merchant_placed ON COMMIT DROP AS
            SELECT s.*, p.location, w.id AS ward_id, n.id AS neighborhood_id
            FROM merchant_staging s
            CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326) AS location) p
            LEFT JOIN LATERAL (SELECT id FROM wards w WHERE w.valid_to IS NULL AND ST_Intersects(w.geometry, p.location) ORDER BY id LIMIT 1) w ON true
            LEFT JOIN LATERAL (SELECT id FROM neighborhoods n WHERE n.valid_to IS NULL AND ST_Intersects(n.geometry, p.location) ORDER BY id LIMIT 1) n ON true
            """, ct);
        Lap("place in wards (SQL)");
        foreach (var (row, lat, lon) in await ImportSql.OutsideEveryWardAsync(connection, transaction, "merchant_placed", ct))
            result.Reject(row, "latitude", string.Create(CultureInfo.InvariantCulture, $"({lat}, {lon}) lies in no current ward of the city"));
        if (result.Errors.Count > 0 && mode == ImportMode.AllOrNothing) return result;

        var matched = await ImportSql.CountAsync(connection, transaction, """
            SELECT count(*) FROM merchant_placed p JOIN merchants m
              ON m.name = p.name AND ST_X(m.location) = p.lon AND ST_Y(m.location) = p.lat
            WHERE p.ward_id IS NOT NULL
            """, ct);
        result.Updated = await ImportSql.ExecuteAsync(connection, transaction, """
            UPDATE merchants m SET category = p.category, address = p.address, ward_id = p.ward_id, neighborhood_id = p.neighborhood_id,
                   accepts_qr = p.accepts_qr, qr_payload = p.qr_payload, qr_provider = p.qr_provider, has_transactions = p.has_transactions,
                   website = p.website, has_e_invoice = p.has_e_invoice, updated_at = now()
            FROM merchant_placed p
            WHERE p.ward_id IS NOT NULL AND m.name = p.name AND ST_X(m.location) = p.lon AND ST_Y(m.location) = p.lat
              AND (m.category, m.address, m.ward_id, m.neighborhood_id, m.accepts_qr, m.qr_payload, m.qr_provider, m.has_transactions, m.website, m.has_e_invoice)
                  IS DISTINCT FROM (p.category, p.address, p.ward_id, p.neighborhood_id, p.accepts_qr, p.qr_payload, p.qr_provider, p.has_transactions, p.website, p.has_e_invoice)
            """, ct);
        result.Unchanged = (int)matched - result.Updated;
        Lap("match and update existing");
        result.Inserted = await ImportSql.ExecuteAsync(connection, transaction, """
            INSERT INTO merchants (name, category, location, address, ward_id, neighborhood_id, accepts_qr, qr_payload, qr_provider,
                                   has_transactions, website, has_e_invoice, is_synthetic, updated_at)
            SELECT p.name, p.category, p.location, p.address, p.ward_id, p.neighborhood_id, p.accepts_qr, p.qr_payload, p.qr_provider,
                   p.has_transactions, p.website, p.has_e_invoice, false, now()
            FROM merchant_placed p
            WHERE p.ward_id IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM merchants m WHERE m.name = p.name AND ST_X(m.location) = p.lon AND ST_Y(m.location) = p.lat)
            ORDER BY p.location -- space-filling-curve order: neighbouring points hit the same GiST pages
            """, ct);
        Lap("insert new");
        result.Accepted = true;
        if (result.Inserted + result.Updated == 0) return result;

        result.BatchId = await ImportBatchStore.InsertAsync(connection, transaction, result, ImportBatchStore.Hash(content), content, importedBy, ct);
        await ImportSql.AddAffectedWardsAsync(connection, transaction, "merchant_placed", result, ct);
        await DataVersion.BumpAsync(connection, transaction, ct);
        await transaction.CommitAsync(ct);
        Lap("batch, commit");
        return result;
    }

    private static async Task<int> CopyAsync(NpgsqlConnection connection, IEnumerable<MerchantRow> rows, CancellationToken ct)
    {
        var count = 0;
        await using var copy = await connection.BeginBinaryImportAsync("""
            COPY merchant_staging (row_no, name, category, lon, lat, address, qr_payload, qr_provider, accepts_qr, has_transactions, website, has_e_invoice)
            FROM STDIN (FORMAT BINARY)
            """, ct);
        foreach (var m in rows)
        {
            copy.StartRow();
            copy.Write(m.Row, NpgsqlDbType.Integer);
            copy.Write(m.Name, NpgsqlDbType.Text);
            copy.Write(m.Category.ToString(), NpgsqlDbType.Text);
            copy.Write(m.Lon, NpgsqlDbType.Double);
            copy.Write(m.Lat, NpgsqlDbType.Double);
            copy.WriteText(m.Address);
            copy.WriteText(m.QrPayload);
            copy.WriteText(m.QrProvider);
            copy.Write(m.AcceptsQr, NpgsqlDbType.Boolean);
            copy.Write(m.HasTransactions, NpgsqlDbType.Boolean);
            copy.WriteText(m.Website);
            copy.Write(m.HasEInvoice, NpgsqlDbType.Boolean);
            count++;
        }
        await copy.CompleteAsync(ct);
        return count;
    }
}
