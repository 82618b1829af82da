using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DtHub.Api.GraphQL.Transport;

/// <summary>
/// Reads GraphQL requests from HTTP (GET query string or POST JSON body, single or batched) and refuses,
/// with a specific message, anything malformed or over the size limits, before any parsing of GraphQL.
/// </summary>
public sealed class GraphQLRequestReader(IGraphQLTextSerializer serializer, IOptions<GraphQLTransportOptions> options)
{
    private static readonly string[] Parameters = ["query", "operationName", "variables", "extensions", "documentId"];
    private GraphQLTransportOptions Limits => options.Value;

    public async Task<GraphQLHttpRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (HttpMethods.IsGet(request.Method)) return new([ReadQueryString(request.Query)], IsBatch: false, IsGet: true);
        if (!HttpMethods.IsPost(request.Method))
            throw RequestRejectedException.MethodNotAllowed($"GraphQL requests use GET (queries) or POST, not {request.Method}.");

        EnsureJsonContentType(request.ContentType);
        var body = await ReadBodyAsync(request, cancellationToken);
        return ParseBody(body);
    }

    private GraphQLRequest ReadQueryString(IQueryCollection query)
    {
        foreach (var name in Parameters)
        {
            if (query[name].Count > 1) throw Invalid($"The '{name}' parameter is given {query[name].Count} times; give it once.");
        }
        var text = query["query"].ToString();
        var documentId = NullIfEmpty(query["documentId"].ToString());
        var extensions = ReadJsonParameter(query["extensions"].ToString(), "extensions", isVariables: false);
        // A registered operation is named by documentId or Apollo's extensions.persistedQuery instead of a query.
        if (string.IsNullOrWhiteSpace(text) && documentId is null && extensions?.ContainsKey("persistedQuery") != true)
            throw Invalid("The 'query' parameter is missing: GET /graphql?query={...}.");
        return new GraphQLRequest
        {
            Query = NullIfEmpty(text),
            DocumentId = documentId,
            OperationName = NullIfEmpty(query["operationName"].ToString()),
            Variables = ReadJsonParameter(query["variables"].ToString(), "variables", isVariables: true),
            Extensions = extensions,
        };
    }

    private Inputs? ReadJsonParameter(string text, string name, bool isVariables)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            using var json = JsonDocument.Parse(text);
            return ReadObject(json.RootElement, name, isVariables, prefix: "");
        }
        catch (JsonException e)
        {
            throw Invalid($"The '{name}' parameter is not valid JSON: {e.Message}");
        }
    }

    private static void EnsureJsonContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
            throw RequestRejectedException.UnsupportedMediaType("A POST request needs the header Content-Type: application/json.");
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !string.Equals(mediaType.MediaType.Value, ResponseMediaType.Json, StringComparison.OrdinalIgnoreCase))
            throw RequestRejectedException.UnsupportedMediaType($"Content-Type '{contentType}' is not supported; send application/json.");
        if (mediaType.Charset.HasValue && !ResponseMediaType.IsUtf8(mediaType.Charset.Value))
            throw RequestRejectedException.UnsupportedMediaType($"Charset '{mediaType.Charset}' is not supported; send UTF-8 JSON.");
    }

    /// <summary>Reads at most the allowed body size: a declared or actual larger body is refused without reading the rest.</summary>
    private async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var max = Limits.MaxRequestBodyBytes;
        if (request.ContentLength > max) throw BodyTooLarge(request.ContentLength.Value);

        // Sized by Content-Length when given; the read chunk is pooled (a fresh 16 KB per request was 4 % of all allocation).
        using var buffer = new MemoryStream((int)Math.Min(request.ContentLength ?? 0, max));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > max) throw BodyTooLarge(null);
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        if (buffer.Length == 0) throw Invalid("The request body is empty; send {\"query\": \"...\"}.");
        return buffer.ToArray();
    }

    private GraphQLHttpRequest ParseBody(byte[] body)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw RequestRejectedException.BadRequest("INVALID_JSON", $"The request body is not valid JSON: {e.Message}");
        }

        using (json)
        {
            var root = json.RootElement;
            switch (root.ValueKind)
            {
                case JsonValueKind.Object:
                    return new([ReadOperation(root, prefix: "")], IsBatch: false, IsGet: false);
                case JsonValueKind.Array:
                    return new(ReadBatch(root), IsBatch: true, IsGet: false);
                default:
                    throw Invalid($"The request body must be a JSON object (or an array of objects for a batch), not {Describe(root.ValueKind)}.");
            }
        }
    }

    private List<GraphQLRequest> ReadBatch(JsonElement array)
    {
        var count = array.GetArrayLength();
        if (count == 0) throw Invalid("The batch is empty; send at least one operation.");
        if (count > Limits.MaxBatchSize)
        {
            throw Invalid($"Batch has {count} operations; the limit is {Limits.MaxBatchSize} ({GraphQLTransportOptions.Key(nameof(GraphQLTransportOptions.MaxBatchSize))}).",
                "MAX_BATCH_SIZE");
        }

        var operations = new List<GraphQLRequest>(count);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var prefix = $"Batch operation {index.ToString(CultureInfo.InvariantCulture)}: ";
            if (element.ValueKind != JsonValueKind.Object) throw Invalid($"{prefix}must be a JSON object, not {Describe(element.ValueKind)}.");
            operations.Add(ReadOperation(element, prefix));
            index++;
        }
        return operations;
    }

    private GraphQLRequest ReadOperation(JsonElement request, string prefix)
    {
        var documentId = ReadDocumentId(request, prefix);
        if (!request.TryGetProperty("query", out var query) || query.ValueKind == JsonValueKind.Null)
        {
            // A registered operation is named by documentId or Apollo's extensions.persistedQuery instead of a query.
            if (documentId is null && !NamesPersistedQuery(request))
                throw Invalid($"{prefix}The 'query' parameter is missing; send {{\"query\": \"...\"}}.");
        }
        else if (query.ValueKind != JsonValueKind.String)
            throw Invalid($"{prefix}The 'query' parameter must be a string, not {Describe(query.ValueKind)}.");

        string? operationName = null;
        if (request.TryGetProperty("operationName", out var name) && name.ValueKind != JsonValueKind.Null)
        {
            if (name.ValueKind != JsonValueKind.String)
                throw Invalid($"{prefix}The 'operationName' parameter must be a string, not {Describe(name.ValueKind)}.");
            operationName = NullIfEmpty(name.GetString());
        }

        return new GraphQLRequest
        {
            Query = query.ValueKind == JsonValueKind.String ? query.GetString() : null,
            DocumentId = documentId,
            OperationName = operationName,
            Variables = request.TryGetProperty("variables", out var variables) ? ReadObject(variables, "variables", isVariables: true, prefix) : null,
            Extensions = request.TryGetProperty("extensions", out var extensions) ? ReadObject(extensions, "extensions", isVariables: false, prefix) : null,
        };
    }

    private static string? ReadDocumentId(JsonElement request, string prefix)
    {
        if (!request.TryGetProperty("documentId", out var id) || id.ValueKind == JsonValueKind.Null) return null;
        if (id.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(id.GetString()))
            throw Invalid($"{prefix}The 'documentId' parameter must be a non-empty string, not {Describe(id.ValueKind)}.");
        return id.GetString();
    }

    private static bool NamesPersistedQuery(JsonElement request) =>
        request.TryGetProperty("extensions", out var extensions) && extensions.ValueKind == JsonValueKind.Object
        && extensions.TryGetProperty("persistedQuery", out var persisted) && persisted.ValueKind == JsonValueKind.Object;

    private Inputs? ReadObject(JsonElement value, string name, bool isVariables, string prefix)
    {
        if (value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Object)
            throw Invalid($"{prefix}The '{name}' parameter must be a JSON object, not {Describe(value.ValueKind)}.");
        if (isVariables)
        {
            var size = Encoding.UTF8.GetByteCount(value.GetRawText());
            if (size > Limits.MaxVariablesBytes)
            {
                throw RequestRejectedException.TooLarge("MAX_VARIABLES_SIZE",
                    $"{prefix}Variables take {size} bytes; the limit is {Limits.MaxVariablesBytes} bytes ({GraphQLTransportOptions.Key(nameof(GraphQLTransportOptions.MaxVariablesBytes))}).");
            }
        }
        return serializer.ReadNode<Inputs>(value);
    }

    private RequestRejectedException BodyTooLarge(long? declared) => RequestRejectedException.TooLarge("MAX_REQUEST_BODY_SIZE",
        (declared is { } size ? $"Request body is {size} bytes" : "Request body is larger than allowed")
        + $"; the limit is {Limits.MaxRequestBodyBytes} bytes ({GraphQLTransportOptions.Key(nameof(GraphQLTransportOptions.MaxRequestBodyBytes))}).");

    private static RequestRejectedException Invalid(string message, string code = "INVALID_REQUEST") => RequestRejectedException.BadRequest(code, message);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
