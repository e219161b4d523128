using System.Runtime.Versioning;

// Unix sockets, peer credentials and file modes: these tests are Linux tests.
[assembly: SupportedOSPlatform("linux")]
