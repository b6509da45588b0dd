using Reco.Models.Factorization;

namespace Reco.Tests.Models.Factorization;

public class GuessedSearchTests
{
    [Fact]
    public void EveryGuessGivesTheBinarySearchsAnswer()
    {
        var random = new Random(9);
        foreach (int length in new[] { 0, 1, 2, 3, 7, 16, 33, 100, 257 })
        {
            var sorted = Enumerable.Range(0, 3 * length).OrderBy(_ => random.Next()).Take(length).Order().ToArray();
            for (int value = -2; value < (3 * length) + 2; value++)
            {
                bool expected = Array.BinarySearch(sorted, value) >= 0;
                for (int guess = -3; guess < length + 3; guess++)
                {
                    Assert.True(expected == GuessedSearch.Contains(sorted, value, guess), $"length {length}, value {value}, guess {guess}");
                }
            }
        }
    }

    [Fact]
    public void SharesBelowAreTheCumulativeCountsShare()
    {
        var below = GuessedSearch.SharesBelow([1, 0, 3, 4]);
        Assert.Equal([0f, 0.125f, 0.125f, 0.5f, 1f], below);
        Assert.Equal([0f, 0f, 1f], GuessedSearch.SharesBelow([0, 0]));
    }
}
