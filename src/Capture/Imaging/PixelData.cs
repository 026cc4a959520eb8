using OccluNet.Live.Capture.Codecs;
using OccluNet.Live.Capture.Dicom;

namespace OccluNet.Live.Capture.Imaging;

/// <summary>
/// The top-level Pixel Data of a file, decoded one frame at a time on request (nothing is decoded up front).
/// Errors in one frame (cut, corrupt) fail that frame only.
/// </summary>
public sealed class PixelData
{
    /// <summary>A compressed frame may not decode to more than this many bytes per compressed byte (plus 64 MiB).</summary>
    const long MaxExpansion = 1024;
    const long ExpansionAllowance = 64L << 20;
    const long MaxFrameBytes = 1L << 30;

    readonly string fileName;
    readonly DicomElement element;
    readonly TransferSyntax syntax;
    readonly bool bigEndian;
    readonly IReadOnlyList<DicomFragment>[]? fragmentsPerFrame;
    readonly IFrameCodec? codec;

    public PixelDescription Pixels { get; }
    public int FrameCount => Pixels.NumberOfFrames;

    PixelData(string fileName, DicomElement element, TransferSyntax syntax, bool bigEndian, PixelDescription pixels, IReadOnlyList<DicomFragment>[]? fragments)
    {
        this.fileName = fileName;
        this.element = element;
        this.syntax = syntax;
        this.bigEndian = bigEndian;
        Pixels = pixels;
        fragmentsPerFrame = fragments;
        codec = CodecFor(syntax);
    }

    /// <exception cref="DicomFileException">No Pixel Data, or a pixel module this reader does not support.</exception>
    public static PixelData From(Reading.DicomFile file)
    {
        var element = file.DataSet.Find(DicomTags.PixelData)
            ?? throw new DicomFileException(file.FileName, 0, DicomTags.PixelData, "the file holds no Pixel Data (7FE0,0010)");
        var pixels = PixelDescription.From(file.DataSet, file.FileName, element);
        if (pixels.SamplesPerFrame * (pixels.BitsAllocated / 8) > MaxFrameBytes)
            throw new DicomFileException(file.FileName, element.Offset, DicomTags.Rows, $"one frame of {pixels.Columns}x{pixels.Rows}x{pixels.SamplesPerPixel} exceeds the {MaxFrameBytes >> 20} MiB a frame may have");
        // Every frame takes at least one byte, so a frame count beyond the bytes present is a forged header; refusing
        // it keeps per-frame tables (timing, fragment lists) within what the file can hold.
        var present = element.Fragments?.Sum(f => 8L + f.Data.Length) ?? element.Value.Length;
        if (pixels.NumberOfFrames > present + 1)
            throw new DicomFileException(file.FileName, element.Offset, DicomTags.NumberOfFrames, $"Number of Frames {pixels.NumberOfFrames} is more than {present} bytes of Pixel Data can hold");
        var encapsulated = element.Fragments is not null;
        if (encapsulated != file.TransferSyntax.IsEncapsulated)
            throw new DicomFileException(file.FileName, element.Offset, DicomTags.PixelData,
                encapsulated ? $"encapsulated Pixel Data in a {file.TransferSyntax.Name} file" : $"native Pixel Data in a {file.TransferSyntax.Name} file");
        var fragments = encapsulated ? EncapsulatedFrames.Split(file.DataSet, element, pixels.NumberOfFrames, file.FileName) : null;
        return new PixelData(file.FileName, element, file.TransferSyntax, file.DataSet.IsBigEndian, pixels, fragments);
    }

    static IFrameCodec? CodecFor(TransferSyntax syntax) => syntax.Compression switch
    {
        PixelCompression.None => null,
        PixelCompression.Rle => new RleCodec(),
        PixelCompression.JpegBaseline or PixelCompression.JpegExtended or PixelCompression.JpegLossless => new JpegCodec(),
        PixelCompression.JpegLs => new JpegLsCodec(),
        _ => new Jpeg2000Codec(),
    };

    /// <exception cref="DicomFileException">The frame is cut, corrupt, or its codec library is missing.</exception>
    public StoredFrame DecodeFrame(int index)
    {
        if (index < 0 || index >= FrameCount) throw new ArgumentOutOfRangeException(nameof(index), $"frame {index} of {FrameCount}");
        var samples = codec is null ? NativeFrame(index) : EncapsulatedFrame(index);
        PixelMasking.KeepStoredBits(samples, Pixels);
        return new StoredFrame(Pixels, index, samples);
    }

    ushort[] NativeFrame(int index)
    {
        var frameBytes = Pixels.NativeFrameBytes;
        var start = frameBytes * index;
        var value = element.Value;
        if (start + frameBytes > value.Length)
            throw new DicomFileException(fileName, element.ValueOffset + Math.Min(start, value.Length), DicomTags.PixelData,
                $"frame {index + 1} needs bytes {start}..{start + frameBytes} of Pixel Data, the file holds {value.Length}" + (element.IsTruncated ? $" of the declared {element.DeclaredLength}" : ""));
        var bytes = value.Span.Slice((int)start, (int)frameBytes);
        return NativeSamples.Read(bytes, Pixels, bigEndian, swapBytePairs: bigEndian && element.VR == DicomVR.OW && Pixels.BitsAllocated == 8);
    }

    ushort[] EncapsulatedFrame(int index)
    {
        var fragments = fragmentsPerFrame![index];
        var context = new FrameContext(fileName, fragments.Count > 0 ? fragments[0].Offset : element.Offset, index, Pixels);
        if (fragments.Count == 0) throw context.Fail("no fragment holds this frame");
        if (fragments.FirstOrDefault(f => f.IsTruncated) is { } cut)
            throw new DicomFileException(fileName, cut.Offset + cut.Data.Length, DicomTags.PixelData, $"frame {index + 1}: fragment declares {cut.DeclaredLength} bytes, the file ends after {cut.Data.Length}");
        var data = Concatenate(fragments);
        var decodedBytes = Pixels.SamplesPerFrame * 2;
        if (decodedBytes > data.Length * MaxExpansion + ExpansionAllowance)
            throw context.Fail($"{data.Length} compressed bytes cannot hold a {Pixels.Columns}x{Pixels.Rows} frame");
        var samples = codec!.Decode(data.Span, context);
        if (samples.Length != Pixels.SamplesPerFrame) throw context.Fail($"codec gave {samples.Length} samples, the frame has {Pixels.SamplesPerFrame}");
        return samples;
    }

    static ReadOnlyMemory<byte> Concatenate(IReadOnlyList<DicomFragment> fragments)
    {
        if (fragments.Count == 1) return fragments[0].Data;
        var total = fragments.Sum(f => (long)f.Data.Length);
        var joined = new byte[total];
        var at = 0;
        foreach (var fragment in fragments)
        {
            fragment.Data.Span.CopyTo(joined.AsSpan(at));
            at += fragment.Data.Length;
        }
        return joined;
    }

    public string TransferSyntaxName => syntax.Name;
}
