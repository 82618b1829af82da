using GraphQL.Validation;

namespace DtHub.Api.GraphQL.Transport.Limits;

/// <summary>A document refused by one of the transport's abuse limits; the message names the configuration key.</summary>
public sealed class TransportLimitError : ValidationError
{
    public TransportLimitError(string code, string message) : base(message)
    {
        Code = code;
    }
}
