using Npgsql;

namespace DtHub.Api.Features.Import;

/// <summary>
/// The foreign keys of <c>merchants</c> checked once per import instead of once per row. A bulk insert of new
/// merchants calls the foreign-key check trigger three times per row (ward, neighbourhood, market): about a fifth
/// of the insert. When the importer may switch those system triggers off (superuser only; otherwise nothing changes),
/// it does in one statement what they do row by row: every referenced ward and neighbourhood is locked
/// <c>FOR KEY SHARE</c> (so none can be deleted or renumbered until commit) and must exist. The triggers are off for
/// this transaction only: turned back on before commit, and a rollback restores them with everything else.
/// </summary>
internal static class MerchantReferences
{
    // Only the insert checks of these constraints; updates keep their per-row checks. market_id is never set by an import.
    private static readonly string[] Constraints =
        ["fk_merchants_wards_ward_id", "fk_merchants_neighborhoods_neighborhood_id", "fk_merchants_markets_market_id"];

    /// <summary>Checks and locks the staged rows' wards and neighbourhoods, then turns their per-row checks off; returns the triggers turned off (none when not permitted).</summary>
    public static async Task<IReadOnlyList<string>> CheckOnceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        if (await ImportSql.CountAsync(connection, transaction, "SELECT (current_setting('is_superuser') = 'on')::int::bigint", ct) == 0) return [];
        var triggers = new List<string>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT t.tgname FROM pg_trigger t JOIN pg_constraint c ON c.oid = t.tgconstraint
            WHERE t.tgrelid = 'merchants'::regclass AND c.conname = ANY(@constraints) AND t.tgfoid = '"RI_FKey_check_ins"'::regproc AND t.tgenabled = 'O'
            """, connection, transaction))
        {
            cmd.Parameters.AddWithValue("constraints", Constraints);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) triggers.Add(reader.GetString(0));
        }
        if (triggers.Count != Constraints.Length) return []; // the schema is not what this was written for: keep the row checks

        await using (var cmd = new NpgsqlCommand("""
            WITH wards_locked AS (SELECT id FROM wards WHERE id IN (SELECT ward_id FROM merchant_staging) FOR KEY SHARE),
                 neighborhoods_locked AS (SELECT id FROM neighborhoods WHERE id IN (SELECT neighborhood_id FROM merchant_staging) FOR KEY SHARE)
            SELECT (SELECT count(DISTINCT ward_id) FROM merchant_staging) - (SELECT count(*) FROM wards_locked),
                   (SELECT count(DISTINCT neighborhood_id) FROM merchant_staging) - (SELECT count(*) FROM neighborhoods_locked)
            """, connection, transaction) { CommandTimeout = 0 })
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            if (reader.GetInt64(0) != 0 || reader.GetInt64(1) != 0)
                throw new InvalidOperationException("a ward or neighbourhood the file's points lie in was deleted during the import; import the file again");
        }
        foreach (var trigger in triggers)
            await ImportSql.ExecuteAsync(connection, transaction, $"ALTER TABLE merchants DISABLE TRIGGER \"{trigger}\"", ct);
        return triggers;
    }

    /// <summary>Turns the per-row checks back on (before commit).</summary>
    public static async Task RestoreAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> triggers, CancellationToken ct)
    {
        foreach (var trigger in triggers)
            await ImportSql.ExecuteAsync(connection, transaction, $"ALTER TABLE merchants ENABLE TRIGGER \"{trigger}\"", ct);
    }
}
