namespace DtHub.Api.GraphQL.Transport;

/// <summary>The GraphQL user context of one HTTP request: resolvers and authorization read the caller from it.</summary>
public sealed class HubUserContext(HttpContext httpContext) : Dictionary<string, object?>
{
    public HttpContext HttpContext { get; } = httpContext;
}
