using System.Globalization;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DtHub.Api.GraphQL.Transport.Uploads;

/// <summary>
/// Reads a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec): the form
/// fields <c>operations</c> (the usual JSON request or batch, with null where files go) and <c>map</c> (file field →
/// variable paths such as <c>variables.file</c> or <c>0.variables.file</c>), then the files. Each file is put into
/// the variables as an <see cref="Upload"/>. Refuses, before running anything: a missing preflight header (so a
/// browser form on another site cannot post one: CSRF), a body over <see cref="UploadOptions.MaxUploadBytes"/> (413),
/// and a malformed form.
/// </summary>
public sealed class MultipartRequestReader(IGraphQLTextSerializer serializer, IOptions<UploadOptions> options, IOptions<GraphQLTransportOptions> transport)
{
    /// <summary>A header a browser cannot send cross-site without a CORS preflight; an Authorization header does as well.</summary>
    public const string PreflightHeader = "GraphQL-Preflight";

    private UploadOptions Limits => options.Value;

    public static bool IsMultipart(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    public async Task<GraphQLHttpRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.Headers.ContainsKey(PreflightHeader) && !request.Headers.ContainsKey(HeaderNames.Authorization))
            throw RequestRejectedException.BadRequest("CSRF_PREVENTION",
                $"A multipart upload needs the header '{PreflightHeader}: 1' (or an Authorization header), so a form on another site cannot post one.");
        var max = Limits.MaxUploadBytes;
        if (request.ContentLength > max) throw TooLarge($"Upload is {request.ContentLength} bytes");
        // Kestrel's own cap (30 MB by default) would cut a large file off first; ours is the one that answers.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = max + 1;

        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) throw Invalid("The multipart Content-Type has no boundary.");
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = max };

        string? operations = null;
        Dictionary<string, string[]>? map = null;
        var files = new Dictionary<string, Upload>(StringComparer.Ordinal);
        long total = 0;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                    throw Invalid("Every part of the form needs Content-Disposition: form-data with a name.");
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                var bytes = await ReadPartAsync(section.Body, max - total, cancellationToken);
                total += bytes.Length;
                if (operations is null)
                {
                    if (name != "operations") throw Invalid($"The first field must be 'operations' (the GraphQL request as JSON), not '{name}'.");
                    operations = System.Text.Encoding.UTF8.GetString(bytes);
                }
                else if (map is null)
                {
                    if (name != "map") throw Invalid($"The second field must be 'map' (file field → variable paths), not '{name}'.");
                    map = ReadMap(bytes);
                }
                else if (map.ContainsKey(name))
                {
                    if (files.Count >= Limits.MaxFiles)
                        throw Invalid($"More than {Limits.MaxFiles} files ({UploadOptions.Key(nameof(UploadOptions.MaxFiles))}).", "MAX_FILES");
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileName.HasValue ? disposition.FileName : disposition.FileNameStar).Value ?? name;
                    files[name] = new Upload(Path.GetFileName(fileName), section.ContentType, bytes);
                }
                else throw Invalid($"The form has a field '{name}' that 'map' does not name.");
            }
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw TooLarge("Upload is larger than allowed");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge("Upload is larger than allowed");
        }
        catch (IOException e) when (e is not EndOfStreamException)
        {
            throw Invalid($"The multipart body could not be read: {e.Message}");
        }
        if (operations is null) throw Invalid("The form has no 'operations' field.");
        if (map is null) throw Invalid("The form has no 'map' field.");
        var missing = map.Keys.Where(k => !files.ContainsKey(k)).ToList();
        if (missing.Count > 0) throw Invalid($"'map' names file field(s) {string.Join(", ", missing)} that the form does not contain.");

        return Place(operations, map, files);
    }

    private GraphQLHttpRequest Place(string operationsJson, Dictionary<string, string[]> map, Dictionary<string, Upload> files)
    {
        JsonDocument json;
        try { json = JsonDocument.Parse(operationsJson); }
        catch (JsonException e) { throw Invalid($"'operations' is not valid JSON: {e.Message}"); }
        using (json)
        {
            var isBatch = json.RootElement.ValueKind == JsonValueKind.Array;
            if (!isBatch && json.RootElement.ValueKind != JsonValueKind.Object) throw Invalid("'operations' must be a JSON object, or an array for a batch.");
            var elements = isBatch ? json.RootElement.EnumerateArray().ToList() : [json.RootElement];
            if (elements.Count == 0 || elements.Count > transport.Value.MaxBatchSize)
                throw Invalid($"'operations' has {elements.Count} operations; send 1 to {transport.Value.MaxBatchSize}.");
            var requests = elements.Select(e => serializer.ReadNode<GraphQLRequest>(e) ?? throw Invalid("An operation in 'operations' is null.")).ToList();
            var variables = requests.Select(r => r.Variables is null ? new Dictionary<string, object?>() : Mutable(r.Variables)).ToList();
            foreach (var (field, paths) in map)
            {
                foreach (var path in paths) Set(variables, isBatch, path, files[field]);
            }
            for (var i = 0; i < requests.Count; i++) requests[i].Variables = new Inputs(variables[i]);
            return new GraphQLHttpRequest(requests, isBatch, IsGet: false) { ExecutionTimeout = Limits.ExecutionTimeout };
        }
    }

    /// <summary>Puts a file at a spec path: <c>variables.file</c>, <c>variables.files.0</c>, or with a leading operation index in a batch.</summary>
    private static void Set(List<Dictionary<string, object?>> variables, bool isBatch, string path, Upload file)
    {
        var segments = path.Split('.');
        var index = 0;
        if (isBatch && (segments.Length < 1 || !int.TryParse(segments[0], NumberStyles.None, CultureInfo.InvariantCulture, out index) || index >= variables.Count))
            throw Invalid($"Map path '{path}' must start with the index of an operation in the batch.");
        var rest = isBatch ? segments[1..] : segments;
        if (rest.Length < 2 || rest[0] != "variables") throw Invalid($"Map path '{path}' must point into the variables, e.g. 'variables.file'.");
        object container = variables[index];
        for (var i = 1; i < rest.Length; i++)
        {
            var last = i == rest.Length - 1;
            switch (container)
            {
                case IDictionary<string, object?> obj:
                    if (last) { obj[rest[i]] = file; return; }
                    container = obj.TryGetValue(rest[i], out var next) && next is not null ? next : throw Invalid($"Map path '{path}': no variable '{rest[i]}'.");
                    break;
                case IList<object?> list when int.TryParse(rest[i], NumberStyles.None, CultureInfo.InvariantCulture, out var at) && at < list.Count:
                    if (last) { list[at] = file; return; }
                    container = list[at] ?? throw Invalid($"Map path '{path}': element {at} is null.");
                    break;
                default:
                    throw Invalid($"Map path '{path}' does not lead to a variable.");
            }
        }
    }

    private static Dictionary<string, object?> Mutable(IReadOnlyDictionary<string, object?> inputs) =>
        inputs.ToDictionary(p => p.Key, p => MutableValue(p.Value));

    private static object? MutableValue(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> obj => Mutable(obj),
        IDictionary<string, object?> obj => obj.ToDictionary(p => p.Key, p => MutableValue(p.Value)),
        IEnumerable<object?> list when value is not string => list.Select(MutableValue).ToList(),
        _ => value,
    };

    private static Dictionary<string, string[]> ReadMap(byte[] bytes)
    {
        try
        {
            var map = JsonSerializer.Deserialize<Dictionary<string, string[]>>(bytes);
            if (map is null || map.Count == 0) throw Invalid("'map' is empty: name each file field and the variable path(s) it fills.");
            return map;
        }
        catch (JsonException)
        {
            throw Invalid("'map' must be a JSON object of file field → array of paths, e.g. {\"0\": [\"variables.file\"]}.");
        }
    }

    private async Task<byte[]> ReadPartAsync(Stream body, long allowed, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > allowed) throw TooLarge("Upload is larger than allowed");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private RequestRejectedException TooLarge(string what) => RequestRejectedException.TooLarge("MAX_UPLOAD_SIZE",
        $"{what}; the limit is {Limits.MaxUploadBytes} bytes ({UploadOptions.Key(nameof(UploadOptions.MaxUploadBytes))}).");

    private static RequestRejectedException Invalid(string message, string code = "INVALID_UPLOAD") => RequestRejectedException.BadRequest(code, message);
}
