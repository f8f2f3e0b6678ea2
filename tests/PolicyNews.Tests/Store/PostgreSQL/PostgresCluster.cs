using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PolicyNews.Tests.Store.PostgreSQL;

/// <summary>
/// A throw-away PostgreSQL cluster: <c>initdb</c> into a temporary folder, started with <c>pg_ctl</c>
/// on a free loopback port with its unix socket in the same folder, stopped and deleted on dispose.
/// Debian's server (<c>apt-get install postgresql</c>) is found under /usr/lib/postgresql/N/bin.
/// <c>initdb</c> refuses to run as root, so as root every server command runs as the user
/// <c>postgres</c> (which the package creates) through <c>runuser</c>, in a folder that user owns.
/// Durability is switched off (fsync, full-page writes): the data dies with the test run.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    const string ServerUser = "postgres";

    readonly string bin;
    readonly string folder;
    readonly bool asServerUser = Environment.UserName == "root";

    PostgresCluster(string bin, string folder, int port)
    {
        this.bin = bin;
        this.folder = folder;
        Port = port;
    }

    public int Port { get; }

    string DataFolder => Path.Combine(folder, "data");

    /// <summary>The newest installed server's bin folder, or null when PostgreSQL is not installed.</summary>
    public static string? FindBin() => Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault()
        : null;

    /// <summary>Why a cluster cannot be started here, or null when it can.</summary>
    public static string? Unavailable { get; } = FindBin() is null
        ? "PostgreSQL is not installed (no /usr/lib/postgresql/N/bin/initdb): apt-get install postgresql"
        : Environment.UserName == "root" && !File.Exists("/usr/sbin/runuser")
            ? "running as root without /usr/sbin/runuser, and initdb refuses to run as root"
            : null;

    public static PostgresCluster Start()
    {
        var bin = FindBin() ?? throw new InvalidOperationException(Unavailable);
        var folder = Path.Combine(Path.GetTempPath(), "policynews-pg-" + Guid.NewGuid().ToString("n")[..12]);
        Directory.CreateDirectory(folder);
        var cluster = new PostgresCluster(bin, folder, FreePort());
        try
        {
            if (cluster.asServerUser)
                Run("chown", [ServerUser, folder]);
            cluster.Server("initdb", "-D", cluster.DataFolder, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
            cluster.Server("pg_ctl", "-D", cluster.DataFolder, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o",
                $"-p {cluster.Port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off",
                "start");
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>A connection string to <paramref name="database"/> as the superuser, over loopback TCP.</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        // Each test's database is dropped afterwards; pooled connections would keep it in use.
        Pooling = false,
    }.ToString();

    /// <summary>Creates an empty database with a fresh name and returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = "archive_" + Guid.NewGuid().ToString("n")[..12];
        using var connection = new NpgsqlConnection(ConnectionString());
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    public void Dispose()
    {
        try
        {
            if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
                Server("pg_ctl", "-D", DataFolder, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>A server program from <see cref="bin"/>, as the server user when we are root.</summary>
    void Server(string program, params string[] arguments)
    {
        var path = Path.Combine(bin, program);
        if (asServerUser)
            Run("/usr/sbin/runuser", ["-u", ServerUser, "--", path, .. arguments]);
        else
            Run(path, arguments);
    }

    static void Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output.Result}\n{error}");
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
