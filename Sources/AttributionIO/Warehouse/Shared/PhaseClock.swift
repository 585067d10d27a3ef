import Dispatch

/// Splits a read into the server's time (query sent → first row) and the transfer
/// (first row → last row), summed over pages.
struct PhaseClock {
    private var queryStart = DispatchTime.now().uptimeNanoseconds
    private var firstRow: UInt64? = nil
    private var server: UInt64 = 0
    private var transfer: UInt64 = 0

    mutating func startQuery() {
        close()
        queryStart = DispatchTime.now().uptimeNanoseconds
    }

    mutating func row() {
        if firstRow == nil {
            let now = DispatchTime.now().uptimeNanoseconds
            firstRow = now
            server += now - queryStart
        }
    }

    private mutating func close() {
        if let first = firstRow { transfer += DispatchTime.now().uptimeNanoseconds - first }
        firstRow = nil
    }

    mutating func report(_ phase: (String, Double) -> Void) {
        close()
        phase("query (server, until the first row)", Double(server) / 1e9)
        phase("transfer and decode", Double(transfer) / 1e9)
    }
}
