using System.Linq.Expressions;
using DtHub.Api.Data;
using DtHub.Api.GraphQL.Compilation;
using DtHub.Api.GraphQL.Filtering;
using DtHub.Api.GraphQL.Projection;
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

    /// <summary>
    /// Resolves a connection of children (ward → merchants) batched per level, and declares the same page as SQL for
    /// compiled reads; <paramref name="foreignKeyProperty"/> names the entity property behind <paramref name="foreignKey"/>.
    /// </summary>
    public static FieldType ResolveChildren<TParent, TChild>(
        this FieldBuilder<TParent, object> field, Func<TParent, int> parentKey, QueryModel<TChild> model,
        Func<HubDbContext, IQueryable<TChild>> children, Expression<Func<TChild, int>> foreignKey, string foreignKeyProperty)
        where TChild : class
    {
        field.Resolve(c => EntityConnections.LoadChildren(c, parentKey(c.Source), model, children, foreignKey, foreignKeyProperty));
        return field.FieldType.CompilesTo(new ChildConnectionSql<TChild>(model, children, foreignKey));
    }

    /// <summary>Resolves a root connection over <paramref name="source"/>, and declares the same page as SQL for compiled reads.</summary>
    public static FieldType ResolveRows<TSource, TNode>(
        this FieldBuilder<TSource, object> field, QueryModel<TNode> model, Func<HubDbContext, IQueryable<TNode>> source)
        where TNode : class
    {
        field.ResolveAsync(async c => await EntityConnections.ResolveAsync(c, model, source));
        return field.FieldType.CompilesTo(new RootConnectionSql<TNode>(model, (db, _) => source(db)));
    }

    /// <summary>
    /// Resolves a reference (merchant → ward) through the batched lookup, and declares it as SQL for compiled reads:
    /// the key is read from <paramref name="foreignKeyProperty"/>; a null key gives null.
    /// </summary>
    public static FieldType ResolveReference<TSource, T>(
        this FieldBuilder<TSource, object> field, Func<TSource, long?> foreignKey, string foreignKeyProperty,
        string graphTypeName, Func<HubDbContext, IQueryable<T>> set, Expression<Func<T, long>> key)
        where T : class
    {
        field.Resolve(c => foreignKey(c.Source) is { } id ? EntityLookup.Load(c, id, graphTypeName, set, key) : null);
        return field.FieldType.Needs(foreignKeyProperty).CompilesTo(new ReferenceSql<T>(set, key, foreignKeyProperty));
    }
}
