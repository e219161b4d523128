using System.Text;
using Appliance.Logging.Sinks;

namespace Appliance.Logging.Tests.Sinks;

public class FileSinkTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("applog-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Appends_to_an_existing_file_and_creates_directories()
    {
        string path = Path.Combine(_dir, "sub", "dir", "app.log");
        using (var sink = new FileSink(path)) sink.Write("one\n"u8);
        using (var sink = new FileSink(path)) sink.Write("two\nthree\n"u8);
        Assert.That(File.ReadAllText(path), Is.EqualTo("one\ntwo\nthree\n"));
    }

    [Test]
    public void A_partial_last_line_left_by_a_kill_is_cut_when_the_file_is_reopened()
    {
        string path = Path.Combine(_dir, "app.log");
        File.WriteAllText(path, "whole 1\nwhole 2\nhalf a li");
        using var sink = new FileSink(path);
        sink.Write("next\n"u8);
        Assert.That(sink.RepairedBytes, Is.EqualTo("half a li".Length));
        Assert.That(File.ReadAllText(path), Is.EqualTo("whole 1\nwhole 2\nnext\n"));
    }

    [Test]
    public void A_partial_line_longer_than_the_scan_chunk_is_cut_too()
    {
        string path = Path.Combine(_dir, "app.log");
        File.WriteAllText(path, "whole\n" + new string('x', 200_000));
        using var sink = new FileSink(path);
        Assert.That(File.ReadAllText(path), Is.EqualTo("whole\n"));
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes(new string('y', 10)));
    }
}
