using GraphQL.Validation;

namespace DtHub.Api.GraphQL.Transport.Limits;

/// <summary>
/// Refuses operations with more aliased fields than allowed: aliases let one request repeat an expensive
/// field many times, and GraphQL.NET has no limit of its own.
/// </summary>
public sealed class MaxAliasesRule(int maxAliases) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (OperationShape.Of(context) is { } shape && shape.Aliases > maxAliases)
        {
            context.ReportError(new TransportLimitError("MAX_ALIASES",
                $"Query has {shape.Aliases} aliases; the limit is {maxAliases} ({GraphQLTransportOptions.Key(nameof(GraphQLTransportOptions.MaxAliases))})."));
        }
        return default;
    }
}
