using System.Linq.Expressions;
using DtHub.Api.Data;
using DtHub.Api.GraphQL.Filtering;
using DtHub.Api.GraphQL.Projection;
using DtHub.Api.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Npgsql;

namespace DtHub.Api.GraphQL.Compilation;

/// <summary>SQL text with its parameters, as EF wrote it.</summary>
internal sealed record SqlText(string Sql, IReadOnlyList<NpgsqlParameter> Parameters);

/// <summary>
/// One connection level of a compiled query: the page of rows (up to take + 1, in order) and the count, each as the
/// SQL EF writes for the very LINQ the resolvers run (<see cref="EntityConnections"/>), so filters, orders and
/// cursors mean the same on both paths.
/// </summary>
/// <remarks>The page's columns are named after the entity's properties ("Code"), as EF aliases a projection.</remarks>
internal sealed record LevelQuery(
    Type Entity, SqlText Rows, SqlText? Count, int Skip, int Take, string? KeysetSignature,
    IReadOnlyList<string> KeysetProperties, IReadOnlySet<string> Properties)
{
    /// <summary>The point a nearest-first list measures from, as a SQL parameter reference.</summary>
    public string? Origin { get; init; }

    /// <summary>The point property of the rows, which <see cref="OriginDistanceSql"/> measures.</summary>
    public string? LocationProperty { get; init; }
}

/// <summary>A connection field the compiler can write as SQL.</summary>
public abstract record ConnectionSql : SqlField
{
    /// <summary>A key no parent has: marks where a child level reads its parent's key (as <see cref="LateralPages"/> does).</summary>
    internal const int ParentMarker = -1_999_999_937;

    /// <summary>The level's SQL, or null when these arguments need the resolvers (last/before, ranking by indicator…).</summary>
    internal abstract LevelQuery? Build(HubDbContext db, Func<string, object?> argument, PagingOptions paging, IReadOnlySet<string> properties);

    private protected static LevelQuery? Build<T>(
        HubDbContext db, QueryModel<T> model, IQueryable<T> source, Func<string, object?> argument, PagingOptions paging, bool keysetPaging,
        IReadOnlySet<string> properties)
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
        var entity = db.Model.FindEntityType(typeof(T))!;
        var columns = new SortedSet<string>(properties.Where(p => entity.FindProperty(p) is not null), StringComparer.Ordinal) { "Id" };
        columns.UnionWith(keyset?.Properties ?? []);
        var page = rows.Take(take!.Value + 1).Select(Projector.Selector<T>(columns));

        return new LevelQuery(typeof(T), Text(page), Text(filtered.Select(_ => 1)), skip, take.Value, keyset?.Signature,
            keyset?.Properties.ToList() ?? [], columns);
    }

    private static SqlText Text<TRow>(IQueryable<TRow> query)
    {
        using var command = query.CreateDbCommand();
        return new SqlText(command.CommandText, command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()).ToList());
    }
}

/// <summary>A root connection (<c>wards</c>, <c>merchants</c>…): <paramref name="Source"/> returns null for arguments only the resolver handles.</summary>
public sealed record RootConnectionSql<T>(QueryModel<T> Model, Func<HubDbContext, Func<string, object?>, IQueryable<T>?> Source)
    : ConnectionSql where T : class
{
    internal override LevelQuery? Build(HubDbContext db, Func<string, object?> argument, PagingOptions paging, IReadOnlySet<string> properties) =>
        Source(db, argument) is { } source ? Build(db, Model, source, argument, paging, keysetPaging: true, properties) : null;
}

/// <summary>A connection of children (ward → merchants): the page of each parent's children, by its foreign key.</summary>
public sealed record ChildConnectionSql<T>(QueryModel<T> Model, Func<HubDbContext, IQueryable<T>> Children, Expression<Func<T, int>> ForeignKey)
    : ConnectionSql where T : class
{
    internal override LevelQuery? Build(HubDbContext db, Func<string, object?> argument, PagingOptions paging, IReadOnlySet<string> properties)
    {
        var ofParent = Expression.Lambda<Func<T, bool>>(Expression.Equal(ForeignKey.Body, QueryParameter.Of(ParentMarker)), ForeignKey.Parameters);
        return Build(db, Model, Children(db).Where(ofParent), argument, paging, keysetPaging: false, properties);
    }
}

/// <summary>A to-one field the compiler can write as SQL, whatever the entity.</summary>
internal interface IReferenceSql
{
    string ForeignKeyProperty { get; }

    LevelQuery Build(HubDbContext db, IReadOnlySet<string> properties);
}

/// <summary>A reference to one entity (merchant → ward), read by the key in the parent row's <paramref name="ForeignKeyProperty"/>.</summary>
public sealed record ReferenceSql<T>(Func<HubDbContext, IQueryable<T>> Set, Expression<Func<T, long>> Key, string ForeignKeyProperty)
    : SqlField, IReferenceSql where T : class
{
    LevelQuery IReferenceSql.Build(HubDbContext db, IReadOnlySet<string> properties)
    {
        var byParentKey = Expression.Lambda<Func<T, bool>>(Expression.Equal(Key.Body, QueryParameter.Of((long)ConnectionSql.ParentMarker)), Key.Parameters);
        var entity = db.Model.FindEntityType(typeof(T))!;
        var columns = new SortedSet<string>(properties.Where(p => entity.FindProperty(p) is not null), StringComparer.Ordinal) { "Id" };
        using var command = Set(db).AsNoTracking().Where(byParentKey).Select(Projector.Selector<T>(columns)).CreateDbCommand();
        var rows = new SqlText(command.CommandText, command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()).ToList());
        return new LevelQuery(typeof(T), rows, null, 0, 1, null, [], columns);
    }
}

/// <summary>A nearest-first list field with <c>point</c> and <c>count</c> arguments, as the gaps' nearest services.</summary>
internal interface INearestSql
{
    LevelQuery Build(HubDbContext db, Point from, int count, IReadOnlySet<string> properties);
}

/// <summary>
/// The <c>count</c> rows of <paramref name="Source"/> nearest to a point, by the geography KNN operator (the
/// <c>ORDER BY … &lt;-&gt; … LIMIT</c> the resolver's SQL has, so the same index walk gives the same rows).
/// </summary>
public sealed record NearestSql<T>(Func<HubDbContext, IQueryable<T>> Source, Expression<Func<T, Point>> Location)
    : SqlField, INearestSql where T : class
{
    LevelQuery INearestSql.Build(HubDbContext db, Point from, int count, IReadOnlySet<string> properties)
    {
        var location = ((MemberExpression)Location.Body).Member.Name;
        var nearest = Expression.Lambda<Func<T, double>>(
            Expression.Call(typeof(HubSql).GetMethod(nameof(HubSql.NearestMeters))!, Location.Body, QueryParameter.Of<Geometry>(from)),
            Location.Parameters);
        var entity = db.Model.FindEntityType(typeof(T))!;
        var columns = new SortedSet<string>(properties.Where(p => entity.FindProperty(p) is not null), StringComparer.Ordinal) { "Id", location };
        using var command = Source(db).AsNoTracking().OrderBy(nearest).Take(count).Select(Projector.Selector<T>(columns)).CreateDbCommand();
        var rows = new SqlText(command.CommandText, command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()).ToList());
        return new LevelQuery(typeof(T), rows, null, 0, count, null, [], columns) { LocationProperty = location };
    }
}
