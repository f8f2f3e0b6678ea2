using System.Globalization;
using System.Net;
using System.Text;

namespace PolicyNews.Benchmarks;

/// <summary>
/// Latency against archive size as plain SVG text: one line per page type, p50 solid and p99
/// dashed, both axes logarithmic (sizes 1,000 … 100,000; milliseconds).
/// </summary>
public static class LatencyPlot
{
    const int Width = 760, Height = 440, Left = 70, Right = 170, Top = 40, Bottom = 60;
    static readonly string[] Colours = ["#1b6ca8", "#c0392b", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#2c3e50"];

    /// <param name="series">Per page type: (archive size in articles, p50 ms, p99 ms), in size order.</param>
    public static string Svg(string title, IReadOnlyDictionary<string, List<(int Articles, double P50, double P99)>> series)
    {
        var points = series.Values.SelectMany(s => s).ToList();
        double minX = points.Min(p => p.Articles), maxX = Math.Max(points.Max(p => p.Articles), minX * 10);
        double minY = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(0.01, points.Min(p => p.P50))))),
               maxY = Math.Pow(10, Math.Ceiling(Math.Log10(Math.Max(minY * 10, points.Max(p => p.P99)))));
        double X(double v) => Left + (Math.Log10(v) - Math.Log10(minX)) / (Math.Log10(maxX) - Math.Log10(minX)) * (Width - Left - Right);
        double Y(double v) => Height - Bottom - (Math.Log10(Math.Max(v, minY)) - Math.Log10(minY)) / (Math.Log10(maxY) - Math.Log10(minY)) * (Height - Top - Bottom);
        static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        var svg = new StringBuilder();
        svg.Append($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" font-family="sans-serif" font-size="12">""").Append('\n');
        svg.Append($"""<rect width="{Width}" height="{Height}" fill="white"/>""").Append('\n');
        svg.Append($"""<text x="{Left}" y="22" font-size="14">{WebUtility.HtmlEncode(title)}</text>""").Append('\n');
        for (var y = minY; y <= maxY * 1.001; y *= 10)
            svg.Append($"""<line x1="{Left}" x2="{Width - Right}" y1="{F(Y(y))}" y2="{F(Y(y))}" stroke="#ddd"/><text x="{Left - 6}" y="{F(Y(y) + 4)}" text-anchor="end">{y.ToString("0.##", CultureInfo.InvariantCulture)} ms</text>""").Append('\n');
        foreach (var x in points.Select(p => p.Articles).Distinct())
            svg.Append($"""<line x1="{F(X(x))}" x2="{F(X(x))}" y1="{Top}" y2="{Height - Bottom}" stroke="#eee"/><text x="{F(X(x))}" y="{Height - Bottom + 18}" text-anchor="middle">{x.ToString("N0", CultureInfo.InvariantCulture)}</text>""").Append('\n');
        svg.Append($"""<text x="{(Left + Width - Right) / 2}" y="{Height - 16}" text-anchor="middle">articles in the archive</text>""").Append('\n');

        var i = 0;
        foreach (var (page, values) in series)
        {
            var colour = Colours[i % Colours.Length];
            foreach (var (pick, dash) in new (Func<(int Articles, double P50, double P99), double>, string)[] { (v => v.P50, ""), (v => v.P99, " stroke-dasharray=\"5 4\"") })
            {
                var path = string.Join(" ", values.Select(v => $"{F(X(v.Articles))},{F(Y(pick(v)))}"));
                svg.Append($"""<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>""").Append('\n');
                foreach (var v in values)
                    svg.Append($"""<circle cx="{F(X(v.Articles))}" cy="{F(Y(pick(v)))}" r="3" fill="{colour}"/>""").Append('\n');
            }
            var legendY = Top + 10 + i * 20;
            svg.Append($"""<line x1="{Width - Right + 15}" x2="{Width - Right + 40}" y1="{legendY}" y2="{legendY}" stroke="{colour}" stroke-width="2"/><text x="{Width - Right + 46}" y="{legendY + 4}">{WebUtility.HtmlEncode(page)}</text>""").Append('\n');
            i++;
        }
        var noteY = Top + 10 + i * 20 + 10;
        svg.Append($"""<text x="{Width - Right + 15}" y="{noteY}">solid: p50</text><text x="{Width - Right + 15}" y="{noteY + 16}">dashed: p99</text>""").Append('\n');
        svg.Append("</svg>\n");
        return svg.ToString();
    }
}
