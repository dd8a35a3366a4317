using Azure.Storage.Blobs;
using ReproBuild.Tasks.Cache;

namespace ReproBuild.Tasks.Tests.Cache;

/// <summary>What the azblob:// and s3:// remotes read from the environment, and what they keep out of messages.</summary>
[TestClass]
[DoNotParallelize]
public sealed class ObjectStoreCredentialsTests
{
    private static readonly string[] Variables =
    [
        AzureCredentials.ConnectionStringVariable, AzureCredentials.SasUrlVariable, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3",
    ];

    [TestInitialize]
    [TestCleanup]
    public void ClearVariables()
    {
        foreach (var variable in Variables)
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [TestMethod]
    public void AnAccountKeyAndASasAreScrubbedButTheAccountIsNot()
    {
        Environment.SetEnvironmentVariable(AzureCredentials.ConnectionStringVariable, "AccountName=team;AccountKey=a2V5LWtleS1rZXk=;EndpointSuffix=core.windows.net");
        var credentials = AzureCredentials.FromEnvironment();

        Assert.AreEqual("team failed with ***", credentials.Scrub("team failed with a2V5LWtleS1rZXk="));
        Assert.AreEqual("https://team.blob.core.windows.net/models", credentials.OpenContainer("models", new BlobClientOptions()).Uri.ToString());
    }

    [TestMethod]
    public void ASasUrlOpensItsContainerOnlyAndItsSignatureIsScrubbed()
    {
        Environment.SetEnvironmentVariable(AzureCredentials.SasUrlVariable, "https://team.blob.core.windows.net/models?sv=2024-11-04&sp=rcw&sig=c2lnbmF0dXJlLXNpZw%3D%3D");
        var credentials = AzureCredentials.FromEnvironment();

        Assert.AreEqual("models", credentials.OpenContainer("models", new BlobClientOptions()).Name);
        var other = Assert.ThrowsExactly<RemoteCacheException>(() => credentials.OpenContainer("other", new BlobClientOptions()));
        StringAssert.Contains(other.Message, "for the container 'models', not 'other'");
        Assert.IsFalse(credentials.Scrub("GET …?sig=c2lnbmF0dXJlLXNpZw%3D%3D failed").Contains("c2lnbmF0dXJl", StringComparison.Ordinal));
    }

    [TestMethod]
    public void APathStyleSasUrlOfAnEmulatorNamesItsContainerAfterTheAccount()
    {
        // Azurite and IP endpoints put the account in the path: the container is the second segment.
        Environment.SetEnvironmentVariable(AzureCredentials.SasUrlVariable, "http://127.0.0.1:10000/devstoreaccount1/models?sv=2024-11-04&sp=rcw&sig=c2lnbmF0dXJlLXNpZw%3D%3D");
        var credentials = AzureCredentials.FromEnvironment();

        Assert.AreEqual("models", credentials.OpenContainer("models", new BlobClientOptions()).Name);
        StringAssert.Contains(Assert.ThrowsExactly<RemoteCacheException>(() => credentials.OpenContainer("other", new BlobClientOptions())).Message,
            "for the container 'models', not 'other'");

        Environment.SetEnvironmentVariable(AzureCredentials.SasUrlVariable, "http://127.0.0.1:10000/devstoreaccount1?sv=2024-11-04&ss=b&sig=c2lnbmF0dXJlLXNpZw%3D%3D");
        Assert.AreEqual("http://127.0.0.1:10000/devstoreaccount1/other", AzureCredentials.FromEnvironment().OpenContainer("other", new BlobClientOptions()).Uri.GetLeftPart(UriPartial.Path));
    }

    [TestMethod]
    public void AnAzureRemoteWithoutCredentialsOrWithAMalformedSasUrlSaysWhichVariable()
    {
        StringAssert.Contains(Assert.ThrowsExactly<RemoteCacheException>(AzureCredentials.FromEnvironment).Message, AzureCredentials.ConnectionStringVariable);

        Environment.SetEnvironmentVariable(AzureCredentials.SasUrlVariable, "not a url secret-value");
        var malformed = Assert.ThrowsExactly<RemoteCacheException>(AzureCredentials.FromEnvironment);
        StringAssert.Contains(malformed.Message, AzureCredentials.SasUrlVariable);
        Assert.IsFalse(malformed.Message.Contains("secret-value", StringComparison.Ordinal));
    }

    [TestMethod]
    public void S3KeysComeFromTheAwsVariablesAndACustomEndpointIsPathStyle()
    {
        StringAssert.Contains(Assert.ThrowsExactly<RemoteCacheException>(S3Settings.FromEnvironment).Message, "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");

        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEKEY");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI-secret");
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", "session-token-value");
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", "http://127.0.0.1:9000");
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9100");
        var settings = S3Settings.FromEnvironment();
        using var client = settings.CreateClient(TimeSpan.FromSeconds(5));

        Assert.AreEqual(9100, settings.Endpoint?.Port, "AWS_ENDPOINT_URL_S3 comes before AWS_ENDPOINT_URL.");
        Assert.IsTrue(((Amazon.S3.AmazonS3Config)client.Config).ForcePathStyle);
        Assert.AreEqual("*** *** ***", settings.Scrub("AKIAEXAMPLEKEY wJalrXUtnFEMI-secret session-token-value"));

        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_S3", "ftp://somewhere");
        StringAssert.Contains(Assert.ThrowsExactly<RemoteCacheException>(S3Settings.FromEnvironment).Message, "AWS_ENDPOINT_URL_S3");
    }
}
