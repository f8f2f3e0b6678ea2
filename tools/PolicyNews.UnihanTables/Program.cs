// Generates the Chinese character tables that PolicyNews.Archive embeds (Chinese/Data/*.tsv)
// from the Unicode Han Database (Unihan). The build never needs Unihan itself: run this tool
// only when you want to refresh the committed tables, then commit its output.
//
// The one command (from the repository root, with Debian's `unicode-data` installed):
//
//   dotnet run --project tools/PolicyNews.UnihanTables -- /usr/share/unicode src/PolicyNews.Archive/Chinese/Data
//
// The first argument is a directory holding Unihan_{Variants,Readings,DictionaryLikeData,
// OtherMappings}.txt, either already decompressed or as the .txt.bz2 files Debian ships (those
// are read through `bzcat`). Both arguments are optional and default to the values above.

using PolicyNews.UnihanTables;

var unihanDirectory = args.Length > 0 ? args[0] : "/usr/share/unicode";
var outputDirectory = args.Length > 1 ? args[1] : Path.Combine("src", "PolicyNews.Archive", "Chinese", "Data");

var unihan = UnihanDatabase.Load(unihanDirectory);
Directory.CreateDirectory(outputDirectory);

var variants = new VariantTables(unihan);
var frequency = new FrequencyTable(unihan, variants);
var readings = new ReadingTable(unihan, frequency);

TsvWriter.Write(Path.Combine(outputDirectory, "variants.tsv"), variants.Lines());
TsvWriter.Write(Path.Combine(outputDirectory, "readings.tsv"), readings.Lines());
TsvWriter.Write(Path.Combine(outputDirectory, "frequency.tsv"), frequency.Lines());

foreach (var file in Directory.GetFiles(outputDirectory, "*.tsv").Order(StringComparer.Ordinal))
    Console.WriteLine($"{file}: {new FileInfo(file).Length:N0} bytes");
