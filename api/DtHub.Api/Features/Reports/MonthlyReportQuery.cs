using DtHub.Api.Features.Wards;
using Npgsql;

namespace DtHub.Api.Features.Reports;

/// <summary>Reads a month's report from the current (not superseded) ward reports of the wards valid that month.</summary>
public static class MonthlyReportQuery
{
    public const string Indicator = "account_ownership_15plus";

    public static async Task<MonthlyReport> LoadAsync(NpgsqlDataSource dataSource, DateOnly month, CancellationToken ct = default)
    {
        month = new DateOnly(month.Year, month.Month, 1);
        // Target: a ward's own, else the each-ward one, else the city's; the nearest deadline not before the month,
        // else the latest one. Units outside the city (another commune's plan) are not ours.
        await using var cmd = dataSource.CreateCommand("""
            WITH targets_now AS (
                SELECT DISTINCT ON (scope, ward_id) scope, ward_id, value
                FROM targets
                WHERE indicator = $2 AND scope IN ('City', 'EachWard', 'Ward')
                ORDER BY scope, ward_id, (deadline < $1), CASE WHEN deadline >= $1 THEN deadline END, deadline DESC
            )
            SELECT w.id, w.name, w.kind, r.id IS NOT NULL, r.households, r.population, r.residents15plus, r.account_holders15plus,
                   coalesce(r.quality_flags, 0), coalesce(r.is_synthetic, false),
                   coalesce((SELECT value FROM targets_now t WHERE t.scope = 'Ward' AND t.ward_id = w.id),
                            (SELECT value FROM targets_now t WHERE t.scope = 'EachWard'),
                            (SELECT value FROM targets_now t WHERE t.scope = 'City')),
                   coalesce((SELECT value FROM targets_now t WHERE t.scope = 'City'),
                            (SELECT value FROM targets_now t WHERE t.scope = 'EachWard'))
            FROM wards w
            LEFT JOIN ward_reports r ON r.ward_id = w.id AND r.month = $1 AND r.superseded_at IS NULL
            WHERE w.valid_from <= ($1 + interval '1 month' - interval '1 day')::date AND (w.valid_to IS NULL OR w.valid_to > $1)
            ORDER BY w.id
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = month });
        cmd.Parameters.Add(new NpgsqlParameter { Value = Indicator });
        var lines = new List<MonthlyReportLine>();
        decimal? cityTarget = null;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            lines.Add(new MonthlyReportLine(
                reader.GetInt32(0), reader.GetString(1), Enum.Parse<WardKind>(reader.GetString(2)), reader.GetBoolean(3),
                Int(reader, 4), Int(reader, 5), Int(reader, 6), Int(reader, 7),
                (ReportQualityFlags)reader.GetInt32(8), reader.GetBoolean(9),
                reader.IsDBNull(10) ? null : reader.GetDecimal(10)));
            cityTarget ??= reader.IsDBNull(11) ? null : reader.GetDecimal(11);
        }
        return new MonthlyReport(month, lines, cityTarget, DateTimeOffset.UtcNow);
    }

    private static int? Int(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
}
