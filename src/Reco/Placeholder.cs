namespace Reco; internal static class Placeholder { }
