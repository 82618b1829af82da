using DtHub.Api.GraphQL.Relay;
using Npgsql;

namespace DtHub.Api.GraphQL.Compilation;

/// <summary>SQL text with its parameters, as EF wrote it.</summary>
internal sealed record SqlText(string Sql, IReadOnlyList<NpgsqlParameter> Parameters);

/// <summary>
/// One connection level of a compiled query: the page of rows (up to take + 1, in order) and the count, each as the
/// SQL EF writes for the very LINQ the resolvers run (<see cref="EntityConnections"/>), so filters, orders and
/// cursors mean the same on both paths.
/// </summary>
/// <remarks>The page's columns are named after the entity's properties ("Code"), as EF aliases a projection.</remarks>
internal sealed record LevelQuery(
    Type Entity, SqlText Rows, SqlText? Count, int Skip, int Take, string? KeysetSignature,
    IReadOnlyList<string> KeysetProperties, IReadOnlySet<string> Properties)
{
    /// <summary>The point a nearest-first list measures from, as a SQL parameter reference.</summary>
    public string? Origin { get; init; }

    /// <summary>The point property of the rows, which <see cref="OriginDistanceSql"/> measures.</summary>
    public string? LocationProperty { get; init; }
}
