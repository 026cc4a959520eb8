using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace OccluNet.Live.Domain;

/// <summary>
/// Identifiers never leave in clear (console, audit, recording logs): a study, series or instance UID is named by a hash.
/// A DICOM store SCP names files after the SOP Instance UID (storescp: XA.1.2.826...), so any message naming a file goes
/// through <see cref="Redact"/>.
/// </summary>
public static partial class Identifiers
{
    /// <summary>SHA-256 of an identifier, hex, first 16 bytes: links records to a run without naming it.</summary>
    public static string Hash(string identifier) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identifier)).AsSpan(0, 16));

    /// <summary>
    /// <paramref name="text"/> with every UID-like run of digits and dots (4 or more components) replaced by
    /// <c>uid:</c> and the first 12 hex digits of its <see cref="Hash"/>. The DICOM standard's own UIDs (1.2.840.10008.*:
    /// transfer syntaxes, SOP classes) are kept: they name formats, not people.
    /// </summary>
    public static string Redact(string text) =>
        UidLike().Replace(text, m => m.Value.StartsWith("1.2.840.10008.", StringComparison.Ordinal) ? m.Value : $"uid:{Hash(m.Value)[..12]}");

    [GeneratedRegex(@"(?<!\d)\d+(?:\.\d+){3,}(?!\d)")]
    private static partial Regex UidLike();
}
