using GraphQL.Validation;
using GraphQLParser.AST;

namespace DtHub.Api.GraphQL.Transport.Limits;

/// <summary>Refuses <c>__schema</c> and <c>__type</c> when introspection is turned off for this environment.</summary>
public sealed class IntrospectionDisabledRule : ValidationRuleBase
{
    private static readonly MatchingNodeVisitor<GraphQLField> Visitor = new((field, context) =>
    {
        var name = field.Name.StringValue;
        if (name is "__schema" or "__type")
        {
            context.ReportError(new TransportLimitError("INTROSPECTION_DISABLED",
                $"Introspection ({name}) is disabled on this server ({GraphQLTransportOptions.Key(nameof(GraphQLTransportOptions.EnableIntrospection))})."));
        }
    });

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(Visitor);
}
