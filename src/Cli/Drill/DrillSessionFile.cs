using System.Text.Json;
using System.Text.Json.Serialization;
using OccluNet.Live.Domain;
using OccluNet.Live.Model.Runtime;

namespace OccluNet.Live.Cli.Drill;

/// <summary>
/// A drill session's file in its report folder (session.json): what the deck is (spec and seed, so that it can be
/// generated again), the trainee's calls case by case as they are made, and the files the drill wrote there. Rewritten
/// whole after each case, so an interrupted session (window closed, Ctrl-C, a crash) is resumed from it
/// (<c>occlunet drill --resume DIR</c>). The files list is what lets a resumed session write its report again: a name
/// in it is the drill's own; any other file in the folder is a user's and is never written over.
/// </summary>
internal sealed class DrillSessionFile
{
    public const string Name = "session.json";
    const int Format = 1;

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>One called case: every call in the order made (a moved mark is several; none made: empty).</summary>
    sealed record CalledCase(string Case, IReadOnlyList<Call> Calls);

    /// <summary>A call: seconds from the run's start, and the point (null x and y: "no occlusion").</summary>
    sealed record Call(double TimeS, float? X, float? Y);

    /// <param name="Engine">torch or onnx: what ran the AI; null in files written before it was recorded.</param>
    sealed record Document(int Format, DrillDeckSpec Deck, string Model, int BridgeGaps, string? Trainee, string? Marks,
        IReadOnlyList<CalledCase> Cases, IReadOnlyList<string> Files, string? Engine);

    readonly OutputFolder folder;
    readonly List<CalledCase> cases;
    readonly List<string> files;

    DrillSessionFile(OutputFolder folder, DrillDeckSpec deck, string model, int bridgeGaps, InferenceEngine? engine, string? trainee, string? marks, IEnumerable<CalledCase> cases, IEnumerable<string> files)
    {
        this.folder = folder;
        Deck = deck;
        Model = model;
        BridgeGaps = bridgeGaps;
        Engine = engine;
        Trainee = trainee;
        Marks = marks;
        this.cases = cases.ToList();
        this.files = files.ToList();
    }

    public DrillDeckSpec Deck { get; }
    public string Model { get; }
    public int BridgeGaps { get; }

    /// <summary>
    /// The engine that ran the AI (TorchSharp or ONNX Runtime; what auto settled on), so that a resumed session runs the
    /// same one and its report equals an uninterrupted session's byte for byte (the engines agree within 1e-4 only).
    /// </summary>
    public InferenceEngine? Engine { get; }

    /// <summary>The trainee's name when the trainer had it stored; else null.</summary>
    public string? Trainee { get; }

    /// <summary>A scripted session's marks file; null for a session in the window.</summary>
    public string? Marks { get; }

    /// <summary>The cases called so far, in deck order, with their calls.</summary>
    public IReadOnlyList<(string Case, IReadOnlyList<DrillMark> Calls)> Called =>
        cases.Select(c => (c.Case, (IReadOnlyList<DrillMark>)c.Calls.Select(k => Mark(c.Case, k)).ToArray())).ToArray();

    /// <summary>Every call of the session in the marks-file format's order (case by case).</summary>
    public IEnumerable<DrillMark> AllCalls => Called.SelectMany(c => c.Calls);

    /// <summary>Starts the file of a new session in a freshly claimed report folder.</summary>
    public static DrillSessionFile Start(OutputFolder folder, DrillDeckSpec deck, string model, int bridgeGaps, InferenceEngine engine, string? trainee, string? marks)
    {
        var session = new DrillSessionFile(folder, deck, model, bridgeGaps, engine, trainee, marks, [], []);
        session.Save();
        return session;
    }

    /// <exception cref="InvalidDataException">No session file, or one that cannot be read (the message names it and what is wrong).</exception>
    public static DrillSessionFile Resume(OutputFolder folder)
    {
        string path = folder.PathOf(Name);
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new InvalidDataException($"{path}: {(e is FileNotFoundException ? "not found: this folder holds no drill session to resume" : $"not a drill session file ({e.Message.ReplaceLineEndings(" ")})")}");
        }
        if (document is null || document.Format != Format || document.Deck?.Deck is null || document.Cases is null || document.Files is null || document.Model is null)
            throw new InvalidDataException($"{path}: not a drill session file of format {Format} (deck, model, cases and files are needed)");
        foreach (var c in document.Cases)
            if (c.Case is null || c.Calls is null || c.Calls.Any(k => k is null || !double.IsFinite(k.TimeS) || k.TimeS < 0 || (k.X is null) != (k.Y is null)))
                throw new InvalidDataException($"{path}: case {c.Case ?? "(no name)"}: a call needs time_s >= 0 and both x and y, or neither");
        if (document.Engine is not (null or "torch" or "onnx"))
            throw new InvalidDataException($"{path}: engine must be torch or onnx, was '{document.Engine}'");
        var engine = document.Engine is { } name ? InferenceEngines.Parse(name) : (InferenceEngine?)null;
        return new DrillSessionFile(folder, document.Deck, document.Model, document.BridgeGaps, engine, document.Trainee, document.Marks, document.Cases, document.Files);
    }

    /// <summary>Records a case's calls (a case not called before) and saves the file.</summary>
    public void Record(string caseName, IReadOnlyList<DrillMark> calls)
    {
        cases.Add(new CalledCase(caseName, calls.Select(m => new Call(m.TimeS, m.Point?.X, m.Point?.Y)).ToArray()));
        Save();
    }

    /// <summary>True when <paramref name="name"/> is in the folder and the drill wrote it.</summary>
    public bool Wrote(string name) => files.Contains(name) && folder.Exists(name);

    /// <summary>
    /// Writes a report file: a new name is recorded in the session before it is written (so a crash in between still
    /// leaves it the drill's own); a name the drill wrote before is replaced; a file of a user's is never written over.
    /// </summary>
    /// <exception cref="OutputFolderException">The name is taken by a file the drill did not write.</exception>
    public void Write(string name, byte[] content)
    {
        if (!files.Contains(name))
        {
            if (folder.Exists(name))
                throw new OutputFolderException($"{folder.Kind.Option} {folder.Path}: {name} is not a file this session wrote; nothing is written over it");
            files.Add(name);
            Save();
        }
        folder.Replace(name, content);
    }

    void Save() => folder.Replace(Name, JsonSerializer.SerializeToUtf8Bytes(
        new Document(Format, Deck, Model, BridgeGaps, Trainee, Marks, cases, files, Engine?.ToString().ToLowerInvariant()), Json));

    static DrillMark Mark(string caseName, Call call) =>
        new(caseName, call.TimeS, call.X is float x && call.Y is float y ? (x, y) : null, 0);
}
