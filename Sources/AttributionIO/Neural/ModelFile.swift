import AttributionCore
import Foundation

/// `.mtam`: a trained, calibrated conversion model with the vocabulary and lookback
/// of the examples it learned from, so that explaining other examples is refused.
///
/// In a `FramedFile` (`MTAM`): the parameters, Float32 each, as many as the shape needs.
public struct ModelFile: Sendable {
    public static let version: UInt32 = 1
    static let frame = FramedFile(
        signature: "MTAM", version: version, kind: "a model file made by `mta train`",
        remedy: "train again")

    public struct Header: Codable, Sendable, Equatable {
        public var shape: NetworkShape
        public var channels: [String]
        public var lookbackDays: Int
        public var negatives: String
        public var conversion: String
        public var calibrationShift: Double
        public var training: TrainingOptions
        /// The examples file it was trained on.
        public var examples: String
    }

    public var header: Header
    public var model: TrainedModel

    /// The model of `examples` (whose header gives the vocabulary and lookback).
    public init(model: TrainedModel, examples: ExampleFile, path: String) {
        self.model = model
        header = Header(
            shape: model.network.shape, channels: examples.header.channels,
            lookbackDays: examples.header.lookbackDays, negatives: examples.header.negatives,
            conversion: examples.header.conversion, calibrationShift: model.calibrationShift,
            training: model.options, examples: path)
    }

    public func write(to path: String) throws {
        let data = try Self.frame.encode(header, bodyBytes: 4 * model.network.parameters.count) { data in
            model.network.parameters.withUnsafeBytes { data.append(contentsOf: $0) }
        }
        try writeFileAtomically(data, to: path)
    }

    public static func read(path: String) throws -> ModelFile {
        let file = try MappedFile(path: path)
        return try decode(UnsafeRawBufferPointer(file.bytes), path: path)
    }

    static func decode(_ bytes: UnsafeRawBufferPointer, path: String) throws -> ModelFile {
        func fail(_ message: String) -> InputError { InputError(file: path, message: message) }
        let (header, base) = try frame.decode(bytes, path: path, as: Header.self) { header in
            if let problem = header.shape.problem { throw fail("damaged header: \(problem)") }
            guard header.channels.count == header.shape.channels, header.lookbackDays == header.shape.days else {
                throw fail("damaged header: \(header.channels.count) channel names for a network of \(header.shape.channels)")
            }
            return 4 * ParameterLayout(shape: header.shape).count
        }
        let count = ParameterLayout(shape: header.shape).count
        let parameters = (0..<count).map {
            Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: base + 4 * $0, as: UInt32.self)))
        }
        guard parameters.allSatisfy(\.isFinite) else { throw fail("damaged: a parameter is not a finite number") }
        let network = try ConversionNetwork(shape: header.shape, parameters: parameters)
        return ModelFile(
            header: header,
            model: TrainedModel(
                network: network, calibrationShift: header.calibrationShift,
                options: header.training))
    }

    init(header: Header, model: TrainedModel) {
        self.header = header
        self.model = model
    }

    /// Refuses examples made with another vocabulary, lookback or negative rule.
    public func check(_ examples: ExampleFile, path: String) throws {
        if examples.header.channels != header.channels {
            throw InputError(
                file: path,
                message:
                    "examples have channels \(examples.header.channels.joined(separator: ",")); the model was trained on \(header.channels.joined(separator: ","))"
            )
        }
        if examples.header.lookbackDays != header.lookbackDays {
            throw InputError(
                file: path,
                message: "examples have a \(examples.header.lookbackDays)-day lookback; the model reads \(header.lookbackDays) days")
        }
    }
}
