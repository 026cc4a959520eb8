namespace OccluNet.Live.Model.Training;

/// <summary>Training stopped because steps kept producing a non-finite loss or gradient; the message names the iteration and the term.</summary>
public sealed class NonFiniteTrainingException(string message) : Exception(message);
