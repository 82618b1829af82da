using DtHub.Api.Data;
using DtHub.Api.Features.Reports;
using DtHub.Api.Features.Wards;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DtHub.Api.Features.Import;

/// <summary>
/// Imports one month of ward reports. All-or-nothing by default: a month's table is one statement by the city,
/// so half of it would be a wrong statement. Unchanged wards keep their row; changed ones are superseded.
/// </summary>
public sealed class WardReportImporter(NpgsqlDataSource dataSource, IOptions<ImportOptions> options)
{
    public const string Kind = "ward-report";

    public async Task<ImportResult> ImportAsync(byte[] content, string fileName, DateOnly month, ImportMode mode,
        string? importedBy, ImportScope? scope, CancellationToken ct)
    {
        month = new DateOnly(month.Year, month.Month, 1);
        var result = new ImportResult { Kind = Kind, FileName = fileName, Mode = mode };
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ImportBatchStore.LockKindAsync(connection, transaction, Kind, importedBy, ct);

        var wards = new WardNameIndex(await WardsValidInAsync(connection, transaction, month, ct));
        var rows = WardReportFile.Parse(content, fileName, month, wards, result);
        if (scope is not null) rows = await OwnWardOnlyAsync(connection, transaction, rows, scope, result, ct);
        if (rows.Count == 0 && result.Errors.Count == 0) result.Reject(0, null, "the file has no ward rows under its header");
        if (rows.Count == 0 || (result.Errors.Count > 0 && mode == ImportMode.AllOrNothing)) return result;

        var hash = ImportBatchStore.Hash(content);
        if (await SameFileIsCurrentAsync(connection, transaction, hash, month, ct))
        {
            result.Accepted = true;
            result.AlreadyImported = true;
            result.Unchanged = rows.Count;
            return result;
        }

        var current = await ReportsAsync(connection, transaction, month, ct);
        var previous = await ReportsAsync(connection, transaction, month.AddMonths(-1), ct);
        var toWrite = new List<(WardReportRow Row, ReportQualityFlags Flags, long? Supersedes)>();
        foreach (var row in rows)
        {
            var stored = current.GetValueOrDefault(row.WardId);
            if (stored is not null && stored.SameFigures(row)) { result.Unchanged++; continue; }
            var flags = WardReport.Assess(row.Households, row.Population, row.Residents15Plus, row.Holders);
            if (previous.GetValueOrDefault(row.WardId) is { } before && JumpedSince(before, row) is { } jump)
            {
                flags |= ReportQualityFlags.MonthOnMonthJump;
                result.Warnings.Add(new RowIssue(row.Row, jump, $"{row.TypedName}: moved more than {options.Value.MonthOnMonthJumpShare:P0} since {month.AddMonths(-1):yyyy-MM}"));
            }
            if (flags != ReportQualityFlags.None)
            {
                result.Flagged++;
                result.Warnings.Add(new RowIssue(row.Row, null, $"{row.TypedName}: stored with flags {flags}"));
            }
            toWrite.Add((row, flags, stored?.Id));
            if (stored is null) result.Inserted++; else result.Updated++;
            result.AffectedWardIds.Add(row.WardId);
        }
        result.Accepted = true;
        if (toWrite.Count == 0) return result;

        var batchId = await ImportBatchStore.InsertAsync(connection, transaction, result, hash, content, importedBy, ct);
        result.BatchId = batchId;
        await WriteAsync(connection, transaction, month, batchId, fileName, toWrite, ct);
        await DataVersion.BumpAsync(connection, transaction, ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    private string? JumpedSince(StoredReport before, WardReportRow now)
    {
        var share = options.Value.MonthOnMonthJumpShare;
        static bool Jumped(int? was, int? @is, double share) => was is > 0 && @is is not null && Math.Abs(@is.Value - was.Value) > share * was.Value;
        if (Jumped(before.Population, now.Population, share)) return "residents";
        if (Jumped(before.Residents15Plus, now.Residents15Plus, share)) return "residents 15+";
        if (Jumped(before.Holders, now.Holders, share)) return "account holders";
        return null;
    }

    private static async Task<List<(int, string, WardKind)>> WardsValidInAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly month, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT id, name, kind FROM wards
            WHERE valid_from <= @last AND (valid_to IS NULL OR valid_to > @first)
            """, connection, transaction);
        cmd.Parameters.AddWithValue("first", month);
        cmd.Parameters.AddWithValue("last", month.AddMonths(1).AddDays(-1));
        var wards = new List<(int, string, WardKind)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            wards.Add((reader.GetInt32(0), reader.GetString(1), Enum.Parse<WardKind>(reader.GetString(2))));
        return wards;
    }

    private static async Task<bool> SameFileIsCurrentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string hash, DateOnly month, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT EXISTS (SELECT 1 FROM import_batches b JOIN ward_reports r ON r.import_batch_id = b.id
                           WHERE b.kind = @kind AND b.content_hash = @hash AND r.month = @month AND r.superseded_at IS NULL)
            """, connection, transaction);
        cmd.Parameters.AddWithValue("kind", Kind);
        cmd.Parameters.AddWithValue("hash", hash);
        cmd.Parameters.AddWithValue("month", month);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private sealed record StoredReport(long Id, int? Households, int? Population, int? Residents15Plus, int? Holders)
    {
        public bool SameFigures(WardReportRow row) =>
            Households == row.Households && Population == row.Population && Residents15Plus == row.Residents15Plus && Holders == row.Holders;
    }

    private static async Task<Dictionary<int, StoredReport>> ReportsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly month, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT ward_id, id, households, population, residents15plus, account_holders15plus
            FROM ward_reports WHERE month = @month AND superseded_at IS NULL
            """, connection, transaction);
        cmd.Parameters.AddWithValue("month", month);
        var reports = new Dictionary<int, StoredReport>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            reports[reader.GetInt32(0)] = new StoredReport(reader.GetInt64(1), IntOrNull(reader, 2), IntOrNull(reader, 3), IntOrNull(reader, 4), IntOrNull(reader, 5));
        return reports;
    }

    private static int? IntOrNull(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    private static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly month, long batchId, string fileName,
        List<(WardReportRow Row, ReportQualityFlags Flags, long? Supersedes)> reports, CancellationToken ct)
    {
        var superseded = reports.Where(r => r.Supersedes is not null).Select(r => r.Supersedes!.Value).ToArray();
        if (superseded.Length > 0)
        {
            await using var supersede = new NpgsqlCommand(
                "UPDATE ward_reports SET superseded_at = now() WHERE id = ANY(@ids)", connection, transaction);
            supersede.Parameters.AddWithValue("ids", superseded);
            await supersede.ExecuteNonQueryAsync(ct);
        }
        var batch = new NpgsqlBatch(connection, transaction);
        await using (batch)
        {
            foreach (var (row, flags, _) in reports)
            {
                var insert = new NpgsqlBatchCommand("""
                    INSERT INTO ward_reports (ward_id, month, households, population, residents15plus, account_holders15plus,
                                              extra_indicators, quality_flags, source, import_batch_id, is_synthetic, recorded_at)
                    VALUES ($1, $2, $3, $4, $5, $6, '{}'::jsonb, $7, $8, $9, false, now())
                    """);
                insert.Parameters.Add(new NpgsqlParameter { Value = row.WardId });
                insert.Parameters.Add(new NpgsqlParameter { Value = month });
                insert.Parameters.Add(new NpgsqlParameter<int?> { TypedValue = row.Households });
                insert.Parameters.Add(new NpgsqlParameter<int?> { TypedValue = row.Population });
                insert.Parameters.Add(new NpgsqlParameter<int?> { TypedValue = row.Residents15Plus });
                insert.Parameters.Add(new NpgsqlParameter<int?> { TypedValue = row.Holders });
                insert.Parameters.Add(new NpgsqlParameter { Value = (int)flags });
                insert.Parameters.Add(new NpgsqlParameter { Value = Truncate($"import {fileName}, row {row.Row}", 500) });
                insert.Parameters.Add(new NpgsqlParameter { Value = batchId });
                batch.BatchCommands.Add(insert);
            }
            await batch.ExecuteNonQueryAsync(ct);
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>A ward officer's report: rows naming another ward become row errors (the default all-or-nothing mode then refuses the file).</summary>
    private static async Task<List<WardReportRow>> OwnWardOnlyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<WardReportRow> rows, ImportScope scope, ImportResult result, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT id, code FROM wards WHERE id = ANY(@ids)", connection, transaction);
        cmd.Parameters.AddWithValue("ids", rows.Select(r => r.WardId).Distinct().ToArray());
        var codes = new Dictionary<int, string>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) codes[reader.GetInt32(0)] = reader.GetString(1);
        var own = new List<WardReportRow>(rows.Count);
        foreach (var row in rows)
        {
            if (codes[row.WardId] == scope.WardCode) own.Add(row);
            else result.Reject(row.Row, "ward", $"{row.TypedName} {scope.Refusal(codes[row.WardId])}");
        }
        result.Errors.Sort((a, b) => a.Row.CompareTo(b.Row));
        return own;
    }
}
