using System.Globalization;

namespace OccluNet.Live.Pacs;

/// <summary>What one analysed run came to: the image, the finding (null: none), the model, and when.</summary>
public sealed record RunResult(RunImage Image, RunFinding? Finding, ModelProvenance Model, DateTimeOffset Created)
{
    /// <summary>The warning every object carries.</summary>
    public const string Disclaimer = "research software, not for diagnosis";

    /// <summary>The one line a viewer shows with the box, e.g. "AI occlusion suspicion M1 62 % — research software, not for diagnosis".</summary>
    public string Headline => Finding is { } f
        ? string.Create(CultureInfo.InvariantCulture, $"AI occlusion suspicion {(f.LocationClass is { } c ? c + " " : "")}{Math.Round(f.Confidence * 100):0} % — {Disclaimer}")
        : $"AI: no occlusion suspicion — {Disclaimer}";
}
