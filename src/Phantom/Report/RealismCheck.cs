namespace OccluNet.Live.Phantom.Report;

/// <summary>One row of the realism table: the phantom's value beside the literature's, with the source (spec §6).</summary>
internal sealed record RealismCheck(string Number, string Statistic, string Phantom, string Literature, string Source);
