using System.Globalization;
using DtHub.Api.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DtHub.Api.Features.Import;

/// <summary>
/// Imports a merchant registry. Accepts the valid rows by default: a registry is a list of independent facts, and
/// one bad address should not hold back a thousand good ones. Rows are validated and placed in their ward (and
/// neighbourhood) in parallel chunks (<see cref="UnitLocator"/>), stream through binary COPY into a staging table,
/// and are matched, updated and inserted set-based; the natural key is (name, location) so a re-import updates or
/// leaves rows instead of duplicating them.
/// </summary>
public sealed class MerchantImporter(NpgsqlDataSource dataSource, IOptions<ImportOptions> options)
{
    public const string Kind = "merchants";

    public async Task<ImportResult> ImportAsync(byte[] content, string fileName, ImportMode mode, string? importedBy,
        IProgress<int>? progress, ImportScope? scope, CancellationToken ct)
    {
        var result = new ImportResult { Kind = Kind, FileName = fileName, Mode = mode };
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ImportBatchStore.LockKindAsync(connection, transaction, Kind, importedBy, ct);
        // The units we place in must not change under us: a boundary import waits until this one commits.
        await ImportBatchStore.LockKindAsync(connection, transaction, BoundaryImporter.Kind, importedBy, ct);
        // Each statement below runs once over the whole file: JIT compilation costs more than it saves.
        await ImportSql.ExecuteAsync(connection, transaction, "SET LOCAL jit = off", ct);
        // The natural-key hash join holds the whole file (≈ 80 MB per million rows): with the default 4 MB it spills
        // to 16 batches on disk, and the insert's sort by location spills too.
        await ImportSql.ExecuteAsync(connection, transaction, "SET LOCAL work_mem = '256MB'", ct);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Lap(string phase) { result.Phases.Add((phase, clock.Elapsed)); clock.Restart(); }
        var placement = new MerchantPlacement(
            await UnitLocator.LoadAsync(connection, transaction, "wards", ct),
            await UnitLocator.LoadAsync(connection, transaction, "neighborhoods", ct),
            scope);
        Lap("load current wards and neighbourhoods");

        await ImportSql.ExecuteAsync(connection, transaction, """
            CREATE TEMP TABLE merchant_staging (
                row_no int, name text, category text, lon float8, lat float8, address text, qr_payload text, qr_provider text,
                accepts_qr bool, has_transactions bool, website text, has_e_invoice bool, ward_id int, neighborhood_id int,
                location geometry(Point, 4326)) ON COMMIT DROP
            """, ct);
        var staged = await CopyAsync(connection, MerchantFile.ReadAsync(content, fileName, placement, result, progress, ct), ct);
        if (staged == 0 && result.Errors.Count == 0) result.Reject(0, null, "the file has no merchant rows under its header");
        Lap("read, validate, place, COPY to staging");
        if (staged == 0 || (result.Errors.Count > 0 && mode == ImportMode.AllOrNothing)) return result;

        // The natural key (name, location) is matched once, and only the rows with work to do are kept: new rows
        // (no merchant) and matched rows whose fields differ; an unchanged row leaves nothing behind. Without
        // statistics on the staging table the planner picked a merge join, sorting both sides by the Vietnamese (ICU)
        // collation: 25–30 s for 1M rows against 2M. With them, names compared bytewise ("C": the same equality, as
        // the collation is deterministic) and points compared whole (geometry equality hashes the stored bytes; no
        // ST_X/ST_Y per stored merchant), it is one hash join.
        await ImportSql.ExecuteAsync(connection, transaction, "ANALYZE merchant_staging", ct);
        await ImportSql.ExecuteAsync(connection, transaction, $"""
            CREATE TEMP TABLE merchant_match ON COMMIT DROP AS
            SELECT s.row_no, m.id AS merchant_id
            FROM merchant_staging s
            LEFT JOIN merchants m ON m.location = s.location AND m.name::text COLLATE "C" = s.name COLLATE "C"
            WHERE m.id IS NULL OR {MerchantBulkWrite.ChangedBetween("m", "s")}
            """, ct);
        await ImportSql.ExecuteAsync(connection, transaction, "ANALYZE merchant_match", ct);
        var newRows = (int)await ImportSql.CountAsync(connection, transaction, "SELECT count(*) FROM merchant_match WHERE merchant_id IS NULL", ct);
        Lap("match natural keys");

        var bulk = staged >= options.Value.BulkAuditRows;
        if (bulk) await MerchantBulkWrite.BeginAsync(connection, transaction, ct);
        result.Updated = await MerchantBulkWrite.UpdateAsync(connection, transaction, bulk, ct);
        result.Unchanged = Math.Max(0, staged - newRows - result.Updated);
        Lap("update changed");
        var (inserted, firstId, lastId) = newRows == 0 ? (0, null, null)
            : await MerchantBulkWrite.InsertAsync(connection, transaction, bulk, allNew: newRows == staged, ct);
        result.Inserted = inserted;
        Lap("insert new");
        result.Accepted = true;
        if (result.Inserted + result.Updated == 0) return result;

        result.BatchId = await ImportBatchStore.InsertAsync(connection, transaction, result, ImportBatchStore.Hash(content), content, importedBy, ct);
        if (bulk) await MerchantBulkWrite.EndAsync(connection, transaction, result, firstId, lastId, ct);
        await using (var wards = new NpgsqlCommand("SELECT DISTINCT ward_id FROM merchant_staging", connection, transaction))
        await using (var reader = await wards.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) result.AffectedWardIds.Add(reader.GetInt32(0));
        await DataVersion.BumpAsync(connection, transaction, ct);
        await transaction.CommitAsync(ct);
        Lap("batch, audit, commit");
        return result;
    }

    /// <summary>Streams the encoded chunks through one binary COPY (the tuples are already in PostgreSQL's binary format).</summary>
    private static async Task<int> CopyAsync(NpgsqlConnection connection, IAsyncEnumerable<MerchantTuples> chunks, CancellationToken ct)
    {
        var count = 0;
        await using var copy = await connection.BeginRawBinaryCopyAsync("""
            COPY merchant_staging (row_no, name, category, lon, lat, address, qr_payload, qr_provider, accepts_qr, has_transactions, website,
                                   has_e_invoice, ward_id, neighborhood_id, location)
            FROM STDIN (FORMAT BINARY)
            """, ct);
        try
        {
            await copy.WriteAsync(MerchantTuples.Header.ToArray(), ct);
            await foreach (var chunk in chunks)
            {
                using (chunk)
                {
                    // Neighbouring kept rows are one write; a duplicate dropped from the file splits a run.
                    var (start, end) = (0, 0);
                    foreach (var row in chunk.Rows)
                    {
                        if (row.Start != end)
                        {
                            if (end > start) await copy.WriteAsync(chunk.Bytes(start, end - start), ct);
                            start = row.Start;
                        }
                        end = row.Start + row.Length;
                        count++;
                    }
                    if (end > start) await copy.WriteAsync(chunk.Bytes(start, end - start), ct);
                }
            }
            await copy.WriteAsync(MerchantTuples.Trailer.ToArray(), ct);
        }
        catch
        {
            await copy.CancelAsync();
            throw;
        }
        return count;
    }
}
