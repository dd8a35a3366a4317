using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// The remote cache, against a real nginx with WebDAV PUT: a second clone builds from what the first pushed, and a
/// remote that is down, slow or returns garbage costs a warning and a training run, never the build or the local cache.
/// </summary>
[TestClass]
public sealed class RemoteCacheTests
{
    private static UserProject NewProject(string test) => ChurnProject.Create(test, seed: 5, dataSeed: 5);

    [TestMethod]
    public void ASecondClonePointedAtTheSameRemoteBuildsWithoutTraining()
    {
        using var nginx = NginxRemote.Start();
        var remote = $"-p:ReproBuildRemote={nginx.Url}secure/";
        var credentials = new Dictionary<string, string?> { ["REPROBUILD_REMOTE_CREDENTIALS"] = $"{NginxRemote.User}:{NginxRemote.Password}" };
        var first = NewProject(nameof(ASecondClonePointedAtTheSameRemoteBuildsWithoutTraining));
        var pushed = first.Build(credentials, remote, "-v:detailed").ShouldSucceed();
        StringAssert.Contains(pushed.Output, "ReproBuild: trained Churn");
        var sha256 = BuildOutputsTests.Sha256(first.Output("models/Churn.zip"));
        Assert.IsTrue(File.Exists(Path.Combine(nginx.Root, "secure", "cas", sha256)), $"The model was not pushed:\n{pushed.Output}");
        Assert.AreEqual(1, Directory.GetFiles(Path.Combine(nginx.Root, "secure", "ac")).Length);

        // Another machine: another folder, an empty local cache of its own.
        var second = first.CopyTo(Path.GetFileName(first.Directory) + "-second");
        var pulled = second.Build(credentials, remote, "-v:detailed").ShouldSucceed();
        StringAssert.Contains(pulled.Output, "ReproBuild: restored Churn from the remote cache");
        Assert.IsFalse(pulled.Output.Contains("ReproBuild: trained", StringComparison.Ordinal), pulled.Output);
        Assert.AreEqual(sha256, BuildOutputsTests.Sha256(second.Output("models/Churn.zip")));
        Assert.IsTrue(File.Exists(Path.Combine(second.Directory + ".cache", "cas", sha256)), "What came from the remote was not kept in the local cache.");

        foreach (var output in new[] { pushed.Output, pulled.Output })
        {
            Assert.IsFalse(output.Contains(NginxRemote.Password, StringComparison.Ordinal), "The remote's password reached the build log.");
            Assert.IsFalse(output.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{NginxRemote.User}:{NginxRemote.Password}")), StringComparison.Ordinal), "The encoded credentials reached the build log.");
        }
        var provenance = File.ReadAllText(second.Output("models/Churn.provenance.json"));
        Assert.IsFalse(provenance.Contains("127.0.0.1", StringComparison.Ordinal), "The remote's address went into the provenance.");

        // Without the credentials the remote refuses: a warning, and the model trains.
        var third = first.CopyTo(Path.GetFileName(first.Directory) + "-third");
        var refused = third.Build(remote).ShouldSucceed();
        Assert.IsTrue(refused.Output.Contains("warning RB4005", StringComparison.Ordinal) && refused.Output.Contains("401", StringComparison.Ordinal), refused.Output);
        StringAssert.Contains(refused.Output, "ReproBuild: trained Churn");
    }

    [TestMethod]
    public void ARemoteThatIsDownSlowOrWrongNeverFailsTheBuildNorPoisonsTheCache()
    {
        var project = NewProject(nameof(ARemoteThatIsDownSlowOrWrongNeverFailsTheBuildNorPoisonsTheCache));

        // Down: nothing listens on the port.
        var down = project.Build($"-p:ReproBuildRemote=http://127.0.0.1:{NginxRemote.FreePort()}/").ShouldSucceed();
        Assert.IsTrue(down.Output.Contains("warning RB4005", StringComparison.Ordinal), down.Output);
        StringAssert.Contains(down.Output, "ReproBuild: trained Churn");
        var sha256 = BuildOutputsTests.Sha256(project.Output("models/Churn.zip"));
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(project.IntermediateDirectory(), "models", "Churn.inputs.json"))));

        // Slow: accepts the connection and never answers.
        using (var silent = new TcpListener(IPAddress.Loopback, 0))
        {
            silent.Start();
            var port = ((IPEndPoint)silent.LocalEndpoint).Port;
            project.Run("clean").ShouldSucceed();
            var slow = project.Build(new Dictionary<string, string?> { ["REPROBUILD_CACHE"] = null }, $"-p:ReproBuildRemote=http://127.0.0.1:{port}/", "-p:ReproBuildRemoteTimeout=2", "-p:ReproBuildCacheDir=", "--no-restore").ShouldSucceed();
            Assert.IsTrue(slow.Output.Contains("warning RB4005", StringComparison.Ordinal) && slow.Output.Contains("within 2 s", StringComparison.Ordinal), slow.Output);
            StringAssert.Contains(slow.Output, "ReproBuild: trained Churn");
        }

        // Wrong: the record is right but the content behind it is not what its digest says.
        using var nginx = NginxRemote.Start();
        Directory.CreateDirectory(Path.Combine(nginx.Root, "ac"));
        Directory.CreateDirectory(Path.Combine(nginx.Root, "cas"));
        File.Copy(Path.Combine(project.Directory + ".cache", "ac", fingerprint), nginx.PathOf("ac", fingerprint));
        foreach (var entry in Directory.GetFiles(Path.Combine(project.Directory + ".cache", "cas")))
        {
            File.WriteAllText(nginx.PathOf("cas", Path.GetFileName(entry)), "not what you asked for");
        }
        var fresh = project.CopyTo(Path.GetFileName(project.Directory) + "-fresh");
        var wrong = fresh.Build($"-p:ReproBuildRemote={nginx.Url}").ShouldSucceed();
        Assert.IsTrue(wrong.Output.Contains("warning RB4006", StringComparison.Ordinal), wrong.Output);
        StringAssert.Contains(wrong.Output, "ReproBuild: trained Churn");
        Assert.AreEqual(sha256, BuildOutputsTests.Sha256(fresh.Output("models/Churn.zip")));
        Assert.AreEqual(sha256, BuildOutputsTests.Sha256(Path.Combine(fresh.Directory + ".cache", "cas", sha256)), "The local cache kept the remote's garbage.");
    }
}
