using PolicyNews.Archive;
using PolicyNews.Web.Feeds;
using PolicyNews.Web.Hosting;
using PolicyNews.Web.ShareCards;

namespace PolicyNews.Tests.Hosting;

/// <summary>Every key of a settings class appears in docs/operations.md as Section:Key (Datasette's test_settings_are_documented).</summary>
public sealed class SettingsDocumentedTests
{
    public static TheoryData<string, string> Keys()
    {
        var data = new TheoryData<string, string>();
        foreach (var (type, section) in new[] { (typeof(ArchiveSettings), ArchiveSettings.SectionName), (typeof(CachingSettings), CachingSettings.SectionName),
                     (typeof(ShareCardSettings), ShareCardSettings.SectionName), (typeof(FeedSettings), FeedSettings.SectionName) })
            foreach (var property in type.GetProperties())
                data.Add(section, property.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void EverySettingIsDocumentedInOperations(string section, string key)
    {
        var operations = File.ReadAllText(Path.Combine(Repository.Root, "docs", "operations.md"));

        Assert.Contains($"`{section}:{key}`", operations);
    }
}
