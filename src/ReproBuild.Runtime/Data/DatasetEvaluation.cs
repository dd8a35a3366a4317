using Microsoft.ML;
using Microsoft.ML.Data;

namespace ReproBuild.Runtime.Data;

/// <summary>
/// Evaluates a shipped model on a delimited file the way the build evaluates it: the same reader, the same label
/// preparation, the same evaluator. Columns are read with the types the model was trained on; multiclass labels
/// are mapped to the model's own keys, in the model's order, so the numbers compare with the build's.
/// </summary>
internal static class DatasetEvaluation
{
    public static SortedDictionary<string, double?> Evaluate(EmbeddedModel model, string file, char separator)
    {
        var provenance = model.Provenance;
        ColumnReader ReaderFor(string column) => model.InputSchema.GetColumnOrNull(column)?.Type is NumberDataViewType ? ColumnReader.Number : ColumnReader.Text;
        var table = TableLoader.Load(file, Path.GetFileNameWithoutExtension(file), separator, hasHeader: true, ReaderFor, expectedSha256: null);
        if (table.Find(provenance.Label) is null)
        {
            throw new UserError(ErrorCodes.LabelColumnNotFound, $"label column '{provenance.Label}' of model '{model.Name}' is not in this file.", file);
        }
        table = LabelPreparation.Prepare(table, provenance.Label, provenance.Task, provenance.PositiveLabel, file);

        IDataView data = new TableDataView(table);
        if (provenance.Task == Catalog.MulticlassClassification)
        {
            data = MapLabelToModelKeys(model, data, provenance.Label);
        }
        return ModelEvaluator.Evaluate(model.Context, model.Transformer.Transform(data), provenance.Task, provenance.Label);
    }

    private static IDataView MapLabelToModelKeys(EmbeddedModel model, IDataView data, string label)
    {
        var keys = model.Transformer.GetOutputSchema(model.InputSchema)[ModelEvaluator.KeyPredictionColumn];
        IDataView keyData;
        if (data.Schema[label].Type is NumberDataViewType)
        {
            var values = default(VBuffer<float>);
            keys.GetKeyValues(ref values);
            keyData = model.Context.Data.LoadFromEnumerable(values.DenseValues().Select(v => new NumberKey { Value = v }).ToArray());
        }
        else
        {
            var values = default(VBuffer<ReadOnlyMemory<char>>);
            keys.GetKeyValues(ref values);
            keyData = model.Context.Data.LoadFromEnumerable(values.DenseValues().Select(v => new TextKey { Value = v.ToString() }).ToArray());
        }
        var mapping = model.Context.Transforms.Conversion.MapValueToKey(ModelEvaluator.KeyLabelColumn, label, keyData: keyData);
        return mapping.Fit(data).Transform(data);
    }

    private sealed class TextKey
    {
        public string Value { get; set; } = "";
    }

    private sealed class NumberKey
    {
        public float Value { get; set; }
    }
}
