namespace Appliance.Admin.Tests.TestSupport;

public static class TempDirectory
{
    /// <summary>A fresh directory under /tmp with mode 0755 (a socket inside is reachable by other uids if its own mode allows).</summary>
    public static string Create(string prefix)
    {
        string dir = System.IO.Directory.CreateTempSubdirectory(prefix).FullName;
        File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        return dir;
    }
}
