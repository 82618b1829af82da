using DtHub.Api.Features.Auth;
using DtHub.Api.GraphQL;
using DtHub.Api.GraphQL.Relay;
using GraphQL;
using GraphQL.Types;

namespace DtHub.Api.Features.Changes;

/// <summary><c>changes(entity:, since:, first:)</c>: the incremental pull for integrations.</summary>
public sealed class ChangeFeedQueries : IQueryFields
{
    public void AddTo(HubQuery query) =>
        query.Field<NonNullGraphType<ChangePageGraphType>>("changes")
            .Description("Changes to one entity type since a cursor, oldest first: upserts (read node) and tombstones (deleted: true). Keep the returned cursor for the next pull.")
            .Argument<NonNullGraphType<ChangeEntityGraphType>>("entity", "Which entity type.")
            .Argument<StringGraphType>("since", "The cursor of the previous pull; omit to start from the beginning.")
            .Argument<IntGraphType>("first", "Changes per page, 1–1000 (default 100).")
            .ResolveAsync(async c =>
            {
                var entity = c.GetArgument<ChangeEntity>("entity");
                var caller = HubCaller.From(c.User, c.RequestServices!.GetRequiredService<AuthOptions>());
                if (!caller.MayRead(entity.ToString()))
                    throw new ExecutionError($"This API key lacks the scope read:{entity}.") { Code = "AUTHORIZATION" };
                var first = c.GetArgument("first", 100);
                if (first is < 1 or > 1000) throw new ExecutionError($"first must be 1–1000, not {first}.") { Code = "INVALID_ARGUMENT" };
                return await c.RequestServices!.GetRequiredService<ChangeFeed>().ReadAsync(entity, c.GetArgument<string?>("since"), first, c.CancellationToken);
            });
}

public sealed class ChangeEntityGraphType : EnumerationGraphType<ChangeEntity>
{
    public ChangeEntityGraphType()
    {
        Name = "ChangeEntity";
        Description = "An entity type of the change feed.";
    }
}

public sealed class ChangePageGraphType : ObjectGraphType<ChangePage>
{
    public ChangePageGraphType()
    {
        Name = "ChangePage";
        Description = "A page of the change feed.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChangeGraphType>>>>("changes").Description("Oldest first.").Resolve(c => c.Source.Changes);
        Field(p => p.Cursor).Description("Pass as since on the next pull (unchanged when nothing new).");
        Field(p => p.HasMore).Description("More changes are ready now; pull again at once.");
    }
}

public sealed class ChangeGraphType : ObjectGraphType<Change>
{
    public ChangeGraphType(IEnumerable<INodeSource> nodeSources)
    {
        var sources = nodeSources.ToDictionary(s => s.TypeName);
        Name = "Change";
        Description = "An entity was created or changed (deleted: false; read node), or deleted (a tombstone).";
        Field<NonNullGraphType<ChangeEntityGraphType>>("entity").Description("Entity type.").Resolve(c => c.Source.Entity);
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global id of the entity.").Resolve(c => GlobalId.Encode(c.Source.Entity.ToString(), c.Source.Id));
        Field(x => x.Deleted).Description("True for a tombstone.");
        Field(x => x.At).Description("When the change was written.");
        Field(x => x.Cursor).Description("Resume after this change.");
        Field<NodeGraphType>("node")
            .Description("The entity as it is now; null for a tombstone or when it has been deleted since.")
            .Resolve(c => !c.Source.Deleted && sources.TryGetValue(c.Source.Entity.ToString(), out var source) ? source.Load(c, c.Source.Id) : null);
    }
}

public static class ChangeFeedModule
{
    public static IServiceCollection AddChangeFeed(this IServiceCollection services)
    {
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<IQueryFields, ChangeFeedQueries>();
        return services;
    }
}
