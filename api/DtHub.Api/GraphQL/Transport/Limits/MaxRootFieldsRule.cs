using GraphQL.Validation;

namespace DtHub.Api.GraphQL.Transport.Limits;

/// <summary>Refuses operations that select more root fields than allowed (each root field is a separate top-level query).</summary>
public sealed class MaxRootFieldsRule(int maxRootFields) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (OperationShape.Of(context) is { } shape && shape.RootFields > maxRootFields)
        {
            context.ReportError(new TransportLimitError("MAX_ROOT_FIELDS",
                $"Query has {shape.RootFields} root fields; the limit is {maxRootFields} ({GraphQLTransportOptions.Key(nameof(GraphQLTransportOptions.MaxRootFields))})."));
        }
        return default;
    }
}
