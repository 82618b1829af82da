using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Text.Json;
using DtHub.Api.GraphQL.Filtering;

namespace DtHub.Api.GraphQL.Relay;

/// <summary>
/// Keyset ("seek") paging for connections ordered by plain columns: the cursor carries the last row's sort values,
/// and the next page starts with <c>WHERE (code, id) &gt; (@code, @id)</c> instead of <c>OFFSET</c>, so page 100 costs
/// what page 1 costs and the order's index is walked from the right place. Orders it cannot express (nearest-first,
/// enums, nullable values in the cursor) fall back to the offset every cursor also carries.
/// </summary>
public sealed class Keyset<T> where T : class
{
    private static readonly ConcurrentDictionary<string, Func<T, object?>> Getters = new();
    private static readonly Type[] Comparable =
        [typeof(int), typeof(long), typeof(double), typeof(decimal), typeof(string), typeof(DateOnly), typeof(DateTimeOffset)];

    private readonly IReadOnlyList<(string Property, Type Type, bool Descending, Func<T, object?> Get)> _keys;

    private Keyset(IReadOnlyList<(string, Type, bool, Func<T, object?>)> keys)
    {
        _keys = keys;
        Signature = string.Join(',', keys.Select(k => k.Item1 + (k.Item3 ? "-" : "+")));
    }

    /// <summary>Names the order, so a cursor from another order is not misread: "Code+,Id+".</summary>
    public string Signature { get; }

    /// <summary>Entity properties the page must read to write its cursors.</summary>
    public IEnumerable<string> Properties => _keys.Select(k => k.Property);

    /// <summary>The keyset for these ORDER BY terms, or null when one of them is not a plain comparable column.</summary>
    public static Keyset<T>? For(IReadOnlyList<OrderKey> order)
    {
        var keys = new List<(string, Type, bool, Func<T, object?>)>();
        foreach (var (key, descending, nearest, _) in order)
        {
            if (nearest || key.Body is not MemberExpression { Expression: ParameterExpression, Member.Name: var property } member) return null;
            var type = Nullable.GetUnderlyingType(member.Type) ?? member.Type;
            if (!Comparable.Contains(type)) return null;
            keys.Add((property, member.Type, descending, Getters.GetOrAdd(property, Getter)));
        }
        return new Keyset<T>(keys);
    }

    /// <summary>The sort values of a row, as the cursor's keyset part.</summary>
    public string Encode(T row) => Signature + ":" + JsonSerializer.Serialize(_keys.Select(k => k.Get(row)).ToArray());

    /// <summary>
    /// Rows strictly after the cursor's position in this order: for (a ASC, b DESC, id ASC),
    /// <c>a &gt; @a OR (a = @a AND (b &lt; @b OR (b = @b AND id &gt; @id)))</c>. Null when the cursor is of another
    /// order or holds a null (then the offset applies).
    /// </summary>
    public Expression<Func<T, bool>>? After(string? position)
    {
        if (position is null || !position.StartsWith(Signature + ":", StringComparison.Ordinal)) return null;
        // Cursors come from clients: one whose values do not fit this order's types pages by its offset instead.
        List<Expression> parameters;
        try
        {
            var values = JsonSerializer.Deserialize<JsonElement[]>(position.AsSpan(Signature.Length + 1));
            if (values is null || values.Length != _keys.Count || values.Any(v => v.ValueKind == JsonValueKind.Null)) return null;
            parameters = _keys.Select((k, i) => QueryParameter.Of(values[i].Deserialize(k.Type), k.Type)).ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }

        var x = Expression.Parameter(typeof(T), "x");
        Expression? predicate = null;
        for (var i = _keys.Count - 1; i >= 0; i--)
        {
            var column = Expression.Property(x, _keys[i].Property);
            var beyond = Compare(column, parameters[i], _keys[i].Descending ? ExpressionType.LessThan : ExpressionType.GreaterThan);
            predicate = predicate is null ? beyond
                : Expression.OrElse(beyond, Expression.AndAlso(Compare(column, parameters[i], ExpressionType.Equal), predicate));
        }
        // The OR form is exact but no index condition; the redundant bound on the first key lets the index start there.
        var lead = Compare(Expression.Property(x, _keys[0].Property), parameters[0],
            _keys[0].Descending ? ExpressionType.LessThanOrEqual : ExpressionType.GreaterThanOrEqual);
        return Expression.Lambda<Func<T, bool>>(_keys.Count == 1 ? predicate! : Expression.AndAlso(lead, predicate!), x);
    }

    private static Expression Compare(Expression column, Expression value, ExpressionType comparison)
    {
        if (column.Type != typeof(string)) return Expression.MakeBinary(comparison, column, Expression.Convert(value, column.Type));
        // string.Compare(a, b) > 0 is how EF spells a > b for text (compared under the column's collation, as ORDER BY is).
        var compare = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, column, value);
        return Expression.MakeBinary(comparison, compare, Expression.Constant(0));
    }

    private static Func<T, object?> Getter(string property)
    {
        var x = Expression.Parameter(typeof(T), "x");
        return Expression.Lambda<Func<T, object?>>(Expression.Convert(Expression.Property(x, property), typeof(object)), x).Compile();
    }
}
