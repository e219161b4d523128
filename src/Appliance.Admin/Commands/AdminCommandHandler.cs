namespace Appliance.Admin.Commands;

/// <summary>
/// Does a verb's work and writes its result as properties of the answer object through
/// <see cref="AdminCommandContext.Json"/> (the server has written <c>{"ok":true</c> and closes the object).
/// Throw <see cref="Protocol.AdminException"/> to answer with an error instead; anything written is discarded.
/// Runs on an admin connection thread (housekeeping): read published snapshots, never hot-thread state.
/// </summary>
public delegate void AdminCommandHandler(AdminCommandContext context);
