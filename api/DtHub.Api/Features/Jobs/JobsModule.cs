using DtHub.Api.Features.Aggregates;
using Quartz;

namespace DtHub.Api.Features.Jobs;

/// <summary>
/// Quartz.NET with its ADO job store on the hub's PostgreSQL (tables in schema <c>quartz</c>, created by Quartz
/// itself on first start), clustered: each trigger fires on exactly one host, and a job of a host that dies is
/// recovered by another. Features add their jobs in <see cref="AddHubJobs"/>.
/// </summary>
public static class JobsModule
{
    /// <summary>Table prefix: Quartz's tables live in their own schema, out of Respawn's and EF's way.</summary>
    public const string TablePrefix = "quartz.qrtz_";

    public static IHostApplicationBuilder AddHubJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobOptions>()
            .Bind(builder.Configuration.GetSection(JobOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.IdleWaitTime >= TimeSpan.FromSeconds(1), "Jobs:IdleWaitTime must be at least one second")
            .Validate(o => o.CheckinMisfireThreshold >= o.CheckinInterval, "Jobs:CheckinMisfireThreshold must not be shorter than Jobs:CheckinInterval")
            .ValidateOnStart();
        var jobs = builder.Configuration.GetSection(JobOptions.Section).Get<JobOptions>() ?? new JobOptions();
        var aggregates = builder.Configuration.GetSection(AggregateOptions.Section).Get<AggregateOptions>() ?? new AggregateOptions();
        var connectionString = builder.Configuration["DTHUB_DB"] is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : builder.Configuration["Database:ConnectionString"] is { Length: > 0 } configured ? configured : builder.Configuration.GetConnectionString("Hub")
              ?? throw new InvalidOperationException("No database connection string (ConnectionStrings:Hub or DTHUB_DB) for the job store.");

        builder.Services.AddAggregates(builder.Configuration);
        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "dthub";
                s.IdleWaitTime = jobs.IdleWaitTime;
                if (jobs.InstanceId != "AUTO") s.InstanceId = jobs.InstanceId;
            });
            q.UseDefaultThreadPool(maxConcurrency: jobs.MaxConcurrency);
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
                store.ConfigureStore(o => o.TablePrefix = TablePrefix);
                store.UseClustering(c =>
                {
                    c.CheckinInterval = jobs.CheckinInterval;
                    c.CheckinMisfireThreshold = jobs.CheckinMisfireThreshold;
                });
            });
            RefreshAggregatesJob.Configure(q, aggregates);
        });
        if (jobs.RunScheduler)
            builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddSingleton<AggregateRefresher>();
        builder.Services.AddHealthChecks().AddCheck<SchedulerHealthCheck>("scheduler", tags: ["ready"]);
        return builder;
    }
}
