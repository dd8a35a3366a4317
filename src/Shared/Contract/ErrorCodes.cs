namespace ReproBuild;

/// <summary>
/// Every diagnostic ReproBuild can raise. Codes are public and stable: once shipped, a code keeps its meaning.
/// RB1xxx items and properties, RB2xxx data, RB3xxx training and reproducibility, RB4xxx cache and lock file,
/// RB5xxx metric and drift gates.
/// </summary>
internal static class ErrorCodes
{
    public const string MissingMetadata = "RB1001";
    public const string UnknownDataset = "RB1002";
    public const string UnknownTask = "RB1003";
    public const string UnknownTrainer = "RB1004";
    public const string UnknownParameter = "RB1005";
    public const string InvalidParameterValue = "RB1006";
    public const string DatasetFileNotFound = "RB1007";
    public const string InvalidModelName = "RB1008";
    public const string InvalidVersion = "RB1009";
    public const string InvalidMetadataValue = "RB1010";
    public const string DuplicateName = "RB1011";
    public const string LabelColumnNotFound = "RB1012";
    public const string FeatureColumnNotFound = "RB1013";
    public const string AmbiguousBinaryLabel = "RB1014";
    public const string NonNumericLabel = "RB1015";
    public const string SourceWithoutHash = "RB1016";
    public const string UnsupportedDatasetSource = "RB1017";
    public const string DatasetOutsideProject = "RB1018";
    public const string PipelineNotFound = "RB1019";
    public const string PipelineInvalid = "RB1020";
    public const string TextFeatureNotText = "RB1021";

    // Pipeline stages (RB1030–RB1039): the Stage items and the graph they make, checked before anything runs.
    public const string StageProgram = "RB1030";
    public const string StageOutputOutsideProject = "RB1031";
    public const string StageOutputConflict = "RB1032";
    public const string StageCycle = "RB1033";
    public const string StageInputNotFound = "RB1034";
    public const string StageProjectNotFound = "RB1035";
    public const string DatasetStageMismatch = "RB1036";

    // Scale-out (RB1040–RB1049): how a build is spread over machines.
    public const string InvalidShard = "RB1040";

    // Sweeps (RB1050–RB1059): experiment builds that reprobuild sweep starts.
    public const string InvalidExperiment = "RB1050";

    public const string NonNumericValue = "RB2001";
    public const string WrongFieldCount = "RB2002";
    public const string NoData = "RB2003";
    public const string DuplicateColumn = "RB2004";
    public const string MissingLabel = "RB2005";
    public const string ColumnTypeMismatch = "RB2006";
    public const string UnreadableData = "RB2007";
    public const string MoreFindings = "RB2099";

    // Table Schema validation: cell and table findings (RB201x) and problems in the schema descriptor itself (RB210x).
    public const string FieldTypeError = "RB2010";
    public const string RequiredValueMissing = "RB2011";
    public const string UniqueViolation = "RB2012";
    public const string RangeViolation = "RB2013";
    public const string LengthViolation = "RB2014";
    public const string PatternViolation = "RB2015";
    public const string EnumViolation = "RB2016";
    public const string PrimaryKeyViolation = "RB2017";
    public const string UniqueKeyViolation = "RB2018";
    public const string FieldsMismatch = "RB2019";
    public const string InvalidSchemaJson = "RB2100";
    public const string InvalidSchema = "RB2101";
    public const string ConstraintNotApplicable = "RB2102";
    public const string UnsupportedSchemaProperty = "RB2103";

    public const string EngineFailed = "RB3001";
    public const string EngineExited = "RB3002";
    public const string TrainingFailed = "RB3003";
    public const string NondeterministicThreads = "RB3004";
    public const string DatasetChangedDuringBuild = "RB3005";
    public const string EngineNotFound = "RB3006";
    public const string ModelNotReproduced = "RB3007";
    public const string NothingToVerify = "RB3008";
    public const string OutputsNotForCurrentInputs = "RB3009";
    public const string NonFinitePredictions = "RB3010";
    public const string MetricNotComputed = "RB3011";
    public const string PipelineFailed = "RB3012";

    // Pipeline stages (RB3030–RB3039): running them.
    public const string StageFailed = "RB3030";
    public const string StageOutputNotWritten = "RB3031";
    public const string StageNotReproduced = "RB3032";

    public const string LockFileDiffers = "RB4001";
    public const string NotUpToDate = "RB4002";
    public const string LockFileMissing = "RB4003";
    public const string CacheEntryCorrupt = "RB4004";
    public const string RemoteUnavailable = "RB4005";
    public const string RemoteContentInvalid = "RB4006";
    public const string CacheWriteFailed = "RB4007";
    public const string DatasetHashMismatch = "RB4008";
    public const string DatasetSourceUnavailable = "RB4009";
    public const string InvalidRemote = "RB4010";
    public const string LockFileUnreadable = "RB4011";
    public const string DatasetReplaced = "RB4012";
    public const string FileSystemFailure = "RB4013";

    public const string UnknownGateModel = "RB5001";
    public const string UnknownGateMetric = "RB5002";
    public const string GateWithoutBound = "RB5003";
    public const string InvalidGateBound = "RB5004";
    public const string GateDatasetNotFound = "RB5005";

    // Drift gates (unknown model and missing Dataset file share RB5001 and RB5005 with metric gates).
    public const string UnknownDriftColumn = "RB5006";
    public const string InvalidDriftSetting = "RB5007";
    public const string DriftGateWithoutDataset = "RB5008";
}
