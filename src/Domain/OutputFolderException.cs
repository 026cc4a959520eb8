namespace OccluNet.Live.Domain;

/// <summary>An output folder that cannot be used or written: the message is one line naming the folder and the reason.</summary>
public sealed class OutputFolderException(string message, Exception? inner = null) : IOException(message, inner);
