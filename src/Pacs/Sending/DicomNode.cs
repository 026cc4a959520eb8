using System.Globalization;

namespace OccluNet.Live.Pacs.Sending;

/// <summary>A DICOM node to C-STORE to, written AET@HOST:PORT (e.g. ORTHANC@127.0.0.1:4242).</summary>
public sealed record DicomNode(string CalledAet, string Host, int Port)
{
    /// <summary>Our calling AE title.</summary>
    public const string CallingAet = "OCCLUNET";

    /// <exception cref="FormatException">Not AET@HOST:PORT, or an AE title that DICOM does not allow.</exception>
    public static DicomNode Parse(string text)
    {
        int at = text.IndexOf('@');
        int colon = text.LastIndexOf(':');
        if (at <= 0 || colon < at + 2 || colon == text.Length - 1)
            throw new FormatException($"'{text}' is not AET@HOST:PORT (e.g. ORTHANC@127.0.0.1:4242)");
        string aet = text[..at], host = text[(at + 1)..colon];
        if (aet.Length > 16 || aet.Any(c => c < 0x20 || c > 0x7E || c == '\\') || aet.Trim().Length == 0)
            throw new FormatException($"'{aet}' is not an AE title (1-16 printable characters, no backslash)");
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
            throw new FormatException($"'{text[(colon + 1)..]}' is not a TCP port (1-65535)");
        return new DicomNode(aet, host, port);
    }

    /// <summary>A folder name for this node's queue ("ORTHANC@127.0.0.1_4242").</summary>
    public string FolderName => new(ToString().Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '@' or '_' ? c : '_').ToArray());

    public override string ToString() => $"{CalledAet}@{Host}:{Port}";
}
