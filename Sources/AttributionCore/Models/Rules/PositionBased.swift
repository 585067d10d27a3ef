/// U-shaped credit: `first` to the first touch, `last` to the last, the rest
/// spread evenly over the middle touches. One touch takes everything; two touches
/// split in the ratio first : last (50/50 with the default 40/40).
public struct PositionBased: PathRule {
    public let name = "position-based"
    public let first: Double
    public let last: Double
    public init(first: Double = ModelOptions.defaults.positionFirst, last: Double = ModelOptions.defaults.positionLast) {
        self.first = first
        self.last = last
    }

    public func split(_ path: ArraySlice<Int32>, credit: (Int32, Double) -> Void) {
        let n = path.count
        switch n {
        case 1:
            credit(path.first!, 1)
        case 2:
            let total = first + last
            credit(path.first!, total > 0 ? first / total : 0.5)
            credit(path.last!, total > 0 ? last / total : 0.5)
        default:
            let middle = (1 - first - last) / Double(n - 2)
            for (k, c) in path.enumerated() {
                credit(c, k == 0 ? first : (k == n - 1 ? last : middle))
            }
        }
    }
}
