namespace RenderHooks; internal static class Placeholder { }
