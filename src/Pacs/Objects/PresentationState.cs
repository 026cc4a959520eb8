using OccluNet.Live.Capture.Dicom;
using OccluNet.Live.Capture.Writing;
using OccluNet.Live.Domain;

namespace OccluNet.Live.Pacs.Objects;

/// <summary>
/// A run's result as a Grayscale Softcopy Presentation State (PS3.3 A.33.1). With a finding it applies to the frames
/// whose result showed the best trajectory: on each, the box the overlay drew there (a closed POLYLINE in PIXEL units)
/// and the headline text, on the layer <see cref="Layer"/>; and, because renderers such as dcmtk's draw no graphic
/// annotations, the representative box as a bitmap overlay (group 6000) activated on the same layer. Without a finding
/// it applies to every frame and carries the "no occlusion suspicion" text only. The VOI window is the image's own.
/// </summary>
internal static class PresentationState
{
    public const string SopClassUid = "1.2.840.10008.5.1.4.1.1.11.1";
    public const string Layer = "OCCLUNET_AI";
    const ushort White = 0xFFFF;

    public static DataSetToWrite Build(RunResult result, string sopInstanceUid, string seriesUid)
    {
        RunImage image = result.Image;
        IReadOnlyCollection<int> frames = result.Finding?.Shown.Select(s => s.FrameIndex).ToArray() ?? [];
        var d = new DataSetToWrite();
        ImageReference.AddCommon(d, result, SopClassUid, sopInstanceUid, seriesUid, "PR", "OccluNet.Live AI findings (presentation state)");
        var (date, time) = ImageReference.DateAndTime(result.Created);
        d.Text(ResultTags.Laterality, DicomVR.CS, "") // General Series type 2C: the run's images carry none either
            .Text(ResultTags.ContentLabel, DicomVR.CS, "OCCLUNET_AI")
            .Text(ResultTags.ContentDescription, DicomVR.LO, result.Finding is null ? "AI: no occlusion suspicion" : "AI occlusion suspicion")
            .Text(ResultTags.PresentationCreationDate, DicomVR.DA, date)
            .Text(ResultTags.PresentationCreationTime, DicomVR.TM, time)
            .Text(ResultTags.ContentCreatorName, DicomVR.PN, "")
            // Presentation State Relationship: the image, and with a finding only the frames that showed it.
            .Sequence(ResultTags.ReferencedSeriesSequence, new DataSetToWrite()
                .Sequence(ResultTags.ReferencedImageSequence, ImageReference.Item(image, frames))
                .Text(DicomTags.SeriesInstanceUid, DicomVR.UI, image.SeriesInstanceUid))
            .Sequence(ResultTags.DisplayedAreaSelectionSequence, new DataSetToWrite()
                .Int32(ResultTags.DisplayedAreaTopLeftHandCorner, 1, 1)
                .Int32(ResultTags.DisplayedAreaBottomRightHandCorner, image.Columns, image.Rows)
                .Text(ResultTags.PresentationSizeMode, DicomVR.CS, "SCALE TO FIT")
                .Integers(ResultTags.PresentationPixelAspectRatio, 1, 1))
            .Sequence(ResultTags.GraphicAnnotationSequence, Annotations(result))
            .Sequence(ResultTags.GraphicLayerSequence, new DataSetToWrite()
                .Text(ResultTags.GraphicLayer, DicomVR.CS, Layer)
                .Integers(ResultTags.GraphicLayerOrder, 1)
                .UInt16(ResultTags.GraphicLayerRecommendedDisplayGrayscaleValue, White)
                .Text(ResultTags.GraphicLayerDescription, DicomVR.LO, "OccluNet.Live AI result (research software)"))
            .Text(ResultTags.PresentationLutShape, DicomVR.CS, image.IsMonochrome1 ? "INVERSE" : "IDENTITY");
        if (image.WindowCenter is { } center && image.WindowWidth is { } width && width >= 1)
            d.Sequence(ResultTags.SoftcopyVoiLutSequence, new DataSetToWrite().Decimals(DicomTags.WindowCenter, center).Decimals(DicomTags.WindowWidth, width));
        if (result.Finding is { } finding) AddOverlay(d, image, finding.Box);
        return d;
    }

    static IEnumerable<DataSetToWrite> Annotations(RunResult result)
    {
        RunImage image = result.Image;
        if (result.Finding is not { } finding)
        {
            yield return new DataSetToWrite()
                .Text(ResultTags.GraphicLayer, DicomVR.CS, Layer)
                .Sequence(ResultTags.TextObjectSequence, Text(result.Headline, image, top: 4));
            yield break;
        }
        foreach (var shown in finding.Shown)
        {
            yield return new DataSetToWrite()
                .Sequence(ResultTags.ReferencedImageSequence, ImageReference.Item(image, [shown.FrameIndex]))
                .Text(ResultTags.GraphicLayer, DicomVR.CS, Layer)
                .Sequence(ResultTags.TextObjectSequence, Text(result.Headline, image, top: TextTop(shown.Box, image)))
                .Sequence(ResultTags.GraphicObjectSequence, Outline(shown.Box, image));
        }
    }

    /// <summary>The box as a closed polyline (5 points, first repeated), clamped to the image.</summary>
    static DataSetToWrite Outline(Box box, RunImage image)
    {
        var (x1, y1, x2, y2) = Clamp(box, image);
        return new DataSetToWrite()
            .Text(ResultTags.GraphicAnnotationUnits, DicomVR.CS, "PIXEL")
            .UInt16(ResultTags.GraphicDimensions, 2)
            .UInt16(ResultTags.NumberOfGraphicPoints, 5)
            .Floats(ResultTags.GraphicData, x1, y1, x2, y1, x2, y2, x1, y2, x1, y1)
            .Text(ResultTags.GraphicType, DicomVR.CS, "POLYLINE")
            .Text(ResultTags.GraphicFilled, DicomVR.CS, "N");
    }

    /// <summary>A text line across the image's width, just above the box (below it when the box touches the top).</summary>
    static DataSetToWrite Text(string text, RunImage image, float top)
    {
        const float LineHeight = 14;
        return new DataSetToWrite()
            .Text(ResultTags.BoundingBoxAnnotationUnits, DicomVR.CS, "PIXEL")
            .Text(ResultTags.UnformattedTextValue, DicomVR.ST, text)
            .Floats(ResultTags.BoundingBoxTopLeftHandCorner, 2, top)
            .Floats(ResultTags.BoundingBoxBottomRightHandCorner, image.Columns - 2, Math.Min(image.Rows, top + LineHeight))
            .Text(ResultTags.BoundingBoxTextHorizontalJustification, DicomVR.CS, "LEFT");
    }

    static float TextTop(Box box, RunImage image)
    {
        var (_, y1, _, y2) = Clamp(box, image);
        return y1 >= 18 ? y1 - 16 : Math.Min(y2 + 2, image.Rows - 14);
    }

    internal static (float X1, float Y1, float X2, float Y2) Clamp(Box box, RunImage image) =>
        (Math.Clamp(box.X1, 0, image.Columns), Math.Clamp(box.Y1, 0, image.Rows), Math.Clamp(box.X2, 0, image.Columns), Math.Clamp(box.Y2, 0, image.Rows));

    /// <summary>
    /// The box outline as a 1-bit graphics overlay of the image's size: the ring of pixels just outside the box (as the
    /// live overlay draws its outline outside the box), packed 8 pixels a byte, first pixel in the lowest bit.
    /// </summary>
    static void AddOverlay(DataSetToWrite d, RunImage image, Box box)
    {
        var bits = new byte[(image.Rows * image.Columns + 15) / 16 * 2];
        var (x1, y1, x2, y2) = Clamp(box, image);
        int left = (int)Math.Floor(x1) - 1, top = (int)Math.Floor(y1) - 1, right = (int)Math.Ceiling(x2), bottom = (int)Math.Ceiling(y2);
        void Set(int x, int y)
        {
            if (x < 0 || y < 0 || x >= image.Columns || y >= image.Rows) return;
            int i = y * image.Columns + x;
            bits[i >> 3] |= (byte)(1 << (i & 7));
        }
        for (int x = left; x <= right; x++) { Set(x, top); Set(x, bottom); }
        for (int y = top; y <= bottom; y++) { Set(left, y); Set(right, y); }
        d.UInt16(ResultTags.OverlayRows, (ushort)image.Rows)
            .UInt16(ResultTags.OverlayColumns, (ushort)image.Columns)
            .Text(ResultTags.OverlayDescription, DicomVR.LO, "AI box, for renderers without graphic annotations")
            .Text(ResultTags.OverlayType, DicomVR.CS, "G")
            .Int16(ResultTags.OverlayOrigin, 1, 1)
            .UInt16(ResultTags.OverlayBitsAllocated, 1)
            .UInt16(ResultTags.OverlayBitPosition, 0)
            .Text(ResultTags.OverlayActivationLayer, DicomVR.CS, Layer)
            .Text(ResultTags.OverlayLabel, DicomVR.LO, "OCCLUNET AI BOX")
            .Bytes(ResultTags.OverlayData, DicomVR.OW, bits);
    }
}
