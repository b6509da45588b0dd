using System.Text.Json;
using Reco.Serving;

namespace Reco.Server.Api;

/// <summary>
/// The body of <c>POST /v1/recommendations</c>:
/// <c>{"items": ["50", "172"], "k": 10, "exclude": [...], "candidates": [...], "diversity": 0.3, "explain": true}</c>;
/// only <c>items</c> is required. Parsed by hand so that every mistake is named in the client's terms.
/// </summary>
internal sealed class HistoryRequest
{
    private HistoryRequest(List<string> items, int k, RecommendationRequest request)
    {
        Items = items;
        K = k;
        Request = request;
    }

    /// <summary>The ids of the items the new user interacted with.</summary>
    public List<string> Items { get; }

    /// <summary>How many items to recommend.</summary>
    public int K { get; }

    /// <summary>Exclusions, candidates, diversity and explanations.</summary>
    public RecommendationRequest Request { get; }

    /// <summary>Whether the body asked for explanations or not (rather than taking the default).</summary>
    public bool ExplainGiven { get; private init; }

    /// <summary>Reads <paramref name="body"/>; on any mistake returns null with the problems in <paramref name="errors"/>.</summary>
    public static HistoryRequest? Parse(ReadOnlySpan<byte> body, RecoServerOptions options, ParameterErrors errors)
    {
        // A byte order mark is allowed before JSON text (RFC 8259 §8.1 lets a parser ignore it).
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            errors.Add("body", "The request body is not valid UTF-8 text; send JSON encoded as UTF-8.");
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            errors.Add("body", $"The request body is not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}).");
            return null;
        }

        using (document)
        {
            try
            {
                return Read(document.RootElement, options, errors);
            }
            catch (InvalidOperationException)
            {
                // Valid UTF-8 can still escape a lone surrogate ("\ud800"), which is no text.
                errors.Add("body", "The request body holds a string that is not valid Unicode (a lone surrogate escape such as \\ud800).");
                return null;
            }
        }
    }

    private static HistoryRequest? Read(JsonElement root, RecoServerOptions options, ParameterErrors errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "The request body must be a JSON object such as {\"items\": [\"50\", \"172\"], \"k\": 10}.");
            return null;
        }

        List<string>? items = null;
        List<string>? exclude = null;
        List<string>? candidates = null;
        int k = 10;
        double diversity = 0;
        bool explain = true;
        bool explainGiven = false;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "items":
                    items = Strings(property, options.MaxListedItems, errors);
                    break;
                case "exclude":
                    exclude = Strings(property, options.MaxListedItems, errors);
                    break;
                case "candidates":
                    candidates = Strings(property, options.MaxListedItems, errors);
                    break;
                case "k":
                    if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out k) || k < 1 || k > options.MaxK)
                    {
                        errors.Add("k", $"k must be a whole number from 1 to {options.MaxK}; got {ParameterErrors.Shorten(property.Value.GetRawText())}.");
                    }

                    break;
                case "diversity":
                    if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out diversity) || !(diversity >= 0 && diversity <= 1))
                    {
                        errors.Add("diversity", $"diversity must be a number from 0 to 1; got {ParameterErrors.Shorten(property.Value.GetRawText())}.");
                    }

                    break;
                case "explain":
                    if (property.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        errors.Add("explain", $"explain must be true or false; got {ParameterErrors.Shorten(property.Value.GetRawText())}.");
                    }
                    else
                    {
                        explain = property.Value.GetBoolean();
                        explainGiven = true;
                    }

                    break;
                default:
                    errors.Add(property.Name, $"'{ParameterErrors.Shorten(property.Name)}' is not a field of this request; the fields are items, k, exclude, candidates, diversity and explain.");
                    break;
            }
        }

        if (items is null && errors.Errors?.ContainsKey("items") != true)
        {
            errors.Add("items", "items is required: the ids of the items the user interacted with, such as [\"50\", \"172\"].");
        }

        if (errors.Errors is not null)
        {
            return null;
        }

        return new HistoryRequest(items!, k, new RecommendationRequest
        {
            Exclude = exclude is null ? null : new HashSet<string>(exclude, StringComparer.Ordinal),
            Candidates = candidates is null ? null : new HashSet<string>(candidates, StringComparer.Ordinal),
            Diversity = diversity,
            Explain = explain,
        })
        {
            ExplainGiven = explainGiven,
        };
    }

    private static List<string>? Strings(JsonProperty property, int max, ParameterErrors errors)
    {
        var value = property.Value;
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(property.Name, $"{property.Name} must be a list of item ids, such as [\"50\", \"172\"].");
            return null;
        }

        int length = value.GetArrayLength();
        if (length > max)
        {
            errors.Add(property.Name, $"{property.Name} lists {length} items; at most {max} are allowed.");
            return null;
        }

        var ids = new List<string>(length);
        foreach (var element in value.EnumerateArray())
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    ids.Add(element.GetString()!);
                    break;
                case JsonValueKind.Number:
                    ids.Add(element.GetRawText());
                    break;
                default:
                    errors.Add(property.Name, $"{property.Name} must hold item ids (strings or numbers); found {ParameterErrors.Shorten(element.GetRawText())}.");
                    return null;
            }
        }

        return ids;
    }
}
