namespace DtHub.Api.Features.Demo;

public static class DemoModule
{
    public static IServiceCollection AddDemoData(this IServiceCollection services)
    {
        services.AddTransient<DemoSeeder>();
        return services;
    }
}
