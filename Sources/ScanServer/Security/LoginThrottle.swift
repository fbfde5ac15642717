import Foundation

/// Back-off after failed logins, per user name and per client address: after three failures each
/// further attempt must wait twice as long as the last (2 s, 4 s, … up to 5 minutes); a
/// successful login clears the name's count. A client address gets more free attempts (ten),
/// since the staff behind one proxy share it.
actor LoginThrottle {
    private struct Failures {
        var count: Int
        var last: Date
    }

    private var failures: [String: Failures] = [:]
    private let freeAttempts = 3
    private let freeClientAttempts = 10
    private let longest: TimeInterval = 300

    /// Seconds to wait before `name` (from `client`) may try again; 0: now.
    func wait(name: String, client: String?, now: Date = Date()) -> Int {
        keys(name: name, client: client).map { key in
            let free = key.hasPrefix("client:") ? freeClientAttempts : freeAttempts
            guard let entry = failures[key], entry.count >= free else { return 0 }
            let delay = min(longest, pow(2, Double(entry.count - free + 1)))
            return max(0, Int((entry.last.addingTimeInterval(delay).timeIntervalSince(now)).rounded(.up)))
        }.max() ?? 0
    }

    func failed(name: String, client: String?, now: Date = Date()) {
        for key in keys(name: name, client: client) {
            failures[key] = Failures(count: (failures[key]?.count ?? 0) + 1, last: now)
        }
    }

    func succeeded(name: String) {
        failures[Self.nameKey(name)] = nil
    }

    private func keys(name: String, client: String?) -> [String] {
        [Self.nameKey(name)] + (client.map { ["client:" + $0] } ?? [])
    }

    private static func nameKey(_ name: String) -> String { "name:" + name.lowercased() }
}
