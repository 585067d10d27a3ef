/// All credit to the last touch of each converting journey.
public struct LastTouch: PathRule {
    public let name = "last-touch"
    public init() {}
    public func split(_ path: ArraySlice<Int32>, credit: (Int32, Double) -> Void) {
        credit(path.last!, 1)
    }
}
