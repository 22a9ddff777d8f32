import Foundation
import Testing

/// Runs the built `tidings` binary, which SwiftPM places beside the test bundle.
enum Binary {
    static let url: URL = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // On Linux the runner is <bin>/TidingsPackageTests.xctest; on other systems it sits deeper in a bundle.
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("tidings").path), dir.path != "/" {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("tidings")
    }()

    static let repository: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    static let seedLayout = repository + "/Tests/Fixtures/seed-layout.txt"
    /// The real export in ../shared, which only the project's machines have.
    static let sharedSeed = repository + "/../shared/seeds/particle-trump-carney.txt"
    static let hasSharedSeed = FileManager.default.fileExists(atPath: sharedSeed)
    static let noSharedSeed: Comment = "../shared/seeds is not beside the repository (it is on the project's machines only)"

    /// A state folder of this test run's own, so no test reads or writes the user's marks.
    static let scratchState = NSTemporaryDirectory() + "tidings-state-\(getpid())"

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutBytes: Data
    }

    /// What runs the binary as an unprivileged user (nobody) when the tests run as root, where permission
    /// denials would not happen at all; empty otherwise.
    static let unprivilegedPrefix: [String] = getuid() == 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []

    /// Runs with the given arguments, standard input and extra environment; as nobody if `unprivileged`.
    static func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
                    directory: String? = nil, unprivileged: Bool = false) throws -> Output {
        let process = Process()
        let command = (unprivileged ? unprivilegedPrefix : []) + [url.path] + arguments
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "COLUMNS")
        env.removeValue(forKey: "LINES")
        env["XDG_STATE_HOME"] = scratchState // never the user's own marks
        env["XDG_CONFIG_HOME"] = scratchState + "-config" // nor the user's configuration
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        // Files rather than pipes: nothing can stall on a full pipe, and stdout is still not a terminal.
        let scratch = NSTemporaryDirectory() + "tidings-run-" + UUID().uuidString
        FileManager.default.createFile(atPath: scratch + ".out", contents: nil)
        FileManager.default.createFile(atPath: scratch + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: scratch + ".out")
            try? FileManager.default.removeItem(atPath: scratch + ".err")
        }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + ".out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + ".err"))
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        let outData = try Data(contentsOf: URL(fileURLWithPath: scratch + ".out"))
        let errData = try Data(contentsOf: URL(fileURLWithPath: scratch + ".err"))
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self), stdoutBytes: outData)
    }
}
