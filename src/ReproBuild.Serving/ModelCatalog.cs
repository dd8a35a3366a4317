using System.Reflection;
using Microsoft.Extensions.Logging;
using ReproBuild.Runtime;
using ReproBuild.Runtime.Drift;

namespace ReproBuild.Serving;

/// <summary>
/// Every model embedded in the given assemblies, loaded once at startup through <see cref="EmbeddedModel.Load"/>
/// (which refuses a model whose bytes, or whose input schema, do not match their digests). A model that fails to load
/// is not served, and the service is never ready while one has failed: a tampered assembly cannot serve anything
/// that passes a readiness probe. Each model's drift reference loads with it (checked against its provenance's digest).
/// </summary>
internal sealed class ModelCatalog(IReadOnlyList<Assembly> assemblies, int driftWindowSize, ILogger<ModelCatalog> logger)
{
    private readonly Dictionary<string, ServedModel> _models = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _failures = new(StringComparer.Ordinal);
    private volatile bool _loaded;

    /// <summary>The models that loaded, by name.</summary>
    public IReadOnlyDictionary<string, ServedModel> Models => _models;

    /// <summary>Models that did not load, with the reason.</summary>
    public IReadOnlyDictionary<string, string> Failures => _failures;

    /// <summary>Loading has finished, every model loaded and there is at least one.</summary>
    public bool IsReady => _loaded && _failures.Count == 0 && _models.Count > 0;

    public bool IsLoaded => _loaded;

    /// <summary>Loads every model once; later calls do nothing.</summary>
    public void Load()
    {
        lock (_models)
        {
            if (_loaded)
            {
                return;
            }
            foreach (var assembly in assemblies)
            {
                var assemblyName = assembly.GetName().Name;
                foreach (var name in EmbeddedModel.Names(assembly))
                {
                    if (_models.ContainsKey(name) || _failures.ContainsKey(name))
                    {
                        _failures[name] = $"two assemblies embed a model named '{name}' (the second is {assemblyName}); a name must say which model answers.";
                        _models.Remove(name);
                        continue;
                    }
                    try
                    {
                        var model = new ServedModel(EmbeddedModel.Load(assembly, name), LoadReference(assembly, name), driftWindowSize);
                        _models[name] = model;
                        ServingLog.Serving(logger, name, model.Sha256, assemblyName);
                    }
                    catch (Exception e)
                    {
                        // Whatever went wrong (a digest mismatch, a model ML.NET cannot read), the model is not served.
                        _failures[name] = e.Message;
                        ServingLog.NotServed(logger, name, assemblyName, e.Message);
                    }
                }
            }
            if (_models.Count == 0 && _failures.Count == 0)
            {
                _failures["(none)"] = $"the assemblies {string.Join(", ", assemblies.Select(a => a.GetName().Name))} embed no ReproBuild model.";
            }
            _loaded = true;
        }
    }

    // A model built before drift references existed is served without drift; a reference that does not match its
    // digest keeps the model from loading, as a tampered input schema does.
    private static DriftReference? LoadReference(Assembly assembly, string name)
    {
        try
        {
            return DriftReference.Load(assembly, name);
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The model of that name, as <see cref="EmbeddedModel.Load"/> finds it: in any Unicode normalisation form.</summary>
    public ServedModel? Find(string name) =>
        _models.TryGetValue(name, out var model) || _models.TryGetValue(name.Normalize(System.Text.NormalizationForm.FormC), out model) ? model : null;
}
