using DtHub.Api.GraphQL.Relay;
using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;

namespace DtHub.Api.GraphQL.Compilation;

/// <summary>
/// The SQL EF wrote for one level (a connection, reference or nearest list), by the field's SQL declaration, its
/// argument values and the properties it reads. Composing asks EF for a level's page and count, which costs far
/// more than running them; when a query is asked for another ward, only the level whose arguments changed is
/// written anew. The day is part of the key because "valid today" sources bind today's date.
/// </summary>
public sealed class LevelCache(long sizeLimit) : IDisposable
{
    private readonly MemoryCache _levels = new(new MemoryCacheOptions { SizeLimit = sizeLimit });

    // sql: the field's SQL declaration, one instance per schema field, so it keys by reference.
    internal LevelQuery? GetOrBuild(
        object sql, GraphQLField field, IReadOnlyDictionary<GraphQLField, IDictionary<string, ArgumentValue>>? argumentValues,
        IReadOnlySet<string> properties, bool numbered, Func<LevelQuery?> build)
    {
        var arguments = argumentValues?.TryGetValue(field, out var values) == true
            ? string.Join(";", values.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + EntityConnections.Describe(a.Value.Value)))
            : "";
        var key = new LevelKey(sql, arguments, string.Join(',', properties.Order(StringComparer.Ordinal)), numbered, DateOnly.FromDateTime(DateTime.UtcNow));
        if (_levels.TryGetValue(key, out LevelQuery? level) && level is not null) return level;
        level = build();
        if (level is not null)
            _levels.Set(key, level, new MemoryCacheEntryOptions { Size = level.Rows.Sql.Length + (level.Count?.Sql.Length ?? 0) + arguments.Length });
        return level;
    }

    public void Dispose() => _levels.Dispose();

    private sealed record LevelKey(object Sql, string Arguments, string Properties, bool Numbered, DateOnly Today);
}
