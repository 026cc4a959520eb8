using System.Text.Json;
using System.Text.Json.Serialization;

namespace OccluNet.Live.Domain;

/// <summary>The one JSON convention of the project's files (ground truth, detections, metadata): camelCase, enums as names.</summary>
public static class DomainJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The same, on one line (JSON Lines files).</summary>
    public static readonly JsonSerializerOptions Compact = new(Options) { WriteIndented = false };
}
