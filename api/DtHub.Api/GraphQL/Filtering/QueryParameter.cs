using System.Linq.Expressions;

namespace DtHub.Api.GraphQL.Filtering;

/// <summary>
/// Puts a value into a LINQ expression so EF sends it as a SQL parameter (read through a member of a constant),
/// not as an inlined literal: the SQL text, and so the statement caches, stay the same from request to request.
/// A list becomes one array parameter (<c>= ANY(@p)</c>).
/// </summary>
public static class QueryParameter
{
    public static Expression Of(object? value, Type type)
    {
        var holder = Activator.CreateInstance(typeof(Holder<>).MakeGenericType(type), value)!;
        return Expression.Property(Expression.Constant(holder), nameof(Holder<object>.Value));
    }

    public static Expression Of<T>(T value) => Of(value, typeof(T));

    private sealed class Holder<TValue>(TValue value)
    {
        public TValue Value { get; } = value;
    }
}
