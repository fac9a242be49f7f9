import Foundation

/// The validators of the project's tool environment (`.tools/venv`, `scripts/install-deps.sh
/// test`). Tests that use them skip where it does not exist, except under `scripts/test.sh`
/// (`GUIDEGEN_VALIDATORS=required`), where a missing validator fails them.
enum Validators {
    static var venv: String {
        ProcessInfo.processInfo.environment["GUIDEGEN_VENV"] ?? GuideGenRunner.projectRoot.appendingPathComponent(".tools/venv").path
    }

    static var available: Bool {
        ProcessInfo.processInfo.environment["GUIDEGEN_VALIDATORS"] == "required" || FileManager.default.isExecutableFile(atPath: venv + "/bin/python")
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
