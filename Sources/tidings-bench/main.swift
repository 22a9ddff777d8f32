import ArticleModel
#if canImport(Glibc)
import Glibc
#endif

/// `swift run -c release tidings-bench [parse|layout|keys|all]`: prints the figures the README quotes.
/// Each figure is the median of several runs; nothing here is a pass/fail test.

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func median(_ runs: Int, _ body: () -> Void) -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = now()
        body()
        times.append(now() - start)
    }
    return times.sorted()[runs / 2]
}

func format(_ value: Double, _ digits: Int = 1) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    return "\(rounded)"
}

func benchParse() {
    var generator = StoryGenerator(seed: 42)
    let bytes = Array(generator.library(count: 10_000).utf8)
    let megabytes = Double(bytes.count) / 1_000_000
    var count = 0
    let seconds = median(7) { count = StoryParser.parse(bytes, file: "bench.txt").stories.count }
    precondition(count == 10_000, "generator and parser disagree: \(count) stories")
    print("parse   10,000 stories in one file (\(format(megabytes)) MB): \(format(seconds * 1000)) ms median, \(Int(megabytes / seconds)) MB/s")
}

let arguments = CommandLine.arguments.dropFirst()
let which = arguments.first ?? "all"
if which == "parse" || which == "all" { benchParse() }
