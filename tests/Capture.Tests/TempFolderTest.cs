namespace OccluNet.Live.Capture.Tests;

/// <summary>A fresh temporary folder per test, deleted afterwards.</summary>
public abstract class TempFolderTest
{
    protected string Dir { get; private set; } = "";

    [SetUp]
    public void CreateTempFolder() => Dir = Directory.CreateTempSubdirectory("capture-test-").FullName;

    [TearDown]
    public void DeleteTempFolder() => Directory.Delete(Dir, recursive: true);
}
