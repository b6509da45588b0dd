using Microsoft.AspNetCore.Http;
using Reco.Server.Api;

namespace Reco.Tests.Server.Api;

/// <summary>A body the client framed badly or cut short is a 400 with a problem body, never the exception handler's 500.</summary>
public class RequestBodyTests
{
    private sealed class FailingStream(Exception error, int goodBytes) : Stream
    {
        private int _left = goodBytes;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_left == 0)
            {
                throw error;
            }

            int n = Math.Min(count, _left);
            Array.Fill(buffer, (byte)' ', offset, n);
            _left -= n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static Task<(byte[]? Body, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Problem)> Read(Stream body, int limit = 1000)
    {
        var http = new DefaultHttpContext();
        http.Request.Body = body;
        return RequestBody.ReadAsync(http.Request, limit, CancellationToken.None);
    }

    [Fact]
    public async Task BadFramingAndCutShortBodiesAreBadRequests()
    {
        var (body, problem) = await Read(new FailingStream(new BadHttpRequestException("Bad chunk size data.", 400), 10));
        Assert.Null(body);
        Assert.Equal(400, problem!.StatusCode);
        Assert.Equal("Malformed request body", problem.ProblemDetails.Title);

        (body, problem) = await Read(new FailingStream(new IOException("The client reset the request stream."), 10));
        Assert.Null(body);
        Assert.Equal("Request body cut short", problem!.ProblemDetails.Title);

        (_, problem) = await Read(new FailingStream(new OperationCanceledException(), 0));
        Assert.Equal(400, problem!.StatusCode);
    }

    [Fact]
    public async Task TooLargeBodiesAre413AndGoodOnesAreRead()
    {
        var (body, problem) = await Read(new FailingStream(new BadHttpRequestException("Request body too large.", 413), 10));
        Assert.Null(body);
        Assert.Equal(413, problem!.StatusCode);

        (body, problem) = await Read(new MemoryStream(new byte[2000]));
        Assert.Equal(413, problem!.StatusCode);

        (body, problem) = await Read(new MemoryStream("{\"k\": 3}"u8.ToArray()));
        Assert.Null(problem);
        Assert.Equal("{\"k\": 3}"u8.ToArray(), body);
    }
}
