using System.Linq.Expressions;
using DtHub.Api.Data;
using DtHub.Api.GraphQL.DataLoading;
using DtHub.Api.GraphQL.Filtering;
using DtHub.Api.GraphQL.Projection;
using GraphQL;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace DtHub.Api.GraphQL.Relay;

/// <summary>Loads single entities by key (merchant → ward, node(id:)), batched per level and projected to the selection.</summary>
public static class EntityLookup
{
    public static IDataLoaderResult<T?> Load<T>(
        IResolveFieldContext context, long id, string graphTypeName, Func<HubDbContext, IQueryable<T>> source, Expression<Func<T, long>> key)
        where T : class =>
        context.RequestServices!.GetRequiredService<DataLoaders>().ForField(context,
            () => Loader(context, graphTypeName, source, key)).Load(id);

    private static BatchLoader<long, T?> Loader<T>(
        IResolveFieldContext context, string graphTypeName, Func<HubDbContext, IQueryable<T>> source, Expression<Func<T, long>> key)
        where T : class
    {
        var columns = Projector.Columns<T>(context, connection: false, graphTypeName);
        var factory = context.RequestServices!.GetRequiredService<IDbContextFactory<HubDbContext>>();
        var keyOf = CompiledKeys.Of(key);
        return context.RequestServices!.GetRequiredService<DataLoaders>().GetOrAdd<long, T?>(
            $"{graphTypeName}#byId:{string.Join(',', columns)}",
            async (ids, ct) =>
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                var wanted = ids.ToList();
                var filter = Expression.Lambda<Func<T, bool>>(
                    Expression.Call(LinqMethods.EnumerableContains(typeof(long)), QueryParameter.Of(wanted), key.Body),
                    key.Parameters);
                var rows = await source(db).AsNoTracking().Where(filter).Select(Projector.Selector<T>(columns)).ToListAsync(ct);
                return rows.ToDictionary(keyOf, r => (T?)r);
            },
            null);
    }

}
