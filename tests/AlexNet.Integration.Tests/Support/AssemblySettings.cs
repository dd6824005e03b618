// The tests here train networks: run them one at a time, so that they do not share the 2 CPU cores (and TorchSharp's
// global random generator, which seeds the weights) with each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
