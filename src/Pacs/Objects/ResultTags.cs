using OccluNet.Live.Capture.Dicom;

namespace OccluNet.Live.Pacs.Objects;

/// <summary>The tags the presentation state and the report use beyond Capture's <see cref="DicomTags"/>.</summary>
internal static class ResultTags
{
    public static readonly DicomTag InstanceCreationDate = new(0x0008, 0x0012);
    public static readonly DicomTag InstanceCreationTime = new(0x0008, 0x0013);
    public static readonly DicomTag SeriesDate = new(0x0008, 0x0021);
    public static readonly DicomTag SeriesTime = new(0x0008, 0x0031);
    public static readonly DicomTag CodeValue = new(0x0008, 0x0100);
    public static readonly DicomTag CodingSchemeDesignator = new(0x0008, 0x0102);
    public static readonly DicomTag CodeMeaning = new(0x0008, 0x0104);
    public static readonly DicomTag CodingSchemeIdentificationSequence = new(0x0008, 0x0110);
    public static readonly DicomTag CodingSchemeName = new(0x0008, 0x0115);
    public static readonly DicomTag CodingSchemeResponsibleOrganization = new(0x0008, 0x0116);
    public static readonly DicomTag ManufacturerModelName = new(0x0008, 0x1090);
    public static readonly DicomTag ReferencedPerformedProcedureStepSequence = new(0x0008, 0x1111);
    public static readonly DicomTag ReferencedSeriesSequence = new(0x0008, 0x1115);
    public static readonly DicomTag ReferencedImageSequence = new(0x0008, 0x1140);
    public static readonly DicomTag ReferencedSopClassUid = new(0x0008, 0x1150);
    public static readonly DicomTag ReferencedSopInstanceUid = new(0x0008, 0x1155);
    public static readonly DicomTag ReferencedFrameNumber = new(0x0008, 0x1160);
    public static readonly DicomTag ReferencedSopSequence = new(0x0008, 0x1199);
    public static readonly DicomTag SoftwareVersions = new(0x0018, 0x1020);
    public static readonly DicomTag Laterality = new(0x0020, 0x0060);

    public static readonly DicomTag SoftcopyVoiLutSequence = new(0x0028, 0x3110);
    public static readonly DicomTag PresentationLutShape = new(0x2050, 0x0020);

    public static readonly DicomTag RelationshipType = new(0x0040, 0xA010);
    public static readonly DicomTag ValueType = new(0x0040, 0xA040);
    public static readonly DicomTag ConceptNameCodeSequence = new(0x0040, 0xA043);
    public static readonly DicomTag ContinuityOfContent = new(0x0040, 0xA050);
    public static readonly DicomTag TextValue = new(0x0040, 0xA160);
    public static readonly DicomTag ConceptCodeSequence = new(0x0040, 0xA168);
    public static readonly DicomTag MeasuredValueSequence = new(0x0040, 0xA300);
    public static readonly DicomTag NumericValue = new(0x0040, 0xA30A);
    public static readonly DicomTag MeasurementUnitsCodeSequence = new(0x0040, 0x08EA);
    public static readonly DicomTag PerformedProcedureCodeSequence = new(0x0040, 0xA372);
    public static readonly DicomTag CurrentRequestedProcedureEvidenceSequence = new(0x0040, 0xA375);
    public static readonly DicomTag CompletionFlag = new(0x0040, 0xA491);
    public static readonly DicomTag VerificationFlag = new(0x0040, 0xA493);
    public static readonly DicomTag ContentSequence = new(0x0040, 0xA730);

    public static readonly DicomTag GraphicAnnotationSequence = new(0x0070, 0x0001);
    public static readonly DicomTag GraphicLayer = new(0x0070, 0x0002);
    public static readonly DicomTag BoundingBoxAnnotationUnits = new(0x0070, 0x0003);
    public static readonly DicomTag GraphicAnnotationUnits = new(0x0070, 0x0005);
    public static readonly DicomTag UnformattedTextValue = new(0x0070, 0x0006);
    public static readonly DicomTag TextObjectSequence = new(0x0070, 0x0008);
    public static readonly DicomTag GraphicObjectSequence = new(0x0070, 0x0009);
    public static readonly DicomTag BoundingBoxTopLeftHandCorner = new(0x0070, 0x0010);
    public static readonly DicomTag BoundingBoxBottomRightHandCorner = new(0x0070, 0x0011);
    public static readonly DicomTag BoundingBoxTextHorizontalJustification = new(0x0070, 0x0012);
    public static readonly DicomTag GraphicDimensions = new(0x0070, 0x0020);
    public static readonly DicomTag NumberOfGraphicPoints = new(0x0070, 0x0021);
    public static readonly DicomTag GraphicData = new(0x0070, 0x0022);
    public static readonly DicomTag GraphicType = new(0x0070, 0x0023);
    public static readonly DicomTag GraphicFilled = new(0x0070, 0x0024);
    public static readonly DicomTag DisplayedAreaTopLeftHandCorner = new(0x0070, 0x0052);
    public static readonly DicomTag DisplayedAreaBottomRightHandCorner = new(0x0070, 0x0053);
    public static readonly DicomTag DisplayedAreaSelectionSequence = new(0x0070, 0x005A);
    public static readonly DicomTag GraphicLayerSequence = new(0x0070, 0x0060);
    public static readonly DicomTag GraphicLayerOrder = new(0x0070, 0x0062);
    public static readonly DicomTag GraphicLayerRecommendedDisplayGrayscaleValue = new(0x0070, 0x0066);
    public static readonly DicomTag GraphicLayerDescription = new(0x0070, 0x0068);
    public static readonly DicomTag ContentLabel = new(0x0070, 0x0080);
    public static readonly DicomTag ContentDescription = new(0x0070, 0x0081);
    public static readonly DicomTag PresentationCreationDate = new(0x0070, 0x0082);
    public static readonly DicomTag PresentationCreationTime = new(0x0070, 0x0083);
    public static readonly DicomTag ContentCreatorName = new(0x0070, 0x0084);
    public static readonly DicomTag PresentationSizeMode = new(0x0070, 0x0100);
    public static readonly DicomTag PresentationPixelAspectRatio = new(0x0070, 0x0102);

    public static readonly DicomTag OverlayRows = new(0x6000, 0x0010);
    public static readonly DicomTag OverlayColumns = new(0x6000, 0x0011);
    public static readonly DicomTag OverlayDescription = new(0x6000, 0x0022);
    public static readonly DicomTag OverlayType = new(0x6000, 0x0040);
    public static readonly DicomTag OverlayOrigin = new(0x6000, 0x0050);
    public static readonly DicomTag OverlayBitsAllocated = new(0x6000, 0x0100);
    public static readonly DicomTag OverlayBitPosition = new(0x6000, 0x0102);
    public static readonly DicomTag OverlayActivationLayer = new(0x6000, 0x1001);
    public static readonly DicomTag OverlayLabel = new(0x6000, 0x1500);
    public static readonly DicomTag OverlayData = new(0x6000, 0x3000);
}
