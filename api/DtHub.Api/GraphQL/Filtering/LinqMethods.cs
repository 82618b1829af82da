using System.Collections.Concurrent;
using System.Reflection;

namespace DtHub.Api.GraphQL.Filtering;

/// <summary>
/// The generic LINQ methods the translators call, resolved once per type. Looking one up by name
/// (<c>Expression.Call(typeof(Queryable), "OrderBy", …)</c>) lists every method of the class on each call:
/// 5 % of all the API allocated per request before this.
/// </summary>
public static class LinqMethods
{
    private static readonly MethodInfo ContainsDefinition = new Func<IEnumerable<object>, object, bool>(Enumerable.Contains).Method.GetGenericMethodDefinition();

    private static readonly Dictionary<string, MethodInfo> OrderingDefinitions = new[]
    {
        nameof(Queryable.OrderBy), nameof(Queryable.OrderByDescending), nameof(Queryable.ThenBy), nameof(Queryable.ThenByDescending),
    }.ToDictionary(name => name, name => typeof(Queryable).GetMethods()
        .Single(m => m.Name == name && m.GetParameters().Length == 2));

    private static readonly ConcurrentDictionary<Type, MethodInfo> Contains = new();
    private static readonly ConcurrentDictionary<(string, Type, Type), MethodInfo> Orderings = new();

    /// <summary><c>Enumerable.Contains&lt;T&gt;(IEnumerable&lt;T&gt;, T)</c>: translated by EF as <c>= ANY(@array)</c>.</summary>
    public static MethodInfo EnumerableContains(Type element) =>
        Contains.GetOrAdd(element, static t => ContainsDefinition.MakeGenericMethod(t));

    /// <summary><c>Queryable.OrderBy</c>, <c>OrderByDescending</c>, <c>ThenBy</c> or <c>ThenByDescending</c> for an entity and key type.</summary>
    public static MethodInfo Ordering(string name, Type entity, Type key) =>
        Orderings.GetOrAdd((name, entity, key), static k => OrderingDefinitions[k.Item1].MakeGenericMethod(k.Item2, k.Item3));
}
