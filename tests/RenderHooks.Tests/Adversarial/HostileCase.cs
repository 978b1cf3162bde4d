namespace RenderHooks.Tests.Adversarial;

/// <summary>
/// One hostile request: its bytes on the wire, the status the contract answers it with, and — for one the receiver
/// accepts — the outcome processing archives it with (<c>Unparseable</c> with a reason, or <c>Recorded</c>).
/// </summary>
public sealed record HostileCase(string Name, byte[] Request, int Status, string? Outcome = null)
{
    public override string ToString() => Name;
}
