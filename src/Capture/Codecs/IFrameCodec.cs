namespace OccluNet.Live.Capture.Codecs;

/// <summary>
/// Decodes one compressed frame to samples (interleaved colour, each sample's bits as the codec gives them; the
/// caller masks to BitsStored). Throws only <see cref="Dicom.DicomFileException"/> (via <see cref="FrameContext.Fail"/>).
/// </summary>
internal interface IFrameCodec
{
    ushort[] Decode(ReadOnlySpan<byte> data, FrameContext frame);
}
