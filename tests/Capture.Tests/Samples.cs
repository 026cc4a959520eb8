using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Capture.Tests;

/// <summary>
/// The real-file samples and dcmtk's oracle for them (tests/data/dicom-samples/README.md). Every accessor throws when
/// a file is missing, so a data-driven test fails instead of running zero cases.
/// </summary>
internal static class Samples
{
    public static string Folder => RepoPaths.Require(RepoPaths.DicomSamples);
    public static string Oracle => RepoPaths.Require(Path.Combine(Folder, "oracle"));

    public static string PathOf(string name) => RepoPaths.Require(Path.Combine(Folder, name));

    /// <summary>Every sample the oracle's index (oracle/ORACLE.tsv) lists, in its order.</summary>
    public static IEnumerable<string> All() => Index().Select(row => row.Name);

    /// <summary>The samples dcmtk decoded (index mode other than "none"): each has a NAME.frames.tsv.</summary>
    public static IEnumerable<string> WithChecksums() => Index().Where(row => row.Mode != "none").Select(row => row.Name);

    public static string ChecksumsOf(string name) => RepoPaths.Require(Path.Combine(Oracle, name + ".frames.tsv"));

    /// <summary>oracle/ORACLE.tsv: per sample its file name and oracle mode (pgm, checksums+f001, none).</summary>
    static IEnumerable<(string Name, string Mode)> Index() =>
        File.ReadAllLines(RepoPaths.Require(Path.Combine(Oracle, "ORACLE.tsv"))).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split('\t')).Select(cells => (cells[0], cells[5]));

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
