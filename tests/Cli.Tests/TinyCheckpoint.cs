using OccluNet.Live.Model;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Preprocessing;
using OccluNet.Live.Model.Tests;
using TorchSharp;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// An untrained (seeded) tiny OccluNet1 checkpoint, 64 px input, saved once for the replay tests, and a temporary
/// working folder for them. Torch runs one thread here; the command gets --threads 1.
/// </summary>
[SetUpFixture]
public sealed class TinyCheckpoint
{
    public static string Folder { get; private set; } = "";
    public static string Path => System.IO.Path.Combine(Folder, "tiny-untrained.safetensors");

    [OneTimeSetUp]
    public void Save()
    {
        torch.set_num_threads(1);
        Folder = Directory.CreateTempSubdirectory("cli-tests-").FullName;
        var config = TinyModels.Config(TemporalVariant.OccluNet1);
        using var model = TinyModels.Build(config);
        Checkpoint.Save(Path, model, CheckpointMetadata.For(config, TinyModels.InputSize, InputNormalisation.Default, ["occlusion"], "cli-test", "none"));
    }

    [OneTimeTearDown]
    public void Delete() => Directory.Delete(Folder, recursive: true);
}
