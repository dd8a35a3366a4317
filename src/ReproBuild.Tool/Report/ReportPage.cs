using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReproBuild.Tool.Report;

/// <summary>
/// The report as one HTML file that needs nothing else to open: the styles, Chart.js (MIT, vendored from npm,
/// see Assets/chart.js.LICENSE.md), the data and the script that draws it are all inside. The data is JSON in a
/// script element, with every character that could end it escaped.
/// </summary>
internal static class ReportPage
{
    public static string Render(JsonObject data, string title, string subtitle)
    {
        // The default encoder escapes <, >, & and quotes, so no value can close the script element.
        var json = data.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default });
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        page.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        page.Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n");
        page.Append("<style>\n").Append(Asset("report.css")).Append("</style>\n</head>\n<body>\n");
        page.Append("<header><h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1><p>").Append(WebUtility.HtmlEncode(subtitle)).Append("</p></header>\n");
        page.Append("<ul id=\"reprobuild-errors\" hidden></ul>\n<main id=\"reprobuild-report\"></main>\n");
        page.Append("<footer>Charts drawn with Chart.js (MIT licence). This file needs no network connection.</footer>\n");
        page.Append("<script id=\"reprobuild-data\" type=\"application/json\">").Append(json).Append("</script>\n");
        page.Append("<script>\n").Append(ChartJs()).Append("\n</script>\n");
        page.Append("<script>\n").Append(Asset("report.js")).Append("</script>\n");
        page.Append("</body>\n</html>\n");
        return page.ToString();
    }

    // The source map is not shipped; without its comment no browser tries to fetch it.
    private static string ChartJs() =>
        string.Join('\n', Asset("chart.umd.min.js").Split('\n').Where(line => !line.StartsWith("//# sourceMappingURL=", StringComparison.Ordinal)));

    private static string Asset(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"ReproBuild.Tool.{name}")
            ?? throw new InvalidOperationException($"The tool was built without its {name} resource.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
