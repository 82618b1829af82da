using System.Collections;
using System.Linq.Expressions;
using DtHub.Api.Data;
using NetTopologySuite.Geometries;

namespace DtHub.Api.GraphQL.Filtering;

/// <summary>Turns <c>order:</c> into OrderBy/ThenBy, always ending with the key so pages are stable.</summary>
public static class SortTranslator
{
    public static IQueryable<T> ApplyOrder<T>(this IQueryable<T> query, QueryModel<T> model, object? order) where T : class
    {
        var item = Expression.Parameter(typeof(T), "x");
        var keys = new List<(Expression Key, bool Descending)>();
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
                keys.Add((Expression.Call(typeof(HubSql).GetMethod(nameof(HubSql.NearestMeters))!, geometry, from), false));
                nearestLast = true;
                continue;
            }
            nearestLast = false;
            var field = model.Fields.First(f => f.Name == name && f.Sortable);
            keys.Add((new ParameterRebinder(field.Property.Parameters[0], item).Visit(field.Property.Body), (SortDirection)value! == SortDirection.Descending));
        }
        // The key breaks ties so pages are stable; after a nearest-first order it would stop PostgreSQL from
        // walking the KNN index (exact distance ties are vanishingly rare), so it is left out there.
        if (!nearestLast) keys.Add((new ParameterRebinder(model.Key.Parameters[0], item).Visit(model.Key.Body), false));

        var ordered = query.Expression;
        for (var i = 0; i < keys.Count; i++)
        {
            var (key, descending) = keys[i];
            var method = (i == 0 ? (descending ? "OrderByDescending" : "OrderBy") : (descending ? "ThenByDescending" : "ThenBy"));
            ordered = Expression.Call(typeof(Queryable), method, [typeof(T), key.Type], ordered, Expression.Quote(Expression.Lambda(key, item)));
        }
        return query.Provider.CreateQuery<T>(ordered);
    }
}
