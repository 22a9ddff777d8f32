import ArticleModel
import Foundation
import Testing

/// Paths and helpers shared by the model tests.
enum Fixtures {
    static let repository: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3) // Tests/ArticleModelTests/Fixtures.swift
        return parts.joined(separator: "/")
    }()
    static let seedLayout = repository + "/Tests/Fixtures/seed-layout.txt"
    static let sharedSeed = repository + "/../shared/seeds/particle-trump-carney.txt"
    static let hasSharedSeed = FileManager.default.fileExists(atPath: sharedSeed)
    static let noSharedSeed: Comment = "../shared/seeds is not beside the repository (it is on the project's machines only)"

    static func parse(_ text: String, file: String = "t.txt") -> ParseResult {
        TextExportParser.parse(Array(text.utf8), file: file)
    }

    static func story(_ text: String) -> Story? { parse(text).stories.first }

    static func read(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { Array($0) }
    }
}
