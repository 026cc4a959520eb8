using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OccluNet.Live.Benchmarks.Model;

/// <summary>
/// Counts multiply-accumulates of every Conv2d and Linear during one forward pass, through forward hooks
/// (conv: output elements x in/groups x kH x kW; linear: output elements x in features). Attention score products
/// are not modules and are not counted (under 1 % for 3-frame temporal attention).
/// </summary>
public static class FlopCounter
{
    public static long CountMacs(nn.Module model, Action forward)
    {
        long macs = 0;
        var removers = new List<Action>();
        foreach (var module in model.modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    var convHook = conv.register_forward_hook((_, _, output) =>
                    {
                        var w = conv.weight!.shape;
                        macs += output.numel() * w[1] * w[2] * w[3];
                        return output;
                    });
                    removers.Add(convHook.remove);
                    break;
                case Linear linear:
                    var linearHook = linear.register_forward_hook((_, _, output) =>
                    {
                        macs += output.numel() * linear.weight!.shape[1];
                        return output;
                    });
                    removers.Add(linearHook.remove);
                    break;
            }
        }
        try { forward(); }
        finally { foreach (var remove in removers) remove(); }
        return macs;
    }
}
