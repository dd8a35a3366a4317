using System.Net.Http.Headers;
using ReproBuild.Tasks.Cache;

namespace ReproBuild.Tasks.Tests.Cache;

[TestClass]
[DoNotParallelize]
public sealed class RemoteCredentialsTests
{
    [TestCleanup]
    public void ClearVariables()
    {
        Environment.SetEnvironmentVariable(RemoteCredentials.HeaderVariable, null);
        Environment.SetEnvironmentVariable(RemoteCredentials.BasicVariable, null);
    }

    private static HttpRequestHeaders Headers(RemoteCredentials credentials)
    {
        using var request = new HttpRequestMessage();
        credentials.Apply(request.Headers);
        return request.Headers;
    }

    [TestMethod]
    public void BasicCredentialsComeFromTheEnvironmentAndAreScrubbedFromMessages()
    {
        Environment.SetEnvironmentVariable(RemoteCredentials.BasicVariable, "ci:hunter22");
        var credentials = RemoteCredentials.FromEnvironment(null);

        Assert.AreEqual("Basic Y2k6aHVudGVyMjI=", Headers(credentials).Authorization?.ToString());
        Assert.AreEqual("failed with *** and ***", credentials.Scrub("failed with hunter22 and Y2k6aHVudGVyMjI="));
    }

    [TestMethod]
    public void AHeaderVariableIsSentAsItIs()
    {
        Environment.SetEnvironmentVariable(RemoteCredentials.HeaderVariable, "Authorization: Bearer tok-123456");

        Assert.AreEqual("Bearer tok-123456", Headers(RemoteCredentials.FromEnvironment(null)).Authorization?.ToString());
    }

    [TestMethod]
    public void AMalformedVariableIsRefusedWithoutRepeatingIt()
    {
        Environment.SetEnvironmentVariable(RemoteCredentials.HeaderVariable, "tok-123456");

        var error = Assert.ThrowsExactly<RemoteCacheException>(() => RemoteCredentials.FromEnvironment(null));
        Assert.IsFalse(error.Message.Contains("tok-123456", StringComparison.Ordinal));
    }
}
