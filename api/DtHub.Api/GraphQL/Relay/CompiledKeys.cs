using System.Collections.Concurrent;
using System.Linq.Expressions;

namespace DtHub.Api.GraphQL.Relay;

/// <summary>
/// Key selectors compiled once per entity and expression. Compiling a lambda emits and JITs a dynamic method
/// (≈ 1 ms of CPU), and feature code builds a new expression object on every call, so without this cache each
/// batch, and each single lookup, paid for a compilation.
/// </summary>
public static class CompiledKeys
{
    private static readonly ConcurrentDictionary<(Type, string), Delegate> Cache = new();

    public static Func<TEntity, TKey> Of<TEntity, TKey>(Expression<Func<TEntity, TKey>> key) =>
        (Func<TEntity, TKey>)Cache.GetOrAdd((typeof(Func<TEntity, TKey>), key.ToString()), static (_, k) => k.Compile(), key);
}
