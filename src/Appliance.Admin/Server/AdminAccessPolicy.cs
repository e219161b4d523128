using Appliance.Admin.Unix;

namespace Appliance.Admin.Server;

/// <summary>
/// Who may run mutating verbs: uid 0, or a peer whose credentials include the admin group — as its
/// effective gid or among its supplementary groups. The groups are the peer process's own, as the kernel
/// recorded them at connect (SO_PEERGROUPS), the same set the kernel used to check the socket file's mode;
/// so a process that dropped its groups (<c>setpriv --clear-groups</c>) has dropped its admin rights too.
/// Kernels before 4.13 lack SO_PEERGROUPS; then the group database is asked (getgrouplist of the peer's
/// uid), which is what the peer would have after a fresh login.
/// </summary>
public sealed class AdminAccessPolicy
{
    private readonly uint? _adminGid;

    /// <param name="adminGroup">Name or number; null or unknown on this host means root only.</param>
    public AdminAccessPolicy(string? adminGroup)
    {
        AdminGroup = adminGroup;
        if (adminGroup is not null && UnixAccounts.TryResolveGroup(adminGroup, out uint gid)) _adminGid = gid;
    }

    /// <summary>The configured group, as given.</summary>
    public string? AdminGroup { get; }

    /// <summary>The resolved admin gid; null when none is configured or the group does not exist.</summary>
    public uint? AdminGid => _adminGid;

    /// <summary>Whether <paramref name="peer"/> may change state, and on what grounds (for the audit log).</summary>
    public bool MayMutate(PeerCredentials peer, out string grounds)
    {
        if (peer.Uid == 0)
        {
            grounds = "root";
            return true;
        }
        if (_adminGid is not uint gid)
        {
            grounds = AdminGroup is null ? "no admin group is configured" : $"admin group '{AdminGroup}' does not exist on this host";
            return false;
        }
        if (peer.Gid == gid)
        {
            grounds = $"gid {gid} is the admin group";
            return true;
        }
        IReadOnlyList<uint>? groups = peer.SupplementaryGroups;
        string source = "supplementary groups";
        if (groups is null)
        {
            groups = UnixAccounts.GroupListOfUser(peer.Uid) ?? [];
            source = "group database";
        }
        foreach (uint g in groups)
        {
            if (g != gid) continue;
            grounds = $"member of admin group {Describe()} ({source})";
            return true;
        }
        grounds = $"neither root nor in admin group {Describe()}";
        return false;
    }

    /// <summary>"'appliance-admin' (gid 1001)".</summary>
    public string Describe() => _adminGid is uint gid ? $"'{AdminGroup}' (gid {gid})" : $"'{AdminGroup}'";
}
