using System.Linq.Expressions;
using DtHub.Api.Data;
using DtHub.Api.GraphQL.Filtering;
using DtHub.Api.GraphQL.Projection;
using Microsoft.EntityFrameworkCore;

namespace DtHub.Api.GraphQL.Compilation;

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
        var columns = ConnectionSql.Columns<T>(db, properties);
        var rows = ConnectionSql.Text(Set(db).AsNoTracking().Where(byParentKey).Select(Projector.Selector<T>(columns)));
        return new LevelQuery(typeof(T), rows, null, 0, 1, null, [], columns);
    }
}
