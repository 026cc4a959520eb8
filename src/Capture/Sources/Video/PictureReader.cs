using System.Diagnostics;

namespace OccluNet.Live.Capture.Sources.Video;

/// <summary>
/// One video picture as read: its pixels (8-bit grey, row-major), its number in the stream, when it was read, and
/// whether the codec sent it as a key picture.
/// </summary>
internal readonly record struct VideoPicture(byte[] Pixels, long Number, long Timestamp, bool Key);

/// <summary>Reads FFmpeg's pictures one by one, numbering and time-stamping each the moment it is complete.</summary>
internal sealed class PictureReader(FfmpegProcess ffmpeg, int width, int height)
{
    readonly byte[] buffer = new byte[width * height];
    long number;

    /// <summary>The next picture in a buffer that the next call overwrites; null at the end of the stream.</summary>
    public async Task<VideoPicture?> NextAsync(VideoFrameSource owner, CancellationToken cancellationToken) =>
        await ReadIntoAsync(buffer, owner, cancellationToken).ConfigureAwait(false);

    /// <summary>Up to <paramref name="count"/> pictures, each in its own buffer (fewer at the end of the stream).</summary>
    public async Task<List<VideoPicture>> ReadManyAsync(int count, VideoFrameSource owner, CancellationToken cancellationToken)
    {
        var pictures = new List<VideoPicture>(count);
        while (pictures.Count < count && await ReadIntoAsync(new byte[width * height], owner, cancellationToken).ConfigureAwait(false) is { } picture)
            pictures.Add(picture);
        return pictures;
    }

    async Task<VideoPicture?> ReadIntoAsync(byte[] buffer, VideoFrameSource owner, CancellationToken cancellationToken)
    {
        if (!await ffmpeg.ReadPictureAsync(buffer, cancellationToken).ConfigureAwait(false)) return null;
        long timestamp = Stopwatch.GetTimestamp();
        owner.PictureArrived(timestamp);
        bool key = await ffmpeg.IsKeyPictureAsync(number, cancellationToken).ConfigureAwait(false);
        return new VideoPicture(buffer, number++, timestamp, key);
    }
}
