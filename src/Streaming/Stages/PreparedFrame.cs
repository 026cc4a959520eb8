using OccluNet.Live.Domain;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Streaming.Stages;

/// <summary>A frame with its model input (owned by the inference stage from now on) and the letterbox back to image pixels.</summary>
internal sealed record PreparedFrame(LiveFrame Frame, float[] Input, Letterbox Letterbox, TimeSpan PreprocessEnd)
{
    public int Index => Frame.Index;
    public int RunNumber => Frame.RunNumber;
}
