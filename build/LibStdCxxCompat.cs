// Makes TorchSharp 0.107's libLibTorchSharp.so load on distributions whose libstdc++ predates GCC 13
// (Debian 12, Ubuntu 22.04). See docs/debian12-ubuntu2204.md.
//
// libLibTorchSharp.so needs the symbol version GLIBCXX_3.4.32 for exactly one symbol,
// std::ios_base_library_init (_ZSt21ios_base_library_initv), a link-time marker GCC 13's <iostream> emits and
// nothing calls. The dynamic loader refuses the whole library only because that version-need entry is not weak.
// This file marks that single entry weak (VER_FLG_WEAK) in a copy of the library inside a build output, after
// checking that the entry binds nothing but the marker. It never writes anywhere else.
//
// This one file is both the MSBuild inline task (build/AlexNet.LibStdCxxCompat.targets compiles it with
// RoslynCodeTaskFactory) and the code the unit tests exercise (compiled there with ALEXNET_COMPAT_TESTS defined).
// It must therefore compile against netstandard 2.0 with no package references.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace AlexNet.Build
{
    /// <summary>One version-need entry (Elf64_Vernaux) of an ELF shared library.</summary>
    public sealed class ElfVersionNeed
    {
        /// <summary>Creates an entry.</summary>
        public ElfVersionNeed(string library, string version, ushort flags, ushort index, long flagsOffset)
        {
            Library = library;
            Version = version;
            Flags = flags;
            Index = index;
            FlagsOffset = flagsOffset;
        }

        /// <summary>The library the version is needed from, e.g. libstdc++.so.6.</summary>
        public string Library { get; }

        /// <summary>The version name, e.g. GLIBCXX_3.4.32.</summary>
        public string Version { get; }

        /// <summary>vna_flags; bit 0x2 is VER_FLG_WEAK.</summary>
        public ushort Flags { get; }

        /// <summary>vna_other: the index symbols use in .gnu.version to bind to this version.</summary>
        public ushort Index { get; }

        /// <summary>File offset of the vna_flags field.</summary>
        public long FlagsOffset { get; }

        /// <summary>True when the entry is already weak.</summary>
        public bool IsWeak => (Flags & ElfFile.VerFlagWeak) != 0;
    }

    /// <summary>Thrown when a file is not an ELF64 little-endian file or its tables are malformed.</summary>
    public sealed class ElfFormatException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public ElfFormatException(string message) : base(message) { }
    }

    /// <summary>Minimal reader for the symbol-versioning tables of an ELF64 little-endian shared library.</summary>
    public sealed class ElfFile
    {
        /// <summary>VER_FLG_WEAK.</summary>
        public const ushort VerFlagWeak = 0x2;

        private const uint ShtDynsym = 11;
        private const uint ShtGnuVerdef = 0x6ffffffd;
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const uint ShtGnuVersym = 0x6fffffff;

        private readonly byte[] _bytes;
        private readonly List<Section> _sections = new List<Section>();

        /// <summary>Parses the section headers of <paramref name="bytes"/>.</summary>
        public ElfFile(byte[] bytes)
        {
            _bytes = bytes ?? throw new ArgumentNullException(nameof(bytes));
            if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            {
                throw new ElfFormatException("not an ELF file (magic 7F 45 4C 46 expected at offset 0)");
            }

            if (bytes[4] != 2 || bytes[5] != 1)
            {
                throw new ElfFormatException($"only ELF64 little-endian is supported (class {bytes[4]}, data {bytes[5]} found at offsets 4 and 5)");
            }

            long shoff = (long)U64(0x28);
            int shentsize = U16(0x3A);
            int shnum = U16(0x3C);
            if (shoff == 0 || shnum == 0)
            {
                throw new ElfFormatException("the file has no section headers");
            }

            if (shentsize < 64 || shoff < 0 || shoff + (long)shentsize * shnum > bytes.Length)
            {
                throw new ElfFormatException($"section header table at offset {shoff} ({shnum} x {shentsize} bytes) lies outside the file ({bytes.Length} bytes)");
            }

            for (int i = 0; i < shnum; i++)
            {
                long h = shoff + (long)i * shentsize;
                var s = new Section(U32(h + 4), (long)U64(h + 24), (long)U64(h + 32), U32(h + 40), U32(h + 44));
                if (s.Type != 8 /* SHT_NOBITS */ && (s.Offset < 0 || s.Size < 0 || s.Offset + s.Size > bytes.Length))
                {
                    throw new ElfFormatException($"section {i} (offset {s.Offset}, size {s.Size}) lies outside the file ({bytes.Length} bytes)");
                }

                _sections.Add(s);
            }
        }

        /// <summary>The version names this library defines (.gnu.version_d), e.g. GLIBCXX_3.4.30.</summary>
        public IReadOnlyList<string> VersionDefinitions()
        {
            var names = new List<string>();
            foreach (Section s in _sections)
            {
                if (s.Type != ShtGnuVerdef)
                {
                    continue;
                }

                Section strings = SectionAt(s.Link);
                long entry = s.Offset;
                for (uint i = 0; i < s.Info; i++)
                {
                    Check(entry, 20, s);
                    uint aux = U32(entry + 12);
                    uint next = U32(entry + 16);
                    Check(entry + aux, 8, s);
                    names.Add(StringAt(strings, U32(entry + aux)));
                    if (next == 0)
                    {
                        break;
                    }

                    entry += next;
                }
            }

            return names;
        }

        /// <summary>The version-need entries (.gnu.version_r) of this library.</summary>
        public IReadOnlyList<ElfVersionNeed> VersionNeeds()
        {
            var needs = new List<ElfVersionNeed>();
            foreach (Section s in _sections)
            {
                if (s.Type != ShtGnuVerneed)
                {
                    continue;
                }

                Section strings = SectionAt(s.Link);
                long entry = s.Offset;
                for (uint i = 0; i < s.Info; i++)
                {
                    Check(entry, 16, s);
                    int count = U16(entry + 2);
                    string file = StringAt(strings, U32(entry + 4));
                    long aux = entry + U32(entry + 8);
                    uint next = U32(entry + 12);
                    for (int j = 0; j < count; j++)
                    {
                        Check(aux, 16, s);
                        needs.Add(new ElfVersionNeed(file, StringAt(strings, U32(aux + 8)), U16(aux + 4), U16(aux + 6), aux + 4));
                        uint auxNext = U32(aux + 12);
                        if (auxNext == 0)
                        {
                            break;
                        }

                        aux += auxNext;
                    }

                    if (next == 0)
                    {
                        break;
                    }

                    entry += next;
                }
            }

            return needs;
        }

        /// <summary>Names of the dynamic symbols bound to version index <paramref name="index"/> in .gnu.version.</summary>
        public IReadOnlyList<string> SymbolsBoundTo(ushort index)
        {
            var names = new List<string>();
            Section? versym = null;
            Section? dynsym = null;
            foreach (Section s in _sections)
            {
                if (s.Type == ShtGnuVersym)
                {
                    versym = s;
                }
                else if (s.Type == ShtDynsym)
                {
                    dynsym = s;
                }
            }

            if (versym == null || dynsym == null)
            {
                return names;
            }

            Section strings = SectionAt(dynsym.Link);
            long count = Math.Min(versym.Size / 2, dynsym.Size / 24);
            for (long i = 0; i < count; i++)
            {
                if ((U16(versym.Offset + i * 2) & 0x7fff) == index)
                {
                    names.Add(StringAt(strings, U32(dynsym.Offset + i * 24)));
                }
            }

            return names;
        }

        private Section SectionAt(uint index)
        {
            if (index >= _sections.Count)
            {
                throw new ElfFormatException($"section link {index} is out of range ({_sections.Count} sections)");
            }

            return _sections[(int)index];
        }

        private void Check(long offset, int length, Section within)
        {
            if (offset < within.Offset || offset + length > within.Offset + within.Size)
            {
                throw new ElfFormatException($"table entry at offset {offset} runs outside its section (offset {within.Offset}, size {within.Size})");
            }
        }

        private string StringAt(Section strings, uint offset)
        {
            long start = strings.Offset + offset;
            long end = start;
            long limit = strings.Offset + strings.Size;
            while (end < limit && _bytes[end] != 0)
            {
                end++;
            }

            if (start >= limit || end >= limit)
            {
                throw new ElfFormatException($"string at offset {offset} runs outside its string table");
            }

            return Encoding.ASCII.GetString(_bytes, (int)start, (int)(end - start));
        }

        private ushort U16(long o) => (ushort)(_bytes[o] | (_bytes[o + 1] << 8));

        private uint U32(long o) => (uint)(_bytes[o] | (_bytes[o + 1] << 8) | (_bytes[o + 2] << 16) | (_bytes[o + 3] << 24));

        private ulong U64(long o) => U32(o) | ((ulong)U32(o + 4) << 32);

        private sealed class Section
        {
            public Section(uint type, long offset, long size, uint link, uint info)
            {
                Type = type;
                Offset = offset;
                Size = size;
                Link = link;
                Info = info;
            }

            public uint Type { get; }
            public long Offset { get; }
            public long Size { get; }
            public uint Link { get; }
            public uint Info { get; }
        }
    }

    /// <summary>What <see cref="LibStdCxxCompat.Apply"/> did to one library.</summary>
    public enum CompatOutcome
    {
        /// <summary>Every libstdc++ version the library needs is provided: nothing to do.</summary>
        NothingMissing,

        /// <summary>The missing version was already marked weak by an earlier run.</summary>
        AlreadyPatched,

        /// <summary>The missing version entry was marked weak.</summary>
        Patched,

        /// <summary>Something is missing that cannot safely be made weak; the file was left untouched.</summary>
        NotFixable,
    }

    /// <summary>The decision logic: which version-need entries may be made weak, and the patch itself.</summary>
    public static class LibStdCxxCompat
    {
        /// <summary>The one libstdc++ version TorchSharp 0.107 needs beyond GCC 12.</summary>
        public const string MissingVersion = "GLIBCXX_3.4.32";

        /// <summary>The symbols that may be bound to <see cref="MissingVersion"/>: link-time markers nothing calls.</summary>
        public static readonly string[] MarkerSymbols = { "_ZSt21ios_base_library_initv" };

        /// <summary>Standard locations of the system libstdc++ on 64-bit Linux distributions.</summary>
        public static readonly string[] SystemLibraryCandidates =
        {
            "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6",
            "/lib64/libstdc++.so.6",
            "/usr/lib/libstdc++.so.6",
        };

        /// <summary>Returns the first existing system libstdc++ of <paramref name="candidates"/>, or null.</summary>
        public static string? FindSystemLibStdCxx(IEnumerable<string> candidates)
        {
            foreach (string path in candidates)
            {
                if (File.Exists(path))
                {
                    return path;
                }
            }

            return null;
        }

        /// <summary>
        /// Patches <paramref name="library"/> (bytes in memory) so that it loads against a libstdc++ that defines only
        /// <paramref name="providedVersions"/>. Returns what was done and, in <paramref name="detail"/>, why.
        /// </summary>
        public static CompatOutcome Apply(byte[] library, ICollection<string> providedVersions, out string detail)
        {
            var elf = new ElfFile(library);
            var missing = new List<ElfVersionNeed>();
            foreach (ElfVersionNeed need in elf.VersionNeeds())
            {
                if (need.Library.StartsWith("libstdc++.so", StringComparison.Ordinal) && !providedVersions.Contains(need.Version))
                {
                    missing.Add(need);
                }
            }

            if (missing.Count == 0)
            {
                detail = "every libstdc++ version it needs is provided by the system";
                return CompatOutcome.NothingMissing;
            }

            foreach (ElfVersionNeed need in missing)
            {
                if (need.Version != MissingVersion)
                {
                    detail = $"it needs {need.Version} from {need.Library}, which the system lacks and which cannot safely be made optional";
                    return CompatOutcome.NotFixable;
                }

                foreach (string symbol in elf.SymbolsBoundTo(need.Index))
                {
                    if (Array.IndexOf(MarkerSymbols, symbol) < 0)
                    {
                        detail = $"{need.Version} binds {symbol}, which is called at run time; only {string.Join(", ", MarkerSymbols)} may be made optional";
                        return CompatOutcome.NotFixable;
                    }
                }
            }

            bool changed = false;
            foreach (ElfVersionNeed need in missing)
            {
                if (!need.IsWeak)
                {
                    ushort flags = (ushort)(need.Flags | ElfFile.VerFlagWeak);
                    library[need.FlagsOffset] = (byte)(flags & 0xff);
                    library[need.FlagsOffset + 1] = (byte)(flags >> 8);
                    changed = true;
                }
            }

            detail = $"marked the version need {MissingVersion} (only {string.Join(", ", MarkerSymbols)}) weak";
            return changed ? CompatOutcome.Patched : CompatOutcome.AlreadyPatched;
        }

        /// <summary>
        /// Applies <see cref="Apply"/> to the file at <paramref name="path"/>. A changed file is written to a temporary
        /// file beside it and renamed over it (so a hard link into a package cache is never written through), keeping
        /// the original timestamps so incremental builds do not copy the original back.
        /// </summary>
        public static CompatOutcome ApplyToFile(string path, ICollection<string> providedVersions, out string detail)
        {
            byte[] bytes = File.ReadAllBytes(path);
            CompatOutcome outcome = Apply(bytes, providedVersions, out detail);
            if (outcome != CompatOutcome.Patched)
            {
                return outcome;
            }

            DateTime written = File.GetLastWriteTimeUtc(path);
            string temporary = path + ".alexnet-compat.tmp";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(true);
            }

            File.SetLastWriteTimeUtc(temporary, written);
            TryCopyUnixMode(path, temporary);
            File.Replace(temporary, path, null);
            return outcome;
        }

        private static void TryCopyUnixMode(string from, string to)
        {
            // File.GetUnixFileMode is not in netstandard2.0; reach it by reflection where the runtime has it.
            var file = typeof(File);
            var get = file.GetMethod("GetUnixFileMode", new[] { typeof(string) });
            var set = get == null ? null : file.GetMethod("SetUnixFileMode", new[] { typeof(string), get.ReturnType });
            if (get != null && set != null)
            {
                set.Invoke(null, new[] { to, get.Invoke(null, new object[] { from }) });
            }
        }
    }

#if !ALEXNET_COMPAT_TESTS
    /// <summary>
    /// MSBuild task: applies <see cref="LibStdCxxCompat"/> to every libLibTorchSharp.so given, when the system
    /// libstdc++ lacks GLIBCXX_3.4.32. Does nothing on other systems or when the system library cannot be found.
    /// </summary>
    public sealed class PatchLibTorchSharpForOldLibStdCxx : Microsoft.Build.Utilities.Task
    {
        /// <summary>The libLibTorchSharp.so copies in a build or publish output.</summary>
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        /// <summary>Optional explicit path of the system libstdc++.so.6 to check against.</summary>
        public string SystemLibStdCxx { get; set; } = string.Empty;

        /// <inheritdoc />
        public override bool Execute()
        {
            var important = Microsoft.Build.Framework.MessageImportance.Normal;
            string? system = string.IsNullOrEmpty(SystemLibStdCxx)
                ? LibStdCxxCompat.FindSystemLibStdCxx(LibStdCxxCompat.SystemLibraryCandidates)
                : SystemLibStdCxx;
            if (system == null || !File.Exists(system))
            {
                Log.LogMessage(important, "AlexNet libstdc++ compat: no system libstdc++.so.6 found; nothing to do.");
                return true;
            }

            IReadOnlyList<string> provided;
            try
            {
                provided = new ElfFile(File.ReadAllBytes(system)).VersionDefinitions();
            }
            catch (ElfFormatException e)
            {
                Log.LogMessage(important, $"AlexNet libstdc++ compat: cannot read {system} ({e.Message}); nothing to do.");
                return true;
            }

            var set = new HashSet<string>(provided, StringComparer.Ordinal);
            if (set.Contains(LibStdCxxCompat.MissingVersion))
            {
                Log.LogMessage(important, $"AlexNet libstdc++ compat: {system} provides {LibStdCxxCompat.MissingVersion}; nothing to do.");
                return true;
            }

            foreach (var item in Files)
            {
                string path = item.GetMetadata("FullPath");
                try
                {
                    CompatOutcome outcome = LibStdCxxCompat.ApplyToFile(path, set, out string detail);
                    if (outcome == CompatOutcome.NotFixable)
                    {
                        Log.LogWarning($"AlexNet libstdc++ compat: {path} will not load with {system}: {detail}. See docs/debian12-ubuntu2204.md.");
                    }
                    else
                    {
                        Log.LogMessage(outcome == CompatOutcome.Patched ? Microsoft.Build.Framework.MessageImportance.High : important,
                            $"AlexNet libstdc++ compat: {path}: {outcome} ({detail}).");
                    }
                }
                catch (Exception e) when (e is ElfFormatException || e is IOException || e is UnauthorizedAccessException)
                {
                    Log.LogWarning($"AlexNet libstdc++ compat: could not patch {path}: {e.Message}");
                }
            }

            return true;
        }
    }
#endif
}
