using System.Linq.Expressions;
using DtHub.Api.Data;
using DtHub.Api.GraphQL.Filtering;
using DtHub.Api.GraphQL.Projection;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace DtHub.Api.GraphQL.Compilation;

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
        var columns = ConnectionSql.Columns<T>(db, properties, location);
        var rows = ConnectionSql.Text(Source(db).AsNoTracking().OrderBy(nearest).Take(count).Select(Projector.Selector<T>(columns)));
        return new LevelQuery(typeof(T), rows, null, 0, count, null, [], columns) { LocationProperty = location };
    }
}
