namespace Appliance.Admin.Commands;

/// <summary>A verb and the handler that answers it, as registered in a <see cref="CommandRegistry"/>.</summary>
public sealed class AdminCommand(AdminVerb verb, AdminCommandHandler handler)
{
    public AdminVerb Verb { get; } = verb ?? throw new ArgumentNullException(nameof(verb));

    public AdminCommandHandler Handler { get; } = handler ?? throw new ArgumentNullException(nameof(handler));

    public string Name => Verb.Name;

    public override string ToString() => Verb.Usage;
}
