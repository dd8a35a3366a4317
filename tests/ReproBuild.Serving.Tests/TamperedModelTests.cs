using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json.Nodes;
using ReproBuild.Runtime;

namespace ReproBuild.Serving.Tests;

/// <summary>A model assembly whose embedded bytes were changed after the build: the service never becomes ready and serves nothing of it.</summary>
[TestClass]
public sealed class TamperedModelTests : TempFolderTest
{
    private static Assembly Models => typeof(Cancer.ModelsMarker).Assembly;

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task ATamperedModelKeepsTheServiceFromBecomingReady()
    {
        var tampered = LoadTampered(StampNames("Iris.zip"));

        await using var host = await ServingHost.StartAsync([tampered]);

        var ready = await host.Client.GetAsync("/health/ready");
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var report = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.AreEqual("Unhealthy", (string)report["status"]!);
        StringAssert.Contains((string)report["models"]!["Iris"]!, "does not match the SHA-256 stamped at build time");
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, (await host.Client.GetAsync("/ping")).StatusCode);

        var predict = await host.Client.PostAsJsonAsync("/models/Iris/predict", SampleRows.Iris);
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, predict.StatusCode);
        StringAssert.Contains(await predict.Content.ReadAsStringAsync(), "urn:reprobuild:serving:model-not-loaded");
        Assert.IsFalse((await host.Client.GetFromJsonAsync<JsonArray>("/models"))!.Any(m => (string)m!["name"]! == "Iris"));
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task ATamperedInputSchemaKeepsTheServiceFromBecomingReady()
    {
        var tampered = LoadTampered(StampNames("Diabetes.schema.json"));

        await using var host = await ServingHost.StartAsync([tampered]);

        var ready = await host.Client.GetAsync("/health/ready");
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        StringAssert.Contains(await ready.Content.ReadAsStringAsync(), "input schema embedded with model 'Diabetes' does not match");
    }

    private static string StampNames(string file) => "ReproBuild/" + file;

    /// <summary>
    /// A copy of Cancer.dll with one byte changed inside an embedded resource, loaded in a context of its own, as an
    /// assembly edited after the build would be.
    /// </summary>
    private Assembly LoadTampered(string resource)
    {
        using var stream = Models.GetManifestResourceStream(resource)!;
        var content = new byte[stream.Length];
        stream.ReadExactly(content);
        var bytes = File.ReadAllBytes(Models.Location);
        var at = bytes.AsSpan().IndexOf(content);
        Assert.IsGreaterThanOrEqualTo(0, at, $"{resource} is stored as is in the assembly");
        bytes[at + content.Length / 2] ^= 0x20;
        var path = Temp.WriteBytes("Cancer.dll", bytes);
        var context = new AssemblyLoadContext($"tampered-{Guid.NewGuid():N}", isCollectible: true);
        context.Resolving += (_, name) => name.Name == Models.GetName().Name ? null : AssemblyLoadContext.Default.LoadFromAssemblyName(name);
        return context.LoadFromAssemblyPath(path);
    }
}
