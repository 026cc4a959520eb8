namespace OccluNet.Live.Capture.Dicom;

/// <summary>
/// A value representation as a row of facts (code, length form, padding), not a switch. Explicit VR files carry it;
/// implicit VR files get it from <see cref="Reading.ImplicitVRDictionary"/>.
/// </summary>
public sealed class DicomVR
{
    public string Code { get; }

    /// <summary>Explicit VR: the length is 4 bytes after 2 reserved bytes (OB, OW, SQ, UN, UT, ...).</summary>
    public bool HasLongLength { get; }

    public bool IsString { get; }

    /// <summary>Byte that pads a value to even length (UI pads with NUL, other strings with space, binary with 0).</summary>
    public byte Padding { get; }

    /// <summary>Size of one binary value, for byte swapping in big endian files (0 for strings and bytes).</summary>
    public int UnitSize { get; }

    DicomVR(string code, bool hasLongLength, bool isString, byte padding, int unitSize)
    {
        Code = code;
        HasLongLength = hasLongLength;
        IsString = isString;
        Padding = padding;
        UnitSize = unitSize;
    }

    static DicomVR Text(string code, bool longLength = false) => new(code, longLength, true, (byte)' ', 0);

    public static readonly DicomVR AE = Text("AE");
    public static readonly DicomVR AS = Text("AS");
    public static readonly DicomVR AT = new("AT", false, false, 0, 2);
    public static readonly DicomVR CS = Text("CS");
    public static readonly DicomVR DA = Text("DA");
    public static readonly DicomVR DS = Text("DS");
    public static readonly DicomVR DT = Text("DT");
    public static readonly DicomVR FD = new("FD", false, false, 0, 8);
    public static readonly DicomVR FL = new("FL", false, false, 0, 4);
    public static readonly DicomVR IS = Text("IS");
    public static readonly DicomVR LO = Text("LO");
    public static readonly DicomVR LT = Text("LT");
    public static readonly DicomVR OB = new("OB", true, false, 0, 0);
    public static readonly DicomVR OD = new("OD", true, false, 0, 8);
    public static readonly DicomVR OF = new("OF", true, false, 0, 4);
    public static readonly DicomVR OL = new("OL", true, false, 0, 4);
    public static readonly DicomVR OV = new("OV", true, false, 0, 8);
    public static readonly DicomVR OW = new("OW", true, false, 0, 2);
    public static readonly DicomVR PN = Text("PN");
    public static readonly DicomVR SH = Text("SH");
    public static readonly DicomVR SL = new("SL", false, false, 0, 4);
    public static readonly DicomVR SQ = new("SQ", true, false, 0, 0);
    public static readonly DicomVR SS = new("SS", false, false, 0, 2);
    public static readonly DicomVR ST = Text("ST");
    public static readonly DicomVR SV = new("SV", true, false, 0, 8);
    public static readonly DicomVR TM = Text("TM");
    public static readonly DicomVR UC = Text("UC", longLength: true);
    public static readonly DicomVR UI = new("UI", false, true, 0, 0);
    public static readonly DicomVR UL = new("UL", false, false, 0, 4);
    public static readonly DicomVR UN = new("UN", true, false, 0, 0);
    public static readonly DicomVR UR = Text("UR", longLength: true);
    public static readonly DicomVR US = new("US", false, false, 0, 2);
    public static readonly DicomVR UT = Text("UT", longLength: true);
    public static readonly DicomVR UV = new("UV", true, false, 0, 8);

    static readonly Dictionary<ushort, DicomVR> ByCode = new[]
    {
        AE, AS, AT, CS, DA, DS, DT, FD, FL, IS, LO, LT, OB, OD, OF, OL, OV, OW, PN, SH, SL, SQ, SS, ST, SV, TM, UC, UI,
        UL, UN, UR, US, UT, UV,
    }.ToDictionary(vr => Key((byte)vr.Code[0], (byte)vr.Code[1]));

    static ushort Key(byte first, byte second) => (ushort)((first << 8) | second);

    /// <summary>The VR whose two-letter code is these bytes, or null when they name none.</summary>
    public static DicomVR? Lookup(byte first, byte second) => ByCode.GetValueOrDefault(Key(first, second));

    public override string ToString() => Code;
}
