using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace AlexNet.Build.Tests;

public class LibStdCxxCompatTests
{
    private static byte[] Pristine() => File.ReadAllBytes(TestPaths.PristineLibTorchSharp);

    /// <summary>What a GCC 12 libstdc++ provides, as far as this library asks: everything it needs but GLIBCXX_3.4.32.</summary>
    private static HashSet<string> Gcc12Provides(byte[] library) =>
        new ElfFile(library).VersionNeeds()
            .Where(n => n.Library.StartsWith("libstdc++", StringComparison.Ordinal) && n.Version != "GLIBCXX_3.4.32")
            .Select(n => n.Version)
            .ToHashSet();

    [Fact]
    public void The_pristine_library_needs_GLIBCXX_3_4_32_from_libstdcxx_as_a_hard_requirement()
    {
        var need = new ElfFile(Pristine()).VersionNeeds().Single(n => n.Version == "GLIBCXX_3.4.32");

        need.Library.Should().Be("libstdc++.so.6");
        need.IsWeak.Should().BeFalse();
    }

    [Fact]
    public void Only_the_ios_base_library_init_marker_is_bound_to_GLIBCXX_3_4_32()
    {
        var elf = new ElfFile(Pristine());
        var need = elf.VersionNeeds().Single(n => n.Version == "GLIBCXX_3.4.32");

        elf.SymbolsBoundTo(need.Index).Should().Equal("_ZSt21ios_base_library_initv");
    }

    [Fact]
    public void Patching_for_a_GCC12_libstdcxx_flips_exactly_the_weak_bit_of_that_one_entry()
    {
        byte[] original = Pristine();
        byte[] patched = (byte[])original.Clone();

        var outcome = LibStdCxxCompat.Apply(patched, Gcc12Provides(original), out _);

        outcome.Should().Be(CompatOutcome.Patched);
        var differing = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToList();
        var need = new ElfFile(original).VersionNeeds().Single(n => n.Version == "GLIBCXX_3.4.32");
        differing.Should().Equal((int)need.FlagsOffset);
        (patched[need.FlagsOffset] ^ original[need.FlagsOffset]).Should().Be(ElfFile.VerFlagWeak);
        new ElfFile(patched).VersionNeeds().Single(n => n.Version == "GLIBCXX_3.4.32").IsWeak.Should().BeTrue();
    }

    [Fact]
    public void Patching_an_already_patched_library_changes_nothing()
    {
        byte[] library = Pristine();
        var provides = Gcc12Provides(library);
        LibStdCxxCompat.Apply(library, provides, out _);
        byte[] once = (byte[])library.Clone();

        var outcome = LibStdCxxCompat.Apply(library, provides, out _);

        outcome.Should().Be(CompatOutcome.AlreadyPatched);
        library.Should().Equal(once);
    }

    [Fact]
    public void A_libstdcxx_that_provides_GLIBCXX_3_4_32_leaves_the_library_untouched()
    {
        byte[] library = Pristine();
        var provides = Gcc12Provides(library);
        provides.Add("GLIBCXX_3.4.32");

        var outcome = LibStdCxxCompat.Apply(library, provides, out _);

        outcome.Should().Be(CompatOutcome.NothingMissing);
        library.Should().Equal(Pristine());
    }

    [Fact]
    public void Another_missing_version_is_reported_as_not_fixable_and_the_bytes_stay_as_they_were()
    {
        byte[] library = Pristine();
        var provides = Gcc12Provides(library);
        provides.Remove("GLIBCXX_3.4.30");

        var outcome = LibStdCxxCompat.Apply(library, provides, out string detail);

        outcome.Should().Be(CompatOutcome.NotFixable);
        detail.Should().Contain("GLIBCXX_3.4.30");
        library.Should().Equal(Pristine());
    }

    [Fact]
    public void A_file_that_is_not_ELF_is_rejected_naming_the_magic()
    {
        var act = () => new ElfFile(new byte[100]);

        act.Should().Throw<ElfFormatException>().WithMessage("*magic 7F 45 4C 46*offset 0*");
    }

    [Fact]
    public void A_truncated_library_is_rejected_naming_the_section_table_offset()
    {
        byte[] truncated = Pristine().Take(4096).ToArray();

        var act = () => new ElfFile(truncated);

        act.Should().Throw<ElfFormatException>().WithMessage("*section header table at offset*outside the file (4096 bytes)*");
    }

    [Fact]
    public void Patching_a_file_replaces_it_by_rename_so_a_hard_link_to_the_original_is_not_written_through()
    {
        string dir = TestPaths.NewTemporaryDirectory(AppContext.BaseDirectory);
        try
        {
            string cacheCopy = Path.Combine(dir, "cache-libLibTorchSharp.so");
            string outputCopy = Path.Combine(dir, "libLibTorchSharp.so");
            File.Copy(TestPaths.PristineLibTorchSharp, cacheCopy);
            var stamp = new DateTime(2026, 2, 13, 12, 0, 0, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(cacheCopy, stamp);
            Process.Start("ln", new[] { cacheCopy, outputCopy })!.WaitForExit();

            var outcome = LibStdCxxCompat.ApplyToFile(outputCopy, Gcc12Provides(Pristine()), out _);

            outcome.Should().Be(CompatOutcome.Patched);
            File.ReadAllBytes(cacheCopy).Should().Equal(Pristine());
            new ElfFile(File.ReadAllBytes(outputCopy)).VersionNeeds().Single(n => n.Version == "GLIBCXX_3.4.32").IsWeak.Should().BeTrue();
            File.GetLastWriteTimeUtc(outputCopy).Should().Be(stamp, "incremental builds compare timestamps and must not copy the original back");
            Directory.GetFiles(dir).Should().HaveCount(2, "no temporary file is left behind");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_system_libstdcxx_version_definitions_can_be_read()
    {
        string? system = LibStdCxxCompat.FindSystemLibStdCxx(LibStdCxxCompat.SystemLibraryCandidates);
        system.Should().NotBeNull("every glibc distribution this project supports has libstdc++ in a standard location");

        new ElfFile(File.ReadAllBytes(system!)).VersionDefinitions().Should().Contain(new[] { "GLIBCXX_3.4", "CXXABI_1.3" });
    }
}
