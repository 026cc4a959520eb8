using System.Text.RegularExpressions;
using System.Xml.Linq;
using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Foundation.Tests;

/// <summary>
/// The project graph, written once here: which project may reference which. Each csproj's ProjectReferences must be
/// exactly its row, and every project's sources must name (using directive or qualified name) the namespace of each
/// project they reference, and reference each project whose namespace they name: nothing arrives through another
/// project by accident, and no reference is left that nothing uses. docs/architecture.md draws the same graph.
/// </summary>
public sealed class ProjectGraphTests
{
    /// <summary>Project (folder under src/ or tests/) to the projects it references directly.</summary>
    static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["src/Domain"] = [],
        ["src/Capture"] = ["Domain"],
        ["src/Model"] = ["Domain"],
        ["src/Trajectories"] = ["Domain"],
        ["src/Evaluation"] = ["Domain", "Trajectories"],
        ["src/Phantom"] = ["Capture", "Domain"],
        ["src/Streaming"] = ["Capture", "Domain", "Model", "Trajectories"],
        ["src/Training"] = ["Capture", "Domain", "Evaluation", "Model", "Phantom"],
        ["src/Overlay"] = ["Capture", "Domain", "Streaming", "Trajectories"],
        ["src/Pacs"] = ["Capture", "Domain", "Model", "Streaming", "Trajectories"],
        ["src/Benchmarks"] = ["Capture", "Domain", "Evaluation", "Model", "Phantom", "Streaming", "Trajectories"],
        ["src/Cli"] = ["Benchmarks", "Capture", "Domain", "Evaluation", "Model", "Overlay", "Pacs", "Phantom", "Streaming", "Training", "Trajectories"],
        ["tests/Foundation.Tests"] = ["Model"],
        ["tests/Capture.Tests"] = ["Capture"],
        ["tests/Model.Tests"] = ["Domain", "Model", "ScalarStress"],
        ["tests/Trajectories.Tests"] = ["Domain", "Evaluation", "Trajectories"],
        ["tests/Phantom.Tests"] = ["Capture", "Domain", "Phantom"],
        ["tests/Streaming.Tests"] = ["Capture", "Domain", "Model", "Streaming", "Trajectories"],
        ["tests/Training.Tests"] = ["Capture", "Cli", "Domain", "Evaluation", "Model", "Phantom", "Training"],
        ["tests/Overlay.Tests"] = ["Capture", "Domain", "Model", "Overlay", "Phantom", "Streaming", "Trajectories"],
        ["tests/Pacs.Tests"] = ["Capture", "Domain", "Model", "Pacs"],
        ["tests/Cli.Tests"] = ["Capture", "Cli", "Domain", "Evaluation", "Model", "Overlay", "Phantom", "Training", "Trajectories"],
    };

    /// <summary>Helper programs (nested in a test project) that it references only to run as a child process: for their output, not their namespace.</summary>
    static readonly Dictionary<string, string[]> RunAsProcess = new()
    {
        ["tests/Model.Tests"] = ["ScalarStress"], // the TorchSharp Scalar finaliser stress (the old pattern can abort its process)
    };

    static readonly Regex NamedProject = new(@"\bOccluNet\.Live\.(?<project>[A-Z][A-Za-z]*)\b", RegexOptions.Compiled);

    [Test]
    public void EveryProjectIsInTheGraph()
    {
        var found = Projects().Select(p => p.Key).Order().ToArray();
        Assert.That(found, Has.Length.GreaterThanOrEqualTo(20));
        Assert.That(found, Is.EquivalentTo(Allowed.Keys), "a project was added or removed: give it its row in Allowed (and in docs/architecture.md)");
    }

    [Test]
    public void EachProjectReferencesExactlyItsRow()
    {
        var projects = Projects();
        Assert.That(projects, Has.Count.EqualTo(Allowed.Count));
        Assert.Multiple(() =>
        {
            foreach (var (key, csproj) in projects)
                Assert.That(References(csproj), Is.EquivalentTo(Allowed.GetValueOrDefault(key, [])), $"{key}: ProjectReferences differ from the allowed graph");
        });
    }

    /// <summary>
    /// What the sources name, against what the csproj references. A test project's own subject (Model for Model.Tests)
    /// counts as named: its namespace encloses the tests'.
    /// </summary>
    [Test]
    public void EachProjectUsesWhatItReferencesAndReferencesWhatItUses()
    {
        var projects = Projects();
        Assert.That(projects, Has.Count.EqualTo(Allowed.Count));
        var names = projects.Keys.Where(k => k.StartsWith("src/", StringComparison.Ordinal)).Select(k => k[4..]).ToHashSet();
        Assert.Multiple(() =>
        {
            foreach (var (key, csproj) in projects)
            {
                string self = Path.GetFileName(key);
                string? subject = self.EndsWith(".Tests", StringComparison.Ordinal) ? self[..^".Tests".Length] : null;
                var named = NamedProjects(Path.GetDirectoryName(csproj)!).Where(names.Contains).Where(n => n != self).ToHashSet();
                if (subject != null && names.Contains(subject)) named.Add(subject);
                var referenced = References(csproj).Except(RunAsProcess.GetValueOrDefault(key, [])).ToHashSet();
                Assert.That(named.Except(referenced).Order(), Is.Empty, $"{key}: uses these projects without referencing them (they arrive through another project)");
                Assert.That(referenced.Except(named).Order(), Is.Empty, $"{key}: references these projects without using them");
            }
        });
    }

    [Test]
    public void TheGraphHasNoCycleAndLibrariesNeverReferenceTheApp()
    {
        Assert.Multiple(() =>
        {
            foreach (var (key, references) in Allowed.Where(p => p.Key.StartsWith("src/", StringComparison.Ordinal)))
            {
                Assert.That(Reaches(key[4..], key[4..], []), Is.False, $"{key}: is part of a cycle");
                Assert.That(references, Does.Not.Contain("Cli"), $"{key}: a library references the command-line app");
            }
        });
    }

    static bool Reaches(string from, string target, HashSet<string> seen)
    {
        foreach (var next in Allowed[$"src/{from}"])
        {
            if (next == target) return true;
            if (seen.Add(next) && Reaches(next, target, seen)) return true;
        }
        return false;
    }

    /// <summary>"src/Model" or "tests/Model.Tests" to its csproj path, for every src/*/*.csproj and tests/*/*.csproj.</summary>
    static Dictionary<string, string> Projects() =>
        new[] { "src", "tests" }
            .SelectMany(top => Directory.GetDirectories(Path.Combine(RepoPaths.Root, top))
                .SelectMany(dir => Directory.GetFiles(dir, "*.csproj"))
                .Select(csproj => (Key: $"{top}/{Path.GetFileName(Path.GetDirectoryName(csproj))}", Path: csproj)))
            .ToDictionary(p => p.Key, p => p.Path);

    /// <summary>The src folder names of a csproj's ProjectReferences ("../Model/OccluNet.Live.Model.csproj" is Model).</summary>
    static string[] References(string csproj) =>
        XDocument.Load(csproj).Descendants("ProjectReference")
            .Select(r => (string?)r.Attribute("Include") ?? throw new InvalidDataException($"{csproj}: ProjectReference without Include"))
            .Select(include => Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(csproj)!, include))))!)
            .ToArray();

    /// <summary>The projects whose namespace (OccluNet.Live.X) a project's C# sources name outside comments.</summary>
    static HashSet<string> NamedProjects(string projectDir) =>
        Directory.EnumerateFiles(projectDir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(projectDir, f)))
            .SelectMany(File.ReadLines)
            .Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .SelectMany(line => NamedProject.Matches(line).Select(m => m.Groups["project"].Value))
            .ToHashSet();

    /// <summary>bin/ or obj/ at any depth: a nested program's build output (Capture.Tests' fuzz harness) is not source.</summary>
    static bool IsBuildOutput(string relative) =>
        relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");
}
