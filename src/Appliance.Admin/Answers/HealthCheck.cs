namespace Appliance.Admin.Answers;

/// <summary>One line of a health answer: what was checked, how it stands, and why (for people).</summary>
public readonly record struct HealthCheck(string Name, HealthStatus Status, string Detail);
