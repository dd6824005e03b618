namespace AlexNet.Data.Loading;

/// <summary>
/// Seeds of the loader's generators, derived from the user's seed with SplitMix64 so that every (epoch) shuffle and
/// every (epoch, batch) augmentation has its own independent, reproducible stream.
/// </summary>
internal static class LoaderSeeds
{
    private const ulong ShufflePurpose = 0x5348_5546_464C_4500; // "SHUFFLE"
    private const ulong AugmentPurpose = 0x4155_474D_454E_5400; // "AUGMENT"

    public static ulong ForShuffle(long seed, int epoch) => Combine(Combine(Mix(unchecked((ulong)seed)), ShufflePurpose), (ulong)epoch);

    public static ulong ForBatch(long seed, int epoch, int batch) =>
        Combine(Combine(Combine(Mix(unchecked((ulong)seed)), AugmentPurpose), (ulong)epoch), (ulong)batch);

    private static ulong Combine(ulong state, ulong value) => Mix(state ^ Mix(value + 0x9E37_79B9_7F4A_7C15));

    /// <summary>The SplitMix64 finaliser.</summary>
    private static ulong Mix(ulong x)
    {
        unchecked
        {
            x += 0x9E37_79B9_7F4A_7C15;
            x = (x ^ (x >> 30)) * 0xBF58_476D_1CE4_E5B9;
            x = (x ^ (x >> 27)) * 0x94D0_49BB_1331_11EB;
            return x ^ (x >> 31);
        }
    }
}
