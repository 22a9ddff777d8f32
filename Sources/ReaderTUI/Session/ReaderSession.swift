import ArticleModel

/// Runs the interactive reader on the terminal until the user quits; returns the exit status.
public enum ReaderSession {
    public struct Options: Sendable {
        public var mouse: Bool
        public init(mouse: Bool) { self.mouse = mouse }
    }

    public static func run(stories: [Story], options: Options) -> Int32 {
        // Filled in by the terminal layer.
        return 0
    }
}
