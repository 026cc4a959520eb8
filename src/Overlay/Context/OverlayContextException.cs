namespace OccluNet.Live.Overlay.Context;

/// <summary>No OpenGL context could be made; the message names the library or call that failed and what to install.</summary>
public sealed class OverlayContextException(string message, Exception? inner = null) : Exception(message, inner);
