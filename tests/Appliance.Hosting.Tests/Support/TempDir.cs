namespace Appliance.Hosting.Tests.Support;

/// <summary>A directory removed at dispose.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("appliance-hosting-").FullName;

    public string File(string name, string text, UnixFileMode? mode = null)
    {
        string p = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(p, text);
        if (mode is { } m) System.IO.File.SetUnixFileMode(p, m);
        return p;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
