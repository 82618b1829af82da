using System.Globalization;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;

namespace DtHub.Api.GraphQL.Transport.Limits;

/// <summary>
/// GraphQL.NET's complexity analysis (connections multiply their children by <c>first</c>/<c>last</c>),
/// with errors that name the configuration key of the limit that was hit.
/// </summary>
public sealed class DepthAndComplexityRule(int limitDepth, int limitComplexity)
    : ComplexityValidationRule(new ComplexityOptions
    {
        MaxDepth = limitDepth,
        MaxComplexity = limitComplexity,
        DefaultComplexityImpactDelegate = ImpactOf,
    })
{
    /// <summary>
    /// Introspection reads the in-memory schema, so its lists do not multiply (GraphiQL's introspection query would
    /// otherwise cost ~175,000); depth still bounds it. Every other field keeps GraphQL.NET's default estimate.
    /// </summary>
    private static FieldComplexityResult ImpactOf(FieldImpactContext context) =>
        context.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal) || context.ParentType.Name.StartsWith("__", StringComparison.Ordinal)
            ? new FieldComplexityResult(1, 1)
            : GraphQLDefault(context);

    private static readonly Func<FieldImpactContext, FieldComplexityResult> GraphQLDefault = new ComplexityOptions().DefaultComplexityImpactDelegate;

    protected override ValueTask ValidateComplexityAsync(ValidationContext context, double totalComplexity, int maxDepth)
    {
        if (maxDepth > limitDepth)
        {
            context.ReportError(new TransportLimitError("MAX_DEPTH",
                $"Query has depth {maxDepth}; the limit is {limitDepth} ({GraphQLTransportOptions.Key(nameof(GraphQLTransportOptions.MaxDepth))})."));
        }
        else if (totalComplexity > limitComplexity)
        {
            context.ReportError(new TransportLimitError("MAX_COMPLEXITY", string.Format(CultureInfo.InvariantCulture,
                "Query has complexity {0:0}; the limit is {1:0} ({2}).",
                totalComplexity, limitComplexity, GraphQLTransportOptions.Key(nameof(GraphQLTransportOptions.MaxComplexity)))));
        }
        return default;
    }
}
