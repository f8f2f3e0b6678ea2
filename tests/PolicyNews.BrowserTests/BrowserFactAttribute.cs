namespace PolicyNews.BrowserTests;

/// <summary>Where the tests expect Debian's Chromium, and the message shown when it is missing.</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";
    public const string MissingMessage = "Chromium not found at /usr/bin/chromium: apt-get install chromium fonts-noto-cjk";
    public static bool IsInstalled => File.Exists(ExecutablePath);
}

/// <summary>A browser test: reported as skipped (with how to install Chromium) when Chromium is missing.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.IsInstalled) Skip = Chromium.MissingMessage;
    }
}

/// <summary>The same for data-driven browser tests.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (!Chromium.IsInstalled) Skip = Chromium.MissingMessage;
    }
}
