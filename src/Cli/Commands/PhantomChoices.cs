using OccluNet.Live.Domain;
using OccluNet.Live.Phantom.Cases;

namespace OccluNet.Live.Cli.Commands;

/// <summary>The names the commands take for a phantom run's view and class (synth's --view/--class, drill's deck filters).</summary>
internal static class PhantomChoices
{
    public const string ClassNames = "m1, m2, icai, icae, unknown, neg";

    /// <exception cref="ArgumentException">Not ap or lat(eral).</exception>
    public static PhantomView View(string text, string option = "--view") => text.Trim().ToLowerInvariant() switch
    {
        "ap" => PhantomView.Ap,
        "lat" or "lateral" => PhantomView.Lateral,
        _ => throw new ArgumentException($"{option} '{text}' is not ap or lat"),
    };

    /// <summary>An occlusion class, or null for a run without one ("neg", "negative" or "none").</summary>
    /// <exception cref="ArgumentException">Not one of <see cref="ClassNames"/>.</exception>
    public static OcclusionClass? Class(string text, string option = "--class") => text.Trim().ToLowerInvariant() switch
    {
        "neg" or "negative" or "none" => null,
        "m1" => OcclusionClass.M1,
        "m2" => OcclusionClass.M2,
        "icai" or "ica-i" or "intracranialica" => OcclusionClass.IntracranialIca,
        "icae" or "ica-e" or "extracranialica" => OcclusionClass.ExtracranialIca,
        "unknown" => OcclusionClass.Unknown,
        _ => throw new ArgumentException($"{option} '{text}' is not one of {ClassNames}"),
    };
}
