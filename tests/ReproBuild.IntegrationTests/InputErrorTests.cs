using ReproBuild.IntegrationTests.Infrastructure;

namespace ReproBuild.IntegrationTests;

/// <summary>Every mistake a user can make is one RB error at its item's element or at the data cell, never a stack trace.</summary>
[TestClass]
public sealed class InputErrorTests
{
    [TestMethod]
    public void ItemMistakesAreErrorsAtTheirElement()
    {
        var project = UserProject.Create("""
            <Dataset Include="data/customers.csv" />
            <Model Include="NoDataset" Task="BinaryClassification" LabelColumn="label" />
            <Model Include="UnknownDataset" Dataset="nope" Task="BinaryClassification" LabelColumn="label" />
            <Model Include="UnknownTask" Dataset="customers" Task="Clustering" LabelColumn="label" />
            <Model Include="UnknownTrainer" Dataset="customers" Task="Regression" LabelColumn="x1" Trainer="DeepForest" />
            <Model Include="Bad-Name" Dataset="customers" Task="BinaryClassification" LabelColumn="label" />
            <Model Include="BadVersion" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Version="1.0" />
            <Model Include="BadSeed" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Seed="forty-two" />
            <Model Include="LabelAttribute" Dataset="customers" Task="BinaryClassification" Label="label" />
            """);
        project.WriteFile("data/customers.csv", TestData.Binary(rows: 30));
        var result = project.Build().ShouldFail();
        result.ShouldHaveNoStackTrace();

        (string Element, string Error)[] expected =
        [
            ("\"NoDataset\"", "error RB1001: Model 'NoDataset' has no Dataset metadata"),
            ("\"UnknownDataset\"", "error RB1002: Model 'UnknownDataset' refers to dataset 'nope', which is not declared; known datasets: customers"),
            ("\"UnknownTask\"", "error RB1003: Model 'UnknownTask' has Task 'Clustering'; valid tasks: BinaryClassification, MulticlassClassification, Regression"),
            ("\"UnknownTrainer\"", "error RB1004: Model 'UnknownTrainer' has Trainer 'DeepForest'"),
            ("\"Bad-Name\"", "error RB1008: Model 'Bad-Name'"),
            ("\"BadVersion\"", "error RB1009: Model 'BadVersion' has Version '1.0'"),
            ("\"BadSeed\"", "error RB1010: Model 'BadSeed' has Seed 'forty-two'"),
            ("\"LabelAttribute\"", "error RB1001: Model 'LabelAttribute' has no label column. Write LabelColumn="),
        ];
        foreach (var (element, error) in expected)
        {
            var at = ElementLocation.Of(project.ProjectFile, element);
            Assert.IsTrue(result.Errors.Any(e => e.StartsWith($"{at}: {error}", StringComparison.Ordinal)), $"Missing at {at}: {error}\n{string.Join("\n", result.Errors)}");
        }
        StringAssert.Contains(result.Output, "valid trainers: FastTree, FastForest, LightGbm, Sdca, FastTreeTweedie, LbfgsPoissonRegression");
    }

    [TestMethod]
    public void AMissingDatasetFileIsAnError()
    {
        var project = UserProject.Create("""<Dataset Include="data/missing.csv" />""");
        var result = project.Build().ShouldFail();
        StringAssert.Contains(result.Output, $"{ElementLocation.Of(project.ProjectFile, "data/missing.csv")}: error RB1007: Dataset 'missing': the file '{Path.Combine(project.Directory, "data", "missing.csv")}' does not exist.");
        result.ShouldHaveNoStackTrace();
    }

    [TestMethod]
    public void DataErrorsPointAtTheLineAndColumn()
    {
        var project = UserProject.Create("""
            <Dataset Include="data/notes.csv" />
            <Model Include="Notes" Dataset="notes" Task="Regression" LabelColumn="score" />
            """);
        // Line 3 holds a quoted note that spans two physical lines; the bad value is on physical line 5.
        project.WriteFile("data/notes.csv", "score,size,note\n1.5,10,plain\n2.5,20,\"two\nlines\"\n3.5,thirty,plain\n4.5,40,\"a, b\"\n5.5,50,plain\n");
        var result = project.Build().ShouldFail();
        var data = Path.Combine(project.Directory, "data", "notes.csv");
        Assert.IsTrue(result.Errors.Contains($"{data}(5,2): error RB2001: value 'thirty' in numeric column 'size' is not a number (leave the cell empty to mark it missing). [{project.ProjectFile}]"), string.Join("\n", result.Errors));
        Assert.AreEqual(1, result.Errors.Count, string.Join("\n", result.Errors));
        result.ShouldHaveNoStackTrace();
    }

    [TestMethod]
    public void ColumnAndParameterMistakesNameWhatIsValid()
    {
        var project = UserProject.Create("""
            <Dataset Include="data/customers.csv" />
            <Model Include="NoLabel" Dataset="customers" Task="BinaryClassification" LabelColumn="churned" />
            <Model Include="NoFeature" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Features="x1;age" />
            <Model Include="BadParameter" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Trainer="FastTree" Parameters="NumberOfTree=5" />
            <Model Include="BadValue" Dataset="customers" Task="BinaryClassification" LabelColumn="label" Trainer="FastTree" Parameters="NumberOfTrees=many" />
            """);
        project.WriteFile("data/customers.csv", TestData.Binary(rows: 40));
        var result = project.Build().ShouldFail();
        result.ShouldHaveNoStackTrace();
        var errors = string.Join("\n", result.Errors);
        // Each at its model's element: the engine is told where each Model item is written.
        string At(string model) => ElementLocation.Of(project.ProjectFile, $"Include=\"{model}\"");
        StringAssert.Contains(errors, $"{At("NoLabel")}: error RB1012: label column 'churned' of model 'NoLabel' is not in dataset 'customers'. Columns: 'x1', 'x2', 'color', 'label'.");
        StringAssert.Contains(errors, $"{At("NoFeature")}: error RB1013: column 'age' named by model 'NoFeature' is not in dataset 'customers'.");
        StringAssert.Contains(errors, $"{At("BadParameter")}: error RB1005: trainer FastTree has no parameter 'NumberOfTree'. Valid parameters: ");
        StringAssert.Contains(errors, "NumberOfTrees");
        StringAssert.Contains(errors, $"{At("BadValue")}: error RB1006: parameter NumberOfTrees of trainer FastTree expects a whole number of at least 1; 'many' is not one.");
    }

    [TestMethod]
    public void AnEngineThatCannotStartIsAnErrorThatSaysWhatToDo()
    {
        var project = UserProject.Create("""
            <Dataset Include="data/customers.csv" />
            """);
        project.WriteFile("data/customers.csv", TestData.Binary(rows: 10));
        project.WriteFile("not-an-engine.dll", "this is not an assembly");

        var missing = project.Build("-p:ReproBuildEngineAssembly=/nonexistent/ReproBuild.Engine.dll").ShouldFail();
        StringAssert.Contains(missing.Output, "error RB3006: The ReproBuild engine is missing at '/nonexistent/ReproBuild.Engine.dll'");

        var broken = project.Build("--no-restore", $"-p:ReproBuildEngineAssembly={Path.Combine(project.Directory, "not-an-engine.dll")}").ShouldFail();
        StringAssert.Contains(broken.Output, "error RB3002: The ReproBuild engine stopped with exit code");
        broken.ShouldHaveNoStackTrace();
    }
}
