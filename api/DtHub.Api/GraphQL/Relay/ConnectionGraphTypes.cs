using GraphQL.Types;

namespace DtHub.Api.GraphQL.Relay;

/// <summary>Relay connection: edges with cursors, nodes, pageInfo and totalCount.</summary>
public class ConnectionGraphType<TNodeType, TNode> : ObjectGraphType<Connection<TNode>>
    where TNodeType : IGraphType
{
    public ConnectionGraphType()
    {
        var nodeName = typeof(TNodeType).Name.Replace("GraphType", "", StringComparison.Ordinal).Replace("Type", "", StringComparison.Ordinal);
        Name = $"{nodeName}Connection";
        Description = $"A page of {nodeName} items (Relay cursor connection).";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeGraphType<TNodeType, TNode>>>>>("edges")
            .Description("The items of this page, each with its cursor.")
            .Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes")
            .Description("The items of this page, without cursors.")
            .Resolve(c => c.Source.Edges.Select(e => e.Node));
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo")
            .Description("Whether more pages exist, and the cursors to reach them.")
            .Resolve(c => c.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>>("totalCount")
            .Description("Number of items matching the filter, over all pages.")
            .Resolve(c => c.Source.TotalCount ?? 0);
    }
}

/// <summary>An item and its cursor.</summary>
public class EdgeGraphType<TNodeType, TNode> : ObjectGraphType<Edge<TNode>>
    where TNodeType : IGraphType
{
    public EdgeGraphType()
    {
        var nodeName = typeof(TNodeType).Name.Replace("GraphType", "", StringComparison.Ordinal).Replace("Type", "", StringComparison.Ordinal);
        Name = $"{nodeName}Edge";
        Description = $"A {nodeName} and its cursor.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Opaque cursor for after/before.").Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<TNodeType>>("node").Description("The item.").Resolve(c => c.Source.Node);
    }
}

/// <summary>Relay page info.</summary>
public class PageInfoGraphType : ObjectGraphType<PageInfo>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        Description = "Where this page sits in the whole list.";
        Field(p => p.HasNextPage).Description("More items follow this page.");
        Field(p => p.HasPreviousPage).Description("Items precede this page.");
        Field(p => p.StartCursor, nullable: true).Description("Cursor of the first item of the page.");
        Field(p => p.EndCursor, nullable: true).Description("Cursor of the last item of the page.");
    }
}
