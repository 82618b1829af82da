using System.Globalization;
using System.Text;
using DtHub.Api.GraphQL.Compilation;
using NetTopologySuite.Geometries;
using Npgsql;

namespace DtHub.Api.Tests.Infrastructure;

/// <summary>How PostgreSQL plans a compiled statement once it stops planning per execution (a prepared statement's generic plan).</summary>
internal static class GenericPlans
{
    /// <summary>The generic plan, forced: what a connection runs once PostgreSQL prefers it.</summary>
    public static Task<string> ExplainAsync(NpgsqlDataSource dataSource, Statement statement) =>
        RunAsync(dataSource, statement, """
            SET LOCAL plan_cache_mode = force_generic_plan;
            EXECUTE 'PREPARE probe AS ' || statement;
            RETURN QUERY EXECUTE 'EXPLAIN EXECUTE probe(' || arguments || ')';
            DEALLOCATE probe;
            """);

    /// <summary>
    /// Whether PostgreSQL, left to choose (plan_cache_mode auto), adopts a generic plan within <paramref name="runs"/>
    /// executions: it does when that plan's estimate is no worse than the custom plans'.
    /// </summary>
    public static async Task<bool> AdoptedAsync(NpgsqlDataSource dataSource, Statement statement, int runs = 8) =>
        (await RunAsync(dataSource, statement, $$"""
            SET LOCAL plan_cache_mode = auto;
            EXECUTE 'PREPARE probe AS ' || statement;
            FOR run IN 1..{{runs}} LOOP EXECUTE 'EXECUTE probe(' || arguments || ')'; END LOOP;
            RETURN QUERY SELECT generic_plans::text FROM pg_prepared_statements WHERE name = 'probe';
            DEALLOCATE probe;
            """)).Trim() != "0";

    private static async Task<string> RunAsync(NpgsqlDataSource dataSource, Statement statement, string body)
    {
        var arguments = string.Join(", ", statement.Parameters.Select(p => Literal(p.Value)));
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var function = new NpgsqlCommand($"""
            CREATE FUNCTION pg_temp.plan_probe(statement text, arguments text) RETURNS SETOF text LANGUAGE plpgsql AS $f$
            DECLARE run int;
            BEGIN
            {body}
            END $f$
            """, connection, transaction))
            await function.ExecuteNonQueryAsync();
        await using var probe = new NpgsqlCommand("SELECT pg_temp.plan_probe(@statement, @arguments)", connection, transaction);
        // The statement numbers its parameters ($1, $2…) as a PREPARE inside PL/pgSQL takes them.
        probe.Parameters.AddWithValue("statement", statement.Sql);
        probe.Parameters.AddWithValue("arguments", arguments);
        var output = new StringBuilder();
        await using (var reader = await probe.ExecuteReaderAsync())
            while (await reader.ReadAsync()) output.AppendLine(reader.GetString(0));
        return output.ToString();
    }

    private static string Literal(object? value) => value switch
    {
        string text => Quoted(text),
        DateOnly day => day.ToString("\\'yyyy-MM-dd\\'", CultureInfo.InvariantCulture),
        Geometry geometry => $"ST_GeomFromText({Quoted(geometry.AsText())}, {geometry.SRID})",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        var other => throw new InvalidOperationException($"no literal for {other}"),
    };

    private static string Quoted(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
