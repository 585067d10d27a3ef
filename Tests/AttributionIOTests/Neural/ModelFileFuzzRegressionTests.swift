import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

/// `.mtam` headers promising an impossible network: refused with a reason, not a trap.
@Suite struct ModelFileFuzzRegressionTests {
    func error(width: Int, layers: Int) throws -> InputError? {
        let shape = NetworkShape(days: 2, channels: 2, width: width, layers: layers)
        let header = ModelFile.Header(
            shape: shape, channels: ["a", "b"], lookbackDays: 2, negatives: "at-risk",
            conversion: "event:purchase", calibrationShift: 0, training: TrainingOptions(),
            examples: "e.mtax")
        let data = try ModelFile.frame.encode(header, bodyBytes: 64) { $0.append(contentsOf: [UInt8](repeating: 0, count: 64)) }
        return inputError { _ = try data.withUnsafeBytes { try ModelFile.decode($0, path: "m.mtam") } }
    }

    /// A width of 2^62 overflowed counting the parameters (arithmetic overflow trap).
    @Test func aHugeWidthIsRefused() throws {
        let e = try error(width: 1 << 62, layers: 1)
        #expect(
            e?.file == "m.mtam" && e?.message == "damaged header: width must be in 1...\(NetworkShape.maximumWidth)",
            "\(String(describing: e))")
    }

    /// A billion layers allocated 8 GB laying the parameters out before the file's size was checked.
    @Test func aBillionLayersAreRefused() throws {
        let e = try error(width: 1, layers: 1_000_000_000)
        #expect(
            e?.file == "m.mtam" && e?.message == "damaged header: layers must be in 1...\(NetworkShape.maximumLayers)",
            "\(String(describing: e))")
    }

    /// The largest shape allowed still counts its parameters without overflow, and a file
    /// too short for them is refused by the frame's size check before they are read.
    @Test func theLargestAllowedNetworkInASmallFileIsTruncated() throws {
        let e = try error(width: NetworkShape.maximumWidth, layers: NetworkShape.maximumLayers)
        #expect(e?.file == "m.mtam" && e?.message.hasPrefix("truncated") == true, "\(String(describing: e))")
    }

    /// A network that fits is still read.
    @Test func aNetworkThatFitsIsRead() throws {
        let shape = NetworkShape(days: 2, channels: 2, width: 1, layers: 2)
        let model = TrainedModel(network: ConversionNetwork(shape: shape, seed: 1), calibrationShift: 0.5, options: TrainingOptions())
        let header = ModelFile.Header(
            shape: shape, channels: ["a", "b"], lookbackDays: 2, negatives: "at-risk",
            conversion: "event:purchase", calibrationShift: 0.5, training: TrainingOptions(),
            examples: "e.mtax")
        let data = try ModelFile.frame.encode(header, bodyBytes: 4 * model.network.parameters.count) { data in
            model.network.parameters.withUnsafeBytes { data.append(contentsOf: $0) }
        }
        let back = try data.withUnsafeBytes { try ModelFile.decode($0, path: "m.mtam") }
        #expect(back.model.network.parameters == model.network.parameters && back.header == header)
        // One parameter short: the frame's own check, as before.
        let short = inputError { _ = try data.dropLast(8).withUnsafeBytes { try ModelFile.decode($0, path: "m.mtam") } }
        #expect(short?.message.hasPrefix("truncated") == true, "\(String(describing: short))")
    }
}
