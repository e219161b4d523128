using System.Globalization;
using System.Runtime.InteropServices;

namespace Appliance.Admin.Unix;

/// <summary>
/// User and group lookups through libc's NSS calls (so /etc/group, LDAP and systemd's dynamic users all
/// answer as they do for the kernel's own tools). Cold path: these may block on a directory service.
/// </summary>
public static unsafe class UnixAccounts
{
    private const int MaxBuffer = 1 << 20;

    /// <summary>The effective uid of this process.</summary>
    public static uint EffectiveUserId => UnixLibC.GetEUid();

    /// <summary>Resolves a group given by name or by number ("appliance-admin", "1001").</summary>
    public static bool TryResolveGroup(string nameOrId, out uint gid)
    {
        gid = 0;
        if (string.IsNullOrEmpty(nameOrId)) return false;
        if (uint.TryParse(nameOrId, NumberStyles.None, CultureInfo.InvariantCulture, out gid)) return true;
        return TryLookupGroup(nameOrId, null, out gid, out _);
    }

    /// <summary>The name of a group, or null when the group database does not know it.</summary>
    public static string? GroupName(uint gid) => TryLookupGroup(null, gid, out _, out string? name) ? name : null;

    /// <summary>Resolves a user given by name or by number.</summary>
    public static bool TryResolveUser(string nameOrId, out uint uid)
    {
        uid = 0;
        if (string.IsNullOrEmpty(nameOrId)) return false;
        if (uint.TryParse(nameOrId, NumberStyles.None, CultureInfo.InvariantCulture, out uid)) return true;
        return TryLookupUser(nameOrId, null, out uid, out _, out _);
    }

    /// <summary>The name of a user, or null when the user database does not know it.</summary>
    public static string? UserName(uint uid) => TryLookupUser(null, uid, out _, out _, out string? name) ? name : null;

    /// <summary>
    /// The groups the group database gives a user (primary included), as <c>initgroups</c> would set them at
    /// login: getpwuid_r for the name and primary group, then getgrouplist. Null when the uid has no entry.
    /// </summary>
    public static uint[]? GroupListOfUser(uint uid)
    {
        if (!TryLookupUser(null, uid, out _, out uint primaryGid, out string? name) || name is null) return null;
        int count = 32;
        while (true)
        {
            uint[] groups = new uint[count];
            int n = count;
            int rc;
            fixed (uint* p = groups) rc = UnixLibC.GetGroupList(name, primaryGid, p, &n);
            if (rc >= 0) return groups.AsSpan(0, n).ToArray();
            // -1 means the array was too small; n now holds the size needed (glibc), else double.
            if (count >= 65536) return groups;
            count = n > count ? n : count * 2;
        }
    }

    private static bool TryLookupGroup(string? name, uint? gid, out uint foundGid, out string? foundName)
    {
        foundGid = 0;
        foundName = null;
        byte* entry = stackalloc byte[64];
        for (int size = 1024; size <= MaxBuffer; size *= 4)
        {
            byte[] buffer = new byte[size];
            void* result = null;
            int rc;
            fixed (byte* b = buffer)
            {
                rc = name is not null
                    ? UnixLibC.GetGrNamR(name, entry, b, (nuint)size, &result)
                    : UnixLibC.GetGrGidR(gid!.Value, entry, b, (nuint)size, &result);
                if (rc == 0 && result != null)
                {
                    foundName = Marshal.PtrToStringUTF8(*(nint*)entry);
                    foundGid = *(uint*)(entry + 16);
                    return true;
                }
            }
            if (rc != UnixLibC.ERANGE) return false;
        }
        return false;
    }

    private static bool TryLookupUser(string? name, uint? uid, out uint foundUid, out uint primaryGid, out string? foundName)
    {
        foundUid = 0;
        primaryGid = 0;
        foundName = null;
        byte* entry = stackalloc byte[64];
        for (int size = 1024; size <= MaxBuffer; size *= 4)
        {
            byte[] buffer = new byte[size];
            void* result = null;
            int rc;
            fixed (byte* b = buffer)
            {
                rc = name is not null
                    ? UnixLibC.GetPwNamR(name, entry, b, (nuint)size, &result)
                    : UnixLibC.GetPwUidR(uid!.Value, entry, b, (nuint)size, &result);
                if (rc == 0 && result != null)
                {
                    foundName = Marshal.PtrToStringUTF8(*(nint*)entry);
                    foundUid = *(uint*)(entry + 16);
                    primaryGid = *(uint*)(entry + 20);
                    return true;
                }
            }
            if (rc != UnixLibC.ERANGE) return false;
        }
        return false;
    }
}
