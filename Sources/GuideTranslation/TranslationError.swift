import GuideModel

/// Why a translation command stopped. Nothing is written when one is thrown.
public enum TranslationError: Error, Sendable, CustomStringConvertible {
    /// `--locale` named a locale that `guide.yml` does not list (a usage error).
    case unknownLocale(String, available: [String])
    /// `--locale` named the source locale, which has no translation state (a usage error).
    case sourceLocale(String)
    /// A page argument matches no page of the source locale (a usage error).
    case unknownPage(String, available: [String])
    /// The content could not be loaded: guide.yml or a page file has errors.
    case contentErrors([Diagnostic])
    /// A lock file is unreadable, corrupt, or holds pins that match no page.
    case pinErrors([Diagnostic])
    /// The command was refused for a reason the diagnostics explain; nothing was written.
    case refused([Diagnostic])
    /// A file could not be read or written.
    case io(String, String)
    /// `locale add` was given a code that is not a BCP 47 language tag (a usage error).
    case invalidLocaleCode(String)
    /// `locale add` was given a locale that `guide.yml` already lists (a usage error).
    case localeExists(String)

    /// 64 for usage errors, 1 for everything else.
    public var exitCode: Int32 {
        switch self {
        case .unknownLocale, .sourceLocale, .unknownPage, .invalidLocaleCode, .localeExists: return 64
        case .contentErrors, .pinErrors, .refused, .io: return 1
        }
    }

    /// Findings to print before the summary line, one per line.
    public var diagnostics: [Diagnostic] {
        switch self {
        case .contentErrors(let d), .pinErrors(let d), .refused(let d): return d.sorted
        case .unknownLocale, .sourceLocale, .unknownPage, .io, .invalidLocaleCode, .localeExists: return []
        }
    }

    public var description: String {
        switch self {
        case .unknownLocale(let code, let available):
            return "unknown locale '\(code)'; available: \(available.joined(separator: ", "))"
        case .sourceLocale(let code):
            return "'\(code)' is the source locale: it has no translation state; name a translation (--locale es)"
        case .unknownPage(let page, let available):
            let hint = available.isEmpty ? "" : "; pages: \(available.joined(separator: ", "))"
            return "no page '\(page)' in the source locale\(hint)"
        case .contentErrors(let diagnostics):
            return "\(Self.count(diagnostics)) in the content; fix \(diagnostics.count == 1 ? "it" : "them") first (guidegen check)"
        case .pinErrors(let diagnostics):
            return "\(Self.count(diagnostics)) in the translation pins; no pin was changed"
        case .refused(let diagnostics):
            return "\(Self.count(diagnostics)); nothing was written"
        case .io(let path, let reason):
            return "\(path): \(reason)"
        case .invalidLocaleCode(let code):
            return "'\(code)' is not a BCP 47 language tag such as 'ar', 'fa' or 'pt-BR' (lower-case language, then optional subtags)"
        case .localeExists(let code):
            return "the locale '\(code)' is already in guide.yml"
        }
    }

    private static func count(_ diagnostics: [Diagnostic]) -> String {
        let errors = max(diagnostics.filter { $0.severity == .error }.count, 1)
        return "\(errors) error\(errors == 1 ? "" : "s")"
    }
}
