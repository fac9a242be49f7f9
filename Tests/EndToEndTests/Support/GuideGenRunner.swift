import Foundation
import Testing

/// What one run of the built `guidegen` binary did.
struct RunResult: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

/// Runs the `guidegen` executable that `swift build` put beside the test bundle.
enum GuideGenRunner {
    static let projectRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["GUIDEGEN_BINARY"] { return URL(fileURLWithPath: path) }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [beside, beside.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("guidegen")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return beside.appendingPathComponent("guidegen")
    }

    /// Runs `guidegen arguments` in `directory`; a run longer than `timeout` seconds is killed
    /// and reported as exit 124, so a hang fails the test instead of the suite.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:], timeout: TimeInterval = 120) throws -> RunResult {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Drain both pipes while the process runs so a large output cannot block it.
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            outData = out.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        var timedOut = false
        if process.isRunning {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        group.wait()
        return RunResult(
            status: timedOut ? 124 : process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A throwaway copy of the project's content and theme in a temporary folder.
struct TemporaryProject {
    let root: URL

    /// Copies `Content/` (or `contentFrom`, relative to the project) and `Themes/` into a new folder.
    init(contentFrom: String = "Content") throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("guidegen-e2e-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        try fm.copyItem(at: GuideGenRunner.projectRoot.appendingPathComponent(contentFrom), to: root.appendingPathComponent("Content"))
        try fm.copyItem(at: GuideGenRunner.projectRoot.appendingPathComponent("Themes"), to: root.appendingPathComponent("Themes"))
    }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let target = url(path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: target)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: url(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: url(path).path) }

    func run(_ arguments: String..., timeout: TimeInterval = 120) throws -> RunResult {
        try GuideGenRunner.run(arguments, in: root, timeout: timeout)
    }

    /// Every file below `path` with its bytes, for before/after comparisons.
    func snapshot(_ path: String) -> [String: Data] {
        var files: [String: Data] = [:]
        let base = url(path)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return files }
        for case let file as URL in walker {
            if let data = try? Data(contentsOf: file), !file.hasDirectoryPath {
                files[String(file.path.dropFirst(base.path.count))] = data
            }
        }
        return files
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
