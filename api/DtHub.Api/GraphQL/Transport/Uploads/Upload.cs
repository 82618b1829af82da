using GraphQL.Types;
using GraphQLParser.AST;

namespace DtHub.Api.GraphQL.Transport.Uploads;

/// <summary>A file sent with a GraphQL multipart request, held in memory (within <see cref="UploadOptions.MaxUploadBytes"/>).</summary>
public sealed class Upload(string fileName, string? contentType, byte[] content)
{
    public string FileName { get; } = fileName;
    public string? ContentType { get; } = contentType;
    public long Length => content.LongLength;

    public Stream OpenRead() => new MemoryStream(content, writable: false);
}

/// <summary>
/// The <c>Upload</c> scalar of the GraphQL multipart request spec: a variable set to null in <c>operations</c>
/// and filled with a file part through <c>map</c>. It cannot be written inline in a query.
/// </summary>
public sealed class UploadGraphType : ScalarGraphType
{
    public UploadGraphType()
    {
        Name = "Upload";
        Description = "A file sent as a part of a multipart/form-data request (GraphQL multipart request spec: fields operations, map, then the files).";
    }

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        Upload upload => upload,
        _ => throw new FormatException("An Upload is a file part of a multipart/form-data request, mapped to this variable by the 'map' field; it cannot be given as JSON."),
    };

    public override object? ParseLiteral(GraphQLValue value) => value is GraphQLNullValue
        ? null
        : throw new FormatException("An Upload cannot be written in the query; pass it as a variable of a multipart request.");

    public override object? Serialize(object? value) => value is Upload upload ? upload.FileName : null;
}
