using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using DtHub.Api.Data;
using DtHub.Api.GraphQL.Filtering;
using DtHub.Api.GraphQL.Spatial;
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

    /// <summary>Metadata of a <c>geometry(simplify:)</c> field: the boundary property PostgreSQL may simplify.</summary>
    public const string SimplifyMetadataKey = "dthub:simplify";

    // A column list entry "Simplified:Geometry:50" reads Simplified = ST_SimplifyPreserveTopology(Geometry) at 50 m.
    private const string SimplifiedProperty = "Simplified";

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

    /// <summary>
    /// Declares that a shape field may be simplified by PostgreSQL: a page of 100 ward outlines then travels at map
    /// resolution, and the API spends nothing on TopologyPreservingSimplifier (a quarter of the choropleth's allocations).
    /// </summary>
    public static FieldType SimplifiesInSql(this FieldType field, string geometryProperty)
    {
        field.WithMetadata(SimplifyMetadataKey, geometryProperty);
        return field;
    }

    public static SortedSet<string> Columns<T>(IResolveFieldContext context, bool connection, string graphTypeName, params string[] always)
    {
        var nodes = SelectionCollector.ItemFieldNodes(context, connection);
        var graphType = context.Schema.AllTypes[graphTypeName] as IComplexGraphType;
        var properties = new SortedSet<string>(always, StringComparer.Ordinal) { "Id" };
        foreach (var name in SimplifiedInSql<T>(context, nodes, graphType))
            properties.Add(name);
        foreach (var name in nodes.Select(n => n.Name.StringValue).Distinct(StringComparer.Ordinal))
        {
            var field = graphType?.GetField(name);
            if (field?.GetMetadata<string>(SimplifyMetadataKey) is not null && properties.Any(p => p.StartsWith(SimplifiedProperty + ":", StringComparison.Ordinal)))
                continue;
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

    public static Expression<Func<T, T>> Selector<T>(IReadOnlyCollection<string> properties)
    {
        // A simplified shape carries its tolerance as a SQL parameter: built per query, so the cache stays one entry per shape of columns.
        if (properties.Any(p => p.Contains(':', StringComparison.Ordinal))) return Build<T>(properties);
        return (Expression<Func<T, T>>)Cache.GetOrAdd($"{typeof(T).FullName}:{string.Join(',', properties)}", _ => Build<T>(properties));
    }

    private static Expression<Func<T, T>> Build<T>(IReadOnlyCollection<string> properties)
    {
        var x = Expression.Parameter(typeof(T), "x");
        var bindings = properties.Select(name => name.Split(':') is [var target, var source, var metres]
            ? Expression.Bind(typeof(T).GetProperty(target)!, SimplifiedShapeOf(x, source, double.Parse(metres, CultureInfo.InvariantCulture)))
            : Expression.Bind(typeof(T).GetProperty(name)!, Expression.Property(x, name)));
        return Expression.Lambda<Func<T, T>>(Expression.MemberInit(Expression.New(typeof(T)), bindings), x);
    }

    // new SimplifiedShape(HubSql.SimplifyPreserveTopology(x.Geometry, @degrees), metres)
    private static Expression SimplifiedShapeOf(ParameterExpression x, string geometryProperty, double metres)
    {
        var geometry = Expression.Convert(Expression.Property(x, geometryProperty), typeof(Geometry));
        var simplified = Expression.Call(SimplifyMethod, geometry, QueryParameter.Of(GeometrySimplifier.ToDegrees(metres)));
        return Expression.New(typeof(SimplifiedShape).GetConstructors().Single(), simplified, Expression.Constant(metres));
    }

    private static readonly MethodInfo SimplifyMethod = typeof(HubSql).GetMethod(nameof(HubSql.SimplifyPreserveTopology))!;

    /// <summary>
    /// The shape fields PostgreSQL can simplify for this selection: when every selection of the field asks for the
    /// same tolerance above zero (aliases with different ones, or none, read the full boundary as before).
    /// </summary>
    private static IEnumerable<string> SimplifiedInSql<T>(IResolveFieldContext context, List<GraphQLParser.AST.GraphQLField> nodes, IComplexGraphType? graphType)
    {
        if (typeof(T).GetProperty(SimplifiedProperty)?.PropertyType != typeof(SimplifiedShape)) yield break;
        foreach (var group in nodes.GroupBy(n => n.Name.StringValue, StringComparer.Ordinal))
        {
            if (graphType?.GetField(group.Key)?.GetMetadata<string>(SimplifyMetadataKey) is not { } geometryProperty) continue;
            var tolerances = group.Select(node => Tolerance(context, node)).Distinct().ToList();
            if (tolerances is [> 0 and var metres])
                yield return $"{SimplifiedProperty}:{geometryProperty}:{metres.ToString("R", CultureInfo.InvariantCulture)}";
        }
    }

    // The field's coerced arguments (literal or variable), as GraphQL.NET parsed them during validation.
    private static double? Tolerance(IResolveFieldContext context, GraphQLParser.AST.GraphQLField node) =>
        context.ExecutionContext.ArgumentValues?.TryGetValue(node, out var arguments) == true &&
        arguments.TryGetValue("simplify", out var value) && value.Value is { } v
            ? Convert.ToDouble(v, CultureInfo.InvariantCulture)
            : null;

    private static bool IsColumn(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) ||
               type == typeof(DateOnly) || type == typeof(DateTimeOffset) || type == typeof(DateTime) ||
               typeof(Geometry).IsAssignableFrom(type) ||
               (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>));
    }
}
