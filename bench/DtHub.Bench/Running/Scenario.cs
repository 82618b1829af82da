namespace DtHub.Bench.Running;

/// <summary>
/// One question asked three ways: the SQL an expert would write (the floor), DtHub's GraphQL and PostGraphile's.
/// A null engine means it cannot express the question; <see cref="PendingReason"/> marks a scenario whose feature
/// has not landed yet.
/// </summary>
public sealed record Scenario(
    string Name,
    string Description,
    Func<Task>? Floor,
    Func<Task>? DtHub,
    Func<Task>? PostGraphile,
    int Runs = 60,
    string? PendingReason = null,
    string? ThroughputBody = null,
    string? PostGraphileThroughputBody = null);

/// <summary>What the runner measured for a scenario (times in ms).</summary>
public sealed record ScenarioResult(
    string Scenario,
    string Scale,
    string Description,
    Timing? Floor,
    Timing? DtHub,
    Timing? PostGraphile,
    double? ReqPerSecond,
    double? PostGraphileReqPerSecond,
    double? FloorReqPerSecond,
    string Status,
    string? Note);
