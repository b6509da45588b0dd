using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Reco.Data;
using Reco.Models;
using Reco.Models.Persistence;
using Reco.Serialization;
using Reco.Server;

namespace Reco.Tests.Server;

/// <summary>The web page at / in a real browser, against the server listening on 127.0.0.1.</summary>
[Collection(ServerCollection.Name)]
public class WebPageBrowserTests
{
    [BrowserFact]
    public async Task PickAUserSeeTheirHistoryRecommendationsExplanationsAndTheDiversitySliderAtWork()
    {
        // A MovieLens-format folder with titles, an ALS model over it, saved as version 1.
        var data = DataSet.LoadMovieLens(MovieLensFiles.Write(users: 30, movies: 40, ratingsPerUser: 12));
        var model = (IPersistentRecommender)AlgorithmCatalog.Create("als", ["factors=8", "iterations=5"]);
        model.Fit(data.Interactions);
        var folder = Path.Combine(TestData.TempDirectory(), "model");
        RecommenderFile.Save(folder, model);

        await using var app = RecoServer.Build(new RecoServerOptions { ModelDirectory = folder, Host = "127.0.0.1", Port = 0, Index = "exact" });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var api = new HttpClient { BaseAddress = new Uri(address) };

        using var driver = StartChromium();
        driver.Navigate().GoToUrl(address + "/");
        Until(driver, d => d.FindElement(By.Id("model-info")).Text.StartsWith("als version 1", StringComparison.Ordinal), "the model line");
        Until(driver, d => d.FindElements(By.CssSelector("#user-ids option")).Count == 30, "the user list");

        var user = driver.FindElement(By.Id("user"));
        user.Clear();
        user.SendKeys("7");
        driver.FindElement(By.Id("load")).Click();
        Until(driver, d => d.FindElement(By.TagName("body")).GetAttribute("data-loaded") == "7" && d.FindElements(By.CssSelector("#recommendations li")).Count == 10, "the recommendations");

        // The history: the user's 12 rated movies, by title.
        var history = await api.GetFromJsonAsync<JsonElement>("/v1/users/7/history?limit=200");
        Assert.Equal(history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("label").GetString()), driver.FindElements(By.CssSelector("#history li .label")).Select(e => e.Text));
        Assert.Equal("(12)", driver.FindElement(By.Id("history-count")).Text);

        // The recommendations: what the API answers, with scores and "because of" explanations.
        var plain = await Recommendations(api, "0.00");
        Assert.Equal(plain.Ids, Shown(driver));
        var first = driver.FindElement(By.CssSelector("#recommendations li"));
        Assert.Equal(plain.Scores[0].ToString("F3", System.Globalization.CultureInfo.InvariantCulture), first.FindElement(By.ClassName("score")).Text);
        Assert.StartsWith("because of ", first.FindElement(By.ClassName("because")).Text);

        // The diversity slider, moved to its end with the keyboard: the list becomes the diversified answer.
        var slider = driver.FindElement(By.Id("diversity"));
        slider.SendKeys(Keys.End);
        Until(driver, d => d.FindElement(By.Id("recommendations")).GetAttribute("data-diversity") == "1.00", "the diversified list");
        Assert.Equal("1.00", driver.FindElement(By.Id("diversity-value")).Text);
        var diverse = await Recommendations(api, "1.00");
        Assert.Equal(diverse.Ids, Shown(driver));
        Assert.NotEqual(plain.Ids, diverse.Ids);

        // An unknown user: the popularity fallback, said on the page.
        user.Clear();
        user.SendKeys("stranger");
        driver.FindElement(By.Id("load")).Click();
        Until(driver, d => d.FindElement(By.TagName("body")).GetAttribute("data-loaded") == "stranger", "the fallback");
        Assert.Contains("not among the 30 users", driver.FindElement(By.Id("fallback")).Text);
        Assert.Equal("", driver.FindElement(By.Id("status")).Text);
        ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(Path.Combine(Path.GetTempPath(), "reco-web-page.png"));
        await app.StopAsync();
    }

    [BrowserFact]
    public async Task ThePageKeepsKWithinTheServersLimit()
    {
        var data = DataSet.LoadMovieLens(MovieLensFiles.Write(users: 20, movies: 30, ratingsPerUser: 8));
        var model = (IPersistentRecommender)AlgorithmCatalog.Create("item-knn", []);
        model.Fit(data.Interactions);
        var folder = Path.Combine(TestData.TempDirectory(), "model");
        RecommenderFile.Save(folder, model);

        await using var app = RecoServer.Build(new RecoServerOptions { ModelDirectory = folder, Host = "127.0.0.1", Port = 0, Index = "exact", MaxK = 5 });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        // The page's default k is 10; the server allows 5: the page asks for 5 and says nothing is wrong.
        using var driver = StartChromium();
        driver.Navigate().GoToUrl(address + "/?user=7");
        Until(driver, d => d.FindElement(By.TagName("body")).GetAttribute("data-loaded") == "7", "the recommendations");
        Assert.Equal("", driver.FindElement(By.Id("status")).Text);
        Assert.Equal(5, driver.FindElements(By.CssSelector("#recommendations li")).Count);
        Assert.Equal("5", driver.FindElement(By.Id("k")).GetAttribute("max"));
        Assert.Equal("5", driver.FindElement(By.Id("k")).GetAttribute("value"));
        await app.StopAsync();
    }

    private static ChromeDriver StartChromium()
    {
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(BrowserFactAttribute.ChromeDriver)!, Path.GetFileName(BrowserFactAttribute.ChromeDriver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = BrowserFactAttribute.Chromium };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900",
            $"--user-data-dir={TestData.TempDirectory()}");
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    private static async Task<(string[] Ids, float[] Scores)> Recommendations(HttpClient api, string diversity)
    {
        var body = await api.GetFromJsonAsync<JsonElement>($"/v1/users/7/recommendations?k=10&diversity={diversity}&explain=true");
        var items = body.GetProperty("items").EnumerateArray().ToArray();
        return ([.. items.Select(i => i.GetProperty("id").GetString()!)], [.. items.Select(i => i.GetProperty("score").GetSingle())]);
    }

    private static string[] Shown(IWebDriver driver) => [.. driver.FindElements(By.CssSelector("#recommendations li")).Select(e => e.GetAttribute("data-id")!)];

    private static void Until(IWebDriver driver, Func<IWebDriver, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                if (condition(driver))
                {
                    return;
                }
            }
            catch (WebDriverException)
            {
                // The page is still changing; look again.
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The page did not show {what} within 30 s; status line: '{driver.FindElement(By.Id("status")).Text}'.");
            }

            Thread.Sleep(50);
        }
    }
}
