/// The channel vocabulary of one attribution run: integer ids ↔ channel names.
/// Hot loops use the ids; names appear only at the edges.
public struct ChannelIndex: Sendable, Equatable {
    public private(set) var names: [String]
    private var idByName: [String: Int32]

    public init(names: [String] = []) {
        self.names = []
        self.idByName = [:]
        for name in names { _ = id(for: name) }
    }

    public var count: Int { names.count }

    /// The id of `name`, adding it if it is new.
    public mutating func id(for name: String) -> Int32 {
        if let id = idByName[name] { return id }
        let id = Int32(names.count)
        names.append(name)
        idByName[name] = id
        return id
    }

    public func lookup(_ name: String) -> Int32? { idByName[name] }

    public subscript(id: Int32) -> String { names[Int(id)] }
}
