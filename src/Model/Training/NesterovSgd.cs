using System.Globalization;
using OccluNet.Live.Model.Checkpoints;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Training;

/// <summary>
/// PyTorch's SGD step (torch.optim.SGD, single-tensor path) with Nesterov momentum over the two parameter groups of
/// <see cref="OptimizerFactory.Split"/>, weight decay on the first only:
/// d = g + wd·p; b = d on the first step, else b = μ·b + d; d = d + μ·b; p = p − lr·d.
/// Written here rather than calling TorchSharp's <c>optim.SGD.step</c> because that one makes an implicit Scalar for
/// every momentum, weight decay and learning-rate operand, which a finaliser on another thread can free mid-call
/// (see <see cref="KeptScalars"/>). Here each operand is a <c>using Scalar</c> that outlives the step, every
/// temporary is disposed when its parameter is done, and the operations and their order are TorchSharp's/PyTorch's
/// own, so the result is bit-identical to theirs (Model.Tests' NesterovSgdTests).
/// A parameter without a gradient is left alone, as in PyTorch.
/// </summary>
public sealed class NesterovSgd : IDisposable
{
    /// <summary>The <c>format</c> metadata value of the momentum file this class writes.</summary>
    public const string StateFormat = "occlunet-sgd-momentum/1";

    sealed class Slot(string name, Parameter parameter, bool decayed)
    {
        public string Name { get; } = name;
        public Parameter Parameter { get; } = parameter;
        public bool Decayed { get; } = decayed;
        public Tensor? Momentum { get; set; }
    }

    private readonly nn.Module model;
    private readonly SgdSettings settings;
    private readonly Slot[] slots;

    /// <summary>Build it after the model has its final device and weights.</summary>
    public NesterovSgd(nn.Module model, SgdSettings settings)
    {
        if (!settings.Nesterov || settings.Momentum <= 0)
            throw new ArgumentException($"NesterovSgd needs Nesterov momentum > 0 (got momentum {settings.Momentum}, nesterov {settings.Nesterov}).", nameof(settings));
        this.model = model;
        this.settings = settings;
        var names = model.named_parameters().ToDictionary(p => p.parameter.Handle, p => p.name);
        var (decayed, notDecayed) = OptimizerFactory.Split(model);
        slots = decayed.Select(p => new Slot(names[p.Handle], p, decayed: true))
            .Concat(notDecayed.Select(p => new Slot(names[p.Handle], p, decayed: false)))
            .ToArray();
    }

    /// <summary>Momentum buffers made so far (one per parameter that has had a gradient in a step).</summary>
    public int BufferCount => slots.Count(s => s.Momentum is not null);

    /// <summary>Zeroes every gradient that exists (as TorchSharp's optimizers do; gradients are not set to none).</summary>
    public void ZeroGrad()
    {
        foreach (var slot in slots)
        {
            using var grad = slot.Parameter.grad;
            grad?.zero_();
        }
    }

    /// <summary>One step with the parameters' current gradients at learning rate <paramref name="learningRate"/>.</summary>
    public void Step(double learningRate)
    {
        using Scalar minusLr = (-learningRate).ToScalar(), momentum = settings.Momentum.ToScalar(), decay = settings.WeightDecay.ToScalar();
        using var noGrad = no_grad();
        foreach (var slot in slots)
        {
            using var grad = slot.Parameter.grad;
            if (grad is null) continue;
            using var decayed = slot.Decayed && settings.WeightDecay != 0 ? grad.add(slot.Parameter, decay) : null;
            var d = decayed ?? grad;
            if (slot.Momentum is null) slot.Momentum = d.clone().DetachFromDisposeScope(); // owned here, not by the caller's scope
            else slot.Momentum.mul_(momentum).add_(d, KeptScalars.One);
            using var nesterov = d.add(slot.Momentum, momentum);
            slot.Parameter.add_(nesterov, minusLr);
        }
    }

    /// <summary>The momentum buffers to <paramref name="path"/> (safetensors, one tensor per parameter name; atomic).</summary>
    public void Save(string path)
    {
        var buffers = slots.Where(s => s.Momentum is not null).Select(s => KeyValuePair.Create(s.Name, s.Momentum!));
        SafetensorsFile.Save(path, buffers, new Dictionary<string, string>
        {
            ["format"] = StateFormat,
            ["parameters"] = slots.Length.ToString(CultureInfo.InvariantCulture),
            ["momentum"] = settings.Momentum.ToString("R", CultureInfo.InvariantCulture),
            ["weight_decay"] = settings.WeightDecay.ToString("R", CultureInfo.InvariantCulture),
        });
    }

    /// <summary>
    /// Momentum buffers from <paramref name="path"/>: a file <see cref="Save"/> wrote, or the <c>optimizer.bin</c> of
    /// TorchSharp's <c>optim.SGD</c> (training runs before this class), read by TorchSharp itself. Anything else, or
    /// buffers that do not fit this model, throw <see cref="InvalidDataException"/> with one line naming the file.
    /// </summary>
    public void Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: optimizer state not found.", path);
        var loaded = IsTorchSharpSgdFile(path) ? ReadTorchSharpSgd(path) : ReadMomentumFile(path);
        try
        {
            foreach (var slot in slots)
            {
                if (!loaded.TryGetValue(slot.Name, out var buffer)) continue;
                if (!buffer.shape.SequenceEqual(slot.Parameter.shape) || buffer.dtype != slot.Parameter.dtype)
                    throw new InvalidDataException($"{path}: the momentum of '{slot.Name}' is {buffer.dtype} [{string.Join(",", buffer.shape)}], the model's parameter is {slot.Parameter.dtype} [{string.Join(",", slot.Parameter.shape)}].");
            }
            var unknown = loaded.Keys.Except(slots.Select(s => s.Name)).FirstOrDefault();
            if (unknown is not null) throw new InvalidDataException($"{path}: holds a momentum for '{unknown}', which this model does not have.");
            foreach (var slot in slots)
            {
                slot.Momentum?.Dispose();
                slot.Momentum = loaded.TryGetValue(slot.Name, out var buffer) ? buffer.to(slot.Parameter.device, copy: true).DetachFromDisposeScope() : null;
            }
        }
        finally
        {
            foreach (var t in loaded.Values) t.Dispose();
        }
    }

    /// <summary>TorchSharp's optimizer files start with the optimizer's type name as a .NET length-prefixed string.</summary>
    static bool IsTorchSharpSgdFile(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.Read(head) == 4 && head.SequenceEqual("\u0003SGD"u8);
    }

    Dictionary<string, Tensor> ReadMomentumFile(string path)
    {
        Dictionary<string, string> metadata;
        try
        {
            metadata = SafetensorsFile.ReadMetadata(path);
        }
        catch (InvalidDataException)
        {
            throw new InvalidDataException($"{path}: not an optimizer state file (neither {StateFormat} nor TorchSharp's SGD state).");
        }
        if (!metadata.TryGetValue("format", out var format) || format != StateFormat)
            throw new InvalidDataException($"{path}: not an optimizer state file (format '{format ?? "none"}', expected {StateFormat}).");
        if (!metadata.TryGetValue("parameters", out var count) || count != slots.Length.ToString(CultureInfo.InvariantCulture))
            throw new InvalidDataException($"{path}: optimizer state of a model with {count ?? "?"} parameters, this model has {slots.Length}.");
        var (tensors, _) = SafetensorsFile.Load(path);
        return tensors.ToDictionary(t => t.Key, t => t.Value);
    }

    /// <summary>Buffers by parameter name from TorchSharp's SGD state over the same two groups (its state is in group, then parameter, order).</summary>
    Dictionary<string, Tensor> ReadTorchSharpSgd(string path)
    {
        using var legacy = OptimizerFactory.Create(model, settings);
        try
        {
            legacy.load_state_dict(path);
        }
        catch (Exception e) when (e is ArgumentException or EndOfStreamException or InvalidDataException or InvalidCastException)
        {
            throw new InvalidDataException($"{path}: TorchSharp SGD state that does not fit this model ({e.Message.Split('\n')[0]}).", e);
        }
        var states = legacy.state_dict().State;
        if (states.Count != slots.Length) throw new InvalidDataException($"{path}: TorchSharp SGD state for {states.Count} parameters, the model has {slots.Length}.");
        var buffers = new Dictionary<string, Tensor>();
        for (int i = 0; i < slots.Length; i++)
            if (((SGD.State)states[i]).momentum_buffer is { } buffer) buffers[slots[i].Name] = buffer.clone();
        return buffers;
    }

    public void Dispose()
    {
        foreach (var slot in slots)
        {
            slot.Momentum?.Dispose();
            slot.Momentum = null;
        }
    }
}
