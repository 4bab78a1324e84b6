namespace OrleansEval.Client;

/// <summary>A feature or tag of a model's schema.</summary>
/// <param name="Name">1–128 of letters, digits, '.', '_' and '-'.</param>
/// <param name="Type">"numeric" or "categorical".</param>
public sealed record ColumnDefinition(string Name, string Type);
