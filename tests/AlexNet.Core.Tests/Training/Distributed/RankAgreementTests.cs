using System;
using AlexNet.Core.Tests.Distributed;
using AlexNet.Core.Training;

namespace AlexNet.Core.Tests.Training.Distributed;

/// <summary>The start-up agreement check without MPI: a fake peer with other values.</summary>
public class RankAgreementTests
{
    private static readonly (string, long, bool)[] Items =
    {
        ("TrainerOptions optimizer", RankAgreement.Hash("{\"lr\":0.1}"), false),
        ("training samples per epoch", 512, true),
    };

    [Fact]
    public void Ranks_that_agree_pass()
    {
        var act = () => RankAgreement.ThrowIfRanksDiffer(new FakeCollectives(), Items);

        act.Should().NotThrow();
    }

    [Fact]
    public void A_rank_that_differs_is_refused_with_a_message_naming_each_difference()
    {
        var peer = new FakeCollectives { PeerValues = new[] { RankAgreement.Hash("{\"lr\":0.2}"), 500L } };

        var act = () => RankAgreement.ThrowIfRanksDiffer(peer, Items);

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("*TrainerOptions optimizer differs between rank 0 and rank 1; training samples per epoch: rank 0 has 512, rank 1 has 500*");
    }

    [Fact]
    public void The_hash_is_stable_across_processes()
    {
        RankAgreement.Hash("abc").Should().Be(unchecked((long)0xe71fa2190541574bUL), "FNV-1a 64 of \"abc\", not a per-process string hash");
    }
}
