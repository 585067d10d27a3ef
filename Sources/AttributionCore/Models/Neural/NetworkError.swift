/// Why a network could not be built from what it was given.
public enum NetworkError: Error, Equatable, Sendable {
    case invalidShape(String)
    case parameterCount(expected: Int, got: Int)
}
