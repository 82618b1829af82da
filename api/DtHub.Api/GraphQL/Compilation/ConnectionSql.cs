using System.Linq.Expressions;
using DtHub.Api.Data;
using DtHub.Api.GraphQL.Filtering;
using DtHub.Api.GraphQL.Projection;
using DtHub.Api.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DtHub.Api.GraphQL.Compilation;

/// <summary>A connection field the compiler can write as SQL.</summary>
public abstract record ConnectionSql : SqlField
{
    /// <summary>A key no parent has: marks where a child level reads its parent's key (as <see cref="LateralPages"/> does).</summary>
    internal const int ParentMarker = -1_999_999_937;

    /// <summary>
    /// The level's SQL, or null when these arguments need the resolvers (last/before, ranking by indicator…);
    /// with <c>extraRow</c> the page reads one row more, to tell whether more follow (for <c>pageInfo</c>).
    /// </summary>
    internal abstract LevelQuery? Build(HubDbContext db, Func<string, object?> argument, PagingOptions paging, IReadOnlySet<string> properties, bool extraRow);

    private protected static LevelQuery? Build<T>(
        HubDbContext db, QueryModel<T> model, IQueryable<T> source, Func<string, object?> argument, PagingOptions paging, bool keysetPaging,
        IReadOnlySet<string> properties, bool extraRow)
        where T : class
    {
        var request = PageRequest.From(argument("first") as int?, argument("after") as string, argument("last") as int?, argument("before") as string, paging);
        if (request.Last is not null || request.Before is not null) return null; // they place the page from the total: resolvers
        var where = argument("where") as IDictionary<string, object?>;
        var filtered = source.AsNoTracking().ApplyWhere(model, where);
        var (skip, take) = request.Window(null);

        IQueryable<T> rows;
        Keyset<T>? keyset = null;
        if (keysetPaging)
        {
            // As EntityConnections.ResolveAsync: after a keyset cursor its position replaces OFFSET.
            var order = SortTranslator.Keys(model, argument("order"), FilterTranslator.HasSpatialFilter(model, where));
            keyset = Keyset<T>.For(order);
            var afterKey = keyset?.After(request.AfterPosition);
            rows = afterKey is null ? filtered.ApplyOrder(order).Skip(skip) : filtered.Where(afterKey).ApplyOrder(order);
        }
        else
        {
            rows = filtered.ApplyOrder(model, argument("order")).Skip(skip); // as LateralPages: children page by offset
        }
        // Only the columns the selection reads (and the cursor's), as the resolvers' projection does.
        var columns = Columns<T>(db, properties, [.. keyset?.Properties ?? []]);
        var page = rows.Take(take!.Value + (extraRow ? 1 : 0)).Select(Projector.Selector<T>(columns));

        return new LevelQuery(typeof(T), Text(page), Text(filtered.Select(_ => 1)), skip, take.Value, keyset?.Signature,
            keyset?.Properties.ToList() ?? [], columns);
    }

    /// <summary>The mapped properties among <paramref name="properties"/>, with the key and <paramref name="also"/>.</summary>
    internal static SortedSet<string> Columns<T>(HubDbContext db, IEnumerable<string> properties, params string[] also)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var columns = new SortedSet<string>(properties.Where(p => entity.FindProperty(p) is not null), StringComparer.Ordinal) { "Id" };
        columns.UnionWith(also);
        return columns;
    }

    internal static SqlText Text<TRow>(IQueryable<TRow> query)
    {
        using var command = query.CreateDbCommand();
        return PageLiterals.Inline(command.CommandText, command.Parameters.Cast<NpgsqlParameter>());
    }
}

/// <summary>A root connection (<c>wards</c>, <c>merchants</c>…): <paramref name="Source"/> returns null for arguments only the resolver handles.</summary>
public sealed record RootConnectionSql<T>(QueryModel<T> Model, Func<HubDbContext, Func<string, object?>, IQueryable<T>?> Source)
    : ConnectionSql where T : class
{
    internal override LevelQuery? Build(HubDbContext db, Func<string, object?> argument, PagingOptions paging, IReadOnlySet<string> properties, bool extraRow) =>
        Source(db, argument) is { } source ? Build(db, Model, source, argument, paging, keysetPaging: true, properties, extraRow) : null;
}

/// <summary>A connection of children (ward → merchants): the page of each parent's children, by its foreign key.</summary>
public sealed record ChildConnectionSql<T>(QueryModel<T> Model, Func<HubDbContext, IQueryable<T>> Children, Expression<Func<T, int>> ForeignKey)
    : ConnectionSql where T : class
{
    internal override LevelQuery? Build(HubDbContext db, Func<string, object?> argument, PagingOptions paging, IReadOnlySet<string> properties, bool extraRow)
    {
        var ofParent = Expression.Lambda<Func<T, bool>>(Expression.Equal(ForeignKey.Body, QueryParameter.Of(ParentMarker)), ForeignKey.Parameters);
        return Build(db, Model, Children(db).Where(ofParent), argument, paging, keysetPaging: false, properties, extraRow);
    }
}
