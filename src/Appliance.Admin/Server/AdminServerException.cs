namespace Appliance.Admin.Server;

/// <summary>The admin server could not start: the message names the path and what is wrong with it.</summary>
public sealed class AdminServerException(string message, Exception? inner = null) : Exception(message, inner);
