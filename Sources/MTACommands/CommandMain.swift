import ArgumentParser
import Foundation

extension MTA {
    /// ArgumentParser's `main`, with two changes. A `ValidationError` thrown from a
    /// subcommand's `run()` (found only once the options are combined) shows that
    /// subcommand's usage: `main` would show the root's, as if no subcommand were given.
    /// And a subcommand's help ends with its examples.
    static func parseAndRun(_ arguments: [String]) async {
        var command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            exit(with: error, arguments)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ValidationError {
            let name = type(of: command)._commandName
            printError("Error: \(error.message)")
            printError("Usage: \(usageString(for: type(of: command)))")
            printError("  See 'mta \(name) --help' for more information.")
            Foundation.exit(ExitCode.validationFailure.rawValue)
        } catch {
            exit(with: error, arguments)
        }
    }

    /// `exit(withError:)`, with the examples after a subcommand's help
    /// (which `--help` and `mta help NAME` both deliver as an error).
    private static func exit(with error: any Error, _ arguments: [String]) -> Never {
        let message = fullMessage(for: error)
        if exitCode(for: error) == .success, message.hasPrefix("OVERVIEW:"),
            let examples = CommandExamples.text(forHelp: arguments)
        {
            print(message)
            print("")
            print(examples)
            Foundation.exit(ExitCode.success.rawValue)
        }
        exit(withError: error)
    }
}
