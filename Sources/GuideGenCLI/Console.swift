import ArgumentParser
import Foundation
import GuideBuild
import GuideModel

/// Printing to the terminal and turning errors into exit codes.
enum Console {
    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            printError(diagnostic.description)
        }
    }

    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Runs `body`, mapping build errors to messages and exit codes: 64 for usage errors, 1 for
/// content errors and failed builds.
func runReporting(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as BuildError {
        switch error {
        case .contentErrors(let diagnostics):
            Console.printDiagnostics(diagnostics)
            Console.printError("error: \(error)")
            throw ExitCode(1)
        case .unknownLocale, .unsafeOutput:
            Console.printError("error: \(error)")
            throw ExitCode(64)
        case .theme, .io:
            Console.printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
