using OccluNet.Live.Capture.Dicom;

namespace OccluNet.Live.Capture.Reading;

/// <summary>
/// VRs for implicit VR files: only the binary elements this reader interprets need one (text values read the same
/// whatever the VR). Everything else is UN; elements of undefined length are read as sequences.
/// </summary>
internal static class ImplicitVRDictionary
{
    static readonly Dictionary<DicomTag, DicomVR> Known = new()
    {
        [DicomTags.SamplesPerPixel] = DicomVR.US,
        [DicomTags.PlanarConfiguration] = DicomVR.US,
        [DicomTags.Rows] = DicomVR.US,
        [DicomTags.Columns] = DicomVR.US,
        [DicomTags.BitsAllocated] = DicomVR.US,
        [DicomTags.BitsStored] = DicomVR.US,
        [DicomTags.HighBit] = DicomVR.US,
        [DicomTags.PixelRepresentation] = DicomVR.US,
        [DicomTags.FrameIncrementPointer] = DicomVR.AT,
        [DicomTags.PixelData] = DicomVR.OW,
        [DicomTags.ExtendedOffsetTable] = DicomVR.OV,
        [DicomTags.ExtendedOffsetTableLengths] = DicomVR.OV,
    };

    public static DicomVR Lookup(DicomTag tag) =>
        Known.TryGetValue(tag, out var vr) ? vr
        : tag.Element == 0x0000 ? DicomVR.UL
        : DicomVR.UN;
}
