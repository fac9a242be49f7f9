import ArgumentParser

/// `guidegen`: publishes the guide in every language and format.
public struct GuideGen: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "guidegen",
        abstract: "Publish the \"Stay safe online\" guide as an HTML site, plain text and EPUB, in every language.",
        discussion: """
            Reads Content/ (guide.yml, <locale>/*.md, resources/, ui/) and writes _site/.
            Exit codes: 0 success, 1 content errors or a failed build, 64 usage errors.
            """,
        version: "0.1.0",
        // Each subcommand names itself: a name derived from the type costs a scan of every
        // protocol conformance in the binary per type, on every run.
        subcommands: [Build.self, Check.self, Serve.self, Status.self, Diff.self, Pin.self, Locale.self, PO.self],
        defaultSubcommand: nil
    )

    public init() {}
}
