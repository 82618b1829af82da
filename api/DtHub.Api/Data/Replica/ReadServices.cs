using Microsoft.Extensions.DependencyInjection;

namespace DtHub.Api.Data.Replica;

/// <summary>
/// The request's services as a read-only request sees them: each service with a read variant (the data source,
/// the DbContext factory, the readers registered by <see cref="ReadReplicaModule"/>) resolves to that variant; everything
/// else is the request's own service.
/// </summary>
internal sealed class ReadServices(IServiceProvider inner, ReadVariants variants) : IServiceProvider, IKeyedServiceProvider, ISupportRequiredService
{
    public object? GetService(Type serviceType) =>
        variants.Contains(serviceType) ? ((IKeyedServiceProvider)inner).GetKeyedService(serviceType, ReadReplicaModule.Key) : inner.GetService(serviceType);

    public object GetRequiredService(Type serviceType) =>
        variants.Contains(serviceType) ? inner.GetRequiredKeyedService(serviceType, ReadReplicaModule.Key) : inner.GetRequiredService(serviceType);

    public object? GetKeyedService(Type serviceType, object? serviceKey) => ((IKeyedServiceProvider)inner).GetKeyedService(serviceType, serviceKey);

    public object GetRequiredKeyedService(Type serviceType, object? serviceKey) => inner.GetRequiredKeyedService(serviceType, serviceKey);
}

/// <summary>The service types that have a read variant (keyed <see cref="ReadReplicaModule.Key"/>).</summary>
internal sealed class ReadVariants
{
    private readonly HashSet<Type> _types = [];

    public void Add(Type type) => _types.Add(type);

    public bool Contains(Type type) => _types.Contains(type);
}
