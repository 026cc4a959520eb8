using System.Runtime.InteropServices;
using System.Text.Json;
using OccluNet.Live.Domain;
using OccluNet.Live.Model.Inference;

namespace OccluNet.Live.Model.Onnx;

/// <summary>
/// What TorchSharp computed on some runs, written beside an exported model (`occlunet export --reference DATA`) so the
/// graphs can be checked on another machine and another execution provider without the checkpoint or libtorch: the
/// model inputs of every frame and, for every window in streaming order, the raw boxes and scores before the threshold.
/// reference.json says what reference.bin holds (float32, little-endian, run by run: the inputs, then per window the
/// boxes then the scores).
/// </summary>
public sealed class ExportReference
{
    public const string JsonFile = "reference.json", DataFile = "reference.bin";
    private const int Format = 1;

    /// <summary>One run: its model inputs and the reference engine's raw scores per output frame.</summary>
    public sealed record Run(string Id, IReadOnlyList<float[]> Inputs, IReadOnlyList<(int Frame, RawScores Raw)> Windows);

    /// <summary>The worst differences of an engine's raw scores from the reference over every window.</summary>
    public sealed record Parity(int Runs, int Windows, double WorstBox, double WorstScore);

    private sealed record Header(int Format, string WeightsSha256, string Engine, int InputSize, int Classes, long Priors, RunHeader[] Runs);
    private sealed record RunHeader(string Id, int Inputs, int[] Windows);

    private ExportReference(string engine, string weightsSha256, int inputSize, IReadOnlyList<Run> runs)
    {
        Engine = engine;
        WeightsSha256 = weightsSha256;
        InputSize = inputSize;
        Runs = runs;
    }

    /// <summary>The engine that computed the reference (its detector's device string).</summary>
    public string Engine { get; }

    /// <summary>SHA-256 of the checkpoint the reference was computed with; graphs of other weights refuse it.</summary>
    public string WeightsSha256 { get; }
    public int InputSize { get; }
    public IReadOnlyList<Run> Runs { get; }

    /// <summary>Runs each input sequence through <paramref name="detector"/> as the live pipeline would.</summary>
    public static ExportReference Record(IOcclusionDetector detector, IEnumerable<(string Id, IReadOnlyList<float[]> Inputs)> runs) =>
        new(detector.Info.Device, detector.Info.WeightsSha256, detector.Info.InputSize, runs.Select(r => new Run(r.Id, r.Inputs, RawScoreReplay.Run(detector, r.Inputs))).ToArray());

    /// <summary>The worst differences of <paramref name="detector"/>'s raw scores from this reference.</summary>
    public Parity Compare(IOcclusionDetector detector)
    {
        double box = 0, score = 0;
        int windows = 0;
        foreach (var run in Runs)
        {
            var got = RawScoreReplay.Run(detector, run.Inputs);
            if (got.Count != run.Windows.Count) throw new InvalidDataException($"run {run.Id}: {got.Count} windows, the reference has {run.Windows.Count}.");
            for (int w = 0; w < got.Count; w++)
            {
                var (a, b) = (run.Windows[w].Raw, got[w].Raw);
                if (a.Scores.Length != b.Scores.Length) throw new InvalidDataException($"run {run.Id}: {b.Scores.Length} scores per window, the reference has {a.Scores.Length}.");
                box = Math.Max(box, WorstDifference(a.Boxes, b.Boxes));
                score = Math.Max(score, WorstDifference(a.Scores, b.Scores));
                windows++;
            }
        }
        return new Parity(Runs.Count, windows, box, score);
    }

    /// <summary>Writes reference.json and reference.bin into <paramref name="folder"/>; never overwrites either.</summary>
    public void WriteTo(string folder)
    {
        string json = Path.Combine(folder, JsonFile), data = Path.Combine(folder, DataFile);
        foreach (var path in new[] { json, data })
            if (File.Exists(path)) throw new IOException($"{path}: exists; a reference is written into a folder without one.");
        var first = Runs.SelectMany(r => r.Windows).Select(w => w.Raw).First();
        var header = new Header(Format, WeightsSha256, Engine, InputSize, first.Classes, first.Boxes.Length / 4,
            Runs.Select(r => new RunHeader(r.Id, r.Inputs.Count, r.Windows.Select(w => w.Frame).ToArray())).ToArray());
        using (var stream = new FileStream(data, FileMode.CreateNew))
            foreach (var run in Runs)
            {
                foreach (var input in run.Inputs) stream.Write(MemoryMarshal.AsBytes(input.AsSpan()));
                foreach (var (_, raw) in run.Windows)
                {
                    stream.Write(MemoryMarshal.AsBytes(raw.Boxes.AsSpan()));
                    stream.Write(MemoryMarshal.AsBytes(raw.Scores.AsSpan()));
                }
            }
        File.WriteAllText(json, JsonSerializer.Serialize(header, DomainJson.Options));
    }

    /// <summary>The reference beside an exported model, or null when it has none.</summary>
    /// <exception cref="InvalidDataException">The reference is unreadable or belongs to other weights or sizes.</exception>
    public static ExportReference? ReadFrom(ExportedModel model)
    {
        string json = Path.Combine(model.Folder, JsonFile), data = Path.Combine(model.Folder, DataFile);
        if (!File.Exists(json)) return null;
        Header header;
        try { header = JsonSerializer.Deserialize<Header>(File.ReadAllText(json), DomainJson.Options) ?? throw new JsonException("empty"); }
        catch (JsonException e) { throw new InvalidDataException($"{json}: not a reference file ({e.Message}).", e); }
        var m = model.Metadata;
        if (header.Format != Format) throw new InvalidDataException($"{json}: reference format {header.Format}, this build reads {Format}.");
        if (header.WeightsSha256 != model.WeightsSha256) throw new InvalidDataException($"{json}: recorded for other weights than the graphs beside it (SHA-256 differs).");
        long priors = OccluNetOnnxExporter.LevelSizes(m.InputSize).Sum(s => s.H * s.W);
        if (header.InputSize != m.InputSize || header.Classes != m.Classes.Count || header.Priors != priors || header.Runs is null)
            throw new InvalidDataException($"{json}: sizes do not match the graphs ({header.InputSize} px, {header.Classes} classes, {header.Priors} priors).");
        long plane = (long)m.InputSize * m.InputSize, window = priors * (4 + header.Classes);
        long expected = header.Runs.Sum(r => r.Inputs * plane + r.Windows.Length * window) * sizeof(float);
        if (!File.Exists(data) || new FileInfo(data).Length != expected)
            throw new InvalidDataException($"{data}: missing or not {expected} bytes as {JsonFile} says.");
        using var stream = File.OpenRead(data);
        float[] Next(long count)
        {
            var values = new float[count];
            stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
            return values;
        }
        var runs = header.Runs.Select(r => new Run(r.Id,
            Enumerable.Range(0, r.Inputs).Select(_ => Next(plane)).ToArray(),
            r.Windows.Select(f => (f, new RawScores(Next(priors * 4), Next(priors * header.Classes), header.Classes))).ToArray())).ToArray();
        return new ExportReference(header.Engine, header.WeightsSha256, header.InputSize, runs);
    }

    private static double WorstDifference(float[] a, float[] b)
    {
        double worst = 0;
        for (int i = 0; i < a.Length; i++) worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        return worst;
    }
}
