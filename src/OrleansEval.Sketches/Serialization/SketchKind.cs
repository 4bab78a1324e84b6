namespace OrleansEval.Sketches.Serialization;

/// <summary>
/// The type tag written as the first byte of every serialized sketch, and of every bucket the grains store, which are
/// written the same way; the second byte is the format version of that type.
/// </summary>
public enum SketchKind : byte
{
    /// <summary>Not a sketch; never written.</summary>
    None = 0,

    /// <summary>A <see cref="Quantiles.KllSketch"/>.</summary>
    Kll = 0x01,

    /// <summary>A <see cref="Moments.RunningMoments"/>.</summary>
    RunningMoments = 0x02,

    /// <summary>A <see cref="Categories.CategoryCounts"/>.</summary>
    CategoryCounts = 0x03,

    /// <summary>A <see cref="Categories.HyperLogLog"/>.</summary>
    HyperLogLog = 0x04,

    /// <summary>A <see cref="Estimation.CalibrationMap"/>.</summary>
    CalibrationMap = 0x05,

    /// <summary>A <see cref="Estimation.CbpeState"/>.</summary>
    CbpeState = 0x06,

    /// <summary>A <see cref="Performance.BinaryPerformanceState"/>.</summary>
    BinaryPerformance = 0x10,

    /// <summary>A <see cref="Performance.MulticlassPerformanceState"/>.</summary>
    MulticlassPerformance = 0x11,

    /// <summary>A <see cref="Performance.RegressionPerformanceState"/>.</summary>
    RegressionPerformance = 0x12,

    /// <summary>A numeric column bucket of the grains; its untagged predecessor began with the bytes 0x01 0x01.</summary>
    NumericBucket = 0x20,

    /// <summary>A categorical column bucket of the grains; its untagged predecessor began with the bytes 0x02 0x01.</summary>
    CategoricalBucket = 0x21,

    /// <summary>A slice bucket of the grains; its untagged predecessor began with the version byte 0x01.</summary>
    SliceBucket = 0x22,
}
