using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;

namespace DtHub.Api.GraphQL.Relay;

/// <summary>Relay's Node interface: anything with a global id can be fetched again with node(id:).</summary>
public sealed class NodeGraphType : InterfaceGraphType
{
    public NodeGraphType()
    {
        Name = "Node";
        Description = "An object with a global id; fetch it again with node(id:).";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque global id.");
    }
}

/// <summary>How one type of node is loaded by its database key; each feature registers one.</summary>
public interface INodeSource
{
    string TypeName { get; }
    IDataLoaderResult<object?> Load(IResolveFieldContext context, long id);
}

/// <summary>Adapts a typed loader to <see cref="INodeSource"/>.</summary>
public sealed class NodeSource<T>(string typeName, Func<IResolveFieldContext, long, IDataLoaderResult<T?>> load) : INodeSource
    where T : class
{
    public string TypeName => typeName;

    public IDataLoaderResult<object?> Load(IResolveFieldContext context, long id) => new Untyped(load(context, id));

    private sealed class Untyped(IDataLoaderResult<T?> inner) : IDataLoaderResult<object?>
    {
        public async Task<object?> GetResultAsync(CancellationToken cancellationToken = default) => await inner.GetResultAsync(cancellationToken);
    }
}
