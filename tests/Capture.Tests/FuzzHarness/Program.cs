using OccluNet.Live.Capture.Tests.Fuzzing;
using SharpFuzz;

// AFL++ feeds one input per run; anything but DicomFileException escaping ReaderTarget is a crash AFL records.
Fuzzer.OutOfProcess.Run(stream =>
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    ReaderTarget.Run(memory.ToArray());
});
