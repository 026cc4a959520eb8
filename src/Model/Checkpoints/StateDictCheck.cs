using static TorchSharp.torch;

namespace OccluNet.Live.Model.Checkpoints;

/// <summary>
/// Key and shape comparison before any load: TorchSharp's loaders broadcast or write part of a tensor, and its strict
/// error names no key. A mismatch throws one message listing missing, unexpected and mis-shaped keys.
/// </summary>
internal static class StateDictCheck
{
    public static IReadOnlyList<string> Problems(IReadOnlyDictionary<string, Tensor> expected, IReadOnlyDictionary<string, Tensor> actual)
    {
        var problems = new List<string>();
        var missing = expected.Keys.Where(k => !actual.ContainsKey(k)).ToList();
        var unexpected = actual.Keys.Where(k => !expected.ContainsKey(k)).ToList();
        var misShaped = expected.Keys.Where(actual.ContainsKey)
            .Where(k => !expected[k].shape.SequenceEqual(actual[k].shape))
            .Select(k => $"{k}: file [{string.Join(",", actual[k].shape)}], model [{string.Join(",", expected[k].shape)}]").ToList();
        if (missing.Count > 0) problems.Add($"missing ({missing.Count}): {string.Join(", ", missing)}");
        if (unexpected.Count > 0) problems.Add($"unexpected ({unexpected.Count}): {string.Join(", ", unexpected)}");
        if (misShaped.Count > 0) problems.Add($"mis-shaped ({misShaped.Count}): {string.Join("; ", misShaped)}");
        return problems;
    }

    /// <summary>
    /// The floating-point tensors holding NaN or infinity, with how many of their values: such weights give no detection
    /// at all, which would read as "no occlusion" (a diverged training run leaves them).
    /// </summary>
    public static IReadOnlyList<string> NonFinite(IReadOnlyDictionary<string, Tensor> values)
    {
        var found = new List<string>();
        using var _ = NewDisposeScope();
        foreach (var (key, t) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!t.is_floating_point()) continue;
            long bad = (~isfinite(t)).sum().item<long>();
            if (bad > 0) found.Add($"'{key}' has {bad} of {t.NumberOfElements} values NaN or infinite");
        }
        return found;
    }

    /// <summary>Checks keys, shapes and finiteness, then copies every tensor into the model (values cast to the model's dtype).</summary>
    public static void LoadStrict(nn.Module model, IReadOnlyDictionary<string, Tensor> values, string source)
    {
        var target = model.state_dict();
        var problems = Problems(target, values);
        if (problems.Count > 0)
            throw new InvalidDataException($"{source} does not fit the model:\n  " + string.Join("\n  ", problems));
        var nonFinite = NonFinite(values);
        if (nonFinite.Count > 0)
            throw new InvalidDataException($"{source}: the weights are not finite, refused (a training run that diverged?): " +
                $"tensor {nonFinite[0]}{(nonFinite.Count > 1 ? $", and {nonFinite.Count - 1} more tensor(s)" : "")}");
        using var _ = no_grad();
        foreach (var (key, t) in target) t.copy_(values[key]);
    }
}
