namespace ReproBuild.Tool.Tests.Infrastructure;

/// <summary>
/// Debian's chromium in headless mode: the DOM after the page's scripts ran (--dump-dom), and a screenshot. No
/// driver and no download: the report marks on its html element whether it rendered, how many charts it drew and
/// how many script errors it saw, and --dump-dom prints that element.
/// </summary>
internal static class HeadlessChromium
{
    public static string? Find() =>
        new[] { "chromium", "chromium-browser", "google-chrome" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);

    /// <summary>The page's DOM once its scripts finished, and what the browser logged (console messages included).</summary>
    public static CommandResult DumpDom(string chromium, string page, string profile) =>
        Processes.Run(chromium, Path.GetDirectoryName(page)!, [.. Common(profile), "--enable-logging=stderr", "--v=0", "--dump-dom", new Uri(page).AbsoluteUri]);

    public static CommandResult Screenshot(string chromium, string page, string png, string profile) =>
        Processes.Run(chromium, Path.GetDirectoryName(page)!, [.. Common(profile), "--hide-scrollbars", "--window-size=1400,3000", $"--screenshot={png}", new Uri(page).AbsoluteUri]);

    // Root in a container needs --no-sandbox; a profile of its own per run keeps parallel runs apart; the virtual
    // time budget lets the page finish its scripts before the DOM is read. Nothing may go to the network.
    private static string[] Common(string profile) =>
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", $"--user-data-dir={profile}",
         "--virtual-time-budget=10000", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"];
}
