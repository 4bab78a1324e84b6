using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansEval.Gateway.Admission;

namespace OrleansEval.Gateway.Http;

/// <summary>
/// Reads a whole request body into memory, up to a size limit, before the request takes an admission slot. The buffer
/// grows with the bytes that actually arrive and is counted against the node's <see cref="BodyBudget"/> until the
/// response is done. Whatever goes wrong with the body is the client's doing and is answered as such: a larger body
/// 413, one that does not fit the budget 429, one that arrives too slowly 408 (Kestrel's minimum data rate), a
/// truncated or malformed one 400; a client that went away is not an error of the server.
/// </summary>
internal static class RequestBody
{
    public static async Task<(ReadOnlyMemory<byte> Bytes, IResult? Problem)> ReadAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit)
        {
            return (default, Problems.TooLarge(limit));
        }

        var context = request.HttpContext;
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        var reservation = new Reservation(context.RequestServices.GetRequiredService<BodyBudget>());
        context.Response.RegisterForDispose(reservation);
        try
        {
            return await ReadAllAsync(request, limit, reservation);
        }
        catch (BadHttpRequestException e)
        {
            return (default, BodyProblem(e, limit));
        }
        catch (IOException e) when (e.InnerException is OverflowException)
        {
            // Kestrel rejects a chunk size too large for an int with an IOException rather than a bad-request one. The
            // connection is whole, so the client is answered like any other malformed body, and told that the
            // connection ends with the answer: the rest of the body cannot be framed, so it cannot carry another request.
            context.Response.Headers.Connection = "close";
            return (default, Malformed(e));
        }
        catch (Exception e) when (e is IOException || (e is OperationCanceledException && context.RequestAborted.IsCancellationRequested))
        {
            // The connection broke or the client went away: nobody is left to answer, and nothing was kept. Aborting
            // tells Kestrel so, instead of letting it try to drain a body whose reader the failed read left mid-read.
            context.Abort();
            return (default, Problems.BadRequest("body", "the connection closed before the whole body arrived"));
        }
    }

    private static async Task<(ReadOnlyMemory<byte> Bytes, IResult? Problem)> ReadAllAsync(HttpRequest request, long limit, Reservation reservation)
    {
        // One byte past the limit tells a body of exactly the limit from a larger one.
        var most = (int)Math.Min(limit + 1, Array.MaxLength);
        var capacity = (int)Math.Min(most, Math.Min(BodyBudget.FirstBufferBytes, (request.ContentLength ?? BodyBudget.FirstBufferBytes) + 1));
        if (!reservation.TryTake(capacity))
        {
            return (default, Refused(request.HttpContext));
        }

        var length = 0;
        while (true)
        {
            if (length == capacity)
            {
                if (length == most)
                {
                    return (default, Problems.TooLarge(limit));
                }

                var grown = (int)Math.Min(most, 2L * capacity);
                if (!reservation.TryTake(grown - capacity))
                {
                    return (default, Refused(request.HttpContext));
                }

                reservation.Grow(grown, length);
                capacity = grown;
            }

            // Without RequestAborted: a read cancelled by it leaves Kestrel unable to drain the body afterwards; a lost
            // connection ends the read by itself.
            var read = await request.Body.ReadAsync(reservation.Buffer(capacity).AsMemory(length, capacity - length));
            if (read == 0)
            {
                return (reservation.Buffer(capacity).AsMemory(0, length), null);
            }

            length += read;
        }
    }

    private static IResult BodyProblem(BadHttpRequestException e, long limit) => e.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => Problems.TooLarge(limit),
        StatusCodes.Status408RequestTimeout => Problems.TimedOut("body", "arrived more slowly than the server's minimum data rate"),
        _ => Malformed(e),
    };

    private static IResult Malformed(Exception e) => Problems.BadRequest("body", $"is not a well-formed HTTP body ({e.Message.TrimEnd('.')})");

    private static IResult Refused(HttpContext context)
    {
        var retryAfter = context.RequestServices.GetRequiredService<IOptions<AdmissionOptions>>().Value.RetryAfterSeconds;
        return Problems.Overloaded(context, retryAfter, AdmissionRefusal.BodyBudgetRule);
    }

    /// <summary>
    /// The bytes one request took from the budget, and the buffer that holds its body, rented from the shared pool: a
    /// batch's body is about a megabyte, which as a fresh array would be a Large Object Heap allocation per request.
    /// Both are given back when the response is done; by then the body is parsed, and what was parsed holds no part of it.
    /// </summary>
    private sealed class Reservation(BodyBudget budget) : IDisposable
    {
        private long _bytes;
        private byte[]? _buffer;

        /// <summary>The buffer, rented at <paramref name="capacity"/> bytes or more on first use.</summary>
        public byte[] Buffer(int capacity) => _buffer ??= ArrayPool<byte>.Shared.Rent(capacity);

        /// <summary>Moves the first <paramref name="length"/> bytes into a buffer of <paramref name="capacity"/> bytes or more.</summary>
        public void Grow(int capacity, int length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(capacity);
            _buffer?.AsSpan(0, length).CopyTo(grown);
            Return();
            _buffer = grown;
        }

        public bool TryTake(long bytes)
        {
            if (!budget.TryReserve(bytes))
            {
                return false;
            }

            _bytes += bytes;
            return true;
        }

        public void Dispose()
        {
            budget.Release(_bytes);
            _bytes = 0;
            Return();
        }

        private void Return()
        {
            if (_buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = null;
            }
        }
    }
}
