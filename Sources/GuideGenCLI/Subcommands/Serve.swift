import ArgumentParser
import GuideBuild
import GuidePreview

extension GuideGen {
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Preview the site while you edit.",
            discussion: """
                Builds the HTML site, serves it on http://127.0.0.1:PORT/ and rebuilds it when a
                file under the content or theme folder changes; open pages reload by themselves.
                A build error is printed here and shown over the page, and the last good build
                keeps being served. Only this machine can reach the server.

                Examples:
                  guidegen serve
                  guidegen serve --locale es --port 8080
                """
        )

        @Option(name: .long, help: ArgumentHelp("A locale to preview (repeatable; default: all).", valueName: "code"))
        var locale: [String] = []

        @Option(name: .long, help: ArgumentHelp("The port on 127.0.0.1.", valueName: "port"))
        var port: Int = 8000

        @OptionGroup var paths: ContentOptions

        @Option(name: .long, help: ArgumentHelp("Where the preview is built.", valueName: "dir"))
        var output: String = "_preview"

        func validate() throws {
            guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        }

        func run() throws {
            let build = BuildAction(
                contentRoot: paths.content, output: output, themeDirectory: paths.theme,
                locales: locale.isEmpty ? nil : locale, formats: [.html])
            try runReporting {
                // Refuse a bad locale or output folder before serving anything.
                try build.validate()
                let preview = PreviewAction(build: build, port: UInt16(port)) { Console.printError($0) }
                try preview.run()
            }
        }
    }
}
