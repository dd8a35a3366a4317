using System.Globalization;

namespace Wine.Prepare;

/// <summary>
/// The Wine data as scikit-learn ships it (<c>wine_data.csv</c>): no header, but a first line
/// <c>178,13,class_0,class_1,class_2</c> (rows, features, class names by index), then rows of 13 numbers and a class
/// index. Read into named columns, with the class name in the last one; every value is checked and kept as written.
/// </summary>
internal sealed class RawWineFile
{
    /// <summary>The feature names of scikit-learn's <c>load_wine()</c>, with '/' made '_' so that every name is an identifier.</summary>
    private static readonly string[] FeatureNames =
    [
        "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
        "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280_od315_of_diluted_wines", "proline",
    ];

    public const string LabelName = "cultivar";

    private RawWineFile(IReadOnlyList<string[]> rows) => Rows = rows;

    public IReadOnlyList<string> Header { get; } = [.. FeatureNames, LabelName];

    /// <summary>The data rows in file order: the features' text as in the raw file, then the class name.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    public static RawWineFile Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var name = Path.GetFileName(path);
        var meta = lines.Length > 0 ? lines[0].Split(',') : [];
        if (meta.Length < 3 || !int.TryParse(meta[0], CultureInfo.InvariantCulture, out var expectedRows) || meta[1].Trim() != FeatureNames.Length.ToString(CultureInfo.InvariantCulture))
        {
            throw new InvalidDataException($"{name}(1): expected the line 'rows,{FeatureNames.Length},class names…', found '{(lines.Length > 0 ? lines[0] : "")}'");
        }
        var classes = meta[2..].Select(c => c.Trim()).ToArray();

        var rows = new List<string[]>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }
            var fields = lines[i].Split(',').Select(f => f.Trim()).ToArray();
            if (fields.Length != FeatureNames.Length + 1)
            {
                throw new InvalidDataException($"{name}({i + 1}): expected {FeatureNames.Length + 1} fields, found {fields.Length}");
            }
            for (var f = 0; f < FeatureNames.Length; f++)
            {
                if (!double.TryParse(fields[f], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    throw new InvalidDataException($"{name}({i + 1}): {FeatureNames[f]} '{fields[f]}' is not a number");
                }
            }
            if (!int.TryParse(fields[^1], CultureInfo.InvariantCulture, out var index) || index < 0 || index >= classes.Length)
            {
                throw new InvalidDataException($"{name}({i + 1}): class '{fields[^1]}' is not an index of {string.Join(", ", classes)}");
            }
            fields[^1] = classes[index];
            rows.Add(fields);
        }
        if (rows.Count != expectedRows)
        {
            throw new InvalidDataException($"{name}: the first line announces {expectedRows} rows, the file has {rows.Count}");
        }
        return new RawWineFile(rows);
    }
}
