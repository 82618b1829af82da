using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using DtHub.Api.Data;
using NetTopologySuite.Geometries;

namespace DtHub.Api.GraphQL.Filtering;

/// <summary>Turns a parsed <c>where:</c> argument into a LINQ predicate that EF translates to SQL.</summary>
public static class FilterTranslator
{
    private static readonly MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
    private static readonly MethodInfo StringStartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
    private static readonly MethodInfo StringEndsWith = typeof(string).GetMethod(nameof(string.EndsWith), [typeof(string)])!;
    private static readonly MethodInfo Fold = typeof(HubSql).GetMethod(nameof(HubSql.Fold))!;
    private static readonly MethodInfo DWithin = typeof(HubSql).GetMethod(nameof(HubSql.DWithinMeters))!;
    private static readonly MethodInfo Distance = typeof(HubSql).GetMethod(nameof(HubSql.DistanceMeters))!;
    private static readonly MethodInfo Buffer = typeof(HubSql).GetMethod(nameof(HubSql.BufferMeters))!;
    private static readonly MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    public static IQueryable<T> ApplyWhere<T>(this IQueryable<T> query, QueryModel<T> model, IDictionary<string, object?>? where)
        where T : class
    {
        if (where is null || where.Count == 0) return query;
        var item = Expression.Parameter(typeof(T), "x");
        var body = Object(model, item, where);
        return body is null ? query : query.Where(Expression.Lambda<Func<T, bool>>(body, item));
    }

    /// <summary>Whether the filter narrows by a geometry (anywhere in it, and/or included).</summary>
    public static bool HasSpatialFilter<T>(QueryModel<T> model, IDictionary<string, object?>? where) where T : class =>
        where is not null && where.Any(kv => kv.Value is not null && kv.Key switch
        {
            "and" or "or" => ((IEnumerable)kv.Value).Cast<IDictionary<string, object?>>().Any(w => HasSpatialFilter(model, w)),
            _ => model.Fields.Any(f => f.Name == kv.Key && f.Kind == FilterKind.Geometry),
        });

    private static Expression? Object<T>(QueryModel<T> model, ParameterExpression item, IDictionary<string, object?> where) where T : class
    {
        var parts = new List<Expression>();
        foreach (var (name, value) in where)
        {
            if (value is null) continue;
            switch (name)
            {
                case "and":
                    parts.AddRange(Nested(model, item, value).OfType<Expression>());
                    break;
                case "or":
                    var alternatives = Nested(model, item, value).ToList();
                    if (alternatives.Count > 0)
                        parts.Add(alternatives.Select(a => a ?? Expression.Constant(true)).Aggregate(Expression.OrElse));
                    break;
                default:
                    var field = model.Fields.First(f => f.Name == name);
                    var member = Rebind(field.Property, item);
                    parts.AddRange(Operations(field, member, (IDictionary<string, object?>)value));
                    break;
            }
        }
        return parts.Count == 0 ? null : parts.Aggregate(Expression.AndAlso);
    }

    private static IEnumerable<Expression?> Nested<T>(QueryModel<T> model, ParameterExpression item, object value) where T : class =>
        ((IEnumerable)value).Cast<IDictionary<string, object?>>().Select(w => Object(model, item, w));

    private static Expression Rebind(LambdaExpression property, ParameterExpression item) =>
        new ParameterRebinder(property.Parameters[0], item).Visit(property.Body);

    private static IEnumerable<Expression> Operations(QueryField field, Expression member, IDictionary<string, object?> operations)
    {
        foreach (var (op, value) in operations)
        {
            if (field.Kind == FilterKind.Geometry)
            {
                if (value is not null) yield return Spatial(field, member, op, value);
                continue;
            }
            yield return op switch
            {
                "eq" => Expression.Equal(member, Constant(value, member.Type)),
                "neq" => Expression.NotEqual(member, Constant(value, member.Type)),
                "in" => In(member, value),
                "nin" => Expression.Not(In(member, value)),
                "gt" => Expression.GreaterThan(member, Constant(Required(field, op, value), member.Type)),
                "gte" => Expression.GreaterThanOrEqual(member, Constant(Required(field, op, value), member.Type)),
                "lt" => Expression.LessThan(member, Constant(Required(field, op, value), member.Type)),
                "lte" => Expression.LessThanOrEqual(member, Constant(Required(field, op, value), member.Type)),
                "contains" => Call(member, StringContains, Required(field, op, value)),
                "ncontains" => Expression.Not(Call(member, StringContains, Required(field, op, value))),
                "startsWith" => StartsWith(field, member, (string)Required(field, op, value)),
                "nstartsWith" => Expression.Not(Call(member, StringStartsWith, Required(field, op, value))),
                "endsWith" => Call(member, StringEndsWith, Required(field, op, value)),
                "nendsWith" => Expression.Not(Call(member, StringEndsWith, Required(field, op, value))),
                "ieq" => Expression.Equal(Folded(member), Folded(Constant(Required(field, op, value), typeof(string)))),
                "icontains" => Call(Folded(member), StringContains, Folded(Constant(Required(field, op, value), typeof(string)))),
                "istartsWith" => Call(Folded(member), StringStartsWith, Folded(Constant(Required(field, op, value), typeof(string)))),
                _ => throw new GraphQLInputException($"Unknown operator {op} on {field.Name}."),
            };
        }
    }

    private static object Required(QueryField field, string op, object? value) =>
        value ?? throw new GraphQLInputException($"{field.Name}.{op} needs a value, not null.");

    private static Expression Call(Expression member, MethodInfo method, object value) =>
        Expression.AndAlso(Expression.NotEqual(member, Expression.Constant(null, typeof(string))),
            Expression.Call(member, method, value as Expression ?? Constant(value, typeof(string))));

    // PostgreSQL reads LIKE 'P05-%' as an index range only for a constant pattern, never in a prepared statement's
    // generic plan. On a code stored in byte order the same range is written out ('P05-' <= code < 'P05.', exact:
    // UTF-8 bytes sort as code points), on the index that also orders the page and bounds its keyset cursor. The
    // bounds are SQL literals, not parameters: a generic plan then knows how many units the range holds (a province,
    // or the whole country for "P") and walks the index in page order instead of sorting the rest of the range.
    private static Expression StartsWith(QueryField field, Expression member, string prefix)
    {
        if (!field.ByteOrdered || PrefixSuccessor(prefix) is not { } next) return Call(member, StringStartsWith, prefix);
        var from = Expression.GreaterThanOrEqual(Expression.Call(StringCompare, member, Expression.Constant(prefix)), Expression.Constant(0));
        var before = Expression.LessThan(Expression.Call(StringCompare, member, Expression.Constant(next)), Expression.Constant(0));
        return Expression.AndAlso(from, before);
    }

    /// <summary>The smallest string after every string that starts with prefix (in code point order), or null when none.</summary>
    internal static string? PrefixSuccessor(string prefix)
    {
        var codePoints = new List<int>();
        for (var i = 0; i < prefix.Length; i += char.IsSurrogatePair(prefix, i) ? 2 : 1) codePoints.Add(char.ConvertToUtf32(prefix, i));
        while (codePoints.Count > 0)
        {
            var next = codePoints[^1] + 1;
            if (next == 0xD800) next = 0xE000; // surrogates are no characters
            if (next <= 0x10FFFF)
            {
                codePoints[^1] = next;
                return string.Concat(codePoints.Select(char.ConvertFromUtf32));
            }
            codePoints.RemoveAt(codePoints.Count - 1);
        }
        return null;
    }

    private static Expression Folded(Expression text) => Expression.Call(Fold, text);

    private static Expression In(Expression member, object? value)
    {
        var values = value is null ? [] : ((IEnumerable)value).Cast<object?>().Select(v => Convert(v, member.Type)).ToList();
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(member.Type))!;
        foreach (var v in values) list.Add(v);
        return Expression.Call(LinqMethods.EnumerableContains(member.Type), Parameterized(list, list.GetType()), member);
    }

    /// <summary>Values become SQL parameters (a closure member), never inlined literals: plans are reused.</summary>
    private static Expression Constant(object? value, Type type) => Parameterized(Convert(value, type), type);

    private static Expression Parameterized(object? value, Type type) => QueryParameter.Of(value, type);

    private static object? Convert(object? value, Type type)
    {
        if (value is null) return null;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsInstanceOfType(value)) return value;
        if (target.IsEnum) return Enum.ToObject(target, value);
        if (target == typeof(DateOnly) && value is DateTime dt) return DateOnly.FromDateTime(dt);
        if (target == typeof(DateTimeOffset) && value is DateTime d2) return new DateTimeOffset(d2);
        return System.Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Expression Spatial(QueryField field, Expression member, string op, object value)
    {
        // No Convert to Geometry: EF's NTS translator needs the column itself as the instance.
        var geometryMember = member;
        if (op == "bbox") return BoundingBox(field, geometryMember, value);

        var input = (IDictionary<string, object?>)value;
        var geometry = (Geometry)input["geometry"]!;
        if (op == "distance") return DistanceBounds(field, geometryMember, geometry, input);

        var negate = op.StartsWith('n') && op != "n";
        var predicate = negate ? op[1..] : op;
        var buffer = input.TryGetValue("buffer", out var b) && b is not null ? System.Convert.ToDouble(b, System.Globalization.CultureInfo.InvariantCulture) : 0;
        if (buffer < 0 || buffer > 100_000)
            throw new GraphQLInputException($"{field.Name}.{op}.buffer: {buffer} m is outside 0–100,000 m.");

        Expression result;
        if (predicate == "intersects" && buffer > 0)
        {
            // Intersecting the buffered geometry is being within the buffer distance: one index-using ST_DWithin.
            result = Expression.Call(DWithin, geometryMember, Parameterized(geometry, typeof(Geometry)), Expression.Constant(buffer));
        }
        else
        {
            Expression other = Parameterized(geometry, typeof(Geometry));
            if (buffer > 0) other = Expression.Call(Buffer, other, Expression.Constant(buffer));
            var method = typeof(Geometry).GetMethod(predicate switch
            {
                "contains" => nameof(Geometry.Contains),
                "intersects" => nameof(Geometry.Intersects),
                "overlaps" => nameof(Geometry.Overlaps),
                "touches" => nameof(Geometry.Touches),
                "within" => nameof(Geometry.Within),
                _ => throw new GraphQLInputException($"Unknown spatial operator {op} on {field.Name}."),
            }, [typeof(Geometry)])!;
            result = Expression.Call(geometryMember, method, other);
        }
        return negate ? Expression.Not(result) : result;
    }

    private static Expression DistanceBounds(QueryField field, Expression member, Geometry geometry, IDictionary<string, object?> input)
    {
        var from = Parameterized(geometry, typeof(Geometry));
        var parts = new List<Expression>();
        foreach (var (bound, raw) in input)
        {
            if (bound == "geometry" || raw is null) continue;
            var metres = System.Convert.ToDouble(raw, System.Globalization.CultureInfo.InvariantCulture);
            if (metres < 0 || metres > 2_000_000)
                throw new GraphQLInputException($"{field.Name}.distance.{bound}: {metres} m is outside 0–2,000,000 m.");
            var distance = Expression.Call(Distance, member, from);
            parts.Add(bound switch
            {
                // lte / lt go through ST_DWithin so the geography index narrows the rows first.
                "lte" => Expression.Call(DWithin, member, from, Expression.Constant(metres)),
                "lt" => Expression.AndAlso(Expression.Call(DWithin, member, from, Expression.Constant(metres)),
                    Expression.LessThan(distance, Expression.Constant(metres))),
                "gt" => Expression.GreaterThan(distance, Expression.Constant(metres)),
                "gte" => Expression.GreaterThanOrEqual(distance, Expression.Constant(metres)),
                _ => throw new GraphQLInputException($"Unknown distance bound {bound} on {field.Name}."),
            });
        }
        if (parts.Count == 0) throw new GraphQLInputException($"{field.Name}.distance needs at least one of lt, lte, gt, gte (metres).");
        return parts.Aggregate(Expression.AndAlso);
    }

    private static Expression BoundingBox(QueryField field, Expression member, object value)
    {
        var numbers = ((IEnumerable)value).Cast<object>().Select(v => System.Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (numbers.Length != 4 || numbers[0] > numbers[2] || numbers[1] > numbers[3] ||
            numbers[0] < -180 || numbers[2] > 180 || numbers[1] < -90 || numbers[3] > 90)
            throw new GraphQLInputException($"{field.Name}.bbox must be [west, south, east, north] in degrees with west ≤ east and south ≤ north.");
        var factory = new GeometryFactory(new PrecisionModel(), SpatialConventions.Srid);
        var box = factory.ToGeometry(new Envelope(numbers[0], numbers[2], numbers[1], numbers[3]));
        // A point intersects the box exactly when the bounding boxes overlap: the bare && lets the planner see a
        // cheap index predicate (ST_Intersects' cost of 10,000 made it walk the primary key, or go parallel).
        if (typeof(Point).IsAssignableFrom(member.Type))
            return Expression.Call(typeof(HubSql).GetMethod(nameof(HubSql.BoxOverlaps))!, member, Parameterized(box, typeof(Geometry)));
        var intersects = typeof(Geometry).GetMethod(nameof(Geometry.Intersects), [typeof(Geometry)])!;
        return Expression.Call(member, intersects, Parameterized(box, typeof(Geometry)));
    }
}

/// <summary>Replaces a lambda's parameter so property selectors compose into one predicate.</summary>
internal sealed class ParameterRebinder(ParameterExpression from, Expression to) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
}
