using System.Globalization;
using System.Text;

namespace ConnectWiseSetup.Benchmarks;

/// <summary>One line of the table: measure, ours, baseline, ratio, goal, met.</summary>
public sealed class BenchmarkRow
{
    public string Measure { get; init; }
    public double Ours { get; init; }
    /// <summary>NaN where the measure has no baseline (a goal on our own figure).</summary>
    public double Baseline { get; init; } = double.NaN;
    public string Unit { get; init; } = "";
    /// <summary>Baseline ÷ ours for speed-ups; NaN without a baseline.</summary>
    public double Ratio => double.IsNaN(Baseline) || Ours == 0 ? double.NaN : Baseline / Ours;
    public string Goal { get; init; }
    public bool Met { get; init; }
    public string Note { get; init; }

    static string F(double v) => double.IsNaN(v) ? "-" : v >= 100 ? v.ToString("0", CultureInfo.InvariantCulture) : v.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Table(IEnumerable<BenchmarkRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| measure | ours | baseline | ratio | goal | met |");
        sb.AppendLine("| --- | ---: | ---: | ---: | --- | --- |");
        foreach (var r in rows)
            sb.AppendLine($"| {r.Measure} | {F(r.Ours)}{(r.Unit.Length > 0 ? " " + r.Unit : "")} | {F(r.Baseline)}{(double.IsNaN(r.Baseline) || r.Unit.Length == 0 ? "" : " " + r.Unit)} | {(double.IsNaN(r.Ratio) ? "-" : F(r.Ratio) + "x")} | {r.Goal} | {(r.Met ? "yes" : "NO")} |");
        return sb.ToString();
    }
}
