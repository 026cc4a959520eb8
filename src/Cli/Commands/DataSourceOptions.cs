using System.CommandLine;
using OccluNet.Live.Training.Datasets;

namespace OccluNet.Live.Cli.Commands;

/// <summary>The options that say how to read a data source (train, eval, calibrate): image folder and the metadata CSV.</summary>
internal sealed class DataSourceOptions
{
    public const string DataHelp = "coco:PATH/annotations/SPLIT.json (the OccluNet authors' layout), dicom:DIR (<run>.dcm beside <run>.json ground truth), "
        + "phantom:SEED:COUNT[:SIZE][:MIX] or phantom2:SEED:COUNT[:SIZE][:MIX] (generated in memory; MIX = class weights, e.g. m2=1 or neg=1,m2=3; phantom2 only: :devices gives every run all its devices, e.g. coil masses; a final :twins gives each run without its occlusion), or several joined by +; a bare folder, .json file or SEED:COUNT also works.";

    public Option<string?> Images { get; } = new("--images") { Description = "coco: images are relative to this folder instead of the JSON's split folder (<root>/<split>)." };
    public Option<string?> Metadata { get; } = new("--metadata") { Description = "CSV with each sequence's occlusion location (the per-class rows of Table 1)." };
    public Option<string> LocationColumn { get; } = new("--location-column") { Description = "Column of --metadata holding the location.", DefaultValueFactory = _ => LocationMetadata.DefaultLocationColumn };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Images, Metadata, LocationColumn }) command.Options.Add(option);
    }

    /// <summary>The source <paramref name="text"/> names, with these options.</summary>
    public DataSource Parse(ParseResult parse, string text)
    {
        var metadata = parse.GetValue(Metadata) is { } csv ? LocationMetadata.Load(csv, parse.GetValue(LocationColumn)!) : null;
        return DataSource.Parse(text, new DataSource.Settings(parse.GetValue(Images), metadata));
    }

    /// <summary>Tells the user what the source skipped or guessed (nothing is dropped silently).</summary>
    public static void PrintNotes(DataSource source)
    {
        foreach (var note in source.Notes) Console.Error.WriteLine($"note: {note}");
    }
}
