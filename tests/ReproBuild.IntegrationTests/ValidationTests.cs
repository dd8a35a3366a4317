using System.Text.Json;
using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>Datasets with a Table Schema are validated at build time; failures land on the cell, and a report lands in obj/.</summary>
[TestClass]
public sealed class ValidationTests
{
    private const string Schema = """
        {
          "fields": [
            { "name": "id", "type": "integer" },
            { "name": "age", "type": "integer", "constraints": { "required": true, "minimum": 0 } },
            { "name": "email", "type": "string", "format": "email" },
            { "name": "plan", "type": "string", "constraints": { "enum": ["free", "pro"] } },
            { "name": "churned", "type": "boolean" }
          ],
          "primaryKey": "id"
        }
        """;

    private const string Items = """
        <Dataset Include="data/customers.csv" Schema="data/customers.schema.json" />
        <Model Include="Churn" Dataset="customers" Task="BinaryClassification" LabelColumn="churned" Ignore="id;email" Trainer="LbfgsLogisticRegression" />
        """;

    private static string ValidData()
    {
        var rows = Enumerable.Range(1, 60).Select(i => $"{i},{20 + i % 50},user{i}@example.com,{(i % 3 == 0 ? "pro" : "free")},{(i % 3 == 0 || i % 7 == 0 ? "true" : "false")}");
        return "id,age,email,plan,churned\n" + string.Join("\n", rows) + "\n";
    }

    [TestMethod]
    public void BrokenDataFailsTheBuildWithAnErrorAtEachCellAndAReport()
    {
        var project = UserProject.Create(Items);
        project.WriteFile("data/customers.schema.json", Schema);
        var lines = ValidData().Split('\n');
        lines[3] = "3,-5,user3@example.com,pro,true";          // line 4: below minimum
        lines[5] = "5,25,not-an-email,free,false";             // line 6: format
        lines[7] = "7,,user7@example.com,gold,true";           // line 8: required and enum
        lines[9] = "3,30,user9@example.com,free,maybe";        // line 10: primary key repeated, not a boolean
        project.WriteFile("data/customers.csv", string.Join("\n", lines));

        var result = project.Build().ShouldFail();
        result.ShouldHaveNoStackTrace();
        var data = Path.Combine(project.Directory, "data", "customers.csv");
        string[] expected =
        [
            $"{data}(4,2): error RB2013: field 'age' value '-5' is below minimum 0",
            $"{data}(6,3): error RB2010: field 'email' value 'not-an-email'",
            $"{data}(8,2): error RB2011: field 'age' is required, but this row has no value.",
            $"{data}(8,4): error RB2016: field 'plan' value 'gold'",
            $"{data}(10,5): error RB2010: field 'churned' value 'maybe'",
            $"{data}(10,1): error RB2017: primary key (id) value (3) is not unique: it is also on line 4.",
        ];
        foreach (var error in expected)
        {
            Assert.IsTrue(result.Errors.Any(e => e.StartsWith(error, StringComparison.Ordinal)), $"Missing: {error}\n{string.Join("\n", result.Errors)}");
        }
        Assert.HasCount(expected.Length, result.Errors, string.Join("\n", result.Errors));
        Assert.IsFalse(File.Exists(project.Output("models/Churn.zip")), "A model was produced from data that failed validation.");

        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.IntermediateDirectory(), "datasets", "customers.report.json")));
        Assert.IsFalse(report.RootElement.GetProperty("valid").GetBoolean());
        Assert.AreEqual(2, report.RootElement.GetProperty("findings").GetProperty("RB2010").GetProperty("count").GetInt32());
        var age = report.RootElement.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "age").GetProperty("profile");
        Assert.AreEqual(1, age.GetProperty("missing").GetInt32());
        Assert.AreEqual(10, age.GetProperty("histogram").GetArrayLength());
    }

    [TestMethod]
    public void ASchemaChangeRevalidatesAndTheProfileReachesTheProvenance()
    {
        var project = UserProject.Create(Items);
        project.WriteFile("data/customers.schema.json", Schema);
        project.WriteFile("data/customers.csv", ValidData());
        project.Build().ShouldSucceed();
        using (var provenance = JsonDocument.Parse(File.ReadAllText(project.Output("models/Churn.provenance.json"))))
        {
            var dataset = provenance.RootElement.GetProperty("predicate").GetProperty("buildDefinition").GetProperty("resolvedDependencies")[0];
            Assert.AreEqual(64, dataset.GetProperty("annotations").GetProperty("schemaSha256").GetString()!.Length);
            Assert.AreEqual(5, dataset.GetProperty("annotations").GetProperty("profile").GetArrayLength());
        }

        // Only the schema changes: the data must be validated again, and now fail.
        project.WriteFile("data/customers.schema.json", Schema.Replace("\"minimum\": 0", "\"minimum\": 0, \"maximum\": 40", StringComparison.Ordinal));
        var result = project.Build("--no-restore").ShouldFail();
        StringAssert.Contains(result.Output, "error RB2013: field 'age' value '41' is above maximum 40");
    }

    [TestMethod]
    public void SchemaMistakesAreErrorsAtTheSchemaFilesLineAndColumn()
    {
        var project = UserProject.Create(Items);
        project.WriteFile("data/customers.csv", ValidData());
        project.WriteFile("data/customers.schema.json", Schema.Replace("{ \"name\": \"plan\", \"type\": \"string\"", "{ \"name\": \"plan\", \"type\": \"text\"", StringComparison.Ordinal));

        var result = project.Build().ShouldFail();
        result.ShouldHaveNoStackTrace();
        var schema = Path.Combine(project.Directory, "data", "customers.schema.json");
        var line = Array.FindIndex(File.ReadAllLines(schema), l => l.Contains("\"text\"", StringComparison.Ordinal)) + 1;
        StringAssert.Contains(result.Output, $"{schema}({line},");
        StringAssert.Contains(result.Output, "error RB2101:");
        StringAssert.Contains(result.Output, "'text'");
    }

    [TestMethod]
    public void ADataPackageResourceSuppliesTheSchema()
    {
        var project = UserProject.Create("""
            <Dataset Include="data/customers.csv" Schema="datapackage.json" Resource="customers" />
            """);
        project.WriteFile("data/customers.csv", ValidData().Replace("\n2,", "\n2x,", StringComparison.Ordinal));
        project.WriteFile("datapackage.json", $$"""
            { "name": "crm", "resources": [ { "name": "customers", "path": "data/customers.csv", "schema": {{Schema}} } ] }
            """);

        var result = project.Build().ShouldFail();
        StringAssert.Contains(result.Output, $"{Path.Combine(project.Directory, "data", "customers.csv")}(3,1): error RB2010: field 'id' value '2x'");
    }
}
