using OccluNet.Live.Capture.Dicom;
using OccluNet.Live.Capture.Writing;

namespace OccluNet.Live.Pacs.Objects;

/// <summary>A coded concept (Code Sequence Macro: value, scheme, meaning).</summary>
internal sealed record Code(string Value, string Scheme, string Meaning)
{
    public DataSetToWrite ToItem() => new DataSetToWrite()
        .Text(ResultTags.CodeValue, DicomVR.SH, Value)
        .Text(ResultTags.CodingSchemeDesignator, DicomVR.SH, Scheme)
        .Text(ResultTags.CodeMeaning, DicomVR.LO, Meaning);
}

/// <summary>
/// The concepts the report uses. Standard DICOM (DCM) and UCUM codes where the standard has the concept; this program's
/// own scheme (99OCCLUNET, declared in the report's Coding Scheme Identification Sequence) for what it does not.
/// </summary>
internal static class Codes
{
    public const string PrivateScheme = "99OCCLUNET";

    public static readonly Code ImagingMeasurementReport = new("126000", "DCM", "Imaging Measurement Report");
    public static readonly Code ImagingMeasurements = new("126010", "DCM", "Imaging Measurements");
    public static readonly Code MeasurementGroup = new("125007", "DCM", "Measurement Group");
    public static readonly Code TrackingIdentifier = new("112039", "DCM", "Tracking Identifier");
    public static readonly Code Finding = new("121071", "DCM", "Finding");
    public static readonly Code ImageRegion = new("111030", "DCM", "Image Region");
    public static readonly Code SourceImage = new("121112", "DCM", "Source of Measurement");
    public static readonly Code AlgorithmName = new("111001", "DCM", "Algorithm Name");
    public static readonly Code AlgorithmVersion = new("111003", "DCM", "Algorithm Version");
    public static readonly Code AlgorithmParameters = new("111002", "DCM", "Algorithm Parameters");

    public static readonly Code Algorithm = new("ALGORITHM", PrivateScheme, "AI algorithm");
    public static readonly Code ModelVariant = new("VARIANT", PrivateScheme, "Model variant");
    public static readonly Code WeightsSha256 = new("WEIGHTS-SHA256", PrivateScheme, "Model weights SHA-256");
    public static readonly Code ScoreThreshold = new("THRESHOLD", PrivateScheme, "Detector score threshold (operating point)");
    public static readonly Code SoftwareVersion = new("SOFTWARE", PrivateScheme, "Software version");
    public static readonly Code Confidence = new("CONFIDENCE", PrivateScheme, "AI confidence");
    public static readonly Code FirstFrame = new("FIRST-FRAME", PrivateScheme, "First frame of the finding");
    public static readonly Code LastFrame = new("LAST-FRAME", PrivateScheme, "Last frame of the finding");
    public static readonly Code NoFinding = new("NO-OCCLUSION", PrivateScheme, "No occlusion suspicion");
    public static readonly Code Disclaimer = new("DISCLAIMER", PrivateScheme, "Disclaimer");

    /// <summary>"OCCL" for a single-class model, "OCCL-M1", "OCCL-ICA-I", ... per class (a code value has at most 16 characters).</summary>
    public static Code Occlusion(string? className) => className is null
        ? new Code("OCCL", PrivateScheme, "Occlusion suspicion")
        : new Code(("OCCL-" + new string(className.ToUpperInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').ToArray()))[..Math.Min(16, 5 + className.Length)],
            PrivateScheme, $"Occlusion suspicion, {className}");

    public static readonly Code Percent = new("%", "UCUM", "percent");
    public static readonly Code Frame = new("{frame}", "UCUM", "frame");
    public static readonly Code Ratio = new("1", "UCUM", "no units");
}
