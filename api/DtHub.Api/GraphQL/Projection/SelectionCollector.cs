using GraphQL;
using GraphQLParser.AST;

namespace DtHub.Api.GraphQL.Projection;

/// <summary>Reads which fields a query selects on the items of a field (through connections, fragments and inline fragments).</summary>
public static class SelectionCollector
{
    /// <summary>Field names selected on the entity: directly, or under <c>nodes</c> / <c>edges.node</c> for connections.</summary>
    public static HashSet<string> ItemFields(IResolveFieldContext context, bool connection) =>
        ItemFieldNodes(context, connection).Select(f => f.Name.StringValue).ToHashSet(StringComparer.Ordinal);

    /// <summary>The field nodes selected on the entity (an aliased field appears once per alias), for their arguments.</summary>
    public static List<GraphQLField> ItemFieldNodes(IResolveFieldContext context, bool connection)
    {
        var fields = new List<GraphQLField>();
        var selection = context.FieldAst.SelectionSet;
        if (!connection)
        {
            Fields(context, selection, fields);
            return fields;
        }
        var top = new List<GraphQLField>();
        Fields(context, selection, top);
        foreach (var field in top)
        {
            if (field.Name.Value == "nodes") Fields(context, field.SelectionSet, fields);
            if (field.Name.Value != "edges") continue;
            var edgeFields = new List<GraphQLField>();
            Fields(context, field.SelectionSet, edgeFields);
            foreach (var node in edgeFields.Where(e => e.Name.Value == "node")) Fields(context, node.SelectionSet, fields);
        }
        return fields;
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
