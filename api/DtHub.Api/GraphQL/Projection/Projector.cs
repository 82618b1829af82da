using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using GraphQL;
using GraphQL.Types;
using NetTopologySuite.Geometries;

namespace DtHub.Api.GraphQL.Projection;

/// <summary>
/// Reads only the columns a query selects: builds <c>x => new T { Id = x.Id, Name = x.Name }</c> from the
/// selection. A GraphQL field maps to the entity property of the same name, or to the properties listed in
/// its <see cref="ColumnsMetadataKey"/> metadata (e.g. <c>ward</c> needs <c>WardId</c>).
/// </summary>
public static class Projector
{
    public const string ColumnsMetadataKey = "dthub:columns";

    private static readonly ConcurrentDictionary<string, LambdaExpression> Cache = new();

    /// <summary>Declares which entity properties a computed field needs.</summary>
    public static FieldType Needs(this FieldType field, params string[] properties)
    {
        field.WithMetadata(ColumnsMetadataKey, properties);
        return field;
    }

    public static IQueryable<T> Project<T>(this IQueryable<T> query, IResolveFieldContext context, bool connection, string graphTypeName, params string[] always)
        where T : class
    {
        var properties = Columns<T>(context, connection, graphTypeName, always);
        return query.Select(Selector<T>(properties));
    }

    public static SortedSet<string> Columns<T>(IResolveFieldContext context, bool connection, string graphTypeName, params string[] always)
    {
        var selected = SelectionCollector.ItemFields(context, connection);
        var graphType = context.Schema.AllTypes[graphTypeName] as IComplexGraphType;
        var properties = new SortedSet<string>(always, StringComparer.Ordinal) { "Id" };
        foreach (var name in selected)
        {
            var field = graphType?.GetField(name);
            if (field?.GetMetadata<string[]>(ColumnsMetadataKey) is { } columns)
            {
                foreach (var c in columns) properties.Add(c);
                continue;
            }
            var property = char.ToUpperInvariant(name[0]) + name[1..];
            if (typeof(T).GetProperty(property) is { CanWrite: true } p && IsColumn(p)) properties.Add(property);
        }
        return properties;
    }

    public static Expression<Func<T, T>> Selector<T>(IReadOnlyCollection<string> properties) =>
        (Expression<Func<T, T>>)Cache.GetOrAdd($"{typeof(T).FullName}:{string.Join(',', properties)}", _ =>
        {
            var x = Expression.Parameter(typeof(T), "x");
            var bindings = properties
                .Select(name => typeof(T).GetProperty(name)!)
                .Select(p => (MemberBinding)Expression.Bind(p, Expression.Property(x, p)));
            return Expression.Lambda<Func<T, T>>(Expression.MemberInit(Expression.New(typeof(T)), bindings), x);
        });

    private static bool IsColumn(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) ||
               type == typeof(DateOnly) || type == typeof(DateTimeOffset) || type == typeof(DateTime) ||
               typeof(Geometry).IsAssignableFrom(type) ||
               (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>));
    }
}
