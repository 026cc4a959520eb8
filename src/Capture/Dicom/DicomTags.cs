namespace OccluNet.Live.Capture.Dicom;

/// <summary>The tags this reader and writer use by name.</summary>
public static class DicomTags
{
    public static readonly DicomTag FileMetaGroupLength = new(0x0002, 0x0000);
    public static readonly DicomTag FileMetaVersion = new(0x0002, 0x0001);
    public static readonly DicomTag MediaStorageSopClassUid = new(0x0002, 0x0002);
    public static readonly DicomTag MediaStorageSopInstanceUid = new(0x0002, 0x0003);
    public static readonly DicomTag TransferSyntaxUid = new(0x0002, 0x0010);
    public static readonly DicomTag ImplementationClassUid = new(0x0002, 0x0012);
    public static readonly DicomTag ImplementationVersionName = new(0x0002, 0x0013);

    public static readonly DicomTag SpecificCharacterSet = new(0x0008, 0x0005);
    public static readonly DicomTag ImageType = new(0x0008, 0x0008);
    public static readonly DicomTag SopClassUid = new(0x0008, 0x0016);
    public static readonly DicomTag SopInstanceUid = new(0x0008, 0x0018);
    public static readonly DicomTag StudyDate = new(0x0008, 0x0020);
    public static readonly DicomTag ContentDate = new(0x0008, 0x0023);
    public static readonly DicomTag StudyTime = new(0x0008, 0x0030);
    public static readonly DicomTag ContentTime = new(0x0008, 0x0033);
    public static readonly DicomTag AccessionNumber = new(0x0008, 0x0050);
    public static readonly DicomTag Modality = new(0x0008, 0x0060);
    public static readonly DicomTag Manufacturer = new(0x0008, 0x0070);
    public static readonly DicomTag ReferringPhysicianName = new(0x0008, 0x0090);
    public static readonly DicomTag RecommendedDisplayFrameRate = new(0x0008, 0x2144);
    public static readonly DicomTag SeriesDescription = new(0x0008, 0x103E);

    public static readonly DicomTag PatientName = new(0x0010, 0x0010);
    public static readonly DicomTag PatientId = new(0x0010, 0x0020);
    public static readonly DicomTag PatientBirthDate = new(0x0010, 0x0030);
    public static readonly DicomTag PatientSex = new(0x0010, 0x0040);

    public static readonly DicomTag CineRate = new(0x0018, 0x0040);
    public static readonly DicomTag Kvp = new(0x0018, 0x0060);
    public static readonly DicomTag FrameTime = new(0x0018, 0x1063);
    public static readonly DicomTag FrameTimeVector = new(0x0018, 0x1065);
    public static readonly DicomTag ExposureTime = new(0x0018, 0x1150);
    public static readonly DicomTag XRayTubeCurrent = new(0x0018, 0x1151);
    public static readonly DicomTag Exposure = new(0x0018, 0x1152);
    public static readonly DicomTag RadiationSetting = new(0x0018, 0x1155);
    public static readonly DicomTag ImagerPixelSpacing = new(0x0018, 0x1164);
    public static readonly DicomTag PositionerMotion = new(0x0018, 0x1500);
    public static readonly DicomTag PositionerPrimaryAngle = new(0x0018, 0x1510);
    public static readonly DicomTag PositionerSecondaryAngle = new(0x0018, 0x1511);
    public static readonly DicomTag ViewPosition = new(0x0018, 0x5101);

    public static readonly DicomTag StudyInstanceUid = new(0x0020, 0x000D);
    public static readonly DicomTag SeriesInstanceUid = new(0x0020, 0x000E);
    public static readonly DicomTag StudyId = new(0x0020, 0x0010);
    public static readonly DicomTag SeriesNumber = new(0x0020, 0x0011);
    public static readonly DicomTag InstanceNumber = new(0x0020, 0x0013);
    public static readonly DicomTag PatientOrientation = new(0x0020, 0x0020);
    public static readonly DicomTag Laterality = new(0x0020, 0x0060);

    public static readonly DicomTag SamplesPerPixel = new(0x0028, 0x0002);
    public static readonly DicomTag PhotometricInterpretation = new(0x0028, 0x0004);
    public static readonly DicomTag PlanarConfiguration = new(0x0028, 0x0006);
    public static readonly DicomTag NumberOfFrames = new(0x0028, 0x0008);
    public static readonly DicomTag FrameIncrementPointer = new(0x0028, 0x0009);
    public static readonly DicomTag Rows = new(0x0028, 0x0010);
    public static readonly DicomTag Columns = new(0x0028, 0x0011);
    public static readonly DicomTag PixelSpacing = new(0x0028, 0x0030);
    public static readonly DicomTag BitsAllocated = new(0x0028, 0x0100);
    public static readonly DicomTag BitsStored = new(0x0028, 0x0101);
    public static readonly DicomTag HighBit = new(0x0028, 0x0102);
    public static readonly DicomTag PixelRepresentation = new(0x0028, 0x0103);
    public static readonly DicomTag PixelIntensityRelationship = new(0x0028, 0x1040);
    public static readonly DicomTag PixelIntensityRelationshipSign = new(0x0028, 0x1041);
    public static readonly DicomTag MaskSubtractionSequence = new(0x0028, 0x6100);
    public static readonly DicomTag MaskOperation = new(0x0028, 0x6101);
    public static readonly DicomTag ApplicableFrameRange = new(0x0028, 0x6102);
    public static readonly DicomTag MaskFrameNumbers = new(0x0028, 0x6110);
    public static readonly DicomTag MaskSubPixelShift = new(0x0028, 0x6114);
    public static readonly DicomTag WindowCenter = new(0x0028, 0x1050);
    public static readonly DicomTag WindowWidth = new(0x0028, 0x1051);
    public static readonly DicomTag RescaleIntercept = new(0x0028, 0x1052);
    public static readonly DicomTag RescaleSlope = new(0x0028, 0x1053);
    public static readonly DicomTag LossyImageCompression = new(0x0028, 0x2110);

    public static readonly DicomTag ExtendedOffsetTable = new(0x7FE0, 0x0001);
    public static readonly DicomTag ExtendedOffsetTableLengths = new(0x7FE0, 0x0002);
    public static readonly DicomTag PixelData = new(0x7FE0, 0x0010);

    public static readonly DicomTag Item = new(0xFFFE, 0xE000);
    public static readonly DicomTag ItemDelimitation = new(0xFFFE, 0xE00D);
    public static readonly DicomTag SequenceDelimitation = new(0xFFFE, 0xE0DD);
}
