/// Makes synthetic stories in the export layout, deterministic for a given seed, with the features real
/// exports have: an app badge, curly quotes, captions with `Image` placeholders, wrapped bullets, and a
/// second section now and then.
struct StoryGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 6364136223846793005 &+ 1442695040888963407 }

    private mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }

    private static let words = [
        "council", "river", "budget", "minister", "tariffs", "election", "harbour", "railway", "vote",
        "storm", "market", "school", "museum", "growers", "report", "court", "talks", "energy", "city’s",
        "regional", "officials", "said", "on", "the", "a", "of", "and", "to", "in", "after", "weeks",
        "“record”", "plan", "new", "local", "national", "support", "residents", "expected", "2026",
    ]

    mutating func sentence(words count: Int) -> String {
        var out = ""
        for i in 0..<count {
            if i > 0 { out += " " }
            let word = Self.words[next(Self.words.count)]
            out += i == 0 ? word.prefix(1).uppercased() + word.dropFirst() : word
        }
        return out + "."
    }

    mutating func story(number: Int) -> String {
        var text = "Particle.news\n\nDownload on the App Store\n\n"
        text += "Story \(number): " + sentence(words: 10 + next(6)) + "\n\n"
        text += sentence(words: 22 + next(10)) + "\n\n"
        for _ in 0..<(1 + next(4)) {
            text += next(3) == 0 ? "Image\n" : sentence(words: 20 + next(25)) + "\n"
        }
        text += "\nOverview\n\n"
        for _ in 0..<(4 + next(3)) {
            if next(4) == 0 {
                text += "  • " + sentence(words: 20) + "\n    " + sentence(words: 14 + next(10)) + "\n"
            } else {
                text += "  • " + sentence(words: 30 + next(14)) + "\n"
            }
        }
        if next(3) == 0 {
            text += "\nTimeline\n\n"
            for year in 2020..<(2022 + next(3)) { text += "  - \(year): " + sentence(words: 12) + "\n" }
        }
        return text
    }

    /// `count` stories in one export, separated by blank lines.
    mutating func library(count: Int) -> String {
        var text = ""
        text.reserveCapacity(count * 2600)
        for n in 1...count {
            if n > 1 { text += "\n" }
            text += story(number: n)
        }
        return text
    }
}
