using System.Text.Json;
using Npgsql;

namespace DtHub.Api.Features.Import;

/// <summary>
/// The update and insert statements of a merchant import. A small file goes through the per-row audit trigger like
/// any other write. A file of at least <see cref="ImportOptions.BulkAuditRows"/> rows is written set-based instead:
/// the row trigger is disabled for this transaction only (re-enabled before commit, or rolled back with it), the
/// change feed gets one row per merchant from the same statement, every update is audited with before/after, and the
/// inserts are audited as one entry naming the import batch and the id range (the batch keeps the file itself).
/// </summary>
internal static class MerchantBulkWrite
{
    private const string Trigger = "tr_merchants_record_write";
    private const string Actor = "coalesce(nullif(current_setting('dthub.actor', true), ''), 'system:' || session_user)";

    private const string Assignments = """
        category = s.category, address = s.address, ward_id = s.ward_id, neighborhood_id = s.neighborhood_id,
        accepts_qr = s.accepts_qr, qr_payload = s.qr_payload, qr_provider = s.qr_provider, has_transactions = s.has_transactions,
        website = s.website, has_e_invoice = s.has_e_invoice, updated_at = now()
        """;

    private static readonly string[] Compared =
        ["category", "address", "ward_id", "neighborhood_id", "accepts_qr", "qr_payload", "qr_provider", "has_transactions", "website", "has_e_invoice"];

    /// <summary>True when the stored merchant (alias <paramref name="stored"/>) differs from the file's row (<paramref name="staged"/>).</summary>
    public static string ChangedBetween(string stored, string staged) =>
        $"({string.Join(", ", Compared.Select(c => $"{stored}.{c}"))}) IS DISTINCT FROM ({string.Join(", ", Compared.Select(c => $"{staged}.{c}"))})";

    // The match kept only new rows and the matched rows that differ (p.merchant_id set): the update joins those, not the
    // whole file again. The comparison is repeated because a merchant may have been edited since the match.
    private const string Changed = "p.merchant_id = m.id AND s.row_no = p.row_no";

    // Rows go in geometry (space-filling-curve) order: neighbouring points hit the same GiST pages.
    private static string Insert(bool allNew) => $"""
        INSERT INTO merchants (name, category, location, address, ward_id, neighborhood_id, accepts_qr, qr_payload, qr_provider,
                               has_transactions, website, has_e_invoice, is_synthetic, updated_at)
        SELECT s.name, s.category, s.location, s.address, s.ward_id, s.neighborhood_id, s.accepts_qr, s.qr_payload, s.qr_provider,
               s.has_transactions, s.website, s.has_e_invoice, false, now()
        FROM {(allNew ? "merchant_staging s" : "merchant_match p JOIN merchant_staging s ON s.row_no = p.row_no WHERE p.merchant_id IS NULL")}
        ORDER BY s.location
        """;

    /// <summary>Updates the matched merchants whose fields changed; returns how many.</summary>
    public static async Task<int> UpdateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, bool bulk, CancellationToken ct)
    {
        if (!bulk)
            return await ImportSql.ExecuteAsync(connection, transaction,
                $"UPDATE merchants m SET {Assignments} FROM merchant_match p, merchant_staging s WHERE {Changed} AND {ChangedBetween("m", "s")}", ct);
        // "old" is a second reference to the table: it still sees the row as it was before this statement.
        return (int)await ImportSql.CountAsync(connection, transaction, $"""
            WITH updated AS (
                UPDATE merchants m SET {Assignments}
                FROM merchant_match p, merchant_staging s, merchants old
                WHERE {Changed} AND old.id = m.id AND {ChangedBetween("m", "s")}
                RETURNING m.id, to_jsonb(old) AS before, to_jsonb(m) AS after),
            audited AS (
                INSERT INTO audit_log (actor, action, entity, entity_id, allowed, before, after)
                SELECT {Actor}, 'UPDATE', 'merchants', id::text, true, before, after FROM updated),
            fed AS (
                INSERT INTO change_log (entity, entity_id, deleted) SELECT 'MERCHANT', id::text, false FROM updated)
            SELECT count(*) FROM updated
            """, ct);
    }

    /// <summary>Inserts the unmatched rows (all of the staging table when <paramref name="allNew"/>); returns how many and, in bulk, the range of new ids.</summary>
    public static async Task<(int Count, long? FirstId, long? LastId)> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, bool bulk,
        bool allNew, CancellationToken ct)
    {
        if (!bulk) return (await ImportSql.ExecuteAsync(connection, transaction, Insert(allNew), ct), null, null);
        var rowChecksOff = await MerchantReferences.CheckOnceAsync(connection, transaction, ct);
        await using var cmd = new NpgsqlCommand($"""
            WITH inserted AS ({Insert(allNew)} RETURNING id),
            fed AS (INSERT INTO change_log (entity, entity_id, deleted) SELECT 'MERCHANT', id::text, false FROM inserted)
            SELECT count(*)::int, min(id), max(id) FROM inserted
            """, connection, transaction) { CommandTimeout = 0 };
        (int, long?, long?) inserted;
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            inserted = (reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2));
        }
        await MerchantReferences.RestoreAsync(connection, transaction, rowChecksOff, ct);
        return inserted;
    }

    /// <summary>Turns the per-row trigger off for this transaction (the lock it takes also holds off other writers until commit).</summary>
    public static Task BeginAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct) =>
        ImportSql.ExecuteAsync(connection, transaction, $"ALTER TABLE merchants DISABLE TRIGGER {Trigger}", ct);

    /// <summary>One audit entry for the inserted rows, then the trigger back on.</summary>
    public static async Task EndAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ImportResult result, long? firstId, long? lastId, CancellationToken ct)
    {
        var summary = JsonSerializer.Serialize(new
        {
            importBatch = result.BatchId,
            file = result.FileName,
            inserted = result.Inserted,
            insertedIds = firstId is null ? null : new[] { firstId, lastId },
            updated = result.Updated,
            unchanged = result.Unchanged,
            rejected = result.Rejected,
        });
        await using (var cmd = new NpgsqlCommand($"""
            INSERT INTO audit_log (actor, action, entity, entity_id, allowed, after)
            VALUES ({Actor}, 'IMPORT', 'merchants', @batch, true, @summary::jsonb)
            """, connection, transaction))
        {
            cmd.Parameters.AddWithValue("batch", result.BatchId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
            cmd.Parameters.AddWithValue("summary", summary);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await ImportSql.ExecuteAsync(connection, transaction, $"ALTER TABLE merchants ENABLE TRIGGER {Trigger}", ct);
    }
}
