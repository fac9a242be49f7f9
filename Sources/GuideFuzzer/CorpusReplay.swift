import Foundation

/// The fuzzer's entry point.
///
/// Built with `-sanitize=fuzzer -DFUZZING` it hands control to libFuzzer's driver with
/// `PipelineFuzzer` as the callback. Built normally it is a corpus replayer: it runs every file
/// named on the command line (or in the folders named) through the same checks, so the test
/// suite keeps the target building and the seed corpus and every past crash passing.
@main
struct FuzzerMain {
    static func main() {
        #if FUZZING
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            exit(
                LLVMFuzzerRunDriver(&argc, &argv) { data, size in
                    guard let data else { return 0 }
                    PipelineFuzzer.run(Array(UnsafeBufferPointer(start: data, count: size)))
                    return 0
                })
        #else
            replay(CommandLine.arguments.dropFirst())
        #endif
    }

    static func replay(_ arguments: ArraySlice<String>) {
        var files: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                let walker = FileManager.default.enumerator(atPath: argument)
                while let name = walker?.nextObject() as? String {
                    var sub: ObjCBool = false
                    let path = argument + "/" + name
                    if FileManager.default.fileExists(atPath: path, isDirectory: &sub), !sub.boolValue { files.append(path) }
                }
            } else {
                files.append(argument)
            }
        }
        for file in files.sorted() {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            PipelineFuzzer.run([UInt8](data))
        }
        print("replayed \(files.count) inputs: 0 failures")
    }
}

#if FUZZING
    /// libFuzzer's driver (LLVM 11 and later), for programs that keep their own `main`.
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt
#endif
