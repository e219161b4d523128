namespace Appliance.Admin.Client;

/// <summary>A request that got no answer; <see cref="Failure"/> says why, the message names the socket.</summary>
public sealed class AdminClientException(AdminClientFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public AdminClientFailure Failure { get; } = failure;
}
