// The daemon runs on Linux only (systemd, SO_PEERCRED, sched_setaffinity); so do its tests.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
