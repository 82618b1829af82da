using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace DtHub.Api.GraphQL.Transport.Limits;

/// <summary>
/// Counts of the selected operation with fragments expanded where they are spread, as a server would run it.
/// Counts are memoised per fragment and capped, so neither a cycle nor exponential spreading makes them costly.
/// </summary>
internal sealed class OperationShape
{
    private const long Cap = 1_000_000;
    private readonly GraphQLDocument _document;
    private readonly Dictionary<string, long> _aliasesByFragment = [];
    private readonly HashSet<string> _visiting = [];

    private OperationShape(GraphQLDocument document) => _document = document;

    /// <summary>Aliased fields anywhere in the operation.</summary>
    public long Aliases { get; private init; }

    /// <summary>Fields at the root of the operation (inline fragments and spreads at the root included).</summary>
    public long RootFields { get; private init; }

    public static OperationShape? Of(ValidationContext context)
    {
        if (context.Operation is not { } operation) return null;
        var walker = new OperationShape(context.Document);
        return new OperationShape(context.Document)
        {
            Aliases = walker.CountAliases(operation.SelectionSet),
            RootFields = walker.CountRootFields(operation.SelectionSet),
        };
    }

    private long CountAliases(GraphQLSelectionSet? selectionSet)
    {
        if (selectionSet is null) return 0;
        long count = 0;
        foreach (var selection in selectionSet.Selections)
        {
            count += selection switch
            {
                GraphQLField field => (field.Alias is null ? 0 : 1) + CountAliases(field.SelectionSet),
                GraphQLInlineFragment inline => CountAliases(inline.SelectionSet),
                GraphQLFragmentSpread spread => CountAliases(spread),
                _ => 0,
            };
            if (count >= Cap) return Cap;
        }
        return count;
    }

    private long CountAliases(GraphQLFragmentSpread spread)
    {
        var name = spread.FragmentName.Name.StringValue;
        if (_aliasesByFragment.TryGetValue(name, out var known)) return known;
        // A fragment cycle is reported by the core rule NoFragmentCycles; here it only must not recurse forever.
        if (!_visiting.Add(name)) return 0;
        var count = _document.FindFragmentDefinition(name) is { } fragment ? CountAliases(fragment.SelectionSet) : 0;
        _visiting.Remove(name);
        return _aliasesByFragment[name] = count;
    }

    private long CountRootFields(GraphQLSelectionSet selectionSet)
    {
        long count = 0;
        foreach (var selection in selectionSet.Selections)
        {
            count += selection switch
            {
                GraphQLField => 1,
                GraphQLInlineFragment inline => CountRootFields(inline.SelectionSet),
                GraphQLFragmentSpread spread when _visiting.Add(spread.FragmentName.Name.StringValue) =>
                    CountRootFieldsOf(spread.FragmentName.Name.StringValue),
                _ => 0,
            };
            if (count >= Cap) return Cap;
        }
        return count;
    }

    private long CountRootFieldsOf(string fragmentName)
    {
        var count = _document.FindFragmentDefinition(fragmentName) is { } fragment ? CountRootFields(fragment.SelectionSet) : 0;
        _visiting.Remove(fragmentName);
        return count;
    }
}
