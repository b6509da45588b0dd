namespace Reco.Data.Sources;

/// <summary>A run of whole lines of a text file, parsed by one chunk.</summary>
/// <param name="Begin">Byte offset of the first line.</param>
/// <param name="End">Byte offset just past the last line.</param>
/// <param name="FirstLine">1-based number of the first line in the file.</param>
/// <param name="RowStart">Where the chunk's rows go in the output columns.</param>
/// <param name="Capacity">How many lines the range has (an upper bound on its rows).</param>
internal readonly record struct TextRange(long Begin, long End, long FirstLine, int RowStart, int Capacity);
