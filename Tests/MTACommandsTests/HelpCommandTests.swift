import Testing

/// `--help` groups the options by what they are about and ends with examples.
@Suite struct HelpCommandTests {
    @Test(arguments: [
        ("attribute", ["INPUT:", "JOURNEYS:", "MODELS:", "INTERVALS:", "WAREHOUSE RESULT TABLES:", "OUTPUT:"]),
        ("run", ["INPUT:", "JOURNEYS:", "MODELS:", "INTERVALS:", "WAREHOUSE RESULT TABLES:", "PERIOD:"]),
        ("evaluate", ["INPUT:", "JOURNEYS:", "MODELS:"]),
    ])
    func helpIsGroupedAndEndsWithExamples(_ command: String, _ groups: [String]) throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        for arguments in [[command, "--help"], ["help", command]] {
            let out = try cli.run(arguments)
            #expect(out.status == 0, "\(out.stderr)")
            let lines = out.stdout.split(separator: "\n").map(String.init)
            for group in groups { #expect(lines.contains(group), "\(arguments): no \(group)") }
            // The flags sit in their group: --models under MODELS, --journey under JOURNEYS.
            let models = try #require(lines.firstIndex(of: "MODELS:"))
            let journeys = try #require(lines.firstIndex(of: "JOURNEYS:"))
            let modelsFlag = try #require(lines.firstIndex { $0.hasPrefix("  --models ") })
            let journeyFlag = try #require(lines.firstIndex { $0.hasPrefix("  --journey ") })
            #expect(models < modelsFlag && journeys < journeyFlag && journeyFlag < models)
            let examples = try #require(lines.lastIndex(of: "EXAMPLES:"))
            let after = lines[(examples + 1)...]
            #expect(after.contains { $0.hasPrefix("  mta \(command) ") || $0.contains("&& mta \(command) ") })
            #expect(!after.contains { $0.hasSuffix(":") && !$0.hasPrefix(" ") }, "EXAMPLES must be the last section")
        }
    }
}
