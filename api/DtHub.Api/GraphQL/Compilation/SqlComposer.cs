using System.Globalization;
using System.Text;
using DtHub.Api.Data;
using DtHub.Api.GraphQL.Relay;
using DtHub.Api.GraphQL.Spatial;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;
using NetTopologySuite.Geometries;
using Npgsql;

namespace DtHub.Api.GraphQL.Compilation;

/// <summary>A selection the compiler does not write; the operation runs through the resolvers instead.</summary>
internal sealed class NotCompilableException(string reason) : Exception(reason);

/// <summary>
/// Writes one query operation as one SQL statement whose single value is the response's <c>data</c> as JSON text:
/// each connection level is a subquery over the page EF writes (<see cref="ConnectionSql"/>), each node an object
/// concatenated from its fields (<see cref="JsonText"/>), each nested connection a correlated subquery on the parent
/// row. PostgreSQL writes the JSON; the API builds no entities and no result tree. The same shape the floor SQL of
/// the benchmark has.
/// </summary>
internal sealed class SqlComposer(
    HubDbContext db, ISchema schema, IReadOnlyDictionary<GraphQLField, IDictionary<string, ArgumentValue>>? argumentValues, PagingOptions paging,
    LevelCache levels)
{
    private const string ExpressionProperty = "ORIGINAL_EXPRESSION_PROPERTY_NAME";
    private static readonly Type[] PlainTypes =
        [typeof(string), typeof(int), typeof(long), typeof(short), typeof(bool), typeof(double), typeof(float), typeof(decimal), typeof(DateOnly)];

    private readonly List<NpgsqlParameter> _parameters = [];
    private readonly Dictionary<string, string> _pageStarts = new(StringComparer.Ordinal);
    private int _levels;

    public IReadOnlyList<NpgsqlParameter> Parameters => _parameters;

    public string Operation(GraphQLOperationDefinition operation) =>
        $"SELECT {JsonText.Object(Members(operation.SelectionSet, schema.Query, field => RootField(field, schema.Query)))}";

    /// <summary>A field with no parent row: a root connection, a nearest-first list, or a namespace of such fields.</summary>
    private string RootField(GraphQLField field, IComplexGraphType type)
    {
        var definition = type.GetField(field.Name.Value) ?? throw new NotCompilableException($"{type.Name}.{field.Name.Value}");
        return definition.CompiledAs() switch
        {
            ConnectionSql connection => $"({Connection(field, connection, definition, parentKey: null)})",
            INearestSql nearest => $"({Nearest(field, nearest, definition)})",
            NamespaceSql => JsonText.Object(Members(field.SelectionSet, Unwrap(definition.ResolvedType), member => RootField(member, Unwrap(definition.ResolvedType)))),
            _ => throw new NotCompilableException($"{type.Name}.{field.Name.Value}"),
        };
    }

    /// <summary>The nearest <c>count</c> rows to <c>point</c>, nearest first; bad arguments get the resolver's error.</summary>
    private string Nearest(GraphQLField field, INearestSql nearest, FieldType definition)
    {
        var argument = Argument(field);
        var from = argument("point") as Point ?? throw new GraphQLInputException("point must be a GeoJSON Point.");
        var count = argument("count") as int? ?? 5;
        if (count is < 1 or > 100) throw new GraphQLInputException($"count must be 1–100, not {count}.");
        var itemType = Unwrap(definition.ResolvedType);
        var properties = PropertiesRead([field.SelectionSet], itemType);
        var level = levels.GetOrBuild(nearest, field, argumentValues, properties, false, () => nearest.Build(db, from, count, properties))! with { Origin = Parameter(from) };
        var q = $"__q{++_levels}";
        return $"SELECT {JsonText.Array(Node(field.SelectionSet, itemType, q, level), orderBy: $"{q}.__ord")} " +
               $"FROM (SELECT __s.*, row_number() OVER () AS __ord FROM ({Bind(level.Rows, null)}) AS __s) AS {q}";
    }

    private string Connection(GraphQLField field, ConnectionSql sql, FieldType definition, string? parentKey)
    {
        var connectionType = Unwrap(definition.ResolvedType);
        var nodeType = Unwrap(connectionType.GetField("nodes")!.ResolvedType);
        var properties = PropertiesRead(NodeSelections(field), nodeType);
        // Cursors and page flags need each row's place and one row past the page; plain nodes need neither.
        var numbered = (field.SelectionSet?.Selections ?? []).OfType<GraphQLField>().Any(f => f.Name.StringValue is "pageInfo" or "edges");
        var level = levels.GetOrBuild(sql, field, argumentValues, properties, numbered, () => sql.Build(db, Argument(field), paging, properties, numbered))
            ?? throw new NotCompilableException($"{field.Name.Value} arguments");
        var q = $"__q{++_levels}";
        var take = level.Take.ToString(CultureInfo.InvariantCulture);
        var inPage = numbered ? $" FILTER (WHERE {q}.__ord <= {take})" : "";
        var parts = Members(field.SelectionSet, connectionType, member => member.Name.StringValue switch
        {
            "totalCount" => $"(SELECT count(*) FROM ({Bind(level.Count!, parentKey)}) AS __c)::text",
            "nodes" => JsonText.Array(Node(member.SelectionSet, nodeType, q, level), filter: inPage),
            "edges" => JsonText.Array(Edge(member, connectionType, nodeType, q, level), filter: inPage),
            "pageInfo" => PageInfo(member, connectionType, q, level),
            var other => throw new NotCompilableException($"{connectionType.Name}.{other}"),
        });
        // GROUP BY (): one row, with or without page rows, even when only totalCount is selected. The aggregates read
        // the page in the order its ORDER BY … LIMIT subquery gives (no join or sort in between), so they need no
        // ORDER BY of their own; __n (the rows read) places the last row of the page for endCursor.
        var rows = numbered
            ? $"(SELECT __s.*, row_number() OVER () AS __ord, count(*) OVER () AS __n FROM ({Bind(level.Rows, parentKey)}) AS __s)"
            : $"({Bind(level.Rows, parentKey)})";
        return $"SELECT {JsonText.Object(parts)} FROM {rows} AS {q} GROUP BY ()";
    }

    /// <summary>The referenced entity's object, or null when the key is null or matches nothing (as the lookup resolver answers).</summary>
    private string Reference(GraphQLField field, IReferenceSql reference, FieldType definition, string foreignKey)
    {
        var type = Unwrap(definition.ResolvedType);
        var properties = PropertiesRead([field.SelectionSet], type);
        var level = levels.GetOrBuild(reference, field, argumentValues, properties, false, () => reference.Build(db, properties))!;
        var q = $"__q{++_levels}";
        return JsonText.Raw($"(SELECT {Node(field.SelectionSet, type, q, level)} FROM ({Bind(level.Rows, foreignKey)}) AS {q})");
    }

    private string Edge(GraphQLField edges, IComplexGraphType connectionType, IComplexGraphType nodeType, string q, LevelQuery level)
    {
        var edgeType = Unwrap(connectionType.GetField("edges")!.ResolvedType);
        return JsonText.Object(Members(edges.SelectionSet, edgeType, member => member.Name.StringValue switch
        {
            "cursor" => JsonText.PlainString(Base64(CursorText(q, level))),
            "node" => Node(member.SelectionSet, nodeType, q, level),
            var other => throw new NotCompilableException($"{edgeType.Name}.{other}"),
        }));
    }

    private string PageInfo(GraphQLField pageInfo, IComplexGraphType connectionType, string q, LevelQuery level)
    {
        var pageInfoType = Unwrap(connectionType.GetField("pageInfo")!.ResolvedType);
        return JsonText.Object(Members(pageInfo.SelectionSet, pageInfoType, member => member.Name.StringValue switch
        {
            // The page reads take + 1 rows: the extra one says whether more follow.
            "hasNextPage" => JsonText.Boolean($"count(*) > {level.Take.ToString(CultureInfo.InvariantCulture)}"),
            "hasPreviousPage" => level.Skip > 0 ? "'true'" : "'false'",
            // Only the first or the last row of the page writes its cursor, not every row.
            "startCursor" => JsonText.PlainString(Base64($"(array_agg({CursorText(q, level)}) FILTER (WHERE {q}.__ord = 1))[1]")),
            "endCursor" => JsonText.PlainString(Base64(
                $"(array_agg({CursorText(q, level)}) FILTER (WHERE {q}.__ord = least({q}.__n, {level.Take.ToString(CultureInfo.InvariantCulture)})))[1]")),
            var other => throw new NotCompilableException($"PageInfo.{other}"),
        }));
    }

    /// <summary>
    /// The cursor <see cref="PageRequest.EncodeCursor"/> writes, before base64: "o:offset", or "k:offset:Signature:[values]".
    /// The page's first offset is a parameter, so every later page of a walk is the same SQL text: one prepared
    /// statement and one plan per connection instead of a new statement per page.
    /// </summary>
    private string CursorText(string q, LevelQuery level)
    {
        if (!_pageStarts.TryGetValue(q, out var start)) _pageStarts[q] = start = Parameter(level.Skip);
        var offset = $"({start} + {q}.__ord - 1)";
        return level.KeysetSignature is null
            ? $"'o:' || {offset}"
            : $"'k:' || {offset} || {Literal(":" + level.KeysetSignature + ":[")} || " +
              $"concat_ws(',', {string.Join(", ", level.KeysetProperties.Select(c => $"coalesce(to_json({q}.{Quote(c)})::text, 'null')"))}) || ']'";
    }

    // encode() breaks base64 lines every 76 characters (57 bytes in); cursors and ids are one line.
    private static string Base64(string text, bool short57 = false) => short57
        ? $"encode(convert_to({text}, 'UTF8'), 'base64')"
        : $"translate(encode(convert_to({text}, 'UTF8'), 'base64'), E'\\n', '')";

    private string Node(GraphQLSelectionSet? selection, IComplexGraphType type, string q, LevelQuery level) =>
        JsonText.Object(Members(selection, type, field =>
        {
            var definition = type.GetField(field.Name.Value) ?? throw new NotCompilableException($"{type.Name}.{field.Name.Value}");
            return definition.CompiledAs() switch
            {
                ConnectionSql child => $"({Connection(field, child, definition, $"{q}.{Quote(ColumnOf(level, "Id"))}")})",
                IReferenceSql reference => Reference(field, reference, definition, $"{q}.{Quote(ColumnOf(level, reference.ForeignKeyProperty))}"),
                ColumnSql c => JsonText.Scalar($"{q}.{Quote(ColumnOf(level, c.Property))}", PropertyType(level.Entity, c.Property)),
                SameRowSql => Node(field.SelectionSet, Unwrap(definition.ResolvedType), q, level),
                OriginDistanceSql when level is { Origin: { } origin, LocationProperty: { } point } =>
                    JsonText.Scalar($"ST_Distance({q}.{Quote(ColumnOf(level, point))}::geography, {origin}::geography)", typeof(double)),
                // "Type:" and at most 20 digits: under 57 bytes, no line break to remove.
                GlobalIdSql id => JsonText.PlainString(Base64($"{Literal(id.TypeName + ":")} || {q}.{Quote(ColumnOf(level, "Id"))}", short57: id.TypeName.Length + 21 <= 57)),
                EnumSql e => EnumName(definition, $"{q}.{Quote(ColumnOf(level, e.Property))}"),
                MonthSql m => JsonText.PlainString($"to_char({q}.{Quote(ColumnOf(level, m.Property))}, 'YYYY-MM')"),
                GeoJsonSql g => GeoJson(field, $"{q}.{Quote(ColumnOf(level, g.Property))}", IsPolygonal(level.Entity, g.Property)),
                PointDistanceSql d => Distance(field, $"{q}.{Quote(ColumnOf(level, d.Property))}"),
                null when definition.GetMetadata<string?>(ExpressionProperty) is { } property && IsPlain(level.Entity, property) =>
                    JsonText.Scalar($"{q}.{Quote(ColumnOf(level, property))}", PropertyType(level.Entity, property)),
                _ => throw new NotCompilableException($"{type.Name}.{field.Name.Value}"),
            };
        }));

    /// <summary>The node selections of a connection: under nodes and under edges.node.</summary>
    private static IEnumerable<GraphQLSelectionSet?> NodeSelections(GraphQLField connection) =>
        (connection.SelectionSet?.Selections ?? []).OfType<GraphQLField>()
            .SelectMany(f => f.Name.Value == "nodes" ? [f.SelectionSet]
                : f.Name.Value == "edges" ? (f.SelectionSet?.Selections ?? []).OfType<GraphQLField>().Where(e => e.Name.Value == "node").Select(e => e.SelectionSet)
                : []);

    /// <summary>The entity properties these selections of <paramref name="type"/> read.</summary>
    private static HashSet<string> PropertiesRead(IEnumerable<GraphQLSelectionSet?> selections, IComplexGraphType type)
    {
        var properties = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in selections.SelectMany(s => s?.Selections ?? []).OfType<GraphQLField>())
        {
            var definition = type.GetField(field.Name.Value);
            if (definition?.CompiledAs() is SameRowSql)
            {
                properties.UnionWith(PropertiesRead([field.SelectionSet], Unwrap(definition.ResolvedType)));
                continue;
            }
            var property = definition?.CompiledAs() switch
            {
                EnumSql e => e.Property,
                MonthSql m => m.Property,
                GeoJsonSql g => g.Property,
                PointDistanceSql d => d.Property,
                IReferenceSql r => r.ForeignKeyProperty,
                ColumnSql c => c.Property,
                _ => definition?.GetMetadata<string?>(ExpressionProperty),
            };
            if (property is not null) properties.Add(property);
        }
        return properties;
    }

    // ST_AsGeoJSON keeps 15 decimals (its maximum; the default 9 would round what the resolvers write in full), and
    // polygons turn counter-clockwise outside, clockwise in, as RFC 7946 and the API's GeoJSON writer have them
    // (only polygons: ST_ForcePolygonCCW reverses lines).
    private string GeoJson(GraphQLField field, string column, bool polygonal)
    {
        var shape = Argument(field)("simplify") is { } metres && Convert.ToDouble(metres, CultureInfo.InvariantCulture) is > 0 and var tolerance
            ? $"ST_SimplifyPreserveTopology({column}, {Parameter(GeometrySimplifier.ToDegrees(tolerance))})"
            : column;
        return JsonText.Raw($"ST_AsGeoJSON({(polygonal ? $"ST_ForcePolygonCCW({shape})" : shape)}, 15)");
    }

    private static bool IsPolygonal(Type entity, string property) =>
        entity.GetProperty(property)?.PropertyType is { } type && (typeof(Polygon).IsAssignableFrom(type) || typeof(MultiPolygon).IsAssignableFrom(type));

    private string Distance(GraphQLField field, string column) => Argument(field)("from") is Point { IsEmpty: false } from
        ? JsonText.Scalar($"ST_Distance({column}::geography, {Parameter(from)}::geography)", typeof(double))
        : throw new NotCompilableException("distance from a geometry other than a point");

    private static string EnumName(FieldType definition, string column)
    {
        var enumType = UnwrapAny(definition.ResolvedType) as EnumerationGraphType ?? throw new NotCompilableException($"{definition.Name} is not an enum");
        var cases = new StringBuilder("CASE ").Append(column);
        foreach (var value in enumType.Values)
            cases.Append(" WHEN ").Append(Literal(Convert.ToString(value.Value, CultureInfo.InvariantCulture)!)).Append(" THEN ").Append(JsonText.StringLiteral(value.Name));
        return cases.Append(" ELSE 'null' END").ToString();
    }

    /// <summary>(key, JSON text) for each field of a selection set: plain fields only (no fragments, no directives, no repeated keys).</summary>
    private static List<(string Key, string Value)> Members(GraphQLSelectionSet? selection, IComplexGraphType type, Func<GraphQLField, string> compile)
    {
        if (selection is null || selection.Selections.Count > 50) throw new NotCompilableException("selection size");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var members = new List<(string Key, string Value)>(selection.Selections.Count);
        foreach (var node in selection.Selections)
        {
            if (node is not GraphQLField { Directives: null } field) throw new NotCompilableException("fragment or directive");
            var key = (field.Alias?.Name ?? field.Name).StringValue;
            if (!keys.Add(key)) throw new NotCompilableException($"repeated key {key}");
            // A field with an authorization policy is checked by the resolvers' pipeline, never skipped.
            if (type.GetField(field.Name.Value)?.IsAuthorizationRequired() == true) throw new NotCompilableException($"{type.Name}.{field.Name.Value} is guarded");
            members.Add((key, field.Name.Value == "__typename" ? JsonText.StringLiteral(type.Name) : compile(field)));
        }
        return members;
    }

    private Func<string, object?> Argument(GraphQLField field)
    {
        var values = argumentValues?.TryGetValue(field, out var found) == true ? found : null;
        return name => values?.TryGetValue(name, out var value) == true ? value.Value : null;
    }

    /// <summary>EF's SQL of a level with its parameters made this statement's and the parent marker bound to the parent row.</summary>
    private string Bind(SqlText text, string? parentKey)
    {
        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in text.Parameters)
        {
            var name = parameter.ParameterName.TrimStart('@');
            references[name] = parameter.Value is ConnectionSql.ParentMarker or (long)ConnectionSql.ParentMarker
                ? parentKey ?? throw new InvalidOperationException("a child level outside a parent")
                : Add(parameter.Clone());
        }
        return ParameterReferences.Rewrite(text.Sql, name => references.GetValueOrDefault(name));
    }

    private string Parameter(object value) => Add(new NpgsqlParameter { Value = value });

    /// <summary>
    /// The parameter as the statement's next positional one (<c>$1</c>, <c>$2</c>…): the statement goes to PostgreSQL
    /// as it is, with no renaming by Npgsql on each execution.
    /// </summary>
    private string Add(NpgsqlParameter parameter)
    {
        parameter.ParameterName = "";
        _parameters.Add(parameter);
        return "$" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
    }

    private static string ColumnOf(LevelQuery level, string property) =>
        level.Properties.Contains(property) ? property : throw new NotCompilableException($"{level.Entity.Name}.{property} is not a column");

    private static Type? PropertyType(Type entity, string property) => entity.GetProperty(property)?.PropertyType;

    private static bool IsPlain(Type entity, string property) =>
        entity.GetProperty(property)?.PropertyType is { } type && PlainTypes.Contains(Nullable.GetUnderlyingType(type) ?? type);

    private static IComplexGraphType Unwrap(IGraphType? type) =>
        UnwrapAny(type) as IComplexGraphType ?? throw new NotCompilableException($"{type?.Name} is not an object type");

    private static IGraphType? UnwrapAny(IGraphType? type) => type switch
    {
        NonNullGraphType n => UnwrapAny(n.ResolvedType),
        ListGraphType l => UnwrapAny(l.ResolvedType),
        _ => type,
    };

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string text) => JsonText.Literal(text);
}
