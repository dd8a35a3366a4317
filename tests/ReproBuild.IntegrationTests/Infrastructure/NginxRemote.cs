using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ReproBuild.IntegrationTests.Infrastructure;

/// <summary>
/// A real nginx on 127.0.0.1 with WebDAV PUT, configured by Remote/nginx.conf from the repository: the remote cache
/// a team would run. Its files are plain files under <see cref="Root"/>, so tests can look at or damage entries.
/// </summary>
internal sealed class NginxRemote : IDisposable
{
    public const string User = "builder";
    public const string Password = "s3cret-Passw0rd-4-tests";

    private readonly Process _process;
    private readonly string _prefix;

    private NginxRemote(Process process, string prefix, string root, int port)
    {
        _process = process;
        _prefix = prefix;
        Root = root;
        Url = $"http://127.0.0.1:{port}/";
    }

    /// <summary>The served folder: <c>cas/</c> and <c>ac/</c> appear here as builds push.</summary>
    public string Root { get; }

    /// <summary>The cache's base URL; <c>{Url}secure/</c> needs <see cref="User"/> and <see cref="Password"/>.</summary>
    public string Url { get; }

    public static NginxRemote Start()
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new AssertFailedException("nginx is not installed: `apt-get install nginx` (.ci/run installs it).");
        var prefix = PackagedReproBuild.NewFolder("nginx");
        var root = Path.Combine(prefix, "www");
        Directory.CreateDirectory(root);
        Directory.CreateDirectory(Path.Combine(root, "secure"));
        File.WriteAllText(Path.Combine(prefix, "htpasswd"), $"{User}:{{PLAIN}}{Password}\n");
        var port = FreePort();
        var template = File.ReadAllText(Path.Combine(PackagedReproBuild.RepositoryRoot, "tests", "ReproBuild.IntegrationTests", "Remote", "nginx.conf"));
        // As root (CI containers) workers would drop to 'nobody' and could not write the test's folder.
        var user = Environment.UserName == "root" ? "user root;" : "";
        File.WriteAllText(Path.Combine(prefix, "nginx.conf"), template
            .Replace("{{USER}}", user, StringComparison.Ordinal)
            .Replace("{{PREFIX}}", prefix, StringComparison.Ordinal)
            .Replace("{{ROOT}}", root, StringComparison.Ordinal)
            .Replace("{{PORT}}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        var info = new ProcessStartInfo(nginx) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-p", prefix, "-c", Path.Combine(prefix, "nginx.conf"), "-e", Path.Combine(prefix, "error.log") })
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info)!;
        var remote = new NginxRemote(process, prefix, root, port);
        var deadline = Stopwatch.StartNew();
        while (!Answers(port))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(20))
            {
                var log = File.Exists(Path.Combine(prefix, "error.log")) ? File.ReadAllText(Path.Combine(prefix, "error.log")) : "";
                remote.Dispose();
                throw new AssertFailedException($"nginx did not start on port {port}: {process.StandardError.ReadToEnd()}{log}");
            }
            Thread.Sleep(50);
        }
        return remote;
    }

    /// <summary>A port nothing listens on: a remote that is down.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public string PathOf(string kind, string key) => Path.Combine(Root, kind, key);

    /// <summary>Whether something accepts connections on the loopback port.</summary>
    public static bool Answers(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        TempFolder.DeleteQuietly(_prefix);
    }
}
