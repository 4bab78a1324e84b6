using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansEval.Gateway.Grpc;
using OrleansEval.Gateway.Http;
using OrleansEval.Gateway.Queries;

namespace OrleansEval.Gateway.Tests.Queries;

/// <summary>A refused read reads the same over both protocols: the status each stands for, the "field: rule" detail, the field named.</summary>
public sealed class QueryFailureTests
{
    [Theory]
    [InlineData(false, StatusCodes.Status400BadRequest, StatusCode.InvalidArgument)]
    [InlineData(true, StatusCodes.Status404NotFound, StatusCode.NotFound)]
    public void AWorkerFailure_OverHttpAndGrpc_HasTheSameDetailAndField(bool notFound, int httpStatus, StatusCode grpcStatus)
    {
        var failure = QueryFailure.FromWorker("baseline", "model 'wet' has no baseline named 'training'", notFound);

        var problem = Assert.IsType<ProblemHttpResult>(HttpQueries.Problem(failure));
        var status = GrpcProblems.From(failure);

        Assert.Equal(httpStatus, problem.StatusCode);
        Assert.Equal(grpcStatus, status.StatusCode);
        Assert.Equal("baseline: model 'wet' has no baseline named 'training'", problem.ProblemDetails.Detail);
        Assert.Equal(problem.ProblemDetails.Detail, status.Status.Detail);
        Assert.Equal("baseline", problem.ProblemDetails.Extensions["field"]);
        Assert.Equal("baseline", status.Trailers.GetValue(GrpcProblems.FieldTrailer));
    }

    [Fact]
    public void Respond_AnAnsweredRead_IsTheDocumentAsJson()
    {
        var result = Assert.IsType<FileContentHttpResult>(HttpQueries.Respond(QueryResult.Answered("{}"u8.ToArray())));

        Assert.Equal("application/json", result.ContentType);
        Assert.Equal("{}"u8.ToArray(), result.FileContents.ToArray());
    }
}
