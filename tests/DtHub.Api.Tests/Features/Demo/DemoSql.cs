using Npgsql;

namespace DtHub.Api.Tests.Features.Demo;

/// <summary>Small helpers to ask PostGIS directly: the spatial promises are checked by the database, not by NTS.</summary>
internal static class DemoSql
{
    public static async Task<T> ScalarAsync<T>(NpgsqlDataSource db, string sql)
    {
        await using var cmd = db.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>The first column of every row, as text: used to list offenders, so a failure names them.</summary>
    public static async Task<List<string>> ListAsync(NpgsqlDataSource db, string sql, params NpgsqlParameter[] parameters)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddRange(parameters);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.IsDBNull(0) ? "" : reader.GetValue(0).ToString()!);
        return rows;
    }
}
