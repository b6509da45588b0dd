using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Reco.Server.Logging;

namespace Reco.Tests.Server;

public class OneLineConsoleFormatterTests
{
    [Fact]
    public void AFailureIsOneLineWithTheMessageAndNoStackTrace()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("the disk\nis full");
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }

        var entry = new LogEntry<string>(LogLevel.Error, "Reco.Server.Test", default, "Loading failed", thrown, (state, _) => state);
        using var text = new StringWriter();
        new OneLineConsoleFormatter().Write(entry, null, text);
        var line = text.ToString();
        Assert.Single(line.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ fail Reco\.Server\.Test: Loading failed: the disk is full\n$", line);
        Assert.DoesNotContain("InvalidOperationException", line);
        Assert.DoesNotContain(" at ", line);
    }
}
