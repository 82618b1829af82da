using GraphQL;
using GraphQL.Types;

namespace DtHub.Api.GraphQL.Compilation;

/// <summary>
/// How a field reads in SQL when a whole query is compiled into one statement (see <see cref="CompiledReads"/>).
/// Fields declared with <c>Field(x => x.Column)</c> need none: they read their column. A field with neither falls
/// back to the resolvers for the whole operation.
/// </summary>
public abstract record SqlField
{
    public const string MetadataKey = "dthub:sql";
}

/// <summary>The Relay global id, "Type:id" in base64 (as <c>GlobalId.Encode</c> writes it).</summary>
public sealed record GlobalIdSql(string TypeName) : SqlField;

/// <summary>An enum stored by its member name, written as the GraphQL enum value's name.</summary>
public sealed record EnumSql(string Property) : SqlField;

/// <summary>A month stored as its first day, written "YYYY-MM".</summary>
public sealed record MonthSql(string Property) : SqlField;

/// <summary>A geometry column as GeoJSON; <c>simplify:</c> (metres) runs ST_SimplifyPreserveTopology as the resolver's projection does.</summary>
public sealed record GeoJsonSql(string Property) : SqlField;

/// <summary><c>distance(from:)</c> of a point column, in metres on the WGS 84 ellipsoid, when <c>from</c> is a point.</summary>
public sealed record PointDistanceSql(string Property) : SqlField;

/// <summary>A column of the row, for fields whose resolver reads it through a wrapper (<c>Nearby&lt;T&gt;.Item.Name</c>).</summary>
public sealed record ColumnSql(string Property) : SqlField;

/// <summary>An object built from the same row as its parent (<c>NearbyWifiPoint.wifiPoint</c>).</summary>
public sealed record SameRowSql : SqlField;

/// <summary>The distance in metres from the row's point to the origin of a nearest-first list.</summary>
public sealed record OriginDistanceSql : SqlField;

/// <summary>A field grouping root fields under a name (<c>gaps { … }</c>): each of its fields compiles on its own.</summary>
public sealed record NamespaceSql : SqlField;

public static class SqlFieldExtensions
{
    public static FieldType CompilesTo(this FieldType field, SqlField sql)
    {
        field.WithMetadata(SqlField.MetadataKey, sql);
        return field;
    }

    public static SqlField? CompiledAs(this FieldType field) => field.GetMetadata<SqlField?>(SqlField.MetadataKey);
}
