namespace DtHub.Api.GraphQL.Transport;

/// <summary>A request the transport refuses before executing anything: an HTTP status and one GraphQL error that says why.</summary>
public sealed class RequestRejectedException(int statusCode, string code, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    /// <summary>Machine-readable reason, returned as <c>extensions.code</c>.</summary>
    public string Code { get; } = code;

    public static RequestRejectedException BadRequest(string code, string message) => new(StatusCodes.Status400BadRequest, code, message);

    public static RequestRejectedException TooLarge(string code, string message) => new(StatusCodes.Status413PayloadTooLarge, code, message);

    public static RequestRejectedException MethodNotAllowed(string message) => new(StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED", message);

    public static RequestRejectedException UnsupportedMediaType(string message) => new(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", message);

    public static RequestRejectedException NotAcceptable(string message) => new(StatusCodes.Status406NotAcceptable, "NOT_ACCEPTABLE", message);
}
