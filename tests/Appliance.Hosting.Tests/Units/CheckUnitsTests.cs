using Appliance.Hosting.Tests.Support;

namespace Appliance.Hosting.Tests.Units;

/// <summary>scripts/check-units.sh passes on systemd/ and fails on each kind of mistake it exists to catch.</summary>
public class CheckUnitsTests
{
    private static Repo.Result Check(string unitsDir) =>
        Repo.RunScript("scripts/check-units.sh", new Dictionary<string, string> { ["UNITS_DIR"] = unitsDir });

    private static TempDir CopyOfUnits()
    {
        var dir = new TempDir();
        string source = Path.Combine(Repo.Root, "systemd");
        foreach (string f in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(dir.Path, Path.GetRelativePath(source, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
        return dir;
    }

    [Test]
    public void The_shipped_units_pass_verify_security_and_calendar()
    {
        var r = Check(Path.Combine(Repo.Root, "systemd"));
        Assert.That(r.ExitCode, Is.Zero, r.Stdout + r.Stderr);
        Assert.That(r.Stdout, Does.Contain("verify appliance.service appliance.timer: clean"));
        var score = System.Text.RegularExpressions.Regex.Match(r.Stdout, @"security appliance\.service: exposure (\d+\.\d)");
        Assert.That(score.Success, Is.True, r.Stdout);
        Assert.That(double.Parse(score.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(2.5));
        Assert.That(r.Stdout, Does.Contain("calendar appliance.timer 'Mon..Fri 09:14 Asia/Kolkata'"));
    }

    [Test]
    public void An_unknown_directive_fails_although_verify_exits_zero()
    {
        using var dir = CopyOfUnits();
        string unit = Path.Combine(dir.Path, "appliance.service");
        File.WriteAllText(unit, File.ReadAllText(unit).Replace("UMask=0027", "UMask=0027\nRestartSecs=5"));
        var r = Check(dir.Path);
        Assert.That(r.ExitCode, Is.Not.Zero);
        Assert.That(r.Stderr, Does.Contain("Unknown key 'RestartSecs'"));
    }

    [Test]
    public void Weakened_hardening_fails_the_exposure_limit()
    {
        using var dir = CopyOfUnits();
        string unit = Path.Combine(dir.Path, "appliance.service");
        string text = string.Join('\n', File.ReadAllLines(unit).Where(l =>
            !l.StartsWith("ProtectSystem=") && !l.StartsWith("SystemCallFilter=") && !l.StartsWith("CapabilityBoundingSet=") &&
            !l.StartsWith("PrivateDevices=") && !l.StartsWith("RestrictAddressFamilies=")));
        File.WriteAllText(unit, text);
        var r = Check(dir.Path);
        Assert.That(r.ExitCode, Is.Not.Zero);
        Assert.That(r.Stderr, Does.Match(@"appliance\.service exposure \d+\.\d > 2\.5"));
    }

    [Test]
    public void A_calendar_expression_systemd_rejects_fails()
    {
        using var dir = CopyOfUnits();
        string timer = Path.Combine(dir.Path, "appliance.timer");
        File.WriteAllText(timer, File.ReadAllText(timer).Replace("Mon..Fri 09:14 Asia/Kolkata", "Mon..Fri 9:74 Asia/Kolkata"));
        var r = Check(dir.Path);
        Assert.That(r.ExitCode, Is.Not.Zero);
        Assert.That(r.Stderr, Does.Contain("rejects 'Mon..Fri 9:74 Asia/Kolkata'"));
    }
}
