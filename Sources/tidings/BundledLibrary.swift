/// Where the sample stories live: `Resources/` at the top of the package this binary was built from,
/// found from this source file's own path so `swift run tidings` opens them from any working directory.
enum BundledLibrary {
    static var path: String {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3) // Sources/tidings/BundledLibrary.swift
        return parts.joined(separator: "/") + "/Resources"
    }
}
