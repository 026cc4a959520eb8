using System.CommandLine;
using OccluNet.Live.Model.Runtime;
using TorchSharp;

namespace OccluNet.Live.Cli.Commands;

/// <summary>`occlunet device`: which torch device and backend this machine gives, and a tiny conv to prove it runs.</summary>
internal static class DeviceCommand
{
    public static Command Create()
    {
        var device = CommonOptions.Device();
        var command = new Command("device", "Show the torch device that --device resolves to and run one convolution on it.") { device };
        command.SetAction(parse =>
        {
            torch.Device chosen;
            try { chosen = TorchRuntime.Resolve(TorchRuntime.ParseRequest(parse.GetValue(device)!)); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException) { return CliErrors.Report(e.Message); }
            using var scope = torch.NewDisposeScope();
            var x = torch.ones(1, 1, 8, 8, device: chosen);
            var y = torch.nn.functional.conv2d(x, torch.ones(2, 1, 3, 3, device: chosen), padding: [1, 1]);
            Console.WriteLine($"device: {TorchRuntime.Describe(chosen)}; conv check sum = {y.sum().item<float>()}");
            return 0;
        });
        return command;
    }
}
