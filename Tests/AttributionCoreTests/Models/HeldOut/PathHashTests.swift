import Testing

@testable import AttributionCore

@Suite struct PathHashTests {
    /// Values from the Python FNV-1a in bench/holdout_sklearn.py (which gives the
    /// published 0xaf63dc4c8601ec8c for "a"), so the two stay in step.
    @Test func matchesTheIndependentImplementation() {
        let names = ChannelIndex(names: ["a", "b", "é"])
        #expect(PathHash.fnv1a([0, 1], names: names) == 0xD2B3_7181_9297_F98A)
        #expect(PathHash.fnv1a([2], names: names) == 0x5FEC_201C_1DFC_A99A)
    }

    @Test func namesAreKeptApart() {
        let names = ChannelIndex(names: ["a", "bc", "ab", "c"])
        #expect(PathHash.fnv1a([0, 1], names: names) != PathHash.fnv1a([2, 3], names: names))
        #expect(PathHash.fnv1a([0, 1], names: names) != PathHash.fnv1a([1, 0], names: names))
    }
}
