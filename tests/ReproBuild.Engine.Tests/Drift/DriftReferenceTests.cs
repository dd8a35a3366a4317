using ReproBuild.Runtime.Data;
using ReproBuild.Runtime.Drift;

namespace ReproBuild.Engine.Tests.Drift;

/// <summary>
/// The reference a build stamps (deterministic, bounded) and what comparing a file with it tells a user: drifted
/// columns by Evidently's defaults, and a clear error — never a crash — for a file that cannot be compared.
/// </summary>
[TestClass]
public sealed class DriftReferenceTests
{
    private TempFolder _temp = null!;

    [TestInitialize]
    public void CreateFolder() => _temp = new TempFolder();

    [TestCleanup]
    public void DeleteFolder() => _temp.Dispose();

    [TestMethod]
    public void TheSameRowsGiveTheSameBytesAndTheReferenceStaysBounded()
    {
        var small = Reference(rows: 300);
        Assert.AreEqual(small.ToJson(), Reference(rows: 300).ToJson());
        Assert.AreEqual(300, small.Find("age")!.Values.Count, "up to 1,000 values: every value, so KS is exact");
        Assert.IsTrue(small.Find("age")!.Exact);

        var large = Reference(rows: 5000);
        var age = large.Find("age")!;
        Assert.AreEqual(ReferenceColumn.MaxValues, age.Values.Count, "beyond 1,000 values: 1,000 quantiles");
        Assert.IsFalse(age.Exact);
        Assert.AreEqual(5000, age.Count);
        CollectionAssert.AreEqual(new[] { "blue", "green", "red" }, large.Find("color")!.Categories.Keys.Order(StringComparer.Ordinal).ToArray());
        var parsed = DriftReference.Parse(large.ToJson());
        Assert.AreEqual(large.ToJson(), parsed.ToJson(), "what is read back writes the same bytes");
    }

    [TestMethod]
    public void DefaultsFollowEvidentlyBySizeAndAShiftedColumnDrifts()
    {
        var current = _temp.Write("current.csv", Csv(Rows(200, seed: 2).Select(r => r with { Age = r.Age + 10 })));
        var report = Reference(rows: 300).Compare(current);
        Assert.AreEqual(DriftMethod.KolmogorovSmirnov, report.Columns.Single(c => c.Column == "age").Method);
        Assert.AreEqual(DriftMethod.ChiSquare, report.Columns.Single(c => c.Column == "color").Method);
        CollectionAssert.AreEqual(new[] { "age" }, report.DriftedColumns.Select(c => c.Column).ToArray());
        Assert.IsFalse(report.DatasetDrift, "one column of three is below the half that makes the dataset drift");

        var large = Reference(rows: 5000).Compare(current);
        Assert.AreEqual(DriftMethod.Wasserstein, large.Columns.Single(c => c.Column == "age").Method);
        Assert.AreEqual(DriftMethod.JensenShannon, large.Columns.Single(c => c.Column == "color").Method);
        Assert.IsTrue(large.Columns.Single(c => c.Column == "age").Drifted);

        var strict = Reference(rows: 300).Compare(current, new DriftOptions { MaxDriftShare = 0.3 });
        Assert.IsTrue(strict.DatasetDrift);
    }

    [TestMethod]
    public void AFileMissingAColumnNamesItAndTheColumnsItHas()
    {
        var file = _temp.Write("current.csv", "age,color\n30,red\n");
        var error = Assert.ThrowsExactly<InvalidDataException>(() => Reference(300).Compare(file));
        Assert.AreEqual($"{file}(1,1): error RB1013: the current data has no column 'income', which the model takes. Its columns: 'age', 'color'.", error.Message);
    }

    [TestMethod]
    public void AFileWithAnotherSeparatorSaysWhichOneItSeems()
    {
        var file = _temp.Write("current.csv", "age;income;color\n30;50;red\n");
        var error = Assert.ThrowsExactly<InvalidDataException>(() => Reference(300).Compare(file));
        StringAssert.Contains(error.Message, "error RB1013: the current data has no column 'age', 'income', 'color', which the model takes. The header is one field that holds ';': is the file separated by ';' rather than ','?");
    }

    [TestMethod]
    public void TextInANumericColumnIsAnErrorAtItsCell()
    {
        var file = _temp.Write("current.csv", "age,income,color\n30,50,red\nold,60,blue\n");
        var error = Assert.ThrowsExactly<InvalidDataException>(() => Reference(300).Compare(file));
        Assert.AreEqual($"{file}(3,1): error RB2006: value 'old' in column 'age' is not a number, but the column is numeric for dataset 'current'.", error.Message);
    }

    [TestMethod]
    public void EmptyFilesAndMissingFilesAreErrorsNotCrashes()
    {
        var empty = _temp.Write("empty.csv", "");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => Reference(300).Compare(empty)).Message, "error RB2003: the current data file is empty");
        var header = _temp.Write("header.csv", "age,income,color\n");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => Reference(300).Compare(header)).Message, "error RB2003: the current data file has a header but no rows to compare.");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => Reference(300).Compare(_temp.File("none.csv"))).Message, "error RB1007: the current data file does not exist.");
    }

    [TestMethod]
    public void OptionsNamingAnUnknownColumnOrAMethodThatFitsNoneAreRefused()
    {
        var file = _temp.Write("current.csv", Csv(Rows(50, seed: 3)));
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => Reference(300).Compare(file, new DriftOptions { Columns = ["height"] })).Message,
            "model 'Churn' takes no column 'height'; its input columns: 'age', 'income', 'color'.");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => Reference(300).Compare(file, new DriftOptions { Method = DriftMethod.ChiSquare, Columns = ["age"] })).Message,
            "method 'chisquare' fits none of the compared columns");
    }

    private sealed record Row(double Age, double Income, string Color);

    private static Row[] Rows(int count, int seed)
    {
        var random = new Random(seed);
        string[] colors = ["red", "green", "blue"];
        return [.. Enumerable.Range(0, count).Select(_ => new Row(Math.Round(25 + random.NextDouble() * 40, 1), Math.Round(20 + random.NextDouble() * 80, 2), colors[random.Next(3)]))];
    }

    private static string Csv(IEnumerable<Row> rows) =>
        "age,income,color\n" + string.Concat(rows.Select(r => FormattableString.Invariant($"{r.Age},{r.Income},{r.Color}\n")));

    private static DriftReference Reference(int rows)
    {
        var data = Rows(rows, seed: 1);
        TableColumn[] columns =
        [
            new NumberColumn("age", [.. data.Select(r => (float)r.Age)]),
            new NumberColumn("income", [.. data.Select(r => (float)r.Income)]),
            new TextColumn("color", [.. data.Select(r => r.Color)]),
        ];
        return ReferenceBuilder.Build("Churn", new TableDataView(columns, rows), ["age", "income", "color"]);
    }
}
