using System.Collections.Concurrent;
using System.Reflection;
using System.Linq.Expressions;

namespace DtHub.Api.GraphQL.Filtering;

/// <summary>
/// Puts a value into a LINQ expression so EF sends it as a SQL parameter (read through a member of a constant),
/// not as an inlined literal: the SQL text, and so the statement caches, stay the same from request to request.
/// A list becomes one array parameter (<c>= ANY(@p)</c>).
/// </summary>
public static class QueryParameter
{
    private static readonly ConcurrentDictionary<Type, (Func<object?, object> Create, PropertyInfo Value)> Holders = new();

    public static Expression Of(object? value, Type type)
    {
        // Built once per type: called for every filter value, key list and cursor of every request.
        var (create, property) = Holders.GetOrAdd(type, static t =>
        {
            var holder = typeof(Holder<>).MakeGenericType(t);
            var boxed = Expression.Parameter(typeof(object));
            var construct = Expression.New(holder.GetConstructors().Single(), Expression.Convert(boxed, t));
            return (Expression.Lambda<Func<object?, object>>(construct, boxed).Compile(), holder.GetProperty(nameof(Holder<object>.Value))!);
        });
        return Expression.Property(Expression.Constant(create(value)), property);
    }

    public static Expression Of<T>(T value) => Of(value, typeof(T));

    private sealed class Holder<TValue>(TValue value)
    {
        public TValue Value { get; } = value;
    }
}
