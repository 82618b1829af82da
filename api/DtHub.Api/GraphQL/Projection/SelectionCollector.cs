using GraphQL;
using GraphQLParser.AST;

namespace DtHub.Api.GraphQL.Projection;

/// <summary>Reads which fields a query selects on the items of a field (through connections, fragments and inline fragments).</summary>
public static class SelectionCollector
{
    /// <summary>Field names selected on the entity: directly, or under <c>nodes</c> / <c>edges.node</c> for connections.</summary>
    public static HashSet<string> ItemFields(IResolveFieldContext context, bool connection)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var selection = context.FieldAst.SelectionSet;
        if (!connection)
        {
            Collect(context, selection, names);
            return names;
        }
        var top = new List<GraphQLField>();
        Fields(context, selection, top);
        foreach (var field in top)
        {
            if (field.Name.Value == "nodes") Collect(context, field.SelectionSet, names);
            if (field.Name.Value != "edges") continue;
            var edgeFields = new List<GraphQLField>();
            Fields(context, field.SelectionSet, edgeFields);
            foreach (var node in edgeFields.Where(e => e.Name.Value == "node")) Collect(context, node.SelectionSet, names);
        }
        return names;
    }

    /// <summary>True when the connection's own selection includes <paramref name="name"/> (e.g. totalCount).</summary>
    public static bool Selects(IResolveFieldContext context, string name)
    {
        var top = new List<GraphQLField>();
        Fields(context, context.FieldAst.SelectionSet, top);
        return top.Any(f => f.Name.Value == name);
    }

    /// <summary>
    /// True when the connection's selection needs its rows: nodes, edges or pageInfo (whose flags and cursors come
    /// from the rows). A selection of only <c>totalCount</c> (or <c>__typename</c>) runs the count alone.
    /// </summary>
    public static bool NeedsRows(IResolveFieldContext context)
    {
        var top = new List<GraphQLField>();
        Fields(context, context.FieldAst.SelectionSet, top);
        return top.Any(f => f.Name.Value == "nodes" || f.Name.Value == "edges" || f.Name.Value == "pageInfo");
    }

    private static void Collect(IResolveFieldContext context, GraphQLSelectionSet? selection, HashSet<string> names)
    {
        var fields = new List<GraphQLField>();
        Fields(context, selection, fields);
        foreach (var f in fields) names.Add(f.Name.StringValue);
    }

    private static void Fields(IResolveFieldContext context, GraphQLSelectionSet? selection, List<GraphQLField> into, int depth = 0)
    {
        if (selection is null || depth > 32) return;
        foreach (var node in selection.Selections)
        {
            switch (node)
            {
                case GraphQLField field:
                    into.Add(field);
                    break;
                case GraphQLInlineFragment inline:
                    Fields(context, inline.SelectionSet, into, depth + 1);
                    break;
                case GraphQLFragmentSpread spread:
                    var fragment = context.Document.Definitions.OfType<GraphQLFragmentDefinition>()
                        .FirstOrDefault(d => d.FragmentName.Name.Value == spread.FragmentName.Name.Value);
                    Fields(context, fragment?.SelectionSet, into, depth + 1);
                    break;
            }
        }
    }
}
