using System.Linq.Expressions;
using GraphQL.Types;
using NetTopologySuite.Geometries;

namespace DtHub.Api.GraphQL.Filtering;

/// <summary>How a filterable field is compared.</summary>
public enum FilterKind { String, Comparable, Boolean, Enum, Geometry }

/// <summary>
/// A field clients may filter and/or sort on, bound to an entity property. <paramref name="ByteOrdered"/>: a text
/// column stored with the "C" collation (codes), whose <c>startsWith</c> is an exact range of its index.
/// </summary>
public sealed record QueryField(string Name, LambdaExpression Property, FilterKind Kind, Type? EnumGraphType, Type? OperationInputType, bool Filterable, bool Sortable,
    bool ByteOrdered = false);

/// <summary>
/// What clients may filter and sort an entity by: one declaration per feature
/// (e.g. <c>MerchantQueryModel</c>) drives the where/order input types and their translation to SQL.
/// </summary>
public abstract class QueryModel<T> where T : class
{
    private readonly List<QueryField> _fields = [];

    protected QueryModel(string typeName) => TypeName = typeName;

    /// <summary>GraphQL name of the entity type, e.g. "Merchant".</summary>
    public string TypeName { get; }

    public IReadOnlyList<QueryField> Fields => _fields;

    /// <summary>The point (or other geometry) that nearest-first ordering measures from, if any.</summary>
    public LambdaExpression? NearestBy { get; private set; }

    /// <summary>Final tie-breaker so pages are stable: the primary key.</summary>
    public abstract LambdaExpression Key { get; }

    protected void Field<TProp>(string name, Expression<Func<T, TProp>> property, bool filter = true, bool sort = true)
    {
        var type = Nullable.GetUnderlyingType(typeof(TProp)) ?? typeof(TProp);
        var (kind, operation) = type switch
        {
            _ when type == typeof(string) => (FilterKind.String, typeof(StringOperationFilterInputType)),
            _ when type == typeof(bool) => (FilterKind.Boolean, typeof(BooleanOperationFilterInputType)),
            _ when type == typeof(int) || type == typeof(long) => (FilterKind.Comparable, typeof(IntOperationFilterInputType)),
            _ when type == typeof(double) || type == typeof(decimal) => (FilterKind.Comparable, typeof(FloatOperationFilterInputType)),
            _ when type == typeof(DateOnly) => (FilterKind.Comparable, typeof(DateOperationFilterInputType)),
            _ when type == typeof(DateTimeOffset) => (FilterKind.Comparable, typeof(DateTimeOperationFilterInputType)),
            _ when typeof(Geometry).IsAssignableFrom(type) => (FilterKind.Geometry, typeof(GeometryFilterInputType)),
            _ => throw new NotSupportedException($"{typeof(T).Name}.{name}: use EnumField or MonthField for {type.Name}."),
        };
        if (kind == FilterKind.Geometry) sort = false;
        _fields.Add(new QueryField(name, property, kind, null, operation, filter, sort));
    }

    /// <summary>An administrative code stored with the "C" collation (migration <c>CodesInByteOrder</c>).</summary>
    protected void CodeField(string name, Expression<Func<T, string>> property) =>
        _fields.Add(new QueryField(name, property, FilterKind.String, null, typeof(StringOperationFilterInputType), true, true, ByteOrdered: true));

    /// <summary>A DateOnly holding the first day of a month, exposed as "YYYY-MM".</summary>
    protected void MonthField(string name, Expression<Func<T, DateOnly>> property) =>
        _fields.Add(new QueryField(name, property, FilterKind.Comparable, null, typeof(MonthOperationFilterInputType), true, true));

    protected void EnumField<TEnum, TEnumGraphType>(string name, Expression<Func<T, TEnum>> property)
        where TEnum : struct, Enum
        where TEnumGraphType : EnumerationGraphType, new() =>
        _fields.Add(new QueryField(name, property, FilterKind.Enum, typeof(TEnumGraphType),
            typeof(EnumOperationFilterInputType<TEnumGraphType>), true, true));

    /// <summary>Offers <c>order: [{ nearest: GeoJSON }]</c> measured from this geometry.</summary>
    protected void Nearest<TGeometry>(Expression<Func<T, TGeometry>> geometry) where TGeometry : Geometry =>
        NearestBy = geometry;
}
