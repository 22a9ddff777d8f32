#!/usr/bin/env python3
"""Tidings beside newsboat and cat: first screen, whole-library parse, key latency, memory.

One command, from the top of the repository:

    python3 Benchmarks/instant.py            # 10,000 and 100,000 stories (needs newsboat: apt-get install newsboat)
    python3 Benchmarks/instant.py --quick    # 1,000 and 10,000, for a fast look
    python3 Benchmarks/instant.py --only fetching   # or --only reading: one part
    TIDINGS_BIN=/elsewhere/tidings python3 Benchmarks/instant.py   # another build of Tidings, same figures

It builds the release binaries, generates the stories with `tidings-bench generate` (story files, the same
stories in one file, and as an RSS 2.0 feed for newsboat), runs each program in a pseudo-terminal at 120x40,
and prints a table of medians. A benchmark, not a test: nothing here passes or fails.
"""
import os, pty, select, shutil, signal, statistics, struct, subprocess, sys, termios, fcntl, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# TIDINGS_BIN measures another build of Tidings (an older commit's, say) with the same script.
BIN = os.environ.get("TIDINGS_BIN", os.path.join(ROOT, ".build/release/tidings"))
BENCH = os.path.join(ROOT, ".build/release/tidings-bench")
WORK = os.path.join(ROOT, ".build-bench")
COLS, ROWS = 120, 40
RUNS = 9
KEYS = 21


class Pty:
    """A program in a pseudo-terminal of COLS x ROWS whose output is read as it comes."""

    def __init__(self, argv, env=None):
        self.start = time.monotonic()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            os.execvpe(argv[0], argv, env or os.environ)
        self.buffer = b""

    def read_for(self, seconds):
        """Reads whatever arrives within `seconds`; returns the time the last chunk came."""
        deadline = time.monotonic() + seconds
        last = None
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return last
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                return last
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return last
            if not chunk:
                return last
            self.buffer += chunk
            last = time.monotonic()

    def wait_for(self, marker, timeout=120):
        """Seconds from start until `marker` (bytes, or a tuple of them: any one) has appeared in the output."""
        markers = marker if isinstance(marker, tuple) else (marker,)
        deadline = time.monotonic() + timeout
        while not any(m in self.buffer for m in markers):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{marker!r} not seen; output ended with {self.buffer[-300:]!r}")
            ready, _, _ = select.select([self.fd], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    chunk = b""
                self.buffer += chunk
        return time.monotonic() - self.start

    def key_latency(self, key):
        """Seconds from writing `key` until the last byte of the frame it causes (a burst ends when the
        output pauses for 30 ms)."""
        self.read_for(0.05)
        sent = time.monotonic()
        os.write(self.fd, key)
        # The first chunk, then the rest of the burst.
        ready, _, _ = select.select([self.fd], [], [], 5)
        if not ready:
            return None
        self.buffer += os.read(self.fd, 65536)
        last = time.monotonic()
        more = self.read_for(0.03)
        return (more or last) - sent

    def wait_idle(self, quiet=0.5, timeout=300):
        """Waits until the program has used no CPU for `quiet` seconds (the background load is done)."""
        deadline = time.monotonic() + timeout
        previous, since = cpu_ticks(self.pid), time.monotonic()
        while time.monotonic() < deadline:
            self.read_for(0.1)
            now = cpu_ticks(self.pid)
            if now != previous:
                previous, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return
        raise TimeoutError("never idle")

    def peak_rss_mib(self):
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return None

    def close(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
            self.read_for(0.2)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.fd)


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def env_for_tidings():
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
    env.pop("LINES", None)
    env.pop("COLUMNS", None)
    return env


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def generate(count):
    folder = os.path.join(WORK, str(count))
    if not os.path.exists(os.path.join(folder, "feed.xml")):
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(WORK, exist_ok=True)
        subprocess.run([BENCH, "generate", folder, str(count)], check=True, stdout=subprocess.DEVNULL)
    return folder


def tidings_first_screen(path, *extra):
    times = []
    for _ in range(RUNS):
        p = Pty([BIN, *extra, path], env_for_tidings())
        times.append(p.wait_for(b"story 1/"))
        p.close()
    return median(times)


def tidings_whole_file(path):
    """Until every story of the file is listed. A large feed or export opens with its first stories and
    counts the rest when they arrive; the frame that adds them rewrites only what changed, so the count may
    come without its "story 1/" but with the unread count beside it (which moves, so it is written whole)."""
    count = COUNT_IN_FILE[path]
    markers = (b"story 1/%d" % count, f"{count:,} unread".encode())
    times = []
    for _ in range(RUNS):
        p = Pty([BIN, path], env_for_tidings())
        times.append(p.wait_for(markers))
        p.close()
    return median(times)


def tidings_keys_and_memory(path, count):
    p = Pty([BIN, path], env_for_tidings())
    p.wait_for(b"story 1/")
    p.wait_idle()
    latencies = [p.key_latency(b"j" if n % 2 == 0 else b"k") for n in range(KEYS)]
    rss = p.peak_rss_mib()
    p.close()
    return median(latencies), rss


def chunked(folder, count, per_file):
    """The same stories as `count // per_file` files of `per_file` stories each."""
    chunks = os.path.join(folder, "chunks")
    if not os.path.isdir(chunks):
        os.makedirs(chunks)
        names = sorted(os.listdir(os.path.join(folder, "files")))
        for start in range(0, count, per_file):
            with open(os.path.join(chunks, f"{start // per_file:03d}.txt"), "wb") as out:
                for n, name in enumerate(names[start:start + per_file]):
                    with open(os.path.join(folder, "files", name), "rb") as f:
                        out.write((b"\n" if n else b"") + f.read())
    return chunks


def command_time(argv):
    """Median seconds of `argv` run to its end, output thrown away."""
    times = []
    for _ in range(RUNS):
        start = time.monotonic()
        subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
        times.append(time.monotonic() - start)
    return median(times)


def stat_floor(folder):
    """find listing every file with its modification time: the system calls newest-first needs."""
    return command_time(["find", os.path.join(folder, "files"), "-name", "*.txt", "-printf", "%T@\n"])


def start_figures(argv, runs=21):
    """Median seconds and peak memory (MiB) of a process that starts and ends at once (`--version`)."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.execvp(argv[0], argv)
        _, _, usage = os.wait4(pid, 0)
        times.append(time.monotonic() - start)
        peaks.append(usage.ru_maxrss / 1024)
    return median(times), median(peaks)


def hello_floor(linking=()):
    """The smallest Swift program that links Foundation (as Tidings must, for GRDB), built as Tidings is
    built here (the Swift runtime and libstdc++ inside it): how fast the toolchain lets such a program
    start. With `linking`, the same program also loads those C libraries at start, as Tidings loads ncursesw
    and SQLite."""
    source = os.path.join(WORK, "hello.swift")
    binary = os.path.join(WORK, "hello-cxx-inside" + "".join("-" + name for name in linking))
    if not os.path.exists(binary):
        os.makedirs(WORK, exist_ok=True)
        with open(source, "w") as f:
            f.write('import Foundation\nprint(ProcessInfo.processInfo.arguments.count)\n')
        libraries = ["-Xlinker", "--no-as-needed"] + ["-l" + name for name in linking] if linking else []
        cxx_inside = ["-L", os.path.join(ROOT, "Linking")]  # as Package.swift links release builds
        subprocess.run(["swiftc", "-O", "-static-stdlib", source, "-o", binary, *cxx_inside, *libraries], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return start_figures([binary])


def cat_floor(folder):
    files = sorted(os.path.join(folder, "files", name) for name in os.listdir(os.path.join(folder, "files")))
    times = []
    for _ in range(RUNS):
        start = time.monotonic()
        subprocess.run(["xargs", "-0", "cat"], input=b"\0".join(f.encode() for f in files), stdout=subprocess.DEVNULL, check=True)
        times.append(time.monotonic() - start)
    return median(times)


def newsboat(folder, count):
    if shutil.which("newsboat") is None:
        return None, None, None
    urls = os.path.join(folder, "newsboat-urls")
    config = os.path.join(folder, "newsboat-config")
    cache = os.path.join(folder, "newsboat-cache.db")
    with open(urls, "w") as f:
        f.write("file://" + os.path.join(folder, "feed.xml") + "\n")
    with open(config, "w") as f:
        f.write("")  # an empty config: newsboat's defaults
    if not os.path.exists(cache):
        subprocess.run(["newsboat", "-u", urls, "-c", cache, "-C", config, "-x", "reload"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    argv = ["newsboat", "-u", urls, "-c", cache, "-C", config]
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
    times, latencies, rss = [], [], None
    for run in range(RUNS):
        p = Pty(argv, env)
        p.wait_for(b"(%d/" % count)  # the feed line, with its unread count (newsboat cuts the total short)
        os.write(p.fd, b"\r")  # open the feed: its item list
        times.append(p.wait_for(b"%d total" % count))
        if run == 0:
            p.wait_idle(quiet=0.3)
            latencies = [p.key_latency(b"j" if n % 2 == 0 else b"k") for n in range(KEYS)]
            rss = p.peak_rss_mib()
        p.close()
    return median(times), median(latencies), rss


COUNT_IN_FILE = {}


def ms(seconds):
    return "—" if seconds is None else f"{seconds * 1000:.1f} ms"


FEEDS, ITEMS = 100, 50


def start_feed_server():
    server = subprocess.Popen([sys.executable, os.path.join(ROOT, "Tests/Fixtures/feedserver.py")], stdout=subprocess.PIPE)
    port = int(server.stdout.readline())
    return server, port


def fetch_home(name, urls):
    """A fresh home whose subscription list holds `urls`."""
    home = os.path.join(WORK, name)
    shutil.rmtree(home, ignore_errors=True)
    os.makedirs(os.path.join(home, "config", "tidings"))
    with open(os.path.join(home, "config", "tidings", "feeds"), "w") as f:
        f.write("".join(u + "\n" for u in urls))
    env = dict(env_for_tidings(), XDG_CONFIG_HOME=os.path.join(home, "config"), XDG_DATA_HOME=os.path.join(home, "data"),
               XDG_STATE_HOME=os.path.join(home, "state"), HOME=home)
    return home, env


def timed(argv, env=None):
    start = time.monotonic()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def newsboat_reload(urls, threads):
    """newsboat -x reload, cold (a new cache) then with everything cached (every feed answers 304)."""
    if shutil.which("newsboat") is None:
        return None, None
    folder = os.path.join(WORK, "newsboat-fetch")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "urls"), "w") as f:
        f.write("".join(u + "\n" for u in urls))
    with open(os.path.join(folder, "config"), "w") as f:
        f.write("" if threads == 1 else "reload-threads %d\n" % threads)
    colds, warms = [], []
    for _ in range(RUNS):
        cache = os.path.join(folder, "cache.db")
        for leftover in (cache, cache + ".lock"):
            if os.path.exists(leftover):
                os.remove(leftover)
        argv = ["newsboat", "-u", os.path.join(folder, "urls"), "-c", cache, "-C", os.path.join(folder, "config"), "-x", "reload"]
        colds.append(timed(argv))
        warms.append(timed(argv))
    return median(colds), median(warms)


def text_copies(env, count):
    """The stored stories as text exports, one file each, for the first-screen comparison."""
    folder = os.path.join(WORK, "fetched-as-text")
    if not os.path.isdir(folder):
        os.makedirs(folder)
        out = subprocess.run([BIN, "--dump", "json"], env=env, stdout=subprocess.PIPE, check=True).stdout
        import json
        for n, story in enumerate(json.loads(out)):
            body = "\n\n".join(p for s in story["sections"] for p in s["paragraphs"])
            with open(os.path.join(folder, "%05d.txt" % n), "w") as f:
                f.write("bench.example\n\n%s\n\n%s\n" % (story["title"], body))
            os.utime(os.path.join(folder, "%05d.txt" % n), (1_780_000_000 - n, 1_780_000_000 - n))
    return folder


def fetching_rows():
    server, port = start_feed_server()
    try:
        urls = ["http://127.0.0.1:%d/feed/bench%d/%d" % (port, n, ITEMS) for n in range(FEEDS)]
        colds, warms = [], []
        for _ in range(RUNS):
            home, env = fetch_home("fetch-home", urls)
            colds.append(timed([BIN, "fetch"], env))
            warms.append(timed([BIN, "fetch"], env))
        nb_cold, nb_warm = newsboat_reload(urls, 1)
        nb8_cold, nb8_warm = newsboat_reload(urls, 8)
        stored_first = tidings_first_screen_env([BIN], env)
        text_first = tidings_first_screen(text_copies(env, FEEDS * ITEMS))
    finally:
        server.kill()
    cold, warm = median(colds), median(warms)
    def ratio(a, b):
        return f"{a / b:.2f}× newsboat" if b else ""
    return [
        (f"fetch {FEEDS} feeds of {ITEMS} items on loopback, cold", ms(cold), ms(nb_cold) + " (newsboat -x reload)",
         ratio(cold, nb_cold), "≤ 0.5× newsboat"),
        ("  the same, newsboat with reload-threads 8", "", ms(nb8_cold), ratio(cold, nb8_cold), ""),
        ("the same fetch again, every feed answering 304", ms(warm), ms(nb_warm) + " (newsboat -x reload)",
         ratio(warm, nb_warm), "≤ 0.5× newsboat"),
        ("  the same, newsboat with reload-threads 8", "", ms(nb8_warm), ratio(warm, nb8_warm), ""),
        (f"first screen, the {FEEDS * ITEMS:,} stored stories", ms(stored_first), ms(text_first) + " (the same as text files)",
         f"{stored_first / text_first:.2f}× text files", "≤ 1.5× text files"),
    ]


def tidings_first_screen_env(argv, env):
    times = []
    for _ in range(RUNS):
        p = Pty(argv, env)
        times.append(p.wait_for(b"story 1/"))
        p.close()
    return median(times)


def print_table(rows):
    print(f"Tidings at {COLS}x{ROWS}, median of {RUNS} runs ({KEYS} key presses); {os.cpu_count()} cores")
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    header = ("figure", "Tidings", "beside it", "ratio", "target")
    widths = [max(w, len(h)) for w, h in zip(widths, header)]
    for row in [header, tuple("-" * w for w in widths)] + rows:
        print(" | ".join(cell.ljust(w) for cell, w in zip(row, widths)))


def main():
    quick = "--quick" in sys.argv
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    # The release build carries the Swift runtime and Foundation inside the binary: it starts faster and
    # in less memory than one that loads them as shared libraries.
    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    rows = []
    if only in (None, "reading"):
        rows += reading_rows(quick)
    if only in (None, "fetching"):
        rows += fetching_rows()
    print_table(rows)


def reading_rows(quick):
    counts = (1_000, 10_000) if quick else (10_000, 100_000)
    small, large = counts
    folder = generate(small)
    big = generate(large)
    one_file = os.path.join(folder, "all.txt")
    COUNT_IN_FILE[one_file] = small
    feed = os.path.join(folder, "feed.xml")
    COUNT_IN_FILE[feed] = small

    start, start_rss = start_figures([BIN, "--version"])
    hello, hello_rss = hello_floor()
    hello_libs, hello_libs_rss = hello_floor(("ncursesw", "tinfo", "sqlite3"))
    nb_start, nb_start_rss = start_figures(["newsboat", "--version"]) if shutil.which("newsboat") else (None, None)
    feed_first = tidings_first_screen(feed)
    feed_whole = tidings_whole_file(feed)
    _, feed_rss = tidings_keys_and_memory(feed, small)
    first = tidings_first_screen(os.path.join(folder, "files"))
    find = stat_floor(folder)
    floor = cat_floor(folder)
    one_first = tidings_first_screen(one_file)
    whole = tidings_whole_file(one_file)
    wc = command_time(["wc", "-l", one_file])
    key, rss = tidings_keys_and_memory(os.path.join(folder, "files"), small)
    nb_first, nb_key, nb_rss = newsboat(folder, small)
    big_first = tidings_first_screen(os.path.join(big, "files"))
    big_stat = stat_floor(big)
    big_by_path = tidings_first_screen(os.path.join(big, "files"), "--sort", "path")
    big_chunks = chunked(big, large, small)
    big_chunk_first = tidings_first_screen(big_chunks)
    big_key, big_rss = tidings_keys_and_memory(big_chunks, large)

    mb = os.path.getsize(one_file) / 1e6
    feed_mb = os.path.getsize(feed) / 1e6
    def versus(a, b, name):
        return f"{a / b:.2f}× {name}" if a and b else ""
    rows = [
        ("process start (tidings --version)", f"{ms(start)}, {start_rss:.1f} MiB",
         f"{ms(hello)}, {hello_rss:.1f} MiB (Swift hello with Foundation, static)", versus(start, hello, "hello"),
         "as low as the toolchain allows"),
        ("  the same hello, also loading ncursesw and SQLite", "",
         f"{ms(hello_libs)}, {hello_libs_rss:.1f} MiB", versus(start, hello_libs, "hello with the libraries"), ""),
        ("  newsboat --version", "", f"{ms(nb_start)}, {nb_start_rss:.1f} MiB" if nb_start else "", "", ""),
        (f"first screen, {small:,} story files", ms(first), ms(nb_first) + " (newsboat, to its item list)",
         versus(first, nb_first, "newsboat"), "≤ 0.1× newsboat"),
        (f"  find listing the {small:,} files' times (floor)", "", ms(find), versus(first, find, "find"), "≤ 1.5× find"),
        (f"  cat of the same {small:,} files", "", ms(floor), versus(first, floor, "cat"), ""),
        (f"first screen, the one-file library ({mb:.1f} MB)", ms(one_first), "", versus(one_first, whole, "its whole"), "fast"),
        (f"whole one-file library ({mb:.1f} MB) to story 1/{small}", ms(whole), f"wc -l: {ms(wc)}, {mb / wc:.0f} MB/s",
         f"{mb / whole:.0f} MB/s", "≥ 600 MB/s"),
        (f"key press to frame, {small:,} stories", ms(key), ms(nb_key) + " (newsboat)", "", "≤ 10 ms"),
        (f"peak memory, {small:,} stories loaded", f"{rss:.1f} MiB", f"{nb_rss:.1f} MiB (newsboat)" if nb_rss else "",
         versus(rss, nb_rss, "newsboat"), "≤ 0.75× newsboat"),
        (f"first screen, the {small:,}-item RSS feed as a file ({feed_mb:.1f} MB)", ms(feed_first),
         ms(nb_first) + " (newsboat, to its item list)", versus(feed_first, nb_first, "newsboat"), "≤ 0.25× newsboat"),
        (f"  the same feed, whole: all {small:,} items listed", ms(feed_whole), "", f"{feed_mb / feed_whole:.0f} MB/s", "≥ 150 MB/s"),
        (f"peak memory, the {small:,}-item feed loaded", f"{feed_rss:.1f} MiB", f"{nb_rss:.1f} MiB (newsboat)" if nb_rss else "",
         versus(feed_rss, nb_rss, "newsboat"), "≤ newsboat"),
        (f"first screen, {large:,} story files", ms(big_first), ms(big_stat) + " (find, stat of every file)",
         versus(big_first, big_stat, "find"), "no slower"),
        (f"first screen, {large:,} story files, --sort path", ms(big_by_path), "", "", "no slower"),
        (f"first screen, {large:,} stories in {large // small} files", ms(big_chunk_first), "", "", "no slower"),
        (f"key press to frame, {large:,} stories", ms(big_key), "", f"peak {big_rss:.0f} MiB", "≤ 10 ms"),
    ]
    return rows


if __name__ == "__main__":
    main()
