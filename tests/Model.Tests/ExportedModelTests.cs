using OccluNet.Live.Domain;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Model.Onnx;
using OccluNet.Live.Model.Runtime;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Tests;

/// <summary>
/// An exported folder read back without the checkpoint (<see cref="ExportedModel"/>) and checked against the TorchSharp
/// reference written beside it (<see cref="ExportReference"/>): what `occlunet bench exported` does on a GPU machine.
/// </summary>
public sealed class ExportedModelTests : TempFolderTest
{
    private const string Sha = "5ca1ab1e00000000000000000000000000000000000000000000000000000000";

    /// <summary>A tiny OccluNet1 exported into <see cref="TempFolderTest.Folder"/> with TorchSharp's reference on two runs.</summary>
    private (CheckpointMetadata Metadata, ExportReference Reference) ExportWithReference(WindowMode mode = WindowMode.Centred)
    {
        var config = OnnxEngineTests.Config(TemporalVariant.OccluNet1, mode, PositionalEncodingKind.Sinusoidal, 1);
        var metadata = OnnxEngineTests.Metadata(config);
        using var model = OnnxEngineTests.Build(config);
        OccluNetOnnxExporter.WriteTo(OccluNetOnnxExporter.Export(model, metadata, Sha), Folder);
        var lean = OnnxEngineTests.Build(config);
        lean.PrepareForInference();
        using var torchDetector = new StreamingOcclusionDetector(lean, metadata.DetectorInfo(Sha, "cpu", DetectionSettings.Default), CPU);
        var reference = ExportReference.Record(torchDetector, [("a", TinyModels.Frames(5, seed: 99)), ("b", TinyModels.Frames(4, seed: 99))]);
        reference.WriteTo(Folder);
        return (metadata, reference);
    }

    [TestCase(WindowMode.Centred)]
    [TestCase(WindowMode.Causal)]
    public void TheExportedFolderRunsWithoutTheCheckpointAndMatchesTorchSharp(WindowMode mode)
    {
        var (metadata, recorded) = ExportWithReference(mode);

        var exported = ExportedModel.Load(Folder);
        var reference = ExportReference.ReadFrom(exported)!;
        using var options = OnnxSessions.Options(1, cuda: false);
        using var loaded = exported.CreateDetector(options, "cpu, ONNX Runtime");
        var parity = reference.Compare(loaded.Detector);

        Assert.Multiple(() =>
        {
            Assert.That(exported.WeightsSha256, Is.EqualTo(Sha));
            Assert.That(exported.Metadata.ModelId, Is.EqualTo(metadata.ModelId));
            var (info, expected) = (loaded.Detector.Info, metadata.DetectorInfo(Sha, "cpu, ONNX Runtime", DetectionSettings.Default));
            Assert.That((info.ModelId, info.WeightsSha256, info.Device, info.InputSize, info.WindowLength, info.WindowMode), Is.EqualTo((expected.ModelId, expected.WeightsSha256, expected.Device, expected.InputSize, expected.WindowLength, expected.WindowMode)));
            Assert.That(info.Classes.Names, Is.EqualTo(expected.Classes.Names));
            Assert.That(loaded.ScoreThreshold, Is.EqualTo(metadata.DetectionSettings.ScoreThreshold));
            Assert.That(reference.Runs.Select(r => (r.Id, r.Inputs.Count, r.Windows.Count)), Is.EqualTo(new[] { ("a", 5, 5), ("b", 4, 4) }));
            Assert.That(reference.Runs[0].Inputs[3], Is.EqualTo(recorded.Runs[0].Inputs[3]), "inputs read back bit for bit");
            Assert.That(parity.Windows, Is.EqualTo(9));
            Assert.That(parity.WorstScore, Is.LessThanOrEqualTo(1e-6), "scores");
            Assert.That(parity.WorstBox, Is.LessThanOrEqualTo(1e-2), "boxes, model input pixels");
        });
    }

    [Test]
    public void AReferenceThatDisagreesShowsAsADifference()
    {
        ExportWithReference();
        // The first window's first score in reference.bin (after run a's five inputs and that window's boxes) raised by 0.25.
        var exported = ExportedModel.Load(Folder);
        long priors = OccluNetOnnxExporter.LevelSizes(exported.Metadata.InputSize).Sum(s => s.H * s.W);
        long offset = (5L * TinyModels.InputSize * TinyModels.InputSize + priors * 4) * sizeof(float);
        using (var stream = File.Open(Path.Combine(Folder, ExportReference.DataFile), FileMode.Open))
        {
            var bytes = new byte[4];
            stream.Position = offset;
            stream.ReadExactly(bytes);
            stream.Position = offset;
            stream.Write(BitConverter.GetBytes(BitConverter.ToSingle(bytes) + 0.25f));
        }
        using var options = OnnxSessions.Options(1, cuda: false);
        using var loaded = exported.CreateDetector(options, "cpu");

        var parity = ExportReference.ReadFrom(exported)!.Compare(loaded.Detector);

        Assert.That(parity.WorstScore, Is.EqualTo(0.25).Within(1e-5));
    }

    [Test]
    public void AReferenceOfOtherWeightsIsRefused()
    {
        ExportWithReference();
        string json = Path.Combine(Folder, ExportReference.JsonFile);
        File.WriteAllText(json, File.ReadAllText(json).Replace(Sha, new string('f', 64)));

        var e = Assert.Throws<InvalidDataException>(() => ExportReference.ReadFrom(ExportedModel.Load(Folder)));

        Assert.That(e!.Message, Does.Contain(json).And.Contain("other weights"));
    }

    [Test]
    public void AReferenceIsNeverWrittenOverAnother()
    {
        var (_, reference) = ExportWithReference();
        string data = Path.Combine(Folder, ExportReference.DataFile);
        long before = new FileInfo(data).Length;
        File.Delete(Path.Combine(Folder, ExportReference.JsonFile));

        var e = Assert.Throws<IOException>(() => reference.WriteTo(Folder));

        Assert.That(e!.Message, Does.Contain(data));
        Assert.That(new FileInfo(data).Length, Is.EqualTo(before));
        Assert.That(File.Exists(Path.Combine(Folder, ExportReference.JsonFile)), Is.False, "nothing half-written");
    }

    [Test]
    public void AMissingOrSwappedGraphIsNamed()
    {
        ExportWithReference();
        string head = Path.Combine(Folder, OccluNetOnnxExporter.WindowHeadFile);
        File.Copy(Path.Combine(Folder, OccluNetOnnxExporter.EncoderFile), head, overwrite: true);
        var swapped = Assert.Throws<InvalidDataException>(() => ExportedModel.Load(Folder));
        File.Delete(head);
        var missing = Assert.Throws<FileNotFoundException>(() => ExportedModel.Load(Folder));

        Assert.That(swapped!.Message, Does.Contain(head).And.Contain("encoder graph"));
        Assert.That(missing!.Message, Does.Contain(head).And.Contain("occlunet export"));
    }

    [Test]
    public void AGraphWithoutOurMetadataIsNamed()
    {
        var config = OnnxEngineTests.Config(TemporalVariant.None, WindowMode.Centred, PositionalEncodingKind.Sinusoidal, 1);
        using var model = OnnxEngineTests.Build(config);
        OccluNetOnnxExporter.WriteTo(OccluNetOnnxExporter.Export(model, OnnxEngineTests.Metadata(config), Sha), Folder);
        string encoder = Path.Combine(Folder, OccluNetOnnxExporter.EncoderFile);
        var bytes = File.ReadAllBytes(encoder);
        // Rename every metadata key "occlunet.checkpoint" in place (same length): the graph stays valid protobuf.
        var key = System.Text.Encoding.ASCII.GetBytes(OccluNetOnnxExporter.CheckpointKey);
        int at = bytes.AsSpan().IndexOf(key);
        Assert.That(at, Is.GreaterThan(0));
        bytes[at] = (byte)'X';
        File.WriteAllBytes(encoder, bytes);

        var e = Assert.Throws<InvalidDataException>(() => ExportedModel.Load(Folder));

        Assert.That(e!.Message, Does.Contain(encoder).And.Contain(OccluNetOnnxExporter.CheckpointKey));
    }
}
