namespace CustomerValue.Domain;

/// <summary>
/// A customer as uploaded: identity, name, acquisition, demographics, place; other columns kept as attributes, with
/// the personal role of those that hold personal data (masking follows the role, not only the column's name).
/// </summary>
public sealed record CustomerRecord(
    string CustomerId,
    DateOnly? SignupDate = null,
    string? Plan = null,
    string? AcquisitionChannel = null,
    decimal? AcquisitionCost = null,
    int? Age = null,
    int? BirthYear = null,
    string? Occupation = null,
    string? Country = null,
    string? Region = null,
    string? City = null,
    string? Email = null,
    IReadOnlyDictionary<string, string>? Attributes = null,
    string? Name = null,
    IReadOnlyDictionary<string, CustomerValue.Ingestion.ColumnRole>? PersonalAttributes = null);
