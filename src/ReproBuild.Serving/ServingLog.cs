using Microsoft.Extensions.Logging;

namespace ReproBuild.Serving;

/// <summary>What the service logs.</summary>
internal static partial class ServingLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Serving model {Model} sha256 {Sha256} from {Assembly}")]
    public static partial void Serving(ILogger logger, string model, string sha256, string? assembly);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Model} from {Assembly} is not served: {Reason}")]
    public static partial void NotServed(ILogger logger, string model, string? assembly, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Model} failed to answer a {Endpoint} request")]
    public static partial void Failed(ILogger logger, Exception exception, string model, string endpoint);
}
