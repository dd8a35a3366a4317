using System.Diagnostics;
using ReproBuild.Tests;

namespace ReproBuild.IntegrationTests.Infrastructure;

/// <summary>
/// A test server from the npm packages in Remote/package.json (Azurite, s3rver), started from
/// Remote/node_modules on a free loopback port with its data in a folder of its own, and killed with its children
/// on <see cref="Dispose"/>. Node.js and that install are required, like nginx: a missing one fails the test and
/// says how to install it (<c>.ci/run</c> does).
/// </summary>
internal sealed class NodeServer : IDisposable
{
    private readonly RunningCommand _process;

    private NodeServer(RunningCommand process, string data, int port)
    {
        _process = process;
        Data = data;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The server's own data folder.</summary>
    public string Data { get; }

    public static string Modules { get; } = Path.Combine(PackagedReproBuild.RepositoryRoot, "tests", "ReproBuild.IntegrationTests", "Remote", "node_modules");

    /// <param name="command">A command of the packages' <c>node_modules/.bin</c>.</param>
    /// <param name="arguments">Its arguments, given the port and the data folder.</param>
    public static NodeServer Start(string command, Func<int, string, IEnumerable<string>> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var node = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(folder => Path.Combine(folder, "node")).FirstOrDefault(File.Exists);
        var program = Path.Combine(Modules, ".bin", command);
        if (node is null || !File.Exists(program))
        {
            throw new AssertFailedException($"{(node is null ? "Node.js is not installed" : $"{command} is not installed")}: `apt-get install nodejs npm`, then `npm ci --prefix tests/ReproBuild.IntegrationTests/Remote` (.ci/run does both).");
        }
        var data = PackagedReproBuild.NewFolder(command);
        var port = NginxRemote.FreePort();
        var process = Processes.Start(node, data, [program, .. arguments(port, data)], environment);
        var server = new NodeServer(process, data, port);
        var deadline = Stopwatch.StartNew();
        while (!NginxRemote.Answers(port))
        {
            if (process.Process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                server.Dispose();
                throw new AssertFailedException($"{command} did not start on port {port}:\n{process.Output}");
            }
            Thread.Sleep(100);
        }
        return server;
    }

    public void Dispose()
    {
        _process.Dispose();
        TempFolder.DeleteQuietly(Data);
    }
}
