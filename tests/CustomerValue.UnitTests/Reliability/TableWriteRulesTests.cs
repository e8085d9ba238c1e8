using Azure;
using Azure.Data.Tables;
using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;

namespace CustomerValue.Tests.Reliability;

/// <summary>What Azure Table Storage refuses and Azurite accepts is refused before it is written.</summary>
public class TableWriteRulesTests
{
    private static TableTransactionAction Upsert(string pk, string rk) => new(TableTransactionActionType.UpsertReplace, new TableEntity(pk, rk));

    [Fact]
    public void A_batch_mixing_partitions_is_refused_with_both_names()
    {
        var e = Assert.Throws<TableWriteRefusedException>(() => TableWriteRules.ValidateBatch([Upsert("a", "1"), Upsert("b", "2")]));
        Assert.Contains("'a'", e.Message);
        Assert.Contains("'b'", e.Message);
    }

    [Fact]
    public void A_batch_over_100_actions_is_refused_and_100_is_accepted()
    {
        TableWriteRules.ValidateBatch(Enumerable.Range(0, 100).Select(i => Upsert("p", $"r{i}")).ToList());
        var e = Assert.Throws<TableWriteRefusedException>(() => TableWriteRules.ValidateBatch(Enumerable.Range(0, 101).Select(i => Upsert("p", $"r{i}")).ToList()));
        Assert.Contains("101", e.Message);
    }

    [Fact]
    public void More_than_252_properties_are_refused()
    {
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 252; i++) entity[$"P{i}"] = i;
        TableWriteRules.Validate(entity);
        entity["P252"] = 1;
        Assert.Contains("253 properties", Assert.Throws<TableWriteRefusedException>(() => TableWriteRules.Validate(entity)).Message);
    }

    [Fact]
    public void Dates_before_1601_are_refused()
    {
        var entity = new TableEntity("p", "r") { ["When"] = new DateTimeOffset(1600, 12, 31, 0, 0, 0, TimeSpan.Zero) };
        Assert.Contains("'When'", Assert.Throws<TableWriteRefusedException>(() => TableWriteRules.Validate(entity)).Message);
        entity["When"] = new DateTimeOffset(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);
        TableWriteRules.Validate(entity);
    }

    [Fact]
    public void Strings_over_64_KiB_are_refused()
    {
        var entity = new TableEntity("p", "r") { ["Text"] = new string('x', 32 * 1024) };
        TableWriteRules.Validate(entity);
        entity["Text"] = new string('x', 32 * 1024 + 1);
        Assert.Contains("'Text'", Assert.Throws<TableWriteRefusedException>(() => TableWriteRules.Validate(entity)).Message);
    }

    [Theory]
    [InlineData("a/b", '/')]
    [InlineData("a\\b", '\\')]
    [InlineData("a#b", '#')]
    [InlineData("a?b", '?')]
    public void Keys_with_characters_Azure_refuses_are_refused(string key, char bad)
    {
        Assert.Contains($"'{bad}'", Assert.Throws<TableWriteRefusedException>(() => TableWriteRules.Validate(new TableEntity("p", key))).Message);
        Assert.Throws<TableWriteRefusedException>(() => TableWriteRules.Validate(new TableEntity(key, "r")));
    }

    [Fact]
    public void Keys_with_control_characters_are_refused()
    {
        Assert.Contains("U+0001", Assert.Throws<TableWriteRefusedException>(() => TableWriteRules.Validate(new TableEntity("p", "a\u0001b"))).Message);
    }

    [Theory]
    [InlineData("someone@example.com")]
    [InlineData("a/b#c?d")]
    [InlineData("tab\there")]
    public void TableKeys_turn_unsafe_or_personal_values_into_hashes_that_pass_the_rules(string value)
    {
        var key = TableKeys.For(value);
        Assert.StartsWith("h-", key);
        Assert.DoesNotContain("@", key);
        TableWriteRules.Validate(new TableEntity("p", key));
        Assert.Equal(key, TableKeys.For(value));
    }

    [Fact]
    public void Deleting_with_a_wildcard_etag_in_one_partition_is_accepted()
    {
        TableWriteRules.ValidateBatch([new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("p", "r"), ETag.All)]);
    }
}
