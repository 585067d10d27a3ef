import ArgumentParser
import Foundation

/// The `mta` command: multi-touch attribution from touchpoint events.
public struct MTA: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "mta",
        abstract: "Multi-touch attribution: credit per marketing channel under every model, side by side.",
        version: MTAVersion.text,
        subcommands: [
            Attribute.self, Evaluate.self, Run.self, Runs.self, Generate.self, Import.self, Init.self, SQLCommand.self, Extract.self,
            Train.self, Explain.self,
        ]
    )

    public init() {}

    /// The entry point: expands `--config FILE` into flags, then parses and runs.
    public static func mainExpandingConfig() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        do {
            arguments = try ConfigExpansion.expand(arguments, environment: ProcessInfo.processInfo.environment)
        } catch {
            printError("error: \(error)")
            Foundation.exit(badInputExitCode.rawValue)
        }
        await parseAndRun(arguments)
    }
}
