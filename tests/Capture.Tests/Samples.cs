using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Capture.Tests;

/// <summary>The shared real-file samples and dcmtk's oracle for them (shared/dicom-samples/README.md).</summary>
internal static class Samples
{
    public static string Folder => RepoPaths.DicomSamples;
    public static string Oracle => Path.Combine(Folder, "oracle");

    public static string PathOf(string name) => Path.Combine(Folder, name);

    public static IEnumerable<string> All() =>
        Directory.Exists(Folder) ? Directory.GetFiles(Folder, "*.dcm").Select(Path.GetFileName).Order().Cast<string>() : [];

    public static IEnumerable<string> WithChecksums() => All().Where(n => File.Exists(ChecksumsOf(n)));

    public static string ChecksumsOf(string name) => Path.Combine(Oracle, name + ".frames.tsv");

    /// <summary>The oracle's TSV lines without the header.</summary>
    public static string[] OracleRows(string name) => File.ReadAllLines(ChecksumsOf(name)).Skip(1).Where(l => l.Length > 0).ToArray();

    /// <summary>PGM frames dcmtk wrote for lossy files (1-based frame number, path).</summary>
    public static IEnumerable<(int Frame, string Path)> OraclePgms(string name) =>
        Directory.GetFiles(Oracle, name + ".f*.pgm").Order().Select(p => (int.Parse(Path.GetFileName(p)[(name.Length + 2)..^4]), p));

    /// <summary>A binary PGM (P5): maxval and samples (16-bit big-endian where maxval > 255).</summary>
    public static (int MaxValue, int[] Values) ReadPgm(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var position = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)bytes[position])) position++;
            var start = position;
            while (!char.IsWhiteSpace((char)bytes[position])) position++;
            return System.Text.Encoding.ASCII.GetString(bytes, start, position - start);
        }
        if (Token() != "P5") throw new InvalidDataException($"{path}: not a binary PGM");
        var width = int.Parse(Token());
        var height = int.Parse(Token());
        var max = int.Parse(Token());
        position++;
        var values = new int[width * height];
        for (var i = 0; i < values.Length; i++)
            values[i] = max > 255 ? bytes[position + 2 * i] << 8 | bytes[position + 2 * i + 1] : bytes[position + i];
        return (max, values);
    }
}
