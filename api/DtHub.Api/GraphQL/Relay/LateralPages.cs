using System.Linq.Expressions;
using DtHub.Api.Data;
using DtHub.Api.GraphQL.Compilation;
using DtHub.Api.GraphQL.Filtering;
using DtHub.Api.GraphQL.Projection;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DtHub.Api.GraphQL.Relay;

/// <summary>
/// One page of children for each of many parents, as a single <c>CROSS JOIN LATERAL</c>: for each parent key,
/// PostgreSQL runs the child query with its own <c>ORDER BY … LIMIT</c>, which a (parent, order) index answers
/// by reading only the page. EF translates the same LINQ into <c>ROW_NUMBER() OVER (PARTITION BY parent)</c>,
/// which numbers every child of every parent first: 8,264 merchants of a city-centre ward to return 50 of them.
/// </summary>
public static class LateralPages
{
    // A key no parent has: marks where the per-parent query reads its parent's key.
    private const int MarkerKey = -1_999_999_937;

    public static IQueryable<TChild> Of<TChild>(
        HubDbContext db, IReadOnlyCollection<int> parentKeys, IQueryable<TChild> filtered, Expression<Func<TChild, int>> foreignKey,
        QueryModel<TChild> model, object? order, int skip, int? take, IReadOnlyCollection<string> columns) where TChild : class
    {
        var marker = Expression.Lambda<Func<TChild, bool>>(Expression.Equal(foreignKey.Body, QueryParameter.Of(MarkerKey)), foreignKey.Parameters);
        var page = filtered.Where(marker).ApplyOrder(model, order).Skip(skip);
        if (take is { } t) page = page.Take(t + 1);

        // EF writes the per-parent SQL (filters, spatial operators, order); only the marker becomes the outer key.
        using var command = page.CreateDbCommand();
        var parameters = command.Parameters.Cast<NpgsqlParameter>().ToList();
        var markers = parameters.Where(p => p.Value is MarkerKey).ToList();
        if (markers.Count != 1) throw new InvalidOperationException($"the child page of {typeof(TChild).Name} has {markers.Count} key markers, expected 1");
        var markerName = markers[0].ParameterName.TrimStart('@');
        var perParent = ParameterReferences.Rewrite(command.CommandText, name => name == markerName ? "parent.key" : null);

        object[] arguments = [new NpgsqlParameter("__parent_keys", parentKeys.ToArray()), .. parameters.Except(markers).Select(p => p.Clone())];
        var sql = $"SELECT page.* FROM unnest(@__parent_keys) AS parent(key) CROSS JOIN LATERAL ({perParent}) AS page";
        return db.Set<TChild>().FromSqlRaw(sql, arguments).AsNoTracking().Select(Projector.Selector<TChild>(columns));
    }
}
