namespace ReproBuild.Tool;

internal static class Program
{
    public static int Main(string[] args) => ToolCommandLine.Run(args, Console.Out, Console.Error);
}
