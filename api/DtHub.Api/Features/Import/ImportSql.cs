using Npgsql;
using NpgsqlTypes;

namespace DtHub.Api.Features.Import;

/// <summary>Small statements the importers run on their own connection and transaction.</summary>
internal static class ImportSql
{
    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task<long> CountAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public static void WriteText(this NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null) copy.WriteNull();
        else copy.Write(value, NpgsqlDbType.Text);
    }

    /// <summary>Rows of a placement table that fell in no current ward: (row, lat, lon).</summary>
    public static async Task<List<(int Row, double Lat, double Lon)>> OutsideEveryWardAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string placedTable, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"SELECT row_no, lat, lon FROM {placedTable} WHERE ward_id IS NULL ORDER BY row_no", connection, transaction);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<(int, double, double)>();
        while (await reader.ReadAsync(ct)) rows.Add((reader.GetInt32(0), reader.GetDouble(1), reader.GetDouble(2)));
        return rows;
    }

    public static async Task AddAffectedWardsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string placedTable, ImportResult result, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"SELECT DISTINCT ward_id FROM {placedTable} WHERE ward_id IS NOT NULL", connection, transaction);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result.AffectedWardIds.Add(reader.GetInt32(0));
    }
}
