using DtHub.Api.GraphQL.Relay;
using NetTopologySuite.Geometries;

namespace DtHub.Api.GraphQL.Mutations;

/// <summary>
/// Reads a mutation's input dictionary, collecting every problem instead of stopping at the first, so a ward
/// officer sees all that is wrong at once. Absent fields are "unchanged" on updates.
/// </summary>
public sealed class InputReader(IDictionary<string, object?> input)
{
    public List<MutationError> Errors { get; } = [];

    public bool Has(string field) => input.ContainsKey(field);

    public string? Text(string field, bool required, int maxLength)
    {
        var value = (input.TryGetValue(field, out var v) ? v as string : null)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            if (required) Errors.Add(MutationError.Required(field));
            return null;
        }
        if (value.Length > maxLength)
            Errors.Add(new MutationError("TOO_LONG", field, $"{field} has {value.Length} characters; at most {maxLength} are allowed."));
        return value;
    }

    public T? Value<T>(string field, bool required) where T : struct
    {
        if (input.TryGetValue(field, out var v) && v is not null) return (T)Convert(v, typeof(T));
        if (required) Errors.Add(MutationError.Required(field));
        return null;
    }

    public int? Count(string field, bool required = false, int max = 100_000_000)
    {
        var value = Value<int>(field, required);
        if (value is < 0 || value > max)
            Errors.Add(new MutationError("OUT_OF_RANGE", field, $"{field} must be between 0 and {max:N0}, not {value}."));
        return value;
    }

    public TGeometry? Geometry<TGeometry>(string field, bool required, string expected) where TGeometry : Geometry
    {
        if (!input.TryGetValue(field, out var v) || v is null)
        {
            if (required) Errors.Add(MutationError.Required(field));
            return null;
        }
        if (v is TGeometry g && !g.IsEmpty)
        {
            if (!g.IsValid) Errors.Add(new MutationError("INVALID_GEOMETRY", field, $"{field} is not a valid {expected} (self-intersecting or degenerate)."));
            return g;
        }
        Errors.Add(new MutationError("INVALID_GEOMETRY", field, $"{field} must be a GeoJSON {expected}, not a {((Geometry)v).GeometryType}."));
        return null;
    }

    /// <summary>A global id of the expected type; a wrong or malformed id is a NOT_FOUND error.</summary>
    public long? Id(string field, string typeName, bool required)
    {
        if (!input.TryGetValue(field, out var v) || v is null)
        {
            if (required) Errors.Add(MutationError.Required(field));
            return null;
        }
        if (GlobalId.TryDecode(v.ToString(), out var type, out var id) && type == typeName) return id;
        Errors.Add(new MutationError("NOT_FOUND", field, $"\"{v}\" is not the id of a {typeName}."));
        return null;
    }

    private static object Convert(object value, Type type) =>
        type.IsInstanceOfType(value) ? value
        : type.IsEnum ? Enum.ToObject(type, value)
        : type == typeof(DateOnly) && value is DateTime dt ? DateOnly.FromDateTime(dt)
        : System.Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture);
}
