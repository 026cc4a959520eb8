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
    readonly string folder;
    readonly string config;
    readonly HttpClient http = new();
    Process? process;

    public OrthancServer(string aet = "ORTHANC", bool checkCalledAet = false, int maximumPatientCount = 0)
    {
        folder = Directory.CreateTempSubdirectory("orthanc-").FullName;
        Aet = aet;
        HttpPort = FreePort();
        DicomPort = FreePort();
        this.config = Path.Combine(folder, "orthanc.json");
        var config = new JsonObject
        {
            ["Name"] = "occlunet-test",
            ["StorageDirectory"] = Path.Combine(folder, "db"),
            ["IndexDirectory"] = Path.Combine(folder, "db"),
            ["HttpPort"] = HttpPort,
            ["DicomPort"] = DicomPort,
            ["DicomAet"] = aet,
            ["RemoteAccessAllowed"] = false,
            ["AuthenticationEnabled"] = false,
            ["DicomCheckCalledAet"] = checkCalledAet,
            ["MaximumPatientCount"] = maximumPatientCount,
            ["Plugins"] = new JsonArray(),
        };
        File.WriteAllText(this.config, config.ToJsonString());
        http.BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}");
        Start();
    }

    public string Aet { get; }
    public int HttpPort { get; }
    public int DicomPort { get; }
    public string Node => $"{Aet}@127.0.0.1:{DicomPort}";

    public void Start()
    {
        if (process is not null) throw new InvalidOperationException("Orthanc is running");
        var start = new ProcessStartInfo("Orthanc") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(config);
        process = Process.Start(start) ?? throw new InvalidOperationException("Orthanc did not start (apt-get install orthanc)");
        // Ready when it says so in its log (a signal, not a sleep): "Orthanc has started".
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Watch(object _, DataReceivedEventArgs e)
        {
            if (e.Data?.Contains("Orthanc has started", StringComparison.Ordinal) == true) started.TrySetResult();
        }
        process.OutputDataReceived += Watch;
        process.ErrorDataReceived += Watch;
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException("Orthanc exited during start-up"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Assert.That(started.Task.Wait(TimeSpan.FromSeconds(60)), Is.True, "Orthanc did not start within 60 s");
        Assert.That(Get("/system")["DicomAet"]!.GetValue<string>(), Is.EqualTo(Aet));
    }

    public void Stop()
    {
        if (process is null) return;
        process.Kill();
        process.WaitForExit();
        process.Dispose();
        process = null;
    }

    public JsonNode Get(string path) => JsonNode.Parse(http.GetStringAsync(path).GetAwaiter().GetResult())!;

    public void Put(string path, string body) =>
        http.PutAsync(path, new StringContent(body)).GetAwaiter().GetResult().EnsureSuccessStatusCode();

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
        http.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
