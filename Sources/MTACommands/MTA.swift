import ArgumentParser

/// The `mta` command: multi-touch attribution from touchpoint events.
public struct MTA: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "mta",
        abstract: "Multi-touch attribution: credit per marketing channel under every model, side by side.",
        subcommands: [Attribute.self, Generate.self]
    )

    public init() {}
}
