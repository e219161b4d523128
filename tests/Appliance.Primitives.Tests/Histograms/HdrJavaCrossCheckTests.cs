using Appliance.Primitives.Histograms;

namespace Appliance.Primitives.Tests.Histograms;

/// <summary>
/// The existing HdrHistogram tooling reads our output: the Java original's HistogramLogProcessor
/// (Debian's libhdrhistogram-java, installed by scripts/bootstrap.sh) turns our interval log into the
/// same percentile table we print for the sum of the intervals.
/// </summary>
public class HdrJavaCrossCheckTests
{
    private const string JarPath = "/usr/share/java/hdrhistogram.jar";

    [Test]
    public void Java_log_processor_reads_our_log_and_prints_our_table()
    {
        if (!File.Exists(JarPath))
            Assert.Fail($"{JarPath} is missing: run scripts/bootstrap.sh (installs libhdrhistogram-java).");
        string directory = Directory.CreateTempSubdirectory("hdr-java-").FullName;
        try
        {
            var random = new Random(2024);
            var total = new HdrHistogram(1, 3_600_000_000_000, 3);
            using (var writer = new HistogramLogWriter(File.Create(Path.Combine(directory, "feed.hlog"))))
            {
                writer.OutputLogFormatVersion();
                writer.OutputStartTime(1_700_000_000_000);
                writer.BaseTime = 1_700_000_000_000;
                writer.OutputLegend();
                for (int i = 0; i < 4; i++)
                {
                    var interval = new HdrHistogram(1, 3_600_000_000_000, 3)
                    {
                        StartTimeStamp = 1_700_000_000_000 + i * 1000L,
                        EndTimeStamp = 1_700_000_001_000 + i * 1000L,
                    };
                    for (int n = 0; n < 10_000; n++)
                    {
                        double normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                        interval.RecordValue((long)Math.Exp(Math.Log(20_000) + (0.4 + i * 0.2) * normal));
                    }
                    writer.OutputIntervalHistogram(interval);
                    total.Add(interval);
                }
            }

            ChildProcess.Run("java",
                ["-cp", JarPath, "org.HdrHistogram.HistogramLogProcessor", "-i", "feed.hlog", "-o", "processed", "-outputValueUnitRatio", "1000"],
                directory, stdin: null, "install a Java runtime and run scripts/bootstrap.sh.");

            string[] javaTable = File.ReadAllLines(Path.Combine(directory, "processed.hgrm"));
            Assert.That(javaTable[0], Does.StartWith("#[Overall percentile distribution"));
            Assert.That(javaTable[1], Does.StartWith("#[StartTime: 1700000000.000"));
            var ours = new StringWriter();
            total.WritePercentileDistribution(ours, 1000.0);
            Assert.That(string.Join("\n", javaTable[2..]) + "\n", Is.EqualTo(ours.ToString()));

            string[] intervals = File.ReadAllLines(Path.Combine(directory, "processed"));
            Assert.That(intervals.Count(l => l.Contains(" I:10000 ")), Is.EqualTo(4), "one summary line per interval");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
