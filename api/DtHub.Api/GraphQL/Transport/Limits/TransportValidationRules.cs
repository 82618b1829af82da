using GraphQL.Validation;
using Microsoft.Extensions.Options;

namespace DtHub.Api.GraphQL.Transport.Limits;

/// <summary>The spec's validation rules plus the transport's abuse limits, built once from the options.</summary>
public sealed class TransportValidationRules
{
    public TransportValidationRules(IOptions<GraphQLTransportOptions> options)
    {
        var o = options.Value;
        var rules = new List<IValidationRule>(DocumentValidator.CoreRules)
        {
            new MaxRootFieldsRule(o.MaxRootFields),
            new MaxAliasesRule(o.MaxAliases),
            new DepthAndComplexityRule(o.MaxDepth, o.MaxComplexity),
        };
        if (!o.EnableIntrospection) rules.Add(new IntrospectionDisabledRule());
        All = rules;
    }

    public IReadOnlyList<IValidationRule> All { get; }
}
