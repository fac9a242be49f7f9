import FlyingFox
import Foundation
import GuideBuild
import GuideModel

/// `guidegen serve`: builds the site, serves it on 127.0.0.1, rebuilds when a file under the
/// content or theme folder changes, and reloads open pages. A failed build is shown in the
/// terminal and over the page, and the last good build keeps being served.
public struct PreviewAction: Sendable {
    public var build: BuildAction
    public var port: UInt16
    /// Seconds between looks at the source folders.
    public var pollInterval: Double = 0.5
    /// Told about every build and request problem, for the terminal.
    public var log: @Sendable (String) -> Void

    public init(build: BuildAction, port: UInt16, log: @escaping @Sendable (String) -> Void) {
        self.build = build
        self.port = port
        self.log = log
    }

    public func run() throws -> Never {
        // A parent that started us from a worker thread may have blocked these; Ctrl-C and
        // `kill` must stop the preview.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        let state = PreviewState()
        let cache = MemoCache()
        let reloadScript = (try? Data(contentsOf: URL(fileURLWithPath: build.themeDirectory + "/preview/reload.js"))) ?? Data()
        rebuild(state, cache: cache)
        // IPv4 loopback: 127.0.0.1 is what the terminal prints and what browsers resolve first.
        let server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: port), logger: .disabled)
        let root = build.output
        let started = DispatchSemaphore(value: 0)
        Task {
            await server.appendRoute("GET /__guidegen/state") { _ in
                let snapshot = await state.snapshot()
                let body = try JSONSerialization.data(withJSONObject: ["build": snapshot.build, "errors": snapshot.errors], options: [.sortedKeys])
                return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: body)
            }
            await server.appendRoute("GET /__guidegen/reload.js") { _ in
                HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8"], body: reloadScript)
            }
            await server.appendRoute("GET *") { request in
                PreviewFiles.response(for: request.path, root: root)
            }
            started.signal()
            do {
                try await server.run()
            } catch {
                log("error: the preview server stopped: \(error)")
                exit(1)
            }
        }
        started.wait()
        log("Serving \(root)/ at http://127.0.0.1:\(port)/ — edit files under \(build.contentRoot)/ or \(build.themeDirectory)/; Ctrl-C stops.")
        var watcher = SourceWatcher(folders: [build.contentRoot, build.themeDirectory])
        while true {
            Thread.sleep(forTimeInterval: pollInterval)
            let changed = watcher.changes()
            guard !changed.isEmpty else { continue }
            log("changed: \(changed.prefix(3).joined(separator: ", "))\(changed.count > 3 ? " and \(changed.count - 3) more" : "")")
            rebuild(state, cache: cache)
        }
    }

    /// Builds again, reusing what the last build computed from inputs that did not change.
    private func rebuild(_ state: PreviewState, cache: MemoCache) {
        let outcome: (Bool, [String])
        var build = self.build
        build.cache = cache
        cache.beginBuild()
        do {
            let report = try build.run()
            log(report.summary + (cache.hits > 0 ? " (\(cache.hits) of \(cache.hits + cache.misses) results reused)" : ""))
            outcome = (true, [])
        } catch BuildError.contentErrors(let diagnostics) {
            let lines = diagnostics.filter { $0.severity == .error }.map(\.description)
            for line in lines { log(line) }
            log("error: the build failed; still serving the last good one")
            outcome = (false, lines)
        } catch {
            log("error: \(error)")
            outcome = (false, ["\(error)"])
        }
        let done = DispatchSemaphore(value: 0)
        Task {
            await state.record(succeeded: outcome.0, errors: outcome.1)
            done.signal()
        }
        done.wait()
    }
}

/// The build number and the errors of the last build, shared with the request handlers.
actor PreviewState {
    private var build = 0
    private var errors: [String] = []

    func record(succeeded: Bool, errors: [String]) {
        if succeeded { build += 1 }
        self.errors = errors
    }

    func snapshot() -> (build: Int, errors: [String]) { (build, errors) }
}

/// Files of the built site, with the reload script added to every page.
enum PreviewFiles {
    static func response(for requestPath: String, root: String) -> HTTPResponse {
        var path = requestPath.removingPercentEncoding ?? requestPath
        if path.hasSuffix("/") { path += "index.html" }
        let parts = path.split(separator: "/")
        guard !parts.contains(where: { $0 == ".." || $0.hasPrefix(".") }) else {
            return HTTPResponse(statusCode: .forbidden)
        }
        let file = root + "/" + parts.joined(separator: "/")
        guard var data = FileManager.default.contents(atPath: file) else {
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: Data("Not found: \(path)\n".utf8))
        }
        let type = contentType(file)
        if type.hasPrefix("text/html") {
            var html = String(decoding: data, as: UTF8.self)
            // The preview may ask its own server for the build state; a build never does.
            html = html.replacingOccurrences(of: "default-src 'none';", with: "default-src 'none'; connect-src 'self';")
            html = html.replacingOccurrences(of: "</body>", with: "<script src=\"/__guidegen/reload.js\" defer></script>\n</body>")
            data = Data(html.utf8)
        }
        return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: data)
    }

    static func contentType(_ file: String) -> String {
        switch (file as NSString).pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "epub": return "application/epub+zip"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "xhtml": return "application/xhtml+xml"
        default: return "application/octet-stream"
        }
    }
}
