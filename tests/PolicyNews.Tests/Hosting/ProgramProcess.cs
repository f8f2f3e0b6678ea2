using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace PolicyNews.Tests.Hosting;

/// <summary>
/// A built program of this repository (PolicyNews.Web.dll, PolicyNews.Importer.dll) run as a real process: its exit code and everything it printed, as an operator sees them.
/// </summary>
public sealed partial class ProgramProcess : IDisposable
{
    /// <summary>Long enough for a slow, shared build machine; the programs answer in about a second.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    readonly Process process;
    readonly StringBuilder output = new();
    readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    ProgramProcess(ProcessStartInfo start)
    {
        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Received(e.Data);
        process.ErrorDataReceived += (_, e) => Received(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("the program exited before it listened"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>
    /// The program in its own output folder, built in the tests' configuration: the copy beside the
    /// tests resolves its dependencies against the test host's (ASP.NET) framework, which the
    /// importer does not use.
    /// </summary>
    public static string Dll(string name)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(Repository.Root, "src", name, "bin", configuration, "net10.0", name + ".dll");
        Assert.True(File.Exists(dll), $"build {name} first: {dll}");
        return dll;
    }

    /// <summary>The portal with its production environment, the database given and an ephemeral loopback port.</summary>
    public static ProgramProcess Portal(string database, params string[] settings) => new(Start(
        "dotnet", [Dll("PolicyNews.Web"), "--urls=http://127.0.0.1:0", $"--Archive:Database={database}",
            $"--Archive:Seeds={Repository.Seeds}", .. settings]));

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="arguments"/> under bash, where
    /// <paramref name="limitKilobytes"/> sets RLIMIT_FSIZE (no file may grow past it: a write past it
    /// fails with EFBIG, as on a full disk; SIGXFSZ ignored so the write fails instead of killing).
    /// The runtime's W^X double mapping writes to a file and would trip the limit, hence it is off.
    /// </summary>
    public static ProgramProcess Limited(int limitKilobytes, string program, params string[] arguments)
    {
        var start = Start("bash", ["-c", $"trap '' XFSZ; ulimit -f {limitKilobytes}; exec \"$@\"", "bash", program, .. arguments]);
        start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        return new ProgramProcess(start);
    }

    public static ProgramProcess Run(string program, params string[] arguments) => new(Start(program, arguments));

    static ProcessStartInfo Start(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = Repository.Root,   // the portal finds wwwroot/ and docs/ here
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");
        return start;
    }

    void Received(string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
        if (ListeningLine().Match(line) is { Success: true } m)
            listening.TrySetResult(new Uri(m.Groups[1].Value));
    }

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    /// <summary>The non-empty lines printed so far, stdout and stderr together.</summary>
    public IReadOnlyList<string> Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Waits for the program to end by itself and returns its exit code.</summary>
    public async Task<int> Exited()
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"still running after {Patience}:\n{Output}");
        }
        process.WaitForExit();   // drains the output
        return process.ExitCode;
    }

    /// <summary>The portal's exit code, once it ended without ever listening (failing at once if it starts serving).</summary>
    public async Task<int> ExitedWithoutServing()
    {
        var exited = Exited();
        if (await Task.WhenAny(exited, listening.Task) != exited && listening.Task.IsCompletedSuccessfully)
            throw new InvalidOperationException($"the portal started serving at {listening.Task.Result}:\n{Output}");
        return await exited;
    }

    /// <summary>The portal's address once Kestrel says it is listening.</summary>
    public async Task<Uri> Listening()
    {
        try
        {
            return await listening.Task.WaitAsync(Patience);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"the portal did not start listening ({ex.Message}):\n{Output}", ex);
        }
    }

    /// <summary>SIGTERM, as <c>docker stop</c> sends it.</summary>
    public void Terminate() => kill(process.Id, 15);

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int signal);

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
    }
}
