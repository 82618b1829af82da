using System.Text.Json;
using System.Text.Json.Serialization;

namespace DtHub.Api.GraphQL.Compilation;

/// <summary>A response's <c>data</c> as PostgreSQL wrote it, written into the body unchanged.</summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed record RawJson(byte[] Utf8Json);

internal sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(System.Text.Encoding.UTF8.GetBytes(JsonDocument.ParseValue(ref reader).RootElement.GetRawText()));

    // PostgreSQL's json output is valid JSON; the writer need not parse it again.
    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Utf8Json, skipInputValidation: true);
}
