namespace Reco.Data.Sources.Text;

/// <summary>A run of whole records of a text file, parsed by one chunk.</summary>
/// <param name="Begin">Byte offset of the first record.</param>
/// <param name="End">Byte offset just past the last record.</param>
/// <param name="FirstLine">1-based number of the line the first record starts on.</param>
/// <param name="RowStart">Where the chunk's rows go in the output columns.</param>
/// <param name="Capacity">How many lines the range has (an upper bound on its records).</param>
/// <param name="Quoted">Whether the range holds a quote; without one every line is a record of plain fields.</param>
internal readonly record struct TextRange(long Begin, long End, long FirstLine, int RowStart, int Capacity, bool Quoted);
