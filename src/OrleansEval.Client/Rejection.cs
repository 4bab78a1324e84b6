namespace OrleansEval.Client;

/// <summary>An item the store did not take: its position in the request and the reason, as "field: rule".</summary>
/// <param name="Index">Position of the item in the request, from 0.</param>
/// <param name="Error">What was wrong with it.</param>
public sealed record Rejection(int Index, string Error);
