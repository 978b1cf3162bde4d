using System.Globalization;

namespace RenderHooks.LoadBench;

/// <summary>The benchmark's settings, from <c>--name value</c> arguments (bench/load.sh passes the paths).</summary>
internal sealed record BenchOptions
{
    /// <summary>The Azurite executable (node_modules/.bin/azurite).</summary>
    public required string AzuritePath { get; init; }

    public string AzuriteVersion { get; init; } = "?";

    /// <summary>The Release server's executable (its apphost), started as a separate process.</summary>
    public required string ServerPath { get; init; }

    /// <summary>
    /// A Functions host for the intake-through-the-host rows: the path of Microsoft.Azure.WebJobs.Script.WebHost.dll, or
    /// of Core Tools' func; null leaves those rows out.
    /// </summary>
    public string? FunctionsHostPath { get; init; }

    /// <summary>The Functions app's Release build output, which the host runs.</summary>
    public string? FunctionsAppFolder { get; init; }

    /// <summary>Where the processes' logs and pid files go.</summary>
    public required string WorkFolder { get; init; }

    /// <summary>Azurite's blob port; queue and table follow, then the server's.</summary>
    public int BasePort { get; init; } = 10110;

    public int ServerPort => BasePort + 3;

    public int FunctionsHostPort => BasePort + 4;

    public IReadOnlyList<int> Concurrencies { get; init; } = [1, 8, 32, 64];

    /// <summary>How long each path runs, twice, at the highest concurrency before anything is measured.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Measured time per kind (ceiling, intake) and concurrency, split into <see cref="Rounds"/> alternating rounds.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(8);

    public int Rounds { get; init; } = 4;

    /// <summary>Deliveries written to the queue before processing starts, to measure processing throughput.</summary>
    public int Backlog { get; init; } = 2000;

    /// <summary>Webhooks per second in the end-to-end phase: below processing capacity, so latency is not queueing.</summary>
    public int EndToEndRate { get; init; } = 40;

    public TimeSpan EndToEndDuration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Webhooks sent 1.5-3.5 s apart, each to a server that has backed off to its longest polling interval.</summary>
    public int SparseWebhooks { get; init; } = 8;

    /// <summary>Concurrencies of the large-body rows (JSON2Video webhooks of <see cref="LargeBodyBytes"/>).</summary>
    public IReadOnlyList<int> LargeConcurrencies { get; init; } = [1, 8, 32];

    /// <summary>The body size of the large-body rows: 256 KiB, well above a queue message's 35,840 bytes.</summary>
    public int LargeBodyBytes { get; init; } = 256 * 1024;

    /// <summary>Measured time per large-body row; zero leaves the rows out.</summary>
    public TimeSpan LargeDuration { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Concurrent webhooks of the memory burst.</summary>
    public int BurstConnections { get; init; } = 32;

    /// <summary>The body size of the memory burst: 1 MiB, the default RenderHooks:Intake:MaxBodyBytes.</summary>
    public int BurstBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>Measured time of the memory burst's closed loop; zero leaves it out.</summary>
    public TimeSpan BurstDuration { get; init; } = TimeSpan.FromSeconds(4);

    public const string Usage =
        "Options: --azurite --server --work (set by bench/load.sh); --concurrency 1,8,32,64 --warmup 3 --duration 8 " +
        "(measured seconds per kind and concurrency) --rounds 4 (alternating ceiling/intake rounds) --backlog 2000 " +
        "--e2e-rate 40 (webhooks/s) --e2e-duration 20 (seconds) --e2e-sparse 8 (webhooks 1.5-3.5 s apart) --base-port 10110; " +
        "--large-concurrency 1,8,32 --large-bytes 262144 --large-duration 4 (0: no large-body rows) " +
        "--burst-connections 32 --burst-bytes 1048576 --burst-duration 4 (0: no memory burst); " +
        "--functions-host (WebHost dll or func) with --functions-app (the app's build output) adds intake through the Functions host.";

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Expected --name value pairs; '{args[i]}' has no value. {Usage}");
            }

            values[args[i][2..]] = args[++i];
        }

        string Required(string name) =>
            values.Remove(name, out var value) ? value : throw new ArgumentException($"--{name} is required. {Usage}");
        string? Optional(string name) => values.Remove(name, out var value) ? value : null;

        var defaults = new BenchOptions { AzuritePath = "", ServerPath = "", WorkFolder = "" };
        var options = new BenchOptions
        {
            AzuritePath = Required("azurite"),
            AzuriteVersion = Optional("azurite-version") ?? defaults.AzuriteVersion,
            ServerPath = Required("server"),
            WorkFolder = Required("work"),
            FunctionsHostPath = Optional("functions-host"),
            FunctionsAppFolder = Optional("functions-app"),
            BasePort = Optional("base-port") is { } port ? ParseInt(port) : defaults.BasePort,
            Concurrencies = Optional("concurrency") is { } list ? [.. list.Split(',').Select(ParseInt)] : defaults.Concurrencies,
            Warmup = Optional("warmup") is { } warmup ? Seconds(warmup) : defaults.Warmup,
            Duration = Optional("duration") is { } duration ? Seconds(duration) : defaults.Duration,
            Rounds = Optional("rounds") is { } rounds ? ParseInt(rounds) : defaults.Rounds,
            Backlog = Optional("backlog") is { } backlog ? ParseInt(backlog) : defaults.Backlog,
            EndToEndRate = Optional("e2e-rate") is { } rate ? ParseInt(rate) : defaults.EndToEndRate,
            EndToEndDuration = Optional("e2e-duration") is { } e2e ? Seconds(e2e) : defaults.EndToEndDuration,
            SparseWebhooks = Optional("e2e-sparse") is { } sparse ? ParseInt(sparse) : defaults.SparseWebhooks,
            LargeConcurrencies = Optional("large-concurrency") is { } large ? [.. large.Split(',').Select(ParseInt)] : defaults.LargeConcurrencies,
            LargeBodyBytes = Optional("large-bytes") is { } largeBytes ? ParseInt(largeBytes) : defaults.LargeBodyBytes,
            LargeDuration = Optional("large-duration") is { } largeDuration ? Seconds(largeDuration) : defaults.LargeDuration,
            BurstConnections = Optional("burst-connections") is { } burst ? ParseInt(burst) : defaults.BurstConnections,
            BurstBodyBytes = Optional("burst-bytes") is { } burstBytes ? ParseInt(burstBytes) : defaults.BurstBodyBytes,
            BurstDuration = Optional("burst-duration") is { } burstDuration ? Seconds(burstDuration) : defaults.BurstDuration,
        };
        if ((options.FunctionsHostPath is null) != (options.FunctionsAppFolder is null))
        {
            throw new ArgumentException($"--functions-host and --functions-app go together. {Usage}");
        }

        if (values.Count > 0)
        {
            throw new ArgumentException($"Unknown option(s): {string.Join(", ", values.Keys.Select(k => "--" + k))}. {Usage}");
        }

        return options;
    }

    private static int ParseInt(string text) => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static TimeSpan Seconds(string text) => TimeSpan.FromSeconds(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
}
