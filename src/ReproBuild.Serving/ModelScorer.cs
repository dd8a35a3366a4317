using System.Buffers;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using ReproBuild.Runtime;

namespace ReproBuild.Serving;

/// <summary>
/// Scores rows with one model, one row at a time, with no allocation per row beyond ML.NET's own: an input row it
/// refills, the model's row mapper over it, and the output getters, all made once. Not thread-safe (neither is
/// ML.NET's PredictionEngine): <see cref="ServedModel"/> pools them, one per concurrent request.
/// </summary>
internal sealed class ModelScorer : IDisposable
{
    private readonly ScoringRow _input;
    private readonly ValueGetter<float>? _score;
    private readonly ValueGetter<VBuffer<float>>? _scores;
    private readonly ValueGetter<bool>? _predictedFlag;
    private readonly ValueGetter<ReadOnlyMemory<char>>? _predictedText;
    private readonly ValueGetter<float>? _probability;
    private readonly string[]? _classNames;
    private static readonly string[] OutputColumns = ["Score", "PredictedLabel", "Probability"];
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private VBuffer<float> _scoreBuffer;

    public ModelScorer(EmbeddedModel model, RowLayout layout)
    {
        Writer = new Utf8JsonWriter(_output, ServingJson.Writer);
        _input = new ScoringRow(model.InputSchema, layout);
        var mapper = model.Transformer.GetRowToRowMapper(model.InputSchema);
        var outputs = mapper.OutputSchema;
        var wanted = OutputColumns
            .Select(name => outputs.GetColumnOrNull(name)).OfType<DataViewSchema.Column>().ToArray();
        var output = mapper.GetRow(_input, wanted);
        var score = outputs["Score"];
        if (score.Type is VectorDataViewType)
        {
            _scores = output.GetGetter<VBuffer<float>>(score);
            if (score.HasSlotNames())
            {
                var names = default(VBuffer<ReadOnlyMemory<char>>);
                score.GetSlotNames(ref names);
                _classNames = names.DenseValues().Select(n => n.ToString()).ToArray();
            }
        }
        else
        {
            _score = output.GetGetter<float>(score);
        }
        if (outputs.GetColumnOrNull("PredictedLabel") is { } predicted)
        {
            if (predicted.Type is BooleanDataViewType)
            {
                _predictedFlag = output.GetGetter<bool>(predicted);
            }
            else if (predicted.Type is TextDataViewType)
            {
                _predictedText = output.GetGetter<ReadOnlyMemory<char>>(predicted);
            }
        }
        if (outputs.GetColumnOrNull("Probability") is { } probability)
        {
            _probability = output.GetGetter<float>(probability);
        }
    }

    /// <summary>Where an answer is written, kept with the scorer so that answering reuses its buffer: <see cref="Begin"/> empties it.</summary>
    public Utf8JsonWriter Writer { get; }

    /// <summary>What was written since <see cref="Begin"/>.</summary>
    public ReadOnlyMemory<byte> Written
    {
        get
        {
            Writer.Flush();
            return _output.WrittenMemory;
        }
    }

    public void Begin()
    {
        _output.ResetWrittenCount();
        Writer.Reset(_output);
    }

    /// <summary>Scores row <paramref name="row"/> of the batch and writes the prediction as one JSON object to <see cref="Writer"/>.</summary>
    public void Score(InputBatch batch, int row)
    {
        var writer = Writer;
        _input.Load(batch.Numbers(row), batch.Texts(row));
        writer.WriteStartObject();
        if (_predictedFlag is not null)
        {
            var flag = false;
            _predictedFlag(ref flag);
            writer.WriteBoolean("predictedLabel", flag);
        }
        if (_predictedText is not null)
        {
            var text = default(ReadOnlyMemory<char>);
            _predictedText(ref text);
            writer.WriteString("predictedLabel", text.Span);
        }
        if (_probability is not null)
        {
            var p = 0f;
            _probability(ref p);
            WriteNumber(writer, "probability", p);
        }
        if (_score is not null)
        {
            var s = 0f;
            _score(ref s);
            WriteNumber(writer, "score", s);
        }
        if (_scores is not null)
        {
            _scores(ref _scoreBuffer);
            var values = _scoreBuffer.DenseValues();
            if (_classNames is not null)
            {
                writer.WriteStartObject("scores");
                var i = 0;
                foreach (var value in values)
                {
                    WriteNumber(writer, _classNames[i++], value);
                }
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteStartArray("scores");
                foreach (var value in values)
                {
                    writer.WriteNumberValue(value);
                }
                writer.WriteEndArray();
            }
        }
        writer.WriteEndObject();
    }

    public void Dispose()
    {
        Writer.Dispose();
        _input.Dispose();
    }

    // JSON has no NaN or infinity: a prediction that is not a finite number is null.
    private static void WriteNumber(Utf8JsonWriter writer, string name, float value)
    {
        if (float.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
