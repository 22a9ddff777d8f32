import CCurl
#if canImport(Glibc)
import Glibc
#endif

// The one file that talks to libcurl. Transfers run through its multi interface on the calling thread:
// several at once, each with its own limits, and every outcome put into words here.

/// One feed to fetch, with what the server said last time so an unchanged feed costs a `304`.
public struct HTTPRequest: Equatable, Sendable {
    public var url: String
    public var etag: String?
    public var lastModified: String?

    public init(url: String, etag: String? = nil, lastModified: String? = nil) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// How much any one fetch may take, and how many run at once.
public struct HTTPLimits: Equatable, Sendable {
    public var connectSeconds = 10
    public var totalSeconds = 30
    /// Bytes of body after decompression: a larger body (or a gzip bomb) stops here.
    public var maxBytes = 64 * 1024 * 1024
    public var maxRedirects = 5
    public var maxTransfers = 8
    public var maxPerHost = 2

    public init() {}
}

/// What one fetch came to.
public enum HTTPOutcome: Equatable, Sendable {
    case fetched(body: [UInt8], etag: String?, lastModified: String?)
    /// `304 Not Modified`: what is kept is still current.
    case notModified
    /// Why it failed, in words for `tidings: URL: REASON`.
    case failed(String)
}

/// Runs HTTP GETs through libcurl: http and https only (redirects too, at most five), TLS always verified,
/// compressed responses accepted, proxies from the usual environment variables, a body capped after
/// decompression, and a user agent of `Tidings/VERSION`.
public final class HTTPClient {
    private let limits: HTTPLimits
    private let userAgent: String

    public init(limits: HTTPLimits = HTTPLimits(), userAgent: String) {
        self.limits = limits
        self.userAgent = userAgent
    }

    /// Why libcurl cannot be used, if it cannot: it is loaded, once, by the first fetch.
    private static let unavailable: String? = tidings_curl_load().map { "libcurl could not be loaded: " + String(cString: $0) }

    /// Runs every request, at most `maxTransfers` at once and `maxPerHost` to one host, calling `done` on
    /// this thread as each ends. `shouldStop` is asked at least ten times a second; when it says yes, the
    /// transfers under way are dropped and `done` is not called for them or for those not started.
    public func fetchAll(_ requests: [HTTPRequest], shouldStop: () -> Bool, done: (Int, HTTPOutcome) -> Void) {
        if let reason = Self.unavailable {
            for index in requests.indices { done(index, .failed(reason)) }
            return
        }
        guard !requests.isEmpty, let multi = tidings_curl_multi_init() else { return }
        defer { tidings_curl_multi_cleanup(multi) }
        tidings_curl_multi_set_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, limits.maxPerHost)
        tidings_curl_multi_set_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, limits.maxTransfers)
        var waiting = Array(requests.indices)
        var running: [UnsafeMutableRawPointer: Transfer] = [:]
        var perHost: [String: Int] = [:]
        defer { for (handle, transfer) in running { finish(handle, transfer, multi: multi) } }
        while !waiting.isEmpty || !running.isEmpty {
            if shouldStop() { return }
            startTransfers(&waiting, requests, running: &running, perHost: &perHost, multi: multi)
            var active: Int32 = 0
            tidings_curl_multi_perform(multi, &active)
            var left: Int32 = 0
            var ended = 0
            while let message = tidings_curl_multi_info_read(multi, &left) {
                guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle,
                      let transfer = running.removeValue(forKey: handle) else { continue }
                let outcome = outcome(of: transfer, handle: handle, code: message.pointee.data.result)
                perHost[transfer.host, default: 1] -= 1
                finish(handle, transfer, multi: multi)
                done(transfer.index, outcome)
                ended += 1
            }
            // A transfer that just ended freed a place: fill it at once rather than wait for the poll.
            if ended == 0, !running.isEmpty { tidings_curl_multi_poll(multi, nil, 0, 100, nil) }
        }
    }

    private func startTransfers(_ waiting: inout [Int], _ requests: [HTTPRequest], running: inout [UnsafeMutableRawPointer: Transfer],
                                perHost: inout [String: Int], multi: UnsafeMutableRawPointer) {
        var skipped: [Int] = []
        while running.count < limits.maxTransfers, !waiting.isEmpty {
            let index = waiting.removeFirst()
            let host = Self.host(of: requests[index].url)
            guard perHost[host, default: 0] < limits.maxPerHost else {
                skipped.append(index)
                continue
            }
            let transfer = Transfer(index: index, host: host, maxBytes: limits.maxBytes)
            guard let handle = configuredHandle(for: requests[index], transfer) else { continue }
            running[handle] = transfer
            perHost[host, default: 0] += 1
            tidings_curl_multi_add_handle(multi, handle)
        }
        waiting = skipped + waiting
    }

    private func finish(_ handle: UnsafeMutableRawPointer, _ transfer: Transfer, multi: UnsafeMutableRawPointer) {
        tidings_curl_multi_remove_handle(multi, handle)
        tidings_curl_easy_cleanup(handle)
        tidings_curl_slist_free_all(transfer.requestHeaders)
        transfer.requestHeaders = nil
        transfer.retained?.release()
        transfer.retained = nil
    }

    private func configuredHandle(for request: HTTPRequest, _ transfer: Transfer) -> UnsafeMutableRawPointer? {
        guard let handle = tidings_curl_easy_init() else { return nil }
        tidings_curl_set_string(handle, CURLOPT_URL, request.url)
        tidings_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        tidings_curl_set_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        tidings_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 1)
        tidings_curl_set_long(handle, CURLOPT_MAXREDIRS, limits.maxRedirects)
        tidings_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, limits.connectSeconds * 1000)
        tidings_curl_set_long(handle, CURLOPT_TIMEOUT_MS, limits.totalSeconds * 1000)
        tidings_curl_set_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
        tidings_curl_set_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
        tidings_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        tidings_curl_set_string(handle, CURLOPT_ACCEPT_ENCODING, "") // every encoding this libcurl can decode
        tidings_curl_set_string(handle, CURLOPT_USERAGENT, userAgent)
        var headers: UnsafeMutablePointer<curl_slist>?
        if let etag = request.etag { headers = tidings_curl_slist_append(headers, "If-None-Match: \(etag)") }
        if let lastModified = request.lastModified { headers = tidings_curl_slist_append(headers, "If-Modified-Since: \(lastModified)") }
        headers = tidings_curl_slist_append(headers, "Accept: application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8")
        transfer.requestHeaders = headers
        tidings_curl_set_list(handle, CURLOPT_HTTPHEADER, headers)
        let context = Unmanaged.passRetained(transfer)
        transfer.retained = context
        tidings_curl_set_function(handle, CURLOPT_WRITEFUNCTION, onBody)
        tidings_curl_set_pointer(handle, CURLOPT_WRITEDATA, context.toOpaque())
        tidings_curl_set_function(handle, CURLOPT_HEADERFUNCTION, onHeader)
        tidings_curl_set_pointer(handle, CURLOPT_HEADERDATA, context.toOpaque())
        return handle
    }

    private func outcome(of transfer: Transfer, handle: UnsafeMutableRawPointer, code: CURLcode) -> HTTPOutcome {
        var status = 0
        tidings_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
        guard code == CURLE_OK else { return .failed(reason(for: code, transfer)) }
        switch status {
        case 304: return .notModified
        case 200..<300: return .fetched(body: transfer.body, etag: transfer.etag, lastModified: transfer.lastModified)
        default: return .failed("HTTP \(status)")
        }
    }

    private func reason(for code: CURLcode, _ transfer: Transfer) -> String {
        switch code {
        case CURLE_WRITE_ERROR where transfer.tooLarge:
            return "too large (more than \(limits.maxBytes / (1024 * 1024)) MiB)"
        case CURLE_UNSUPPORTED_PROTOCOL:
            let scheme = transfer.location.flatMap { $0.split(separator: ":").first }.map { "\($0):" } ?? "another scheme"
            return "redirect to a forbidden scheme (\(scheme)); only http and https are followed"
        case CURLE_TOO_MANY_REDIRECTS: return "too many redirects (more than \(limits.maxRedirects))"
        case CURLE_OPERATION_TIMEDOUT: return "timed out (\(limits.connectSeconds) s to connect, \(limits.totalSeconds) s in all)"
        case CURLE_COULDNT_RESOLVE_HOST: return "DNS: cannot find the host \(transfer.host)"
        case CURLE_COULDNT_RESOLVE_PROXY: return "DNS: cannot find the proxy"
        case CURLE_COULDNT_CONNECT: return "cannot connect to \(transfer.host)"
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            return "TLS: " + String(cString: tidings_curl_easy_strerror(code))
        default:
            return String(cString: tidings_curl_easy_strerror(code))
        }
    }

    /// The host part of an address, for the per-host limit.
    static func host(of url: String) -> String {
        let rest = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        return rest.count > 2 ? rest[2].lowercased() : url
    }
}

/// One transfer's state, reached from libcurl's callbacks.
private final class Transfer {
    let index: Int
    let host: String
    let maxBytes: Int
    var body: [UInt8] = []
    var tooLarge = false
    var etag: String?
    var lastModified: String?
    var location: String?
    var requestHeaders: UnsafeMutablePointer<curl_slist>?
    var retained: Unmanaged<Transfer>?

    init(index: Int, host: String, maxBytes: Int) {
        self.index = index
        self.host = host
        self.maxBytes = maxBytes
    }

    /// One header line of a response; a status line starts a new response (after a redirect).
    func header(_ line: String) {
        if line.hasPrefix("HTTP/") {
            etag = nil
            lastModified = nil
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].lowercased()
        var value = Substring(line[line.index(after: colon)...])
        while let first = value.first, first.isWhitespace { value.removeFirst() }
        while let last = value.last, last.isWhitespace { value.removeLast() } // "\r\n" is one Character

        switch name {
        case "etag": etag = String(value)
        case "last-modified": lastModified = String(value)
        case "location": location = String(value)
        default: break
        }
    }
}

private let onBody: tidings_curl_data_fn = { data, size, count, context in
    guard let data, let context else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    let bytes = size * count
    guard transfer.body.count + bytes <= transfer.maxBytes else {
        transfer.tooLarge = true
        return 0 // stops the transfer: the cap holds after decompression, so a gzip bomb stops here too
    }
    data.withMemoryRebound(to: UInt8.self, capacity: bytes) { transfer.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: bytes)) }
    return bytes
}

private let onHeader: tidings_curl_data_fn = { data, size, count, context in
    guard let data, let context else { return 0 }
    let bytes = size * count
    let line = data.withMemoryRebound(to: UInt8.self, capacity: bytes) { String(decoding: UnsafeBufferPointer(start: $0, count: bytes), as: UTF8.self) }
    Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue().header(line)
    return bytes
}
