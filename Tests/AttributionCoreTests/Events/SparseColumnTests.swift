import Testing

@testable import AttributionCore

@Suite struct SparseColumnTests {
    static let values: [Double] = [0, 12.5, 0, 0, -0.0, 3, 0]

    @Test func readsLikeTheArrayItHolds() {
        let column = SparseColumn(Self.values)
        #expect(column.count == Self.values.count)
        #expect(Array(column).map(\.bitPattern) == Self.values.map(\.bitPattern))
        #expect((0..<column.count).map { column[$0].bitPattern } == Self.values.map(\.bitPattern))
        #expect(column.reduce(0, +) == 15.5)
    }

    @Test func appendedColumnsKeepTheirRows() {
        var joined = SparseColumn(Self.values)
        joined += SparseColumn([0, 7])
        joined.append(contentsOf: [])
        joined.append(0)
        #expect(Array(joined) == Self.values + [0, 7, 0])
        #expect(joined == SparseColumn(Self.values + [0, 7, 0]))
        #expect(joined != SparseColumn(Self.values + [0, 0, 7]))
    }

    @Test func eventTableStoresOnlyTheValuesThatAreNotZero() {
        var table = EventTable()
        table.append(user: 0, channel: 1, time: 1, isConversion: false, value: 0)
        table.append(user: 0, channel: -1, time: 2, isConversion: true, value: 40)
        #expect(table.value.count == table.count && table.value[0] == 0 && table.value[1] == 40)
    }
}
