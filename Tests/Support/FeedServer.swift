import Foundation

/// The test feed server (Tests/Fixtures/feedserver.py), on 127.0.0.1 and a port of its own, stopped when
/// this goes away.
public final class FeedServer {
    let process = Process()
    public let port: Int

    static let script: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3) // Tests/Support/FeedServer.swift
        return parts.joined(separator: "/") + "/Tests/Fixtures/feedserver.py"
    }()

    public init() throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        let deadline = Date().addingTimeInterval(30)
        while !line.contains(0x0A), Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            throw ServerError.didNotStart
        }
        self.port = port
    }

    public enum ServerError: Error { case didNotStart, badStats }

    deinit {
        // SIGKILL: the test runner blocks signals, and the server inherits that mask, so SIGTERM would wait.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// What the server saw: requests per path, the last request's headers per path, most transfers at once.
    public func stats() throws -> (requests: [String: Int], headers: [String: [String: String]], maxActive: Int) {
        // Read with Python's own client, so the fetcher under test plays no part in the check.
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        reader.arguments = ["python3", "-c", "import sys, urllib.request; sys.stdout.buffer.write(urllib.request.urlopen(sys.argv[1]).read())",
                            url("/stats")]
        let output = Pipe()
        reader.standardOutput = output
        try reader.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        reader.waitUntilExit()
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw ServerError.badStats }
        var requests = json["requests"] as? [String: Int] ?? [:]
        requests["/stats"] = nil
        return (requests, json["last_headers"] as? [String: [String: String]] ?? [:], json["max_active"] as? Int ?? 0)
    }
}
