using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>
/// The object-storage remotes against real servers — Azurite for <c>azblob://</c>, s3rver for <c>s3://</c> — with the
/// folder and HTTP remotes' guarantees: a second clone restores without training, content that fails its digest is
/// refused and retrained, a remote that is down costs a warning, and the credentials never reach the build's output.
/// A pinned dataset is restored from the store's <c>cas/</c> as from any remote.
/// </summary>
[TestClass]
public sealed class ObjectStoreRemoteTests
{
    private static readonly string Data = TestData.Binary(seed: 5);
    private static readonly string DataSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Data)));

    // The dataset is pinned, so that a clone without it restores it from the store's cas/ too.
    private static readonly string Items = $"""
        <Dataset Include="data/customers.csv" Hash="{DataSha256}" />
        <Model Include="Churn" Dataset="customers" Task="BinaryClassification" LabelColumn="label"
               Trainer="FastTree" Seed="5" Parameters="NumberOfTrees=10;NumberOfLeaves=4" />
        """;

    // Azurite's account for this test, with a key of its own: a key the output could only contain by leaking it.
    private const string AzureAccount = "reprobuild";
    private static readonly string AzureKey = Convert.ToBase64String("reprobuild-test-account-key-do-not-print-0123456789"u8);

    [TestMethod]
    public void AzureBlobStorage()
    {
        using var azurite = StartAzurite(out var connectionString);
        var container = new BlobContainerClient(connectionString, "models");
        container.Create();
        var environment = RemoteCredentials.None();
        environment["AZURE_STORAGE_CONNECTION_STRING"] = connectionString;

        var outputs = RestoresRefusesAndSurvives(nameof(AzureBlobStorage), "azblob://models/team", environment,
            key => container.GetBlobClient(key).Exists().Value,
            (key, content) => container.GetBlobClient(key).Upload(BinaryData.FromBytes(content), overwrite: true),
            azurite.Dispose);
        AssertNeverPrinted(outputs, AzureKey, connectionString);

        var missing = NewProject(nameof(AzureBlobStorage) + "-nocreds").Build(RemoteCredentials.None(), "-p:ReproBuildRemote=azblob://models").ShouldFail();
        Assert.IsTrue(missing.Output.Contains("error RB4010", StringComparison.Ordinal) && missing.Output.Contains("AZURE_STORAGE_CONNECTION_STRING", StringComparison.Ordinal), missing.Output);
        missing.ShouldHaveNoStackTrace();
    }

    /// <summary>
    /// A SAS URL for the container, as the portal or <c>az storage container generate-sas</c> give it, and nothing
    /// else: the builds push and restore through it, and its signature never reaches their output.
    /// </summary>
    [TestMethod]
    public void AzureBlobStorageThroughASasUrl()
    {
        using var azurite = StartAzurite(out var connectionString);
        var container = new BlobContainerClient(connectionString, "models");
        container.Create();
        var sasUrl = container.GenerateSasUri(
            BlobContainerSasPermissions.Read | BlobContainerSasPermissions.Add | BlobContainerSasPermissions.Create | BlobContainerSasPermissions.Write | BlobContainerSasPermissions.List,
            DateTimeOffset.UtcNow.AddHours(1));
        var environment = RemoteCredentials.None();
        environment["REPROBUILD_REMOTE_SAS_URL"] = sasUrl.ToString();
        const string Remote = "-p:ReproBuildRemote=azblob://models/team";

        var first = NewProject(nameof(AzureBlobStorageThroughASasUrl));
        var pushed = first.Build(environment, Remote).ShouldSucceed();
        StringAssert.Contains(pushed.Output, "ReproBuild: trained Churn");
        var sha256 = BuildOutputsTests.Sha256(first.Output("models/Churn.zip"));
        Assert.IsTrue(container.GetBlobClient($"team/cas/{sha256}").Exists().Value, $"The model was not pushed through the SAS URL:\n{pushed.Output}");

        var second = first.CopyTo(Path.GetFileName(first.Directory) + "-second");
        var pulled = second.Build(environment, Remote).ShouldSucceed();
        StringAssert.Contains(pulled.Output, "ReproBuild: restored Churn from the remote cache");
        Assert.IsFalse(pulled.Output.Contains("ReproBuild: trained", StringComparison.Ordinal), pulled.Output);
        var signature = System.Web.HttpUtility.ParseQueryString(sasUrl.Query)["sig"]!;
        AssertNeverPrinted([pushed.Output, pulled.Output], sasUrl.ToString(), sasUrl.Query.TrimStart('?'), signature, Uri.EscapeDataString(signature));
    }

    [TestMethod]
    public void S3CompatibleStorage()
    {
        using var s3rver = S3Server.Start("models");
        using var client = s3rver.NewClient();
        var environment = s3rver.BuildEnvironment();

        var outputs = RestoresRefusesAndSurvives(nameof(S3CompatibleStorage), "s3://models/team", environment,
            key => client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "models", Prefix = key }).GetAwaiter().GetResult().S3Objects?.Any(o => o.Key == key) == true,
            (key, content) => client.PutObjectAsync(new PutObjectRequest { BucketName = "models", Key = key, InputStream = new MemoryStream(content), UseChunkEncoding = false }).GetAwaiter().GetResult(),
            s3rver.Dispose);
        AssertNeverPrinted(outputs, S3Server.SecretKey);

        var missing = NewProject(nameof(S3CompatibleStorage) + "-nocreds").Build(RemoteCredentials.None(), "-p:ReproBuildRemote=s3://models").ShouldFail();
        Assert.IsTrue(missing.Output.Contains("error RB4010", StringComparison.Ordinal) && missing.Output.Contains("AWS_ACCESS_KEY_ID", StringComparison.Ordinal), missing.Output);
        missing.ShouldHaveNoStackTrace();
    }

    /// <summary>Azurite's blob service with this test's own account, and a connection string with its key.</summary>
    private static NodeServer StartAzurite(out string connectionString)
    {
        var azurite = NodeServer.Start("azurite-blob", (port, data) => ["--blobHost", "127.0.0.1", "--blobPort", $"{port}", "--location", data, "--silent", "--skipApiVersionCheck"],
            new Dictionary<string, string?> { ["AZURITE_ACCOUNTS"] = $"{AzureAccount}:{AzureKey}" });
        connectionString = $"DefaultEndpointsProtocol=http;AccountName={AzureAccount};AccountKey={AzureKey};BlobEndpoint=http://127.0.0.1:{azurite.Port}/{AzureAccount};";
        return azurite;
    }

    private static UserProject NewProject(string test)
    {
        var project = UserProject.Create(Items, test);
        project.WriteFile("data/customers.csv", Data);
        return project;
    }

    /// <summary>
    /// Pushes from one clone and restores in a second, refuses a damaged entry in a third, and builds a fourth with
    /// the store stopped; returns every build's output.
    /// </summary>
    private static string[] RestoresRefusesAndSurvives(string test, string remote, IReadOnlyDictionary<string, string?> environment,
        Func<string, bool> exists, Action<string, byte[]> overwrite, Action stop)
    {
        var property = $"-p:ReproBuildRemote={remote}";
        var first = NewProject(test);
        var pushed = first.Build(environment, property).ShouldSucceed();
        StringAssert.Contains(pushed.Output, "ReproBuild: trained Churn");
        var sha256 = BuildOutputsTests.Sha256(first.Output("models/Churn.zip"));
        Assert.IsTrue(exists($"team/cas/{sha256}"), $"The model was not pushed under the remote's prefix:\n{pushed.Output}");

        // Another machine: another folder, an empty local cache of its own, and the pinned dataset not there yet.
        overwrite($"team/cas/{DataSha256}", Encoding.UTF8.GetBytes(Data));
        var second = first.CopyTo(Path.GetFileName(first.Directory) + "-second");
        File.Delete(Path.Combine(second.Directory, "data", "customers.csv"));
        var pulled = second.Build(environment, property).ShouldSucceed();
        StringAssert.Contains(pulled.Output, $"customers.csv from {remote}");
        Assert.AreEqual(DataSha256, BuildOutputsTests.Sha256(Path.Combine(second.Directory, "data", "customers.csv")));
        StringAssert.Contains(pulled.Output, "ReproBuild: restored Churn from the remote cache");
        Assert.IsFalse(pulled.Output.Contains("ReproBuild: trained", StringComparison.Ordinal), pulled.Output);
        Assert.AreEqual(sha256, BuildOutputsTests.Sha256(second.Output("models/Churn.zip")));

        // The store returns other bytes than the digest it is asked for: refused, retrained, the local cache clean.
        overwrite($"team/cas/{sha256}", "not what you asked for"u8.ToArray());
        var third = first.CopyTo(Path.GetFileName(first.Directory) + "-third");
        var damaged = third.Build(environment, property).ShouldSucceed();
        Assert.IsTrue(damaged.Output.Contains("warning RB4006", StringComparison.Ordinal), damaged.Output);
        StringAssert.Contains(damaged.Output, "ReproBuild: trained Churn");
        Assert.AreEqual(sha256, BuildOutputsTests.Sha256(third.Output("models/Churn.zip")));
        Assert.AreEqual(sha256, BuildOutputsTests.Sha256(Path.Combine(third.Directory + ".cache", "cas", sha256)), "The local cache kept the store's garbage.");

        // The store is down: a warning, and the build trains and succeeds.
        stop();
        var fourth = first.CopyTo(Path.GetFileName(first.Directory) + "-fourth");
        var down = fourth.Build(environment, property, "-p:ReproBuildRemoteTimeout=5").ShouldSucceed();
        Assert.IsTrue(down.Output.Contains("warning RB4005", StringComparison.Ordinal), down.Output);
        StringAssert.Contains(down.Output, "ReproBuild: trained Churn");
        foreach (var result in new[] { pushed, pulled, damaged, down })
        {
            result.ShouldHaveNoStackTrace();
        }
        return [pushed.Output, pulled.Output, damaged.Output, down.Output];
    }

    private static void AssertNeverPrinted(string[] outputs, params string[] secrets)
    {
        foreach (var output in outputs)
        {
            foreach (var secret in secrets)
            {
                Assert.IsFalse(output.Contains(secret, StringComparison.Ordinal), $"A credential reached the build's output:\n{output}");
            }
        }
    }
}
