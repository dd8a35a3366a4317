using System.Globalization;
using ReproBuild.Tasks.Gates;

namespace ReproBuild.Tasks.Tests;

[TestClass]
public sealed class GateCodeTests
{
    private static Gate Gate(double? minimum = null, double? maximum = null, double? maxDrop = null, double? maxRise = null) =>
        new("Cancer", "Cancer", "AreaUnderRocCurve", minimum, maximum, maxDrop, maxRise, null, null);

    [TestMethod]
    [DataRow(0.95, null, null, null, "Cancer: AreaUnderRocCurve >= 0.95")]
    [DataRow(null, 0.2, null, null, "Cancer: AreaUnderRocCurve <= 0.2")]
    [DataRow(null, null, 0.01, null, "Cancer: AreaUnderRocCurve drops at most 0.01")]
    [DataRow(null, null, null, 0.05, "Cancer: AreaUnderRocCurve rises at most 0.05")]
    [DataRow(0.9, 1.0, null, null, "Cancer: AreaUnderRocCurve >= 0.9, <= 1")]
    [DataRow(0.9, null, 0.02, null, "Cancer: AreaUnderRocCurve >= 0.9, drops at most 0.02")]
    [DataRow(null, null, 0.01, 0.01, "Cancer: AreaUnderRocCurve drops at most 0.01, rises at most 0.01")]
    [DataRow(-0.5, 0.75, 0.0, 0.125, "Cancer: AreaUnderRocCurve >= -0.5, <= 0.75, drops at most 0, rises at most 0.125")]
    public void DisplayNameListsTheBoundsInAFixedOrder(double? minimum, double? maximum, double? maxDrop, double? maxRise, string expected)
    {
        Assert.AreEqual(expected, Gate(minimum, maximum, maxDrop, maxRise).DisplayName);
    }

    [TestMethod]
    public void DisplayNameDoesNotDependOnTheCulture()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
        try
        {
            Assert.AreEqual("Cancer: AreaUnderRocCurve >= 0.95, drops at most 0.01", Gate(minimum: 0.95, maxDrop: 0.01).DisplayName);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [TestMethod]
    public void DisplayNameAndCodeKeepTheNumberAsWritten()
    {
        // 0.1 + 0.2 is not 0.3: the round-trip form shows the number the test really uses.
        var gate = Gate(minimum: 0.1 + 0.2);

        Assert.AreEqual("Cancer: AreaUnderRocCurve >= 0.30000000000000004", gate.DisplayName);
        StringAssert.Contains(GateCode.Generate("T", [gate]), "Minimum = 0.30000000000000004,");
    }

    [TestMethod]
    public void GeneratedCodeQuotesStringsAndNamesMethodsAfterTheGate()
    {
        var gate = new Gate("My.Models", "Cancer", "F1Score", null, null, 0.01, null, 0.93, "C:\\repo\\repro.lock.json \"quoted\"");

        var code = GateCode.Generate("My.Tests", [gate, Gate(minimum: 0.95)]);

        StringAssert.Contains(code, "namespace My.Tests;");
        StringAssert.Contains(code, "[global::Microsoft.VisualStudio.TestTools.UnitTesting.TestMethod(DisplayName = \"Cancer: F1Score drops at most 0.01\")]\n    public void Gate1_Cancer_F1Score() =>");
        StringAssert.Contains(code, "public void Gate2_Cancer_AreaUnderRocCurve() =>");
        StringAssert.Contains(code, "new global::ReproBuild.Testing.MetricGate(\"My.Models\", \"Cancer\", \"F1Score\")");
        StringAssert.Contains(code, "Baseline = 0.93,");
        StringAssert.Contains(code, "BaselineSource = \"C:\\\\repo\\\\repro.lock.json \\\"quoted\\\"\",");
    }
}
