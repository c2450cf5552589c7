import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - HTTPProbe

/// A minimal HTTP/1.1 client over a plain socket, for tests that must see exactly what a server
/// did: a status and its headers, a body cut short, a connection closed or reset without a
/// response, no answer within a time limit. One request per connection (`Connection: close`),
/// `http://` only.
public enum HTTPProbe {
    /// A complete response.
    public struct Response: Sendable {
        /// The status code.
        public let status: Int
        /// The headers, names lower-cased (the last of repeated names wins).
        public let headers: [String: String]
        /// The body as received.
        public let body: Data

        /// The body as text (UTF-8, invalid bytes replaced).
        public var text: String { String(decoding: body, as: UTF8.self) }

        /// The body parsed as a JSON object, or nil.
        public var object: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
    }

    /// What went wrong instead of a complete response.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// Nothing listens there.
        case refused
        /// No complete response within the time limit.
        case timedOut
        /// The server closed the connection without sending a byte.
        case closedWithoutResponse
        /// The server reset the connection.
        case reset
        /// The headers promised `expected` body bytes; the connection ended after `received`.
        case truncated(expected: Int, received: Int)
        /// The bytes are not an HTTP response, or another socket error.
        case other(String)

        public var description: String {
            switch self {
            case .refused: "connection refused"
            case .timedOut: "timed out"
            case .closedWithoutResponse: "closed without a response"
            case .reset: "connection reset"
            case .truncated(let expected, let received): "body truncated: \(received) of \(expected) bytes"
            case .other(let message): message
            }
        }
    }

    /// Sends one request to `url` (`http://HOST:PORT/PATH`) and waits at most `timeout` seconds for
    /// the whole response; runs on a thread of its own (``OffPool``).
    public static func send(
        _ method: String, _ url: String, headers: [String: String] = [:], body: Data? = nil, timeout: Double = 10
    ) async -> Result<Response, Failure> {
        await OffPool.run { sendBlocking(method, url, headers: headers, body: body, timeout: timeout) }
    }

    /// `POST` of a JSON text with `Content-Type: application/json`.
    public static func post(
        _ url: String, json: String, headers: [String: String] = [:], timeout: Double = 10
    ) async -> Result<Response, Failure> {
        var all = headers
        all["Content-Type"] = "application/json"
        return await send("POST", url, headers: all, body: Data(json.utf8), timeout: timeout)
    }

    /// ``send(_:_:headers:body:timeout:)`` on the calling thread.
    public static func sendBlocking(
        _ method: String, _ url: String, headers: [String: String] = [:], body: Data? = nil, timeout: Double = 10
    ) -> Result<Response, Failure> {
        guard let parts = URLComponents(string: url), parts.scheme == "http", let host = parts.host,
            let port = parts.port
        else { return .failure(.other("not an http://HOST:PORT URL: \(url)")) }
        let deadline = Date(timeIntervalSinceNow: timeout)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return .failure(.other("socket: errno \(errno)")) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host == "localhost" ? "127.0.0.1" : host, &address.sin_addr) == 1 else {
            return .failure(.other("not an IPv4 address: \(host)"))
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return .failure(errno == ECONNREFUSED ? .refused : .other("connect: errno \(errno)")) }

        let target =
            (parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath)
            + (parts.percentEncodedQuery.map { "?" + $0 } ?? "")
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        let request = Data((head + "\r\n").utf8) + (body ?? Data())
        let sent = request.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = sendSome(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        guard sent else { return .failure(errno == ECONNRESET || errno == EPIPE ? .reset : .other("send: errno \(errno)")) }

        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return .failure(.timedOut) }
            var pollfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pollfd, 1, Int32(min(remaining * 1000 + 1, 1_000_000)))
            if ready < 0 {
                if errno == EINTR { continue }
                return .failure(.other("poll: errno \(errno)"))
            }
            if ready == 0 { continue }
            let n = recv(fd, &buffer, buffer.count, 0)
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(errno == ECONNRESET ? .reset : .other("recv: errno \(errno)"))
            }
            if n == 0 { break }
            received.append(contentsOf: buffer[0..<n])
        }
        return parse(received)
    }

    /// The response in `bytes`, all of what the server sent before closing.
    static func parse(_ bytes: Data) -> Result<Response, Failure> {
        guard !bytes.isEmpty else { return .failure(.closedWithoutResponse) }
        guard let end = bytes.range(of: Data("\r\n\r\n".utf8)) else {
            return .failure(.other("no end of headers in \(bytes.count) bytes"))
        }
        let lines = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = lines[0].split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else {
            return .failure(.other("not an HTTP status line: \(lines[0].prefix(80))"))
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body = Data(bytes[end.upperBound...])
        if let length = headers["content-length"].flatMap({ Int($0) }), body.count < length {
            return .failure(.truncated(expected: length, received: body.count))
        }
        return .success(Response(status: status, headers: headers, body: body))
    }
}

extension Result where Failure == HTTPProbe.Failure {
    /// The failure, or nil for a response.
    public var failure: HTTPProbe.Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}

/// `send(2)` without SIGPIPE (outside ``HTTPProbe``, whose `send` would shadow it).
private func sendSome(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    send(fd, bytes, count, Int32(MSG_NOSIGNAL))
}
