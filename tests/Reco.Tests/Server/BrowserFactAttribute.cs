namespace Reco.Tests.Server;

/// <summary>
/// A test that drives Debian's headless chromium through its chromedriver (<c>apt-get install chromium
/// chromium-driver</c>; <c>.ci/run</c> installs them). Where either is missing the test is reported as
/// skipped with that reason, so the suite passes on a machine without a browser.
/// </summary>
internal sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";
    public const string ChromeDriver = "/usr/bin/chromedriver";

    public BrowserFactAttribute()
    {
        var missing = new[] { Chromium, ChromeDriver }.Where(path => !File.Exists(path)).ToArray();
        if (missing.Length > 0)
        {
            Skip = $"No browser to test the web page with: {string.Join(" and ", missing)} not installed (apt-get install chromium chromium-driver).";
        }
    }
}
