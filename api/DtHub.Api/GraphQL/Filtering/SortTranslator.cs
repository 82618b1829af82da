using System.Collections;
using System.Linq.Expressions;
using DtHub.Api.Data;
using NetTopologySuite.Geometries;

namespace DtHub.Api.GraphQL.Filtering;

/// <summary>
/// One ORDER BY term: the key over the entity (<c>x => x.Code</c>), its direction, whether it is a KNN distance, and
/// whether to sort through an expression no index matches (<see cref="SortTranslator.Keys{T}"/> explains when).
/// </summary>
public sealed record OrderKey(LambdaExpression Key, bool Descending, bool Nearest, bool BypassIndex = false);

/// <summary>Turns <c>order:</c> into OrderBy/ThenBy, always ending with the key so pages are stable.</summary>
public static class SortTranslator
{
    public static IQueryable<T> ApplyOrder<T>(this IQueryable<T> query, QueryModel<T> model, object? order) where T : class =>
        query.ApplyOrder(Keys(model, order));

    public static IQueryable<T> ApplyOrder<T>(this IQueryable<T> query, IReadOnlyList<OrderKey> keys) where T : class
    {
        var ordered = query.Expression;
        for (var i = 0; i < keys.Count; i++)
        {
            var (key, descending, _, bypass) = keys[i];
            if (bypass) key = Expression.Lambda(Expression.Add(key.Body, Expression.Constant(Convert.ChangeType(0, key.ReturnType, System.Globalization.CultureInfo.InvariantCulture), key.ReturnType)), key.Parameters);
            var method = i == 0 ? (descending ? "OrderByDescending" : "OrderBy") : (descending ? "ThenByDescending" : "ThenBy");
            ordered = Expression.Call(LinqMethods.Ordering(method, typeof(T), key.ReturnType), ordered, Expression.Quote(key));
        }
        return query.Provider.CreateQuery<T>(ordered);
    }

    /// <summary>
    /// The ORDER BY terms of an <c>order:</c> argument, ending with the primary key unless nearest-first. Under a
    /// spatial filter a key-only order is written <c>id + 0</c>: otherwise PostgreSQL may walk the primary key in order
    /// and test every row against the geometry, hoping to meet the page's rows early — when they sit in one corner of
    /// the id range it reads most of the table. Sorting the spatial index's matches is bounded by their number.
    /// </summary>
    public static IReadOnlyList<OrderKey> Keys<T>(QueryModel<T> model, object? order, bool spatialFilter = false) where T : class
    {
        var item = Expression.Parameter(typeof(T), "x");
        var keys = new List<OrderKey>();
        var nearestLast = false;
        foreach (var element in order is IEnumerable list and not string ? list.Cast<IDictionary<string, object?>>() : [])
        {
            if (element.Count(kv => kv.Value is not null) != 1)
                throw new GraphQLInputException("Each order element sets exactly one field, e.g. order: [{ name: ASC }, { id: DESC }].");
            var (name, value) = element.First(kv => kv.Value is not null);
            if (name == "nearest")
            {
                var from = QueryParameter.Of((Geometry)value!, typeof(Geometry));
                var geometry = new ParameterRebinder(model.NearestBy!.Parameters[0], item).Visit(model.NearestBy.Body);
                var distance = Expression.Call(typeof(HubSql).GetMethod(nameof(HubSql.NearestMeters))!, geometry, from);
                keys.Add(new OrderKey(Expression.Lambda(distance, item), false, true));
                nearestLast = true;
                continue;
            }
            nearestLast = false;
            var field = model.Fields.First(f => f.Name == name && f.Sortable);
            keys.Add(new OrderKey(Rebind(field.Property, item), (SortDirection)value! == SortDirection.Descending, false));
        }
        // The key breaks ties so pages are stable; after a nearest-first order it would stop PostgreSQL from
        // walking the KNN index (exact distance ties are vanishingly rare), so it is left out there.
        if (!nearestLast) keys.Add(new OrderKey(Rebind(model.Key, item), false, false, BypassIndex: spatialFilter && keys.Count == 0));
        return keys;
    }

    private static LambdaExpression Rebind(LambdaExpression lambda, ParameterExpression item) =>
        Expression.Lambda(new ParameterRebinder(lambda.Parameters[0], item).Visit(lambda.Body), item);
}
