using GraphQL.Builders;
using GraphQL.Types;

namespace DtHub.Api.GraphQL.Relay;

/// <summary>Declares connection fields with the standard arguments: paging, where and order.</summary>
public static class ConnectionFields
{
    public static FieldBuilder<TSource, object> Connection<TSource, TNodeType, TNode, TFilter, TSort>(
        this ComplexGraphType<TSource> type, string name, string description)
        where TNodeType : IGraphType
        where TFilter : IInputObjectGraphType
        where TSort : IInputObjectGraphType
    {
        var field = type.Field<NonNullGraphType<ConnectionGraphType<TNodeType, TNode>>, object>(name).Description(description);
        PageRequest.AddArguments(field);
        field.Argument<TFilter>("where", "Conditions the items must meet.");
        field.Argument<ListGraphType<NonNullGraphType<TSort>>>("order", "Sort order, most significant first; the id breaks ties.");
        return field;
    }
}
