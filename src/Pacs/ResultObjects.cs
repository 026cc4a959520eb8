using OccluNet.Live.Capture.Writing;
using OccluNet.Live.Pacs.Objects;

namespace OccluNet.Live.Pacs;

/// <summary>One written result object: what it is, its SOP instance UID and its file.</summary>
public sealed record ResultObject(string Kind, string SopInstanceUid, string Path);

/// <summary>
/// Writes a run's presentation state and structured report (new UIDs under the root, each in a new series of the run's
/// study) as Part 10 files into a folder: "&lt;run&gt;.gsps.dcm" and "&lt;run&gt;.sr.dcm", with "-2", "-3", ... when the
/// names are taken (a looped replay). Nothing is ever overwritten.
/// </summary>
public static class ResultObjects
{
    public const string PresentationStateKind = "GSPS";
    public const string StructuredReportKind = "SR";

    /// <exception cref="IOException">The folder cannot be written (full disk, permissions): the message says which file.</exception>
    public static IReadOnlyList<ResultObject> Write(RunResult result, string folder, string uidRoot = DicomUids.UuidRoot)
    {
        Directory.CreateDirectory(folder);
        string stem = FreeStem(folder, Stem(result.Image.SourceName));
        var gsps = new ResultObject(PresentationStateKind, DicomUids.New(uidRoot), Path.Combine(folder, stem + ".gsps.dcm"));
        var sr = new ResultObject(StructuredReportKind, DicomUids.New(uidRoot), Path.Combine(folder, stem + ".sr.dcm"));
        WriteOne(gsps, PresentationState.SopClassUid, PresentationState.Build(result, gsps.SopInstanceUid, DicomUids.New(uidRoot)));
        WriteOne(sr, StructuredReport.SopClassUid, StructuredReport.Build(result, sr.SopInstanceUid, DicomUids.New(uidRoot)));
        return [gsps, sr];
    }

    static void WriteOne(ResultObject o, string sopClassUid, DataSetToWrite dataSet)
    {
        try
        {
            Part10File.WriteNew(o.Path, sopClassUid, o.SopInstanceUid, dataSet);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{o.Path}: the {o.Kind} could not be written ({e.Message})", e);
        }
    }

    static string Stem(string sourceName)
    {
        string stem = Path.GetFileNameWithoutExtension(sourceName);
        stem = new string(stem.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        return stem.Length == 0 ? "run" : stem;
    }

    static string FreeStem(string folder, string stem)
    {
        bool Taken(string s) => File.Exists(Path.Combine(folder, s + ".gsps.dcm")) || File.Exists(Path.Combine(folder, s + ".sr.dcm"));
        if (!Taken(stem)) return stem;
        for (int n = 2; ; n++)
            if (!Taken($"{stem}-{n}")) return $"{stem}-{n}";
    }
}
