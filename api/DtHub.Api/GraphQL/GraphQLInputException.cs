using GraphQL;

namespace DtHub.Api.GraphQL;

/// <summary>A client mistake in arguments (bad cursor, page size, GeoJSON…): reported as a GraphQL error with code BAD_USER_INPUT, never a 500.</summary>
public sealed class GraphQLInputException : ExecutionError
{
    public GraphQLInputException(string message) : base(message)
    {
        Code = "BAD_USER_INPUT";
    }
}
