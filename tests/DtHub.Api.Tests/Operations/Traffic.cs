using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace DtHub.Api.Tests.Operations;

/// <summary>What one request of the traffic got: when it ran (from the traffic's start), its status, error code and Retry-After.</summary>
internal sealed record Answer(string Kind, TimeSpan Started, TimeSpan Finished, int Status, string? Code, string? RetryAfter, string Body)
{
    public bool Succeeded => Status is 200 or 204 && Code is null;
}

/// <summary>Several tasks sending requests back to back until stopped, every answer recorded with its timing.</summary>
internal sealed class Traffic : IAsyncDisposable
{
    private readonly ConcurrentQueue<Answer> _answers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<Task> _workers = [];

    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyList<Answer> Answers => [.. _answers.OrderBy(a => a.Started)];

    /// <summary>Starts <paramref name="workers"/> tasks; each calls <paramref name="send"/> (given its worker index and a counter) in a loop.</summary>
    public static Traffic Start(int workers, Func<int, long, CancellationToken, Task<(string Kind, HttpResponseMessage Response)>> send)
    {
        var traffic = new Traffic();
        for (var w = 0; w < workers; w++)
        {
            var worker = w;
            traffic._workers.Add(Task.Run(async () =>
            {
                for (long n = 0; !traffic._stop.IsCancellationRequested; n++)
                {
                    var started = traffic.Now;
                    Answer answer;
                    try
                    {
                        var (kind, response) = await send(worker, n, traffic._stop.Token);
                        using (response)
                        {
                            var body = await response.Content.ReadAsStringAsync();
                            answer = new Answer(kind, started, traffic.Now, (int)response.StatusCode, ErrorCode(body),
                                response.Headers.RetryAfter?.ToString(), body);
                        }
                    }
                    catch (OperationCanceledException) when (traffic._stop.IsCancellationRequested)
                    {
                        return;
                    }
                    catch (HttpRequestException e)
                    {
                        answer = new Answer("transport", started, traffic.Now, 0, "HTTP_FAILURE", null, e.Message);
                    }
                    traffic._answers.Enqueue(answer);
                }
            }));
        }
        return traffic;
    }

    /// <summary>Polls until <paramref name="condition"/> holds over the answers so far.</summary>
    public async Task UntilAsync(Func<IReadOnlyList<Answer>, bool> condition, TimeSpan timeout, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition(Answers))
        {
            if (waited.Elapsed > timeout) throw new TimeoutException($"Not within {timeout.TotalSeconds} s: {what}. Last answers:\n{string.Join('\n', Answers.TakeLast(5))}");
            await Task.Delay(25);
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync();
        _stop.Dispose();
    }

    /// <summary>The first error's code: <c>errors[0].extensions.code</c> (GraphQL) or <c>code</c> (problem document).</summary>
    private static string? ErrorCode(string body)
    {
        if (string.IsNullOrEmpty(body) || body[0] != '{') return null;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
                return errors[0].TryGetProperty("extensions", out var ext) && ext.TryGetProperty("code", out var code) ? code.GetString() : "UNCODED_ERROR";
            return json.RootElement.TryGetProperty("code", out var problem) ? problem.GetString() : null;
        }
        catch (JsonException)
        {
            return "NOT_JSON";
        }
    }
}
