import AttributionCore
import AttributionIO
import Foundation

/// `data/<job_id>/`: reserved atomically (mkdir) so two runs never share a job id.
struct JobFolder {
    let jobId: String
    let url: URL

    static let resultsName = "multi_touch_attribution"

    /// A given job id names a fixed folder (a re-run replaces its results whole);
    /// without one the id is the UTC start time, suffixed -2, -3… if already taken.
    static func reserve(dataDir: String, jobId: String?, now: Date) throws -> JobFolder {
        let base = URL(fileURLWithPath: dataDir)
        do {
            try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        } catch {
            throw InputError(file: dataDir, message: "cannot create the data folder: \(error.localizedDescription)")
        }
        if let jobId {
            try validate(jobId)
            let url = base.appendingPathComponent(jobId)
            try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return JobFolder(jobId: jobId, url: url)
        }
        let stamp = timestamp(now)
        for attempt in 1...1000 {
            let id = attempt == 1 ? stamp : "\(stamp)-\(attempt)"
            let url = base.appendingPathComponent(id)
            if mkdir(url.path, 0o755) == 0 { return JobFolder(jobId: id, url: url) }
            if errno != EEXIST {
                throw InputError(file: url.path, message: "cannot create the job folder: \(String(cString: strerror(errno)))")
            }
        }
        throw InputError(file: dataDir, message: "no free job id for \(stamp)")
    }

    var results: URL { url.appendingPathComponent(Self.resultsName) }

    /// Removes the job folder when the run wrote nothing into it.
    func removeIfEmpty() {
        if (try? FileManager.default.contentsOfDirectory(atPath: url.path))?.isEmpty == true {
            try? FileManager.default.removeItem(at: url)
        }
    }

    static func timestamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.string(from: date)
    }

    static func validate(_ jobId: String) throws {
        let ok =
            !jobId.isEmpty && jobId.count <= 100 && jobId.first != "."
            && jobId.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        guard ok else {
            throw InputError(
                file: "--job-id", value: jobId, message: "a job id is 1-100 letters, digits, '-', '_' or '.', not starting with '.'")
        }
    }
}
