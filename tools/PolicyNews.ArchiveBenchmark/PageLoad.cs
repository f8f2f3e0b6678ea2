using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PolicyNews.Benchmarks;

/// <summary>
/// What wrk measured for one address: requests per second, latency percentiles, answers that were
/// not 2xx, and the CPU the serving processes spent per answered request (microseconds; null when
/// nothing answered).
/// </summary>
public sealed record LoadResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Non2xx, double? CpuMicroseconds);

/// <summary>
/// wrk against one address at a time, bounded in time, on 127.0.0.1 only: a short warm-up
/// (JIT, caches, the output cache's first render) and then the measured run.
/// </summary>
public sealed partial class PageLoad(int connections, int seconds)
{
    /// <param name="server">The process serving <paramref name="url"/>: its CPU time (and its children's, nginx's workers) is read before and after the run.</param>
    public LoadResult Measure(string url, Started server)
    {
        if (!url.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
            throw new ArgumentException($"only 127.0.0.1 is measured: {url}");
        Wrk(url, 2);
        var before = server.CpuTime();
        var output = Wrk(url, seconds, "--latency");
        var cpu = server.CpuTime() - before;
        var requests = double.Parse(Requests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        return new LoadResult(
            double.Parse(Rps().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Milliseconds(Percentile().Matches(output).First(m => m.Groups[1].Value == "50")),
            Milliseconds(Percentile().Matches(output).First(m => m.Groups[1].Value == "99")),
            Non2xx().Match(output) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            requests > 0 ? cpu.TotalMicroseconds / requests : null);
    }

    /// <summary>Load without measuring, for <paramref name="duration"/> seconds.</summary>
    public void WarmUp(string url, int duration)
    {
        if (!url.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
            throw new ArgumentException($"only 127.0.0.1 is loaded: {url}");
        Wrk(url, duration);
    }

    string Wrk(string url, int duration, params string[] extra)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-t2", $"-c{connections}", $"-d{duration}s", "--timeout", "10s" }.Concat(extra).Append(url))
            start.ArgumentList.Add(arg);
        using var wrk = Process.Start(start)!;
        var output = wrk.StandardOutput.ReadToEnd();
        wrk.WaitForExit();
        if (wrk.ExitCode != 0)
            throw new InvalidOperationException($"wrk failed on {url}: {wrk.StandardError.ReadToEnd()}");
        return output;
    }

    static double Milliseconds(Match m)
    {
        var value = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        return m.Groups[3].Value switch { "us" => value / 1000, "ms" => value, "s" => value * 1000, _ => value * 60_000 };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex Rps();

    [GeneratedRegex(@"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex Percentile();

    [GeneratedRegex(@"(\d+) requests in ")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();
}

/// <summary>A process this benchmark started and stops again by its own id (never by name).</summary>
public sealed class Started(Process process) : IDisposable
{
    public Process Process { get; } = process;

    public static Started Run(string file, string? workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        var process = Process.Start(start)!;
        // Drained, so a chatty process never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Started(process);
    }

    /// <summary>The most memory the process has held (VmHWM), in MB; null once it has exited.</summary>
    public double? PeakMegabytes()
    {
        try
        {
            var line = File.ReadLines($"/proc/{Process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// User and system CPU time of the process and of its child processes still running (nginx's
    /// workers), from /proc. Unlike requests/s, CPU per request hardly moves when other work loads
    /// the machine: a process is only charged for what it runs.
    /// </summary>
    public TimeSpan CpuTime()
    {
        var ticks = 0L;
        foreach (var pid in Children(Process.Id).Prepend(Process.Id))
        {
            try
            {
                // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException) { }   // exited meanwhile
        }
        return TimeSpan.FromSeconds(ticks / 100.0);   // USER_HZ: 100 on Linux
    }

    static IEnumerable<int> Children(int pid)
    {
        string list;
        try
        {
            list = File.ReadAllText($"/proc/{pid}/task/{pid}/children");
        }
        catch (IOException)
        {
            yield break;
        }
        foreach (var child in list.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            yield return int.Parse(child, CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);   // nginx's workers too: killing its master alone leaves them holding the port
            Process.WaitForExit(10_000);
        }
        Process.Dispose();
    }
}
