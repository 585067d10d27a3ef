import ArgumentParser
public struct MTA: ParsableCommand { public init() {}; public func run() throws {} }
