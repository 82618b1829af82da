namespace DtHub.Bench.Running;

public static class BenchRunner
{
    public static Task<int> RunAsync(BenchArguments options) => Task.FromResult(0);
}
