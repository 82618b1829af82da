using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DtHub.Bench.Running;

/// <summary>
/// Does abuse hurt everyone else? Normal queries run at fixed concurrency from one client while a second client sends
/// abusive requests (too deep, too many aliases, fragment cycle, over the cost cap, <c>first: 100000</c>, 3 MB body,
/// 11-operation batch) at a fixed rate. Windows without and with the abuse alternate; the p99 of the normal
/// queries in each condition and their ratio are printed with the load average.
/// <c>DtHub.Bench run --abuse true --dthub URL [--abuse-rate 50] [--window 10] [--rounds 3] [--concurrency 4]</c>.
/// The API must not rate-limit the loopback address for the run (both clients share it): start it with a high <c>RateLimit:PerIpPermits</c>.
/// </summary>
public static class AbuseLoad
{
    public static async Task<int> RunAsync(BenchArguments options)
    {
        var url = options.Get("dthub") ?? throw new ArgumentException("--dthub <graphql url> is required");
        var rate = int.Parse(options.Get("abuse-rate") ?? "50", CultureInfo.InvariantCulture);
        var window = TimeSpan.FromSeconds(int.Parse(options.Get("window") ?? "10", CultureInfo.InvariantCulture));
        var rounds = int.Parse(options.Get("rounds") ?? "3", CultureInfo.InvariantCulture);
        var concurrency = int.Parse(options.Get("concurrency") ?? "4", CultureInfo.InvariantCulture);

        // Two clients, two connection pools: the abuser does not share sockets with the normal traffic.
        using var normalHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var abuseHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var normal = await NormalQueriesAsync(normalHttp, url);
        var abusive = AbusiveBodies();
        Console.WriteLine($"abuse: {normal.Count} normal queries at concurrency {concurrency}, {abusive.Count} abusive shapes at {rate}/s, {rounds} × ({window.TotalSeconds:F0} s quiet + {window.TotalSeconds:F0} s abused); load {LoadAverage()}");

        await RunWindowAsync(normalHttp, url, normal, concurrency, TimeSpan.FromSeconds(3)); // warm-up
        var quiet = new List<double>();
        var abused = new List<double>();
        var abuseStatuses = new Dictionary<int, int>();
        var abuseLatencies = new List<double>();
        var sent = 0;
        for (var round = 0; round < rounds; round++)
        {
            quiet.AddRange(await RunWindowAsync(normalHttp, url, normal, concurrency, window));

            using var stop = new CancellationTokenSource(window);
            var abuser = AbuseAsync(abuseHttp, url, abusive, rate, abuseStatuses, abuseLatencies, stop.Token);
            abused.AddRange(await RunWindowAsync(normalHttp, url, normal, concurrency, window));
            sent += await abuser;
        }

        quiet.Sort();
        abused.Sort();
        abuseLatencies.Sort();
        var p99Quiet = Percentile(quiet, 0.99);
        var p99Abused = Percentile(abused, 0.99);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  normal without abuse: {quiet.Count} requests, p50 {Percentile(quiet, 0.5):F1} ms, p99 {p99Quiet:F1} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  normal with abuse:    {abused.Count} requests, p50 {Percentile(abused, 0.5):F1} ms, p99 {p99Abused:F1} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  abusive: {sent} sent ({sent / (rounds * window.TotalSeconds):F1}/s), answered {string.Join(", ", abuseStatuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}, p50 {Percentile(abuseLatencies, 0.5):F1} ms, p99 {Percentile(abuseLatencies, 0.99):F1} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  p99 ratio with/without: {p99Abused / p99Quiet:F2} (target ≤ 1.5); load {LoadAverage()}"));
        return p99Abused <= 1.5 * p99Quiet ? 0 : 1;
    }

    /// <summary>Everyday reads of the operations centre and the map, on ids taken from the running hub.</summary>
    private static async Task<List<string>> NormalQueriesAsync(HttpClient http, string url)
    {
        var client = new GraphQLClient(http, url);
        var wards = await client.QueryAsync("{ wards(first: 3) { nodes { id } } }");
        var wardId = wards.GetProperty("wards").GetProperty("nodes")[0].GetProperty("id").GetString()!;
        return
        [
            GraphQLClient.Body("query WardList { wards(first: 50) { nodes { id code name kind } } }", null),
            GraphQLClient.Body("query WardMerchants($id: ID!) { node(id: $id) { ... on Ward { name merchants(first: 20) { totalCount nodes { name category } } } } }", new { id = wardId }),
            GraphQLClient.Body("query MerchantPage { merchants(first: 20) { totalCount nodes { id name category location } } }", null),
            GraphQLClient.Body("query Teams { teams(first: 20) { nodes { id name } } }", null),
        ];
    }

    private static List<string> AbusiveBodies()
    {
        var deep = "{ merchants(first: 1) { nodes { " + string.Concat(Enumerable.Repeat("ward { merchants(first: 1) { nodes { ", 5)) + "name"
            + string.Concat(Enumerable.Repeat(" } } }", 5)) + " } } }";
        var aliases = "{ " + string.Join(" ", Enumerable.Range(0, 31).Select(i => $"a{i}: wards(first: 1) {{ nodes {{ code }} }}")) + " }";
        var cycle = "{ wards(first: 1) { nodes { ...A } } } fragment A on Ward { code ...B } fragment B on Ward { name ...A }";
        var cost = "{ merchants(first: 100) { nodes { ward { merchants(first: 100) { nodes { ward { merchants(first: 100) { nodes { name } } } } } } } } }";
        var huge = "{ merchants(first: 100000) { nodes { name } } }";
        var oversized = "{ wards(first: 1) { nodes { code } } }" + new string(' ', 3 * 1024 * 1024);
        var batch = JsonSerializer.Serialize(Enumerable.Range(0, 11).Select(_ => new { query = "{ wards(first: 1) { nodes { code } } }" }));
        return
        [
            GraphQLClient.Body(deep, null),
            GraphQLClient.Body(aliases, null),
            GraphQLClient.Body(cycle, null),
            GraphQLClient.Body(cost, null),
            GraphQLClient.Body(huge, null),
            GraphQLClient.Body(oversized, null),
            batch,
        ];
    }

    /// <summary>Runs the normal queries round-robin on <paramref name="concurrency"/> workers for the window; returns each latency in ms.</summary>
    private static async Task<List<double>> RunWindowAsync(HttpClient http, string url, List<string> bodies, int concurrency, TimeSpan window)
    {
        var deadline = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var latencies = new List<double>();
            for (var i = worker; deadline.Elapsed < window; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await PostAsync(http, url, bodies[i % bodies.Count]);
                var text = await response.Content.ReadAsStringAsync();
                watch.Stop();
                if (!response.IsSuccessStatusCode || JsonNode.Parse(text)?["errors"] is not null)
                    throw new InvalidOperationException($"normal query failed: HTTP {(int)response.StatusCode} {text[..Math.Min(400, text.Length)]}");
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }
            return latencies;
        });
        return (await Task.WhenAll(workers)).SelectMany(l => l).ToList();
    }

    /// <summary>Open loop: one abusive request every 1/rate s whatever the answers take; returns how many were sent.</summary>
    private static async Task<int> AbuseAsync(HttpClient http, string url, List<string> bodies, int rate, Dictionary<int, int> statuses,
        List<double> latencies, CancellationToken stop)
    {
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>();
        var sent = 0;
        while (!stop.IsCancellationRequested)
        {
            var body = bodies[sent % bodies.Count];
            inFlight.Add(Task.Run(async () =>
            {
                var watch = Stopwatch.StartNew();
                int status;
                try
                {
                    using var response = await PostAsync(http, url, body);
                    await response.Content.ReadAsByteArrayAsync();
                    status = (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    status = 0; // the server closed the connection on an oversized body
                }
                lock (statuses)
                {
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    latencies.Add(watch.Elapsed.TotalMilliseconds);
                }
            }, CancellationToken.None));
            sent++;
            var next = interval * sent - clock.Elapsed;
            if (next > TimeSpan.Zero)
            {
                try { await Task.Delay(next, stop); } catch (TaskCanceledException) { break; }
            }
        }
        await Task.WhenAll(inFlight);
        return sent;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string url, string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        return http.SendAsync(request);
    }

    private static double Percentile(List<double> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
