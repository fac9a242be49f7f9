import GuideModel

/// Why a command stopped. Content problems are diagnostics; these end the command.
public enum BuildError: Error, CustomStringConvertible {
    /// `--locale` named a locale that `guide.yml` does not list (a usage error).
    case unknownLocale(String, available: [String])
    /// The output folder is one guidegen must not replace.
    case unsafeOutput(String, String)
    /// The content has errors; nothing was written.
    case contentErrors([Diagnostic])
    /// The theme could not be loaded.
    case theme(String)
    /// A file could not be written.
    case io(String, String)

    public var description: String {
        switch self {
        case .unknownLocale(let code, let available):
            return "unknown locale '\(code)'; available: \(available.joined(separator: ", "))"
        case .unsafeOutput(let path, let reason):
            return "refusing to write to '\(path)': \(reason)"
        case .contentErrors(let diagnostics):
            let errors = diagnostics.filter { $0.severity == .error }.count
            return "\(errors) error\(errors == 1 ? "" : "s") in the content; nothing was written"
        case .theme(let reason):
            return "theme: \(reason)"
        case .io(let path, let reason):
            return "\(path): \(reason)"
        }
    }
}
