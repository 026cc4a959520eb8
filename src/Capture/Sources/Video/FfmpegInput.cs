using System.Text;

namespace OccluNet.Live.Capture.Sources.Video;

/// <summary>
/// What FFmpeg reads: a device or stream given as FFmpeg input arguments (<c>-f v4l2 -i /dev/video0</c>), or a video file.
/// A file is a replay: it ends, it can be paced (<c>-readrate</c>), and it is not reopened when it ends.
/// </summary>
public sealed record FfmpegInput(IReadOnlyList<string> Arguments, bool IsFile, string Description)
{
    public static FfmpegInput File(string path) => new(["-i", path], true, Path.GetFileName(path));

    /// <summary>Splits a command-line string the way a POSIX shell would for words and quotes (no expansion).</summary>
    /// <exception cref="FormatException">An unclosed quote, or no <c>-i</c>.</exception>
    public static FfmpegInput Live(string arguments)
    {
        var words = Split(arguments);
        if (!words.Contains("-i")) throw new FormatException($"--video needs FFmpeg input arguments with -i, e.g. \"-f v4l2 -i /dev/video0\" (got '{arguments}')");
        return new FfmpegInput(words, false, arguments.Trim());
    }

    static List<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        foreach (char c in text)
        {
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else word.Append(c);
            }
            else if (c is '"' or '\'') { quote = c; inWord = true; }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else { word.Append(c); inWord = true; }
        }
        if (quote != '\0') throw new FormatException($"--video: unclosed {quote} quote in '{text}'");
        if (inWord) words.Add(word.ToString());
        return words;
    }
}
