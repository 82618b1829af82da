using System.Linq.Expressions;
using System.Text.Json;
using DtHub.Api.Data;
using DtHub.Api.GraphQL.DataLoading;
using DtHub.Api.GraphQL.Filtering;
using DtHub.Api.GraphQL.Projection;
using GraphQL;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DtHub.Api.GraphQL.Relay;

/// <summary>
/// Resolves connection fields: filter → count (only if asked) → order → page → project, in SQL.
/// Nested connections (ward → merchants) are batched: one LATERAL query (see <see cref="LateralPages"/>) and at most one count query per level,
/// however many parents there are.
/// </summary>
public static class EntityConnections
{
    public static async Task<Connection<T>> ResolveAsync<T>(
        IResolveFieldContext context, QueryModel<T> model, Func<HubDbContext, IQueryable<T>> source, params string[] alwaysColumns)
        where T : class
    {
        var page = PageRequest.From(context, Paging(context));
        var factory = context.RequestServices!.GetRequiredService<IDbContextFactory<HubDbContext>>();
        var order = SortTranslator.Keys(model, Order(context), FilterTranslator.HasSpatialFilter(model, Where(context)));
        var keyset = page.Last is null ? Keyset<T>.For(order) : null;
        var afterKey = keyset?.After(page.AfterPosition);

        // The count and the page are independent statements: each on its own connection, sent together.
        var wantsTotal = SelectionCollector.Selects(context, "totalCount") || page.NeedsTotal;
        var total = wantsTotal ? CountAsync(factory, source, model, Where(context), context.CancellationToken) : null;
        var (skip, take) = page.Window(page.NeedsTotal ? await total! : null);
        if (take == 0 || !SelectionCollector.NeedsRows(context)) return page.ToConnection(Array.Empty<T>(), skip, take, total is null ? null : await total);

        await using var db = await factory.CreateDbContextAsync(context.CancellationToken);
        var rows = source(db).AsNoTracking().ApplyWhere(model, Where(context));
        // After a keyset cursor the position replaces OFFSET; the offset still numbers the edges.
        rows = afterKey is null ? rows.ApplyOrder(order).Skip(skip) : rows.Where(afterKey).ApplyOrder(order);
        if (take is { } t) rows = rows.Take(t + 1);
        var columns = keyset is null ? alwaysColumns : [.. alwaysColumns, .. keyset.Properties];
        var items = await rows.Project(context, connection: true, model.TypeName, columns).ToListAsync(context.CancellationToken);
        return page.ToConnection(items, skip, take, total is null ? null : await total, keyset is null ? null : keyset.Encode);
    }

    private static async Task<int> CountAsync<T>(
        IDbContextFactory<HubDbContext> factory, Func<HubDbContext, IQueryable<T>> source, QueryModel<T> model,
        IDictionary<string, object?>? where, CancellationToken cancellationToken) where T : class
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await source(db).AsNoTracking().ApplyWhere(model, where).CountAsync(cancellationToken);
    }

    /// <summary>A connection of children per parent, batched across all parents of the level.</summary>
    public static IDataLoaderResult<Connection<TChild>> LoadChildren<TChild>(
        IResolveFieldContext context,
        int parentKey,
        QueryModel<TChild> model,
        Func<HubDbContext, IQueryable<TChild>> children,
        Expression<Func<TChild, int>> foreignKey,
        string foreignKeyColumn)
        where TChild : class =>
        context.RequestServices!.GetRequiredService<DataLoaders>().ForField(context,
            () => ChildLoader(context, model, children, foreignKey, foreignKeyColumn)).Load(parentKey);

    private static BatchLoader<int, Connection<TChild>> ChildLoader<TChild>(
        IResolveFieldContext context,
        QueryModel<TChild> model,
        Func<HubDbContext, IQueryable<TChild>> children,
        Expression<Func<TChild, int>> foreignKey,
        string foreignKeyColumn)
        where TChild : class
    {
        var page = PageRequest.From(context, Paging(context));
        var where = Where(context);
        var order = Order(context);
        var wantsTotal = SelectionCollector.Selects(context, "totalCount");
        var needsRows = SelectionCollector.NeedsRows(context);
        var columns = Projector.Columns<TChild>(context, connection: true, model.TypeName, foreignKeyColumn);
        var signature = $"{context.ParentType.Name}.{context.FieldDefinition.Name}:{Signature(context)}:{string.Join(',', columns)}:{wantsTotal}:{needsRows}";
        var factory = context.RequestServices!.GetRequiredService<IDbContextFactory<HubDbContext>>();

        return context.RequestServices!.GetRequiredService<DataLoaders>().GetOrAdd<int, Connection<TChild>>(signature, async (keys, ct) =>
        {
            // The counts run on a connection of their own, beside the pages, unless "last" needs them to place the pages.
            var counting = wantsTotal || page.NeedsTotal ? CountChildrenAsync(factory, children, model, where, foreignKey, keys.ToList(), ct) : null;
            var totals = page.NeedsTotal ? await counting! : null;

            await using var db = await factory.CreateDbContextAsync(ct);
            var filtered = children(db).AsNoTracking().ApplyWhere(model, where);
            var pages = new List<(List<int> Keys, int Skip, int? Take, ILookup<int, TChild> Rows)>();
            // Parents share one window unless "last" makes it depend on each parent's total.
            foreach (var group in keys.GroupBy(k => page.Window(totals is null ? null : totals.GetValueOrDefault(k))))
            {
                var (skip, take) = group.Key;
                var groupKeys = group.ToList();
                var rows = take == 0 || !needsRows
                    ? []
                    : await LateralPages.Of(db, groupKeys, filtered, foreignKey, model, order, skip, take, columns).ToListAsync(ct);
                pages.Add((groupKeys, skip, take, rows.ToLookup(CompiledKeys.Of(foreignKey))));
            }
            totals ??= counting is null ? null : await counting;

            var result = new Dictionary<int, Connection<TChild>>();
            foreach (var (groupKeys, skip, take, byParent) in pages)
                foreach (var key in groupKeys)
                    result[key] = page.ToConnection(byParent[key].ToList(), skip, take, totals is null ? null : totals.GetValueOrDefault(key));
            return result;
        }, Connection<TChild>.Empty);
    }

    private static async Task<Dictionary<int, int>> CountChildrenAsync<TChild>(
        IDbContextFactory<HubDbContext> factory, Func<HubDbContext, IQueryable<TChild>> children, QueryModel<TChild> model,
        IDictionary<string, object?>? where, Expression<Func<TChild, int>> foreignKey, List<int> keys, CancellationToken ct)
        where TChild : class
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await children(db).AsNoTracking().ApplyWhere(model, where).Where(KeyIn(foreignKey, keys)).GroupBy(foreignKey)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }

    // The keys travel as one array parameter (see QueryParameter), so every batch reuses the same statement.
    private static Expression<Func<TEntity, bool>> KeyIn<TEntity>(Expression<Func<TEntity, int>> key, List<int> keys) =>
        Expression.Lambda<Func<TEntity, bool>>(
            Expression.Call(LinqMethods.EnumerableContains(typeof(int)), QueryParameter.Of(keys), key.Body),
            key.Parameters);


    public static IDictionary<string, object?>? Where(IResolveFieldContext context) =>
        context.Arguments?.TryGetValue("where", out var where) == true ? where.Value as IDictionary<string, object?> : null;

    public static object? Order(IResolveFieldContext context) =>
        context.Arguments?.TryGetValue("order", out var order) == true ? order.Value : null;

    private static PagingOptions Paging(IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<IOptions<PagingOptions>>().Value;

    /// <summary>Arguments as text: parents asking with the same arguments share a batch.</summary>
    private static string Signature(IResolveFieldContext context) =>
        context.Arguments is null ? "" : JsonSerializer.Serialize(
            context.Arguments.OrderBy(a => a.Key, StringComparer.Ordinal).ToDictionary(a => a.Key, a => Describe(a.Value.Value)));

    /// <summary>An argument value as canonical text: equal texts, equal arguments (batch and cache keys).</summary>
    internal static string Describe(object? value) => value switch
    {
        null => "",
        NetTopologySuite.Geometries.Geometry g => g.AsText(),
        IDictionary<string, object?> d => "{" + string.Join(",", d.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + ":" + Describe(kv.Value))) + "}",
        System.Collections.IEnumerable e and not string => "[" + string.Join(",", e.Cast<object?>().Select(Describe)) + "]",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
