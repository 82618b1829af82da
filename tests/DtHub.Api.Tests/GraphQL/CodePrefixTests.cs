using System.Globalization;
using System.Text.RegularExpressions;
using DtHub.Api.Data;
using DtHub.Api.GraphQL.Compilation;
using DtHub.Api.Tests.Infrastructure;
using GraphQL.DI;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DtHub.Api.Tests.GraphQL;

/// <summary>
/// <c>code: { startsWith }</c> reads a range of the pattern index even in a prepared statement's generic plan, where
/// PostgreSQL cannot turn a LIKE parameter into a range (it walked the whole code index before).
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed partial class CodePrefixTests(HubDatabase hub) : IAsyncLifetime
{
    private HubApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        await hub.UseEmptyAsync();
        await using var db = hub.CreateContext();
        // 6,000 small wards in 30 "provinces" (P01-… to P30-…), so reading them all costs more than a range.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO wards (code, name, kind, geometry, label_point, valid_from, is_synthetic, updated_at)
            SELECT format('P%s-W%s', lpad((g % 30 + 1)::text, 2, '0'), lpad(g::text, 5, '0')), 'Phường ' || g, 'Phuong',
                   ST_Multi(ST_MakeEnvelope(100 + g * 0.001, 10, 100.0009 + g * 0.001, 10.0009, 4326)),
                   ST_SetSRID(ST_MakePoint(100.0004 + g * 0.001, 10.0004), 4326), '2020-01-01', true, now()
            FROM generate_series(1, 6000) g;
            ANALYZE wards;
            """);
        _api = new HubApiFactory(hub.ConnectionString);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [InlineData("P05-", "P05.")]
    [InlineData("Phường Đ", "Phường đ")] // U+0110 → U+0111
    [InlineData("a\U0010FFFF", "b")]
    [InlineData("\uD7FF", "\uE000")]
    public void The_successor_follows_every_string_with_the_prefix(string prefix, string expected) =>
        Assert.Equal(expected, HubSql.PrefixSuccessor(prefix));

    [Fact]
    public void An_empty_prefix_has_no_successor() => Assert.Null(HubSql.PrefixSuccessor(""));

    [Fact]
    public async Task A_prefix_filter_reads_a_range_of_the_pattern_index_in_the_generic_plan()
    {
        const string query = """
            query($p: String!) { wards(first: 50, where: { code: { startsWith: $p } }, order: [{ code: ASC }]) { nodes { code } } }
            """;
        var variables = new Dictionary<string, object> { ["p"] = "P17-" };
        var first = await _api.ExecuteAsync(query, variables);
        var again = await _api.ExecuteAsync(query, variables); // the second is compiled: its statement is the one to plan
        Assert.Equal(first.GetProperty("data").ToString(), again.GetProperty("data").ToString());
        var codes = again.GetProperty("data").GetProperty("wards").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()!).ToList();
        Assert.Equal(50, codes.Count);
        Assert.All(codes, c => Assert.StartsWith("P17-", c, StringComparison.Ordinal));

        var statement = _api.Services.GetServices<IConfigureExecution>().OfType<CompiledReads>().Single().LastStatement!;
        Assert.Contains("hub_prefix_range", statement.Sql, StringComparison.Ordinal);
        var plan = await GenericPlanAsync(statement);
        Assert.Contains("ix_wards_code_pattern", plan, StringComparison.Ordinal);
        Assert.Contains("~>=~", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on wards", plan, StringComparison.Ordinal);
    }

    /// <summary>The plan PostgreSQL keeps for a prepared statement once it stops planning per execution.</summary>
    private async Task<string> GenericPlanAsync(Statement statement)
    {
        // Npgsql numbers the parameters in their order (@c0 → $1); a PREPARE inside PL/pgSQL takes them as written.
        var sql = ParameterName().Replace(statement.Sql, m => "$" + (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1));
        var arguments = string.Join(", ", statement.Parameters.Select(p => p.Value switch
        {
            string text => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'",
            DateOnly day => day.ToString("\\'yyyy-MM-dd\\'", CultureInfo.InvariantCulture),
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            var other => throw new InvalidOperationException($"no literal for {other}"),
        }));
        await using var connection = await hub.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var function = new Npgsql.NpgsqlCommand("""
            CREATE FUNCTION pg_temp.generic_plan(statement text, arguments text) RETURNS SETOF text LANGUAGE plpgsql AS $f$
            BEGIN
              SET LOCAL plan_cache_mode = force_generic_plan;
              EXECUTE 'PREPARE prefix_probe AS ' || statement;
              RETURN QUERY EXECUTE 'EXPLAIN EXECUTE prefix_probe(' || arguments || ')';
            END $f$
            """, connection, transaction))
            await function.ExecuteNonQueryAsync();
        await using var explain = new Npgsql.NpgsqlCommand("SELECT pg_temp.generic_plan(@statement, @arguments)", connection, transaction);
        explain.Parameters.AddWithValue("statement", sql);
        explain.Parameters.AddWithValue("arguments", arguments);
        var plan = new System.Text.StringBuilder();
        await using (var reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.AppendLine(reader.GetString(0));
        return plan.ToString();
    }

    [GeneratedRegex(@"@c(\d+)")]
    private static partial Regex ParameterName();
}
