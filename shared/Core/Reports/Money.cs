using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerValue.Reports;

/// <summary>
/// Money in reports: decimal, rounded to the cent where it leaves the program (JSON, CSV). Sums and divisions of
/// decimals keep up to 28 digits (651948.05999999999999999998293); nobody reads money below the cent.
/// </summary>
public static class Money
{
    public static decimal Cents(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}

/// <summary>Writes every decimal as a number rounded to the cent; reads any number.</summary>
public sealed class CentsJsonConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? decimal.Parse(reader.GetString()!, CultureInfo.InvariantCulture) : reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(Money.Cents(value));
}

/// <summary>The JSON of every report, the same from the HTTP API and from `roi report`.</summary>
public static class ReportJson
{
    public static readonly JsonSerializerOptions Options = Create(indented: false);
    public static readonly JsonSerializerOptions Indented = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = indented };
        options.Converters.Add(new CentsJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
