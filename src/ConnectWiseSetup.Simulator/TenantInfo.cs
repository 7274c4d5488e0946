namespace ConnectWiseSetup.Simulator;

/// <summary>What a client needs to reach one seeded tenant as its administrator API member.</summary>
public sealed class TenantInfo
{
    public string CompanyId { get; init; }
    public string CompanyName { get; init; }
    /// <summary>A clientId (GUID) to send in the clientId header.</summary>
    public string ClientId { get; init; }
    public string PublicKey { get; init; }
    public string PrivateKey { get; init; }
    public string AdminMemberIdentifier { get; init; }
    public int AdminMemberId { get; init; }
    public string AdminRoleName { get; init; }
    public int AdminRoleId { get; init; }
    public override string ToString() => $"{CompanyId} ({AdminMemberIdentifier})";
}
