using System.Globalization;
using System.Text;

namespace DtHub.Api.GraphQL.Relay;

/// <summary>Opaque global ids ("Ward:12" in base64) for Relay's node(id:).</summary>
public static class GlobalId
{
    public static string Encode(string typeName, long id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{typeName}:{id.ToString(CultureInfo.InvariantCulture)}"));

    public static bool TryDecode(string? value, out string typeName, out long id)
    {
        typeName = "";
        id = 0;
        if (string.IsNullOrEmpty(value)) return false;
        Span<byte> bytes = stackalloc byte[value.Length];
        if (!Convert.TryFromBase64String(value, bytes, out var written)) return false;
        var text = Encoding.UTF8.GetString(bytes[..written]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return false;
        typeName = text[..colon];
        return long.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    /// <summary>Decodes an id that must name <paramref name="expectedType"/>; the message says what was wrong.</summary>
    public static long DecodeAs(string value, string expectedType)
    {
        if (!TryDecode(value, out var type, out var id)) throw new GraphQLInputException($"\"{value}\" is not a valid id.");
        if (type != expectedType) throw new GraphQLInputException($"Id \"{value}\" belongs to a {type}, not a {expectedType}.");
        return id;
    }
}
