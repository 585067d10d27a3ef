import AttributionCore
import Foundation

/// `.mtam`: a trained, calibrated conversion model with the vocabulary and lookback
/// of the examples it learned from, so that explaining other examples is refused.
///
/// Layout (little-endian): `MTAM`, format version (UInt32), header length (UInt32),
/// the header as JSON, the parameters (Float32 each, as many as the shape needs),
/// then `MATM`.
public struct ModelFile: Sendable {
    public static let version: UInt32 = 1
    static let magic = Array("MTAM".utf8), trailer = Array("MATM".utf8)

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
        header = Header(shape: model.network.shape, channels: examples.header.channels,
                        lookbackDays: examples.header.lookbackDays, negatives: examples.header.negatives,
                        conversion: examples.header.conversion, calibrationShift: model.calibrationShift,
                        training: model.options, examples: path)
    }

    public func write(to path: String) throws {
        let json = try JSONEncoder.sortedKeys.encode(header)
        var data = Data(Self.magic)
        withUnsafeBytes(of: Self.version.littleEndian) { data.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        model.network.parameters.withUnsafeBytes { data.append(contentsOf: $0) }
        data.append(contentsOf: Self.trailer)
        try writeFileAtomically(data, to: path)
    }

    public static func read(path: String) throws -> ModelFile {
        let file = try MappedFile(path: path)
        let bytes = UnsafeRawBufferPointer(file.bytes)
        func fail(_ message: String) -> InputError { InputError(file: path, message: message) }
        guard bytes.count >= 12, Array(bytes[0..<4]) == magic else {
            throw fail("not a model file made by `mta train` (no MTAM signature)")
        }
        let version = bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian
        guard version == Self.version else {
            throw fail("model file format version \(version); this mta reads version \(Self.version) (train again)")
        }
        let headerLength = Int(bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian)
        guard 12 + headerLength <= bytes.count else { throw fail("truncated: the header is cut short") }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: Data(bytes[12..<(12 + headerLength)])) } catch {
            throw fail("damaged header: \(error)")
        }
        if let problem = header.shape.problem { throw fail("damaged header: \(problem)") }
        guard header.channels.count == header.shape.channels, header.lookbackDays == header.shape.days else {
            throw fail("damaged header: \(header.channels.count) channel names for a network of \(header.shape.channels)")
        }
        let count = ParameterLayout(shape: header.shape).count
        let expected = 12 + headerLength + 4 * count + trailer.count
        guard bytes.count == expected else {
            throw fail(bytes.count < expected ? "truncated: \(bytes.count) bytes, the network needs \(expected)"
                                              : "\(bytes.count - expected) bytes more than the network's; not a file `mta train` wrote")
        }
        guard Array(bytes[(expected - trailer.count)..<expected]) == trailer else { throw fail("damaged: no MATM trailer") }
        let base = 12 + headerLength
        let parameters = (0..<count).map {
            Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: base + 4 * $0, as: UInt32.self)))
        }
        guard parameters.allSatisfy(\.isFinite) else { throw fail("damaged: a parameter is not a finite number") }
        let network = try ConversionNetwork(shape: header.shape, parameters: parameters)
        return ModelFile(header: header, model: TrainedModel(network: network, calibrationShift: header.calibrationShift,
                                                             options: header.training))
    }

    init(header: Header, model: TrainedModel) {
        self.header = header
        self.model = model
    }

    /// Refuses examples made with another vocabulary, lookback or negative rule.
    public func check(_ examples: ExampleFile, path: String) throws {
        if examples.header.channels != header.channels {
            throw InputError(file: path, message: "examples have channels \(examples.header.channels.joined(separator: ",")); the model was trained on \(header.channels.joined(separator: ","))")
        }
        if examples.header.lookbackDays != header.lookbackDays {
            throw InputError(file: path, message: "examples have a \(examples.header.lookbackDays)-day lookback; the model reads \(header.lookbackDays) days")
        }
    }
}
