import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `guidegen serve`: serves the site on loopback, rebuilds on an edit, keeps the last good build
/// when an edit breaks the content, and tells open pages to reload.
@Suite struct ServeCommandTests {
    func get(_ url: String) -> (status: Int, body: String)? {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Int, String)? = nil
        var request = URLRequest(url: URL(string: url)!)
        request.timeoutInterval = 5
        URLSession.shared.dataTask(with: request) { data, response, _ in
            if let response = response as? HTTPURLResponse {
                result = (response.statusCode, String(decoding: data ?? Data(), as: UTF8.self))
            }
            done.signal()
        }.resume()
        done.wait()
        return result
    }

    /// Polls `url` until `condition` holds or `seconds` pass.
    func waitFor(_ url: String, seconds: Double = 60, _ condition: (Int, String) -> Bool) -> (status: Int, body: String)? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let r = get(url), condition(r.status, r.body) { return r }
            Thread.sleep(forTimeInterval: 0.3)
        }
        return get(url)
    }

    @Test func servesRebuildsAndKeepsTheLastGoodBuild() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        let port = Int.random(in: 20_000...40_000)
        let process = Process()
        process.executableURL = GuideGenRunner.binary
        process.arguments = ["serve", "--port", String(port), "--locale", "en"]
        process.currentDirectoryURL = project.root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let base = "http://127.0.0.1:\(port)"
        let first = waitFor("\(base)/en/07-privacy.html") { status, _ in status == 200 }
        #expect(first?.status == 200)
        #expect(first?.body.contains("/__guidegen/reload.js") == true, "pages carry the reload script")
        #expect(get("\(base)/__guidegen/reload.js")?.status == 200)
        let state = get("\(base)/__guidegen/state")?.body ?? ""
        #expect(state.contains("\"build\":1"), "\(state)")
        #expect(get("\(base)/../Content/guide.yml")?.status != 200)

        // An edit is rebuilt and served.
        let page = try project.read("Content/en/07-privacy.md")
        try project.write("Content/en/07-privacy.md", page + "\nA sentence added while the preview runs.\n")
        let updated = waitFor("\(base)/en/07-privacy.html") { _, body in body.contains("A sentence added while the preview runs.") }
        #expect(updated != nil && updated!.body.contains("A sentence added while the preview runs."))
        #expect(get("\(base)/__guidegen/state")?.body.contains("\"build\":2") == true)

        // A broken edit: the error is reported, the last good build stays.
        try project.write("Content/en/07-privacy.md", page + "\n[broken](03-groming.md)\n")
        let failed = waitFor("\(base)/__guidegen/state") { _, body in body.contains("broken-link") }
        #expect(failed?.body.contains("03-groming.md") == true, "\(failed?.body ?? "no state")")
        #expect(get("\(base)/en/07-privacy.html")?.body.contains("A sentence added while the preview runs.") == true)
    }

    @Test func aBusyPortIsReportedBeforeAnyBuild() throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        // Hold a loopback port, as another preview would.
        let held = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(held) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(held, $0, length) == 0 && listen(held, 1) == 0 && getsockname(held, $0, &length) == 0
            }
        }
        #expect(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))

        let result = try project.run("serve", "--port", String(port), timeout: 60)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("127.0.0.1:\(port): the port is in use"), "\(result)")
        #expect(!project.exists("_preview"), "nothing is built for a preview that cannot be served")
    }
}
