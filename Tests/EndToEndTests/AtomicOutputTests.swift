import Foundation
import Testing

/// A build that dies half-way never damages the previous output, and the next build cleans up.
@Suite struct AtomicOutputTests {
    /// Makes the English guide large enough (about 12 MB) that a build takes a while.
    func enlarge(_ project: TemporaryProject) throws {
        let paragraph = String(repeating: "You can talk to someone you trust about what happens online. ", count: 40) + "\n\n"
        let page = try project.read("Content/en/07-privacy.md")
        try project.write("Content/en/07-privacy.md", page + String(repeating: paragraph, count: 5_000))
    }

    @Test(arguments: [0.15, 0.4, 0.8, 1.5])
    func killedBuildLeavesThePreviousOutput(after delay: Double) throws {
        let project = try TemporaryProject()
        defer { project.remove() }
        #expect(try project.run("build", "--format", "html").status == 0)
        let before = project.snapshot("_site")
        try enlarge(project)

        let process = Process()
        process.executableURL = GuideGenRunner.binary
        process.arguments = ["build", "--format", "html", "--quiet"]
        process.currentDirectoryURL = project.root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        let wasRunning = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let after = project.snapshot("_site")
        if wasRunning {
            // Killed mid-way: the old output is whole, or (killed between the two renames of the
            // swap) moved aside where the next run restores it.
            let aside = (try FileManager.default.contentsOfDirectory(atPath: project.root.path)).filter { $0.contains("guidegen-old") }
            #expect(
                after == before || (after.isEmpty && !aside.isEmpty) || after["/en/07-privacy.html"]?.count ?? 0 > 1_000_000,
                "killed after \(delay) s: the output is neither the old one nor a complete new one")
        }
        let next = try project.run("build", "--format", "html")
        #expect(next.status == 0, "\(next)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.root.path).filter { $0.hasPrefix("._site.guidegen") }
        #expect(leftovers.isEmpty, "left behind: \(leftovers)")
        #expect(project.exists("_site/en/07-privacy.html"))
    }
}
