/// The transient part of an absorbing chain whose two absorbing states are
/// `(conversion)` and `(null)`. Transient → transient probabilities are in CSR
/// form without self-loops; a self-loop is kept apart as `stay`, because it
/// only rescales the state's other transitions and sits on the diagonal.
struct AbsorbingChain: Sendable {
    var rowStart: [Int] = [0]
    var target: [Int32] = []
    var probability: [Double] = []
    var stay: [Double]
    /// One-step probability of absorbing in `(conversion)` / `(null)`.
    var conversion: [Double]
    var null: [Double]

    init(stateCount: Int) {
        stay = [Double](repeating: 0, count: stateCount)
        conversion = [Double](repeating: 0, count: stateCount)
        null = [Double](repeating: 0, count: stateCount)
    }

    var stateCount: Int { stay.count }
}

/// How the absorption probabilities are solved.
public enum MarkovSolverChoice: Sendable, Equatable {
    /// Dense up to `MarkovSolverChoice.denseStateLimit` transient states, sparse above.
    case automatic
    case dense
    case sparse

    /// Above this many states a dense O(n³) solve per removed channel costs more
    /// than sparse sweeps over the few transitions each state has.
    public static let denseStateLimit = 200

    func solver(stateCount: Int) -> MarkovSolver {
        switch self {
        case .dense: .dense
        case .sparse: .sparse
        case .automatic: stateCount <= Self.denseStateLimit ? .dense : .sparse
        }
    }
}

enum MarkovSolver: String, Sendable {
    case dense
    case sparse
}

/// Which absorption probabilities must meet the tolerance.
enum AbsorptionAccuracy: Sendable {
    /// P(conversion) from `(start)`, relative to `reference` (the full chain's
    /// P(conversion) for a removal solve) or else to itself.
    case start(reference: Double?)
    /// Every state, absolute (scores of held-out paths' final states).
    case allStates
}

struct AbsorptionSolution: Sendable {
    /// P(absorbed in `(conversion)`) from each transient state; 0 for removed states.
    var conversion: [Double]
    /// Gauss–Seidel sweeps (0 for a dense solve).
    var iterations: Int
}

extension AbsorbingChain {
    /// Absorption in `(conversion)` with the states flagged in `removed` turned
    /// into `(null)` (removing a channel sends every transition into a state
    /// containing it to `(null)`).
    func solve(
        _ solver: MarkovSolver, removing removed: [Bool]? = nil,
        accuracy: AbsorptionAccuracy = .start(reference: nil),
        sweepOrder: [Int32]? = nil, tolerance: Double = 1e-10
    ) throws -> AbsorptionSolution {
        switch solver {
        case .dense:
            return AbsorptionSolution(conversion: solveDense(removing: removed), iterations: 0)
        case .sparse:
            return try solveSparse(
                removing: removed, accuracy: accuracy,
                sweepOrder: sweepOrder ?? backwardSweepOrder(), tolerance: tolerance)
        }
    }
}
