using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace OccluNet.Live.Tests.Shared;

/// <summary>
/// A private Orthanc (Debian `orthanc`, installed by scripts/setup-debian.sh) on free loopback ports with its own JSON
/// configuration and storage folder, started and stopped by its process id. <see cref="Stop"/> then
/// <see cref="Start"/> is a PACS restart that keeps what it stored.
/// </summary>
public sealed class OrthancServer : IDisposable
{
    readonly string _folder;
    readonly string _config;
    readonly HttpClient _http = new();
    Process? _process;

    public OrthancServer(string aet = "ORTHANC", bool checkCalledAet = false, int maximumPatientCount = 0)
    {
        _folder = Directory.CreateTempSubdirectory("orthanc-").FullName;
        Aet = aet;
        HttpPort = FreePort();
        DicomPort = FreePort();
        _config = Path.Combine(_folder, "orthanc.json");
        var config = new JsonObject
        {
            ["Name"] = "occlunet-test",
            ["StorageDirectory"] = Path.Combine(_folder, "db"),
            ["IndexDirectory"] = Path.Combine(_folder, "db"),
            ["HttpPort"] = HttpPort,
            ["DicomPort"] = DicomPort,
            ["DicomAet"] = aet,
            ["RemoteAccessAllowed"] = false,
            ["AuthenticationEnabled"] = false,
            ["DicomCheckCalledAet"] = checkCalledAet,
            ["MaximumPatientCount"] = maximumPatientCount,
            ["Plugins"] = new JsonArray(),
        };
        File.WriteAllText(_config, config.ToJsonString());
        _http.BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}");
        Start();
    }

    public string Aet { get; }
    public int HttpPort { get; }
    public int DicomPort { get; }
    public string Node => $"{Aet}@127.0.0.1:{DicomPort}";

    public void Start()
    {
        if (_process is not null) throw new InvalidOperationException("Orthanc is running");
        var start = new ProcessStartInfo("Orthanc") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(_config);
        _process = Process.Start(start) ?? throw new InvalidOperationException("Orthanc did not start (apt-get install orthanc)");
        // Ready when it says so in its log (a signal, not a sleep): "Orthanc has started".
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Watch(object _, DataReceivedEventArgs e)
        {
            if (e.Data?.Contains("Orthanc has started", StringComparison.Ordinal) == true) started.TrySetResult();
        }
        _process.OutputDataReceived += Watch;
        _process.ErrorDataReceived += Watch;
        _process.Exited += (_, _) => started.TrySetException(new InvalidOperationException("Orthanc exited during start-up"));
        _process.EnableRaisingEvents = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Assert.That(started.Task.Wait(TimeSpan.FromSeconds(60)), Is.True, "Orthanc did not start within 60 s");
        Assert.That(Get("/system")["DicomAet"]!.GetValue<string>(), Is.EqualTo(Aet));
    }

    public void Stop()
    {
        if (_process is null) return;
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    public JsonNode Get(string path) => JsonNode.Parse(_http.GetStringAsync(path).GetAwaiter().GetResult())!;

    public void Put(string path, string body) =>
        _http.PutAsync(path, new StringContent(body)).GetAwaiter().GetResult().EnsureSuccessStatusCode();

    /// <summary>Every stored instance's simplified tags.</summary>
    public IReadOnlyList<JsonNode> Instances() =>
        Get("/instances").AsArray().Select(id => Get($"/instances/{id!.GetValue<string>()}/simplified-tags")).ToArray();

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Stop();
        _http.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
