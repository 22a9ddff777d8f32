// libFuzzer entry point for the parser, the text cleaner and the layout: see Fuzz/run.

@_cdecl("LLVMFuzzerTestOneInput")
public func tidingsFuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let problems = InputChecks.problems(in: bytes)
    if !problems.isEmpty { fatalError(problems.prefix(5).joined(separator: "\n")) }
    return 0
}
