using GraphQL;
using GraphQL.Instrumentation;
using GraphQL.Types;

namespace DtHub.Api.Features.Auth;

/// <summary>
/// Read scopes of API keys, one per entity type (every type implementing Node: <c>read:Merchant</c>, …), and the
/// field middleware enforcing them: a field returning an entity type, or a connection of one, is refused before
/// its resolver runs; a field of an entity reached through an interface (node(id:)) is refused by its parent type.
/// </summary>
public sealed class EntityScopes(AuthOptions options) : IFieldMiddleware
{
    public static HashSet<string> Known(ISchema schema) =>
        schema.AllTypes.OfType<IObjectGraphType>().Where(IsEntity).Select(t => $"read:{t.Name}").ToHashSet(StringComparer.Ordinal);

    public ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        if (context.User?.FindFirst(HubCaller.ApiKeyIdClaim) is null) return next(context);
        var caller = HubCaller.From(context.User, options);
        var entity = EntityOf(context.FieldDefinition.ResolvedType) ?? (IsEntity(context.ParentType) ? context.ParentType.Name : null);
        if (entity is null || caller.MayRead(entity)) return next(context);
        throw new ExecutionError($"This API key lacks the scope read:{entity}.") { Code = "AUTHORIZATION" };
    }

    private static string? EntityOf(IGraphType? type)
    {
        while (type is IProvideResolvedType wrapper) type = wrapper.ResolvedType;
        if (type is IObjectGraphType o && IsEntity(o)) return o.Name;
        // A connection: the type of its nodes.
        if (type is IObjectGraphType c && c.Name.EndsWith("Connection", StringComparison.Ordinal) && c.GetField("nodes") is { } nodes) return EntityOf(nodes.ResolvedType);
        return null;
    }

    private static bool IsEntity(IGraphType type) => type is IObjectGraphType o && o.ResolvedInterfaces.Any(i => i.Name == "Node");
}
