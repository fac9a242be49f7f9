import Synchronization

/// Where a node or a finding sits in the content: a file path (as given to the loader), a 1-based
/// line and a 1-based column counted in bytes, as cmark counts them.
///
/// Every node of a page carries one, so it holds no reference: the path is a number in the
/// process's table of file paths (`SourceFiles`), and copying a location copies 12 bytes.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    private var fileNumber: UInt32
    private var storedLine: Int32
    private var storedColumn: Int32

    public init(file: String, line: Int = 0, column: Int = 0) {
        fileNumber = SourceFiles.shared.number(of: file)
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
    }

    /// The file path.
    public var file: String {
        get { SourceFiles.shared.path(of: fileNumber) }
        set { fileNumber = SourceFiles.shared.number(of: newValue) }
    }

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    /// Another place in the same file, without a look-up in the table of paths.
    public func moved(line: Int, column: Int) -> SourceLocation {
        var copy = self
        copy.storedLine = Int32(clamping: line)
        copy.storedColumn = Int32(clamping: column)
        return copy
    }

    /// `file:line:col`, or `file` alone when the position is unknown.
    public var description: String {
        line > 0 ? "\(file):\(line):\(max(column, 1))" : file
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        if a.fileNumber != b.fileNumber { return a.file < b.file }
        return (a.storedLine, a.storedColumn) < (b.storedLine, b.storedColumn)
    }
}

/// The file paths locations name, numbered in the order they were first seen. It only grows:
/// a process sees as many paths as the content has files.
final class SourceFiles: Sendable {
    static let shared = SourceFiles()

    private struct Table {
        var numbers: [String: UInt32] = [:]
        var paths: [String] = []
    }

    private let table = Mutex(Table())

    func number(of path: String) -> UInt32 {
        table.withLock { table in
            if let number = table.numbers[path] { return number }
            let number = UInt32(table.paths.count)
            table.paths.append(path)
            table.numbers[path] = number
            return number
        }
    }

    func path(of number: UInt32) -> String {
        table.withLock { $0.paths[Int(number)] }
    }
}
