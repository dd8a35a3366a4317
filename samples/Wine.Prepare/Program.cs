using System.Globalization;
using System.Text;
using Wine.Prepare;

// Stage "Prepare" of samples/Wine. ReproBuild runs this program in the project folder and tells it what to do in
// environment variables: the raw file (REPROBUILD_INPUTS), where to write train and test (REPROBUILD_OUTPUTS, in the
// order the Stage item declares them), the seed and the TestFraction parameter. It keeps the outputs only when the
// program exits 0, so a problem is a message on standard error and exit code 1.
try
{
    var inputs = Variable("REPROBUILD_INPUTS").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
    var outputs = Variable("REPROBUILD_OUTPUTS").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
    if (inputs.Length != 1 || outputs.Length != 2)
    {
        throw new InvalidDataException($"expected one input (the raw wine file) and two outputs (train, test), got {inputs.Length} and {outputs.Length}");
    }
    var seed = int.Parse(Variable("REPROBUILD_SEED"), CultureInfo.InvariantCulture);
    var testFraction = double.Parse(Variable("REPROBUILD_PARAMETER_TestFraction"), NumberStyles.Float, CultureInfo.InvariantCulture);
    if (!(testFraction > 0 && testFraction < 1))
    {
        throw new InvalidDataException($"TestFraction must be between 0 and 1 (exclusive), not {testFraction.ToString(CultureInfo.InvariantCulture)}");
    }

    var wine = RawWineFile.Read(inputs[0]);
    var inTest = TestSplit.Choose([.. wine.Rows.Select(row => row[^1])], seed, testFraction);
    Write(outputs[0], wine, inTest, test: false);
    Write(outputs[1], wine, inTest, test: true);
    Console.WriteLine($"{wine.Rows.Count} wines: {inTest.Count(t => !t)} to train, {inTest.Count(t => t)} to test (seed {seed}, TestFraction {testFraction.ToString(CultureInfo.InvariantCulture)})");
    return 0;
}
catch (Exception e) when (e is InvalidDataException or FormatException or IOException)
{
    Console.Error.WriteLine($"Wine.Prepare: {e.Message}");
    return 1;
}

static string Variable(string name) =>
    Environment.GetEnvironmentVariable(name) ?? throw new InvalidDataException($"{name} is not set: this program is a ReproBuild stage, run by `dotnet build` of samples/Wine");

// The same bytes on every machine: fixed "\n" line ends, UTF-8 without BOM, rows in the raw file's order.
static void Write(string path, RawWineFile wine, bool[] inTest, bool test)
{
    var text = new StringBuilder().Append(string.Join(',', wine.Header)).Append('\n');
    for (var i = 0; i < wine.Rows.Count; i++)
    {
        if (inTest[i] == test)
        {
            text.Append(string.Join(',', wine.Rows[i])).Append('\n');
        }
    }
    File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
}
