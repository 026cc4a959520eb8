namespace OccluNet.Live.Capture.Dicom;

/// <summary>How pixel data of an encapsulated syntax is compressed; <see cref="None"/> for native pixel data.</summary>
public enum PixelCompression
{
    None,
    Rle,
    JpegBaseline,
    JpegExtended,
    JpegLossless,
    JpegLs,
    Jpeg2000,
}

/// <summary>A transfer syntax as the facts the reader needs: byte order, VR form, deflate, pixel compression.</summary>
public sealed class TransferSyntax
{
    public string Uid { get; }
    public string Name { get; }
    public bool IsExplicitVR { get; }
    public bool IsBigEndian { get; }
    public bool IsDeflated { get; }
    public PixelCompression Compression { get; }
    public bool IsEncapsulated => Compression != PixelCompression.None;
    public bool IsLossy { get; }

    TransferSyntax(string uid, string name, bool explicitVR, bool bigEndian = false, bool deflated = false,
        PixelCompression compression = PixelCompression.None, bool lossy = false)
    {
        Uid = uid;
        Name = name;
        IsExplicitVR = explicitVR;
        IsBigEndian = bigEndian;
        IsDeflated = deflated;
        Compression = compression;
        IsLossy = lossy;
    }

    public static readonly TransferSyntax ImplicitVRLittleEndian = new("1.2.840.10008.1.2", "Implicit VR Little Endian", false);
    public static readonly TransferSyntax ExplicitVRLittleEndian = new("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true);
    public static readonly TransferSyntax DeflatedExplicitVRLittleEndian = new("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, deflated: true);
    public static readonly TransferSyntax ExplicitVRBigEndian = new("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, bigEndian: true);
    public static readonly TransferSyntax RleLossless = new("1.2.840.10008.1.2.5", "RLE Lossless", true, compression: PixelCompression.Rle);
    public static readonly TransferSyntax JpegBaseline = new("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", true, compression: PixelCompression.JpegBaseline, lossy: true);
    public static readonly TransferSyntax JpegExtended = new("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", true, compression: PixelCompression.JpegExtended, lossy: true);
    public static readonly TransferSyntax JpegLossless = new("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", true, compression: PixelCompression.JpegLossless);
    public static readonly TransferSyntax JpegLosslessSV1 = new("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 SV1)", true, compression: PixelCompression.JpegLossless);
    public static readonly TransferSyntax JpegLsLossless = new("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", true, compression: PixelCompression.JpegLs);
    public static readonly TransferSyntax JpegLsNearLossless = new("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless", true, compression: PixelCompression.JpegLs, lossy: true);
    public static readonly TransferSyntax Jpeg2000Lossless = new("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless", true, compression: PixelCompression.Jpeg2000);
    public static readonly TransferSyntax Jpeg2000 = new("1.2.840.10008.1.2.4.91", "JPEG 2000", true, compression: PixelCompression.Jpeg2000, lossy: true);

    public static IReadOnlyList<TransferSyntax> All { get; } =
    [
        ImplicitVRLittleEndian, ExplicitVRLittleEndian, DeflatedExplicitVRLittleEndian, ExplicitVRBigEndian, RleLossless,
        JpegBaseline, JpegExtended, JpegLossless, JpegLosslessSV1, JpegLsLossless, JpegLsNearLossless, Jpeg2000Lossless, Jpeg2000,
    ];

    /// <summary>The syntax with this UID (trailing NUL/space padding ignored), or null when it is not supported.</summary>
    public static TransferSyntax? Find(string uid)
    {
        var trimmed = uid.TrimEnd('\0', ' ');
        return All.FirstOrDefault(ts => ts.Uid == trimmed);
    }

    public override string ToString() => $"{Name} ({Uid})";
}
