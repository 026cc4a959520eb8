using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// Issue 13: a site file (occlunet.json, or the file OCCLUNET_CONFIG names) sets options by their long names; the
/// command line wins; `config show` says each setting's value and where it came from; a wrong key or value is one line
/// naming the file's line.
/// </summary>
[TestFixture]
public sealed class SiteSettingsTests
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    string work = "";

    [SetUp]
    public void MakeWorkFolder() => work = Directory.CreateTempSubdirectory("cli-site-").FullName;

    [TearDown]
    public void DeleteWorkFolder() => Directory.Delete(work, recursive: true);

    string Site(string json)
    {
        string path = Path.Combine(work, "site.json");
        File.WriteAllText(path, json);
        return path;
    }

    Task<CliResult> RunAsync(string? site, params string[] args) =>
        CliProcess.RunAsync(work, Limit, site is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["OCCLUNET_CONFIG"] = site }, args);

    [Test]
    public async Task ConfigShowWithoutASiteFileGivesTheDefaults()
    {
        var result = await RunAsync(null, "config", "show");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StdOut, Does.StartWith($"site file: none ({Path.Combine(work, "occlunet.json")} does not exist"));
            Assert.That(result.StdOut, Does.Match(@"\ndevice +auto +default +device, eval, .*replay, live\n"));
            Assert.That(result.StdOut, Does.Match(@"\nsnapshot-every +1 +default +replay"));
        });
    }

    [Test]
    public async Task ConfigShowNamesTheSiteFileLineOfEachSetting()
    {
        string site = Site("{\n  // a site's defaults\n  \"device\": \"cpu\",\n  \"snapshot-every\": 5\n}\n");
        var result = await RunAsync(site, "config", "show");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StdOut, Does.StartWith($"site file: {site} (2 setting(s))"));
            Assert.That(result.StdOut, Does.Match(@"\ndevice +cpu +site\.json:3 "));
            Assert.That(result.StdOut, Does.Match(@"\nsnapshot-every +5 +site\.json:4 "));
            Assert.That(result.StdOut, Does.Match(@"\nengine +auto +default "), "what the file does not set keeps its default");
        });
    }

    [Test]
    public async Task ASettingAppliesUnlessTheCommandLineGivesTheOption()
    {
        string site = Site("{ \"snapshot-every\": 5, \"device\": \"cpu\", \"threads\": 1, \"headless\": true }");
        string[] replay = ["replay", Path.Combine(RepoPaths.ReplayData, "ph701-ap.dcm"), "--speed", "max", "--model", TinyCheckpoint.Path];

        var fromFile = await RunAsync(site, [.. replay, "--snapshots", Path.Combine(work, "a")]);
        var overridden = await RunAsync(site, [.. replay, "--snapshots", Path.Combine(work, "b"), "--snapshot-every", "7"]);

        Assert.Multiple(() =>
        {
            Assert.That(fromFile.ExitCode, Is.Zero, fromFile.ToString());
            Assert.That(Names(Path.Combine(work, "a")), Is.EqualTo(new[] { "overlay-f000000.png", "overlay-f000005.png", "overlay-f000010.png", "overlay-f000013_run-end.png" }));
            Assert.That(fromFile.StdOut, Does.Contain("on cpu"), "the file's device");
            Assert.That(overridden.ExitCode, Is.Zero, overridden.ToString());
            Assert.That(Names(Path.Combine(work, "b")), Is.EqualTo(new[] { "overlay-f000000.png", "overlay-f000007.png", "overlay-f000013_run-end.png" }), "the command line wins");
        });
    }

    [TestCase("{\n  \"device\": \"cpu\",\n  \"colour\": \"red\"\n}", 3, "unknown setting 'colour'")]
    [TestCase("{\n  \"device\": \"cpu\",\n\n  \"snapshot-every\": \"often\"\n}", 4, "'snapshot-every': Cannot parse argument 'often'")]
    [TestCase("{\n  \"device\": \"cpu\",\n  \"device\": \"cuda\"\n}", 3, "'device' is set twice")]
    [TestCase("{\n  \"device\": [\"cpu\", {}]\n}", 2, "'device': a JSON object is not a setting's value")]
    [TestCase("{\n  \"device\": \"cpu\"\n", 3, "not valid JSON")]
    public async Task AWrongSiteFileIsOneLineNamingItsLine(string json, int line, string what)
    {
        string site = Site(json);
        var result = await RunAsync(site, "replay", Path.Combine(RepoPaths.ReplayData, "ph701-ap.dcm"), "--model", TinyCheckpoint.Path);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.ErrorLines.Single(), Does.StartWith($"occlunet: {site}:{line}: ").And.Contain(what));
            Assert.That(Directory.Exists(Path.Combine(work, "replay-snapshots")), Is.False, "nothing ran");
        });
    }

    [Test]
    public async Task ANamedSiteFileThatDoesNotExistIsAnError()
    {
        var missing = Path.Combine(work, "nowhere.json");
        var result = await RunAsync(missing, "config", "show");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.ErrorLines.Single(), Does.Contain(missing).And.Contain("no such file"));
        });
    }

    static string[] Names(string folder) => Directory.GetFiles(folder, "*.png").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
}
