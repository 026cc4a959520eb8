namespace OccluNet.Live.Model.Tests;

/// <summary>A fresh scratch folder per test, removed afterwards.</summary>
public abstract class TempFolderTest
{
    protected string Folder { get; private set; } = "";

    [SetUp]
    public void MakeFolder() => Directory.CreateDirectory(Folder = Path.Combine(Path.GetTempPath(), $"occlunet-model-{Guid.NewGuid():N}"));

    [TearDown]
    public void RemoveFolder() => Directory.Delete(Folder, recursive: true);
}
