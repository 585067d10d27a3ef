/// All credit to the first touch of each converting journey.
public struct FirstTouch: PathRule {
    public let name = "first-touch"
    public init() {}
    public func split(_ path: ArraySlice<Int32>, credit: (Int32, Double) -> Void) {
        credit(path.first!, 1)
    }
}
