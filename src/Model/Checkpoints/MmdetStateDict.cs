using System.Collections;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Checkpoints;

/// <summary>How strictly an imported PyTorch state dict must fit.</summary>
internal enum ImportMode
{
    /// <summary>Every key present with its shape, nothing extra.</summary>
    Strict,
    /// <summary>
    /// The authors' fine-tuning start: a COCO YOLOX checkpoint into an OccluNet model. The temporal module may be missing
    /// (fresh init) and the class convs may differ in class count (kept fresh); every other mismatch is still an error.
    /// </summary>
    PretrainedDetector,
}

/// <summary>
/// PyTorch pickles (torch.save zip format, via TorchSharp.PyBridge) with MMDetection's key names: a bare state dict,
/// or an MMDetection checkpoint whose weights sit under <c>state_dict</c>. A <c>module.</c> prefix (DataParallel) is
/// stripped and MMDetection 2.x <c>ema_*</c> keys are ignored.
/// </summary>
internal static class MmdetStateDict
{
    private const string StateDictKey = "state_dict";

    /// <summary>The tensors of the file by key (CPU); the caller disposes them.</summary>
    public static Dictionary<string, Tensor> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"PyTorch checkpoint not found: {path}", path);
        Hashtable root;
        try { root = PyTorchUnpickler.UnpickleStateDict(path); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{path}: not a readable PyTorch checkpoint ({e.GetType().Name}: {e.Message}).", e);
        }
        var weights = root[StateDictKey] as IDictionary ?? root;
        var result = new Dictionary<string, Tensor>();
        foreach (DictionaryEntry entry in weights)
        {
            if (entry.Key is not string key || entry.Value is not Tensor t) continue;
            if (key.StartsWith("ema_", StringComparison.Ordinal)) { t.Dispose(); continue; }
            result[key.StartsWith("module.", StringComparison.Ordinal) ? key["module.".Length..] : key] = t;
        }
        if (result.Count == 0) throw new InvalidDataException($"{path}: no tensors found (neither a state dict nor an MMDetection checkpoint).");
        return result;
    }

    /// <summary>Loads a PyTorch / MMDetection state dict into the model after checking keys and shapes.</summary>
    public static void Import(OccluNetModel model, string path, ImportMode mode = ImportMode.Strict)
    {
        var values = Read(path);
        try
        {
            if (mode == ImportMode.PretrainedDetector) DropAllowedMismatches(model, values);
            var target = model.state_dict();
            var subset = mode == ImportMode.Strict ? target : target.Where(p => values.ContainsKey(p.Key) || !Allowed(p.Key)).ToDictionary();
            var problems = StateDictCheck.Problems(subset, values);
            if (problems.Count > 0) throw new InvalidDataException($"{path} does not fit the model:\n  " + string.Join("\n  ", problems));
            using var _ = no_grad();
            foreach (var (key, t) in subset) t.copy_(values[key]);
        }
        finally
        {
            foreach (var t in values.Values) t.Dispose();
        }
    }

    /// <summary>Writes the model's weights for PyTorch: an MMDetection-style checkpoint (<c>{"state_dict": ...}</c>) or a bare state dict.</summary>
    public static void Export(OccluNetModel model, string path, bool mmdetCheckpoint = true)
    {
        var weights = new Hashtable();
        foreach (var (key, t) in model.state_dict()) weights[key] = t;
        IDictionary root = mmdetCheckpoint ? new Hashtable { [StateDictKey] = weights } : weights;
        PyTorchPickler.PickleStateDict(path, root);
    }

    private static bool Allowed(string key) =>
        OccluNetModel.IsTemporalKey(key) || key.StartsWith("bbox_head.multi_level_conv_cls.", StringComparison.Ordinal);

    /// <summary>Class convs of another class count stay fresh (the authors' non-strict load skips them).</summary>
    private static void DropAllowedMismatches(OccluNetModel model, Dictionary<string, Tensor> values)
    {
        var target = model.state_dict();
        foreach (var key in values.Keys.Where(k => Allowed(k) && target.TryGetValue(k, out var t) && !t.shape.SequenceEqual(values[k].shape)).ToList())
        {
            values[key].Dispose();
            values.Remove(key);
        }
    }
}
