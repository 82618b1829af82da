using DtHub.Api.GraphQL.Relay;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;

namespace DtHub.Api.GraphQL;

/// <summary>The hub's GraphQL schema: each feature contributes its root fields (see <see cref="IQueryFields"/>).</summary>
public sealed class HubSchema : Schema
{
    public HubSchema(IServiceProvider services, HubQuery query, HubMutation mutation) : base(services)
    {
        Query = query;
        Mutation = mutation.Fields.Count > 0 ? mutation : null;
        Description = "DtHub: wards, neighbourhoods, teams, merchants, Wi-Fi and model streets of a city's digital transformation.";
    }
}

/// <summary>A feature's root query fields.</summary>
public interface IQueryFields
{
    void AddTo(HubQuery query);
}

/// <summary>A feature's root mutation fields.</summary>
public interface IMutationFields
{
    void AddTo(HubMutation mutation);
}

/// <summary>Root query type.</summary>
public sealed class HubQuery : ObjectGraphType
{
    public HubQuery(IEnumerable<IQueryFields> features, IEnumerable<INodeSource> nodeSources)
    {
        Name = "Query";
        Description = "Everything the hub can be asked.";
        var sources = nodeSources.ToDictionary(s => s.TypeName);

        Field<NodeGraphType>("node")
            .Description("Fetches any object by its global id.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "A global id.")
            .Resolve(context => LoadNode(context, sources, context.GetArgument<string>("id")));

        Field<NonNullGraphType<ListGraphType<NodeGraphType>>>("nodes")
            .Description("Fetches objects by their global ids, in order; unknown ids give null.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", "Global ids.")
            .ResolveAsync(async context =>
            {
                var pending = context.GetArgument<List<string>>("ids").Select(id => LoadNode(context, sources, id)).ToList();
                var results = new List<object?>(pending.Count);
                foreach (var p in pending) results.Add(p is null ? null : await p.GetResultAsync(context.CancellationToken));
                return results;
            });

        foreach (var feature in features) feature.AddTo(this);
    }

    private static IDataLoaderResult<object?>? LoadNode(IResolveFieldContext context, Dictionary<string, INodeSource> sources, string id) =>
        GlobalId.TryDecode(id, out var type, out var key) && sources.TryGetValue(type, out var source)
            ? source.Load(context, key)
            : null;
}

/// <summary>Root mutation type.</summary>
public sealed class HubMutation : ObjectGraphType
{
    public HubMutation(IEnumerable<IMutationFields> features)
    {
        Name = "Mutation";
        Description = "Changes ward officers make to their ward's data.";
        foreach (var feature in features) feature.AddTo(this);
    }
}
