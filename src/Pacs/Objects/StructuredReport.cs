using OccluNet.Live.Capture.Dicom;
using OccluNet.Live.Capture.Writing;

namespace OccluNet.Live.Pacs.Objects;

/// <summary>
/// A run's result as a Comprehensive SR (PS3.3 A.35.3) with a TID 1500-style tree (the structure of an Imaging
/// Measurement Report, without claiming conformance to the template: no Content Template Sequence). docs/pacs.md
/// shows the tree:
/// <code>
/// CONTAINER Imaging Measurement Report
///   CONTAINS TEXT Disclaimer
///   CONTAINS CONTAINER AI algorithm: Algorithm Name, Model variant, Algorithm Version, Weights SHA-256,
///                                    Detector score threshold (operating point), Algorithm Parameters, Software version
///   CONTAINS CONTAINER Imaging Measurements
///     CONTAINS CONTAINER Measurement Group
///       HAS OBS CONTEXT TEXT Tracking Identifier
///       CONTAINS CODE Finding = Occlusion suspicion, CLASS | No occlusion suspicion
///       CONTAINS NUM AI confidence (%), NUM First frame, NUM Last frame          (finding only)
///       CONTAINS SCOORD Image Region POLYLINE (the box)                         (finding only)
///         SELECTED FROM IMAGE (the run's SOP instance, the peak frame)
///       CONTAINS IMAGE (the run's SOP instance)                                 (no finding)
/// </code>
/// </summary>
internal static class StructuredReport
{
    public const string SopClassUid = "1.2.840.10008.5.1.4.1.1.88.33";

    public static DataSetToWrite Build(RunResult result, string sopInstanceUid, string seriesUid)
    {
        RunImage image = result.Image;
        var (date, time) = ImageReference.DateAndTime(result.Created);
        var d = new DataSetToWrite();
        ImageReference.AddCommon(d, result, SopClassUid, sopInstanceUid, seriesUid, "SR", "OccluNet.Live AI findings (structured report)");
        d.Text(DicomTags.ContentDate, DicomVR.DA, date)
            .Text(DicomTags.ContentTime, DicomVR.TM, time)
            .Sequence(ResultTags.CodingSchemeIdentificationSequence, new DataSetToWrite()
                .Text(ResultTags.CodingSchemeDesignator, DicomVR.SH, Codes.PrivateScheme)
                .Text(ResultTags.CodingSchemeName, DicomVR.ST, "OccluNet.Live concepts")
                .Text(ResultTags.CodingSchemeResponsibleOrganization, DicomVR.ST, "OccluNet.Live project"))
            .Sequence(ResultTags.ReferencedPerformedProcedureStepSequence)
            .Sequence(ResultTags.PerformedProcedureCodeSequence)
            .Text(ResultTags.CompletionFlag, DicomVR.CS, "COMPLETE")
            .Text(ResultTags.VerificationFlag, DicomVR.CS, "UNVERIFIED")
            .Sequence(ResultTags.CurrentRequestedProcedureEvidenceSequence, new DataSetToWrite()
                .Sequence(ResultTags.ReferencedSeriesSequence, new DataSetToWrite()
                    .Sequence(ResultTags.ReferencedSopSequence, ImageReference.Item(image, []))
                    .Text(DicomTags.SeriesInstanceUid, DicomVR.UI, image.SeriesInstanceUid))
                .Text(DicomTags.StudyInstanceUid, DicomVR.UI, image.StudyInstanceUid));
        // The root content item's attributes sit in the data set itself.
        d.Text(ResultTags.ValueType, DicomVR.CS, "CONTAINER")
            .Sequence(ResultTags.ConceptNameCodeSequence, Codes.ImagingMeasurementReport.ToItem())
            .Text(ResultTags.ContinuityOfContent, DicomVR.CS, "SEPARATE")
            .Sequence(ResultTags.ContentSequence,
                Item("CONTAINS", Codes.Disclaimer).Text("TEXT", $"{RunResult.Disclaimer}. {result.Headline}"),
                Container("CONTAINS", Codes.Algorithm, Algorithm(result.Model)),
                Container("CONTAINS", Codes.ImagingMeasurements, Container("CONTAINS", Codes.MeasurementGroup, Group(result).ToArray())));
        return d;
    }

    static ContentItem[] Algorithm(ModelProvenance m) =>
    [
        Item("CONTAINS", Codes.AlgorithmName).Text("TEXT", m.Name),
        Item("CONTAINS", Codes.ModelVariant).Text("TEXT", m.Variant),
        Item("CONTAINS", Codes.AlgorithmVersion).Text("TEXT", m.WeightsSha256.Length >= 12 ? m.WeightsSha256[..12] : m.WeightsSha256),
        Item("CONTAINS", Codes.WeightsSha256).Text("TEXT", m.WeightsSha256),
        Item("CONTAINS", Codes.ScoreThreshold).Number(m.ScoreThreshold, Codes.Ratio),
        Item("CONTAINS", Codes.AlgorithmParameters).Text("TEXT", $"operating point: {m.OperatingPoint}"),
        Item("CONTAINS", Codes.SoftwareVersion).Text("TEXT", m.SoftwareVersion),
    ];

    static IEnumerable<ContentItem> Group(RunResult result)
    {
        yield return Item("HAS OBS CONTEXT", Codes.TrackingIdentifier).Text("TEXT", "best occlusion trajectory of the run");
        if (result.Finding is not { } f)
        {
            yield return Item("CONTAINS", Codes.Finding).Coded(Codes.NoFinding);
            yield return Item("CONTAINS", null).Image(result.Image, []);
            yield break;
        }
        yield return Item("CONTAINS", Codes.Finding).Coded(Codes.Occlusion(f.LocationClass));
        yield return Item("CONTAINS", Codes.Confidence).Number(Math.Round(f.Confidence * 100, 1), Codes.Percent);
        yield return Item("CONTAINS", Codes.FirstFrame).Number(f.FirstFrame + 1, Codes.Frame);
        yield return Item("CONTAINS", Codes.LastFrame).Number(f.LastFrame + 1, Codes.Frame);
        var (x1, y1, x2, y2) = PresentationState.Clamp(f.Box, result.Image);
        yield return Item("CONTAINS", Codes.ImageRegion).Polyline([x1, y1, x2, y1, x2, y2, x1, y2, x1, y1],
            Item("SELECTED FROM", null).Image(result.Image, [f.PeakFrame]));
    }

    static ContentItem Item(string relationship, Code? concept) => new(relationship, concept);

    static ContentItem Container(string relationship, Code concept, params ContentItem[] children) =>
        new ContentItem(relationship, concept).Container(children);

    /// <summary>One content item being built: relationship, concept name, then its value (one of the typed setters).</summary>
    sealed class ContentItem
    {
        readonly DataSetToWrite item = new();

        public ContentItem(string relationship, Code? concept)
        {
            item.Text(ResultTags.RelationshipType, DicomVR.CS, relationship);
            if (concept is not null) item.Sequence(ResultTags.ConceptNameCodeSequence, concept.ToItem());
        }

        public static implicit operator DataSetToWrite(ContentItem item) => item.item;

        public ContentItem Text(string valueType, string text)
        {
            item.Text(ResultTags.ValueType, DicomVR.CS, valueType).Text(ResultTags.TextValue, DicomVR.UT, text);
            return this;
        }

        public ContentItem Coded(Code value)
        {
            item.Text(ResultTags.ValueType, DicomVR.CS, "CODE").Sequence(ResultTags.ConceptCodeSequence, value.ToItem());
            return this;
        }

        public ContentItem Number(double value, Code units)
        {
            item.Text(ResultTags.ValueType, DicomVR.CS, "NUM").Sequence(ResultTags.MeasuredValueSequence, new DataSetToWrite()
                .Sequence(ResultTags.MeasurementUnitsCodeSequence, units.ToItem())
                .Decimals(ResultTags.NumericValue, value));
            return this;
        }

        public ContentItem Image(RunImage image, IReadOnlyCollection<int> frames)
        {
            item.Text(ResultTags.ValueType, DicomVR.CS, "IMAGE").Sequence(ResultTags.ReferencedSopSequence, ImageReference.Item(image, frames));
            return this;
        }

        public ContentItem Polyline(float[] points, ContentItem selectedFrom)
        {
            item.Text(ResultTags.ValueType, DicomVR.CS, "SCOORD")
                .Floats(ResultTags.GraphicData, points)
                .Text(ResultTags.GraphicType, DicomVR.CS, "POLYLINE")
                .Sequence(ResultTags.ContentSequence, selectedFrom);
            return this;
        }

        public ContentItem Container(ContentItem[] children)
        {
            item.Text(ResultTags.ValueType, DicomVR.CS, "CONTAINER").Text(ResultTags.ContinuityOfContent, DicomVR.CS, "SEPARATE")
                .Sequence(ResultTags.ContentSequence, children.Select(c => (DataSetToWrite)c));
            return this;
        }
    }
}
