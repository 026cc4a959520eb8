using System.Globalization;
using OccluNet.Live.Domain;
using OccluNet.Live.Phantom.Anatomy;
using OccluNet.Live.Phantom.Cases;
using OccluNet.Live.Phantom.Flow;

namespace OccluNet.Live.Phantom.Report;

/// <summary>
/// The spec's realism checks (§6) measured on many sampled cases from their graphs and noise-free curves (no frames
/// needed): diameters and lengths at named sites, division pattern, junction exponent, tortuosity, times to peak,
/// circulation times normal vs occluded, collateral delay, class and acquisition distributions, phase proportions.
/// </summary>
internal static class RealismStatistics
{
    public static List<RealismCheck> Measure(ulong firstSeed, int count, CancellationToken ct, IProgress<WorkProgress>? progress = null)
    {
        var acc = new Accumulator();
        for (int k = 0; k < count; k++)
        {
            progress?.Report(new WorkProgress(k, count, $"seed {firstSeed + (ulong)k}"));
            ct.ThrowIfCancellationRequested();
            ulong seed = firstSeed + (ulong)k;
            var c = CaseSampler.Sample(seed, new PhantomOptions());
            var tree = AnatomyBuilder.Build(c);
            var clot = c.Occlusion is { } plan ? ClotPlacer.Place(tree, plan, seed) : null;
            acc.Add(c, tree, FlowModel.Solve(tree, c, null), clot == null ? null : FlowModel.Solve(tree, c, clot), clot);
        }
        progress?.Report(new WorkProgress(count, count));
        return acc.Rows(count);
    }

    sealed class Accumulator
    {
        readonly Dictionary<string, List<double>> v = new();
        readonly Dictionary<string, int> counts = new();

        void Put(string key, double value) { if (!double.IsNaN(value) && !double.IsInfinity(value)) (v.TryGetValue(key, out var l) ? l : v[key] = new List<double>()).Add(value); }
        void Count(string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
        List<double> L(string key) => v.TryGetValue(key, out var l) ? l : new List<double>();

        public void Add(PhantomCase c, VesselTree tree, FlowSolution normal, FlowSolution? occluded, Clot? clot)
        {
            Put("d-cav", 2 * tree.Edges[tree.First("ICA-cavernous")].R0);
            Put("d-term", 2 * tree.Edges[tree.Named["ICA-supraclinoid"][^1]].R1);
            Put("d-m1", 2 * tree.Edges[tree.First("M1")].R0);
            foreach (int e in tree.Named["M2-trunk"]) Put("d-m2", 2 * tree.Edges[e].R0);
            Put("d-a1", 2 * tree.Edges[tree.First("A1")].R0);
            Put("len-cav", ChainLength(tree, "ICA-cavernous") + ChainLength(tree, "ICA-supraclinoid"));
            Put("len-m1", ChainLength(tree, "M1"));
            Put("len-a1", ChainLength(tree, "A1"));
            Count(c.Anatomy.McaTrunks == 3 ? "div-tri" : c.Anatomy.EarlyBifurcation ? "div-early" : "div-bi");
            Junctions(tree);
            Put("tort-siphon", Tortuosity(tree, tree.Named["ICA-cavernous"].Concat(tree.Named["ICA-supraclinoid"]).ToList()));
            CorticalTortuosity(tree);
            double inj = c.Flow.InjectionStartS;
            Put("ttp-ica", normal.Antegrade[tree.First("ICA-cavernous")].Ttp - inj);
            Put("ttp-m1", normal.Antegrade[tree.First("M1")].Ttp - inj);
            Put("ttp-cortical", Median(tree.Edges.Where(e => e.IsLeaf && e.Segment == VesselSegment.McaDistal).Select(e => normal.Antegrade[e.Id].Ttp)) - inj);
            Put("ttp-blush", normal.BlushNormal.Ttp - inj);
            Put("ttp-vein", normal.Antegrade[tree.First("cortical-vein")].Ttp - inj);
            Put("ttp-sinus", normal.Antegrade[tree.Named["SSS"][^1]].Ttp - inj);
            double siphonMax = normal.Antegrade[tree.First("ICA-cavernous")].Ttp;
            int deep = tree.Named["deep-vein"][^1];
            Put(c.Negative == NegativeKind.SlowFlow ? "cct-slow" : "cct-normal", normal.Antegrade[deep].RiseTime(0.1) - siphonMax);
            Put("hct", normal.Antegrade[tree.First("cortical-vein")].Ttp - normal.Antegrade[tree.First("M1")].Ttp);
            Put("siphon-to-vein", normal.Antegrade[tree.First("cortical-vein")].Ttp - normal.Antegrade[tree.First("ICA-cavernous")].RiseTime(0.1));
            if (occluded != null && clot != null)
            {
                Count("class-" + clot.Plan.Class);
                if (clot.Plan.Class == OcclusionClass.M1)
                {
                    var veins = tree.Edges.Where(e => e.Segment == VesselSegment.CorticalVein).Select(e => e.Id).ToList();
                    Put("cct-m1", occluded.Antegrade[tree.Named["deep-vein"][^1]].RiseTime(0.1) - occluded.Antegrade[tree.First("ICA-cavernous")].Ttp);
                    Put("hct-m1", occluded.Antegrade[veins[0]].Ttp - normal.Antegrade[tree.First("M1")].Ttp);
                    var m2 = clot.Blocked.Where(e => tree.Edges[e].Segment == VesselSegment.M2 && occluded.Collateral[e].Peak > 0).ToList();
                    if (m2.Count > 0) Put("collateral-delay", Median(m2.Select(e => occluded.Collateral[e].Ttp - normal.Antegrade[e].Ttp)));
                }
            }
            else Count("class-negative");
            var times = c.Acquisition.FrameTimesS;
            Put("frames", times.Length);
            Put("fps", c.Acquisition.NominalFps);
            foreach (double t in times) Count("phase-" + normal.PhaseAt(t));
        }

        static double ChainLength(VesselTree tree, string name) => tree.Named[name].Sum(e => tree.Edges[e].Length);

        void Junctions(VesselTree tree)
        {
            foreach (var e in tree.Edges)
            {
                if (e.Children.Count != 2 || e.Segment is not (VesselSegment.McaDistal or VesselSegment.AcaDistal)) continue;
                double r0 = e.R1, r1 = tree.Edges[e.Children[0]].R0, r2 = tree.Edges[e.Children[1]].R0;
                if (r1 >= r0 || r2 >= r0) continue;
                double lo = 1, hi = 6;
                for (int i = 0; i < 40; i++)
                {
                    double k = 0.5 * (lo + hi);
                    if (Math.Pow(r1 / r0, k) + Math.Pow(r2 / r0, k) > 1) lo = k; else hi = k;
                }
                Put("junction-k", 0.5 * (lo + hi));
            }
        }

        void CorticalTortuosity(VesselTree tree)
        {
            // a branch = a maximal run of single-child edges in the grown MCA tree
            foreach (var e in tree.Edges.Where(e => e.Segment == VesselSegment.McaDistal && e.Parent >= 0 && tree.Edges[e.Parent].Children.Count > 1))
            {
                var chain = new List<int> { e.Id };
                while (tree.Edges[chain[^1]].Children.Count == 1) chain.Add(tree.Edges[chain[^1]].Children[0]);
                if (chain.Count >= 4) Put("tort-cortical", Tortuosity(tree, chain));
            }
        }

        static double Tortuosity(VesselTree tree, List<int> chain)
        {
            double path = chain.Sum(e => tree.Edges[e].Length);
            double chord = tree.Edges[chain[0]].P0.DistanceTo(tree.Edges[chain[^1]].P1);
            return chord > 0 ? path / chord : double.NaN;
        }

        public List<RealismCheck> Rows(int n)
        {
            int positives = counts.Where(kv => kv.Key.StartsWith("class-", StringComparison.Ordinal) && kv.Key != "class-negative").Sum(kv => kv.Value);
            int phases = counts.Where(kv => kv.Key.StartsWith("phase-", StringComparison.Ordinal)).Sum(kv => kv.Value);
            string Pct(string key, int total) => total == 0 ? "-" : F(100.0 * counts.GetValueOrDefault(key) / total, "0") + "%";
            return new List<RealismCheck>
            {
                new("1", "Diameter cavernous ICA (mm)", MeanSd("d-cav"), "5.0 ± 0.6", "Rai 2013"),
                new("1", "Diameter ICA terminus (mm)", MeanSd("d-term"), "3.6 ± 0.4", "Rai 2013"),
                new("1", "Diameter M1 origin (mm)", MeanSd("d-m1"), "3.1 ± 0.4", "Rai 2013; Baz 2021"),
                new("1", "Diameter M2 origin (mm)", MeanSd("d-m2"), "2.4 ± 0.4", "Rai 2013"),
                new("1", "Diameter A1 (mm)", MeanSd("d-a1"), "1.9–2.3", "Lee & Rhee; Clin Ter 2010"),
                new("2", "Length cavernous ICA → terminus (mm)", MeanSd("len-cav"), "33 ± 6", "Rai 2013"),
                new("2", "Length M1 (mm)", MeanSd("len-m1"), "~15–22", "Rai 2013; operativeneurosurgery"),
                new("2", "Length A1 (mm)", MeanSd("len-a1"), "14–15", "Lee & Rhee"),
                new("3", "MCA division bi / tri / early", $"{Pct("div-bi", n)} / {Pct("div-tri", n)} / {Pct("div-early", n)}", "78–86% / 12–14% / early 0.5–24%", "Osborn; Brzegowy 2018"),
                new("5", "Junction exponent k (median, IQR)", MedianIqr("junction-k"), "~2.3–3", "Nakamura & Awa 2014"),
                new("6", "Tortuosity (distance metric) siphon", MeanSd("tort-siphon"), "1.3–2 (design, MRA)", "Bullitt 2003; spec 1.5"),
                new("6", "Tortuosity cortical branches", MedianIqr("tort-cortical"), "1.05–1.3 (design, MRA)", "Bullitt 2003; spec 1.5"),
                new("9", "TTP after injection: ICA / M1 (s)", $"{MeanSd("ttp-ica")} / {MeanSd("ttp-m1")}", "~1–2 / 1.2–2.0", "spec 2.2 (design)"),
                new("9", "TTP cortical artery / parenchyma (s)", $"{MeanSd("ttp-cortical")} / {MeanSd("ttp-blush")}", "1.6–2.6 / 3–4", "spec 2.2 (design)"),
                new("9", "TTP cortical vein / sinus (s)", $"{MeanSd("ttp-vein")} / {MeanSd("ttp-sinus")}", "5–6.5 / 6–8", "spec 2.2 (design)"),
                new("10", "CCT max siphon filling → venous angle (s), normal", MeanSd("cct-normal"), "4.2 ± 1.0", "Jpn J Geriatrics 14(5)"),
                new("10", "CCT, M1 occlusion (s)", MeanSd("cct-m1"), "6.2 ± 1.0", "Jpn J Geriatrics 14(5)"),
                new("10", "CCT, slow-flow negatives (s)", MeanSd("cct-slow"), "prolonged (stenosis)", "Hu 2018"),
                new("11", "Hemispheric circulation time MCA → cortical vein (s)", $"{MeanSd("hct")} normal, {MeanSd("hct-m1")} M1", "3.6 ± 0.9 normal; 5.3 ± 1.5 occluded", "JCBFM 2014"),
                new("12", "First siphon opacification → max cortical vein (s)", MeanSd("siphon-to-vein"), "~6 (>7 abnormal)", "UCSD NeuroWeb"),
                new("13", "Collateral delay, M2 level, M1 cases (s)", MedianIqr("collateral-delay"), "dynCTA 6.3 (4.0–8.6); DSA shorter", "Froelich 2020"),
                new("14", "Occlusion location M1 / M2 / ICA-I / ICA-E / unknown",
                    $"{Pct("class-M1", positives)} / {Pct("class-M2", positives)} / {Pct("class-IntracranialIca", positives)} / {Pct("class-ExtracranialIca", positives)} / {Pct("class-Unknown", positives)}",
                    "M1 61%, M2 16%, ICA 22%, other 1%", "JNIS 2023 e60"),
                new("14", "Negatives share", Pct("class-negative", n), "design 20–50%", "spec 5.2"),
                new("15", "Frames per run (min–max, median) / fps", $"{F(L("frames").Min(), "0")}–{F(L("frames").Max(), "0")}, {F(Median(L("frames")), "0")} / {F(L("fps").Min(), "0")}–{F(L("fps").Max(), "0")}", "3–76 / 1–4 (some 6–7)", "OccluNet; DSCA"),
                new("18", "Phases non-contrast / arterial / capillary / venous (frames)",
                    $"{Pct("phase-non-contrast", phases)} / {Pct("phase-arterial", phases)} / {Pct("phase-capillary", phases)} / {Pct("phase-venous", phases)}", "compare autoTICI labels", "autoTICI 2021"),
            };
        }

        string MeanSd(string key)
        {
            var l = L(key);
            if (l.Count == 0) return "-";
            double m = l.Average(), sd = Math.Sqrt(l.Sum(x => (x - m) * (x - m)) / Math.Max(1, l.Count - 1));
            return $"{F(m, "0.00")} ± {F(sd, "0.00")} (n={l.Count})";
        }

        string MedianIqr(string key)
        {
            var l = L(key).Order().ToList();
            if (l.Count == 0) return "-";
            return $"{F(l[l.Count / 2], "0.00")} ({F(l[l.Count / 4], "0.00")}–{F(l[3 * l.Count / 4], "0.00")}, n={l.Count})";
        }
    }

    static double Median(IEnumerable<double> values)
    {
        var l = values.Order().ToList();
        return l.Count == 0 ? double.NaN : l[l.Count / 2];
    }

    static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
}
