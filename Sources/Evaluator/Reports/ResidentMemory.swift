import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - ResidentMemory

/// The process's resident memory, from `/proc/self/status` (Linux; elsewhere it says so).
public enum ResidentMemory {
    /// Current and peak resident memory, before and after returning free heap pages to the system,
    /// as one line of text.
    public static func measure() -> String {
        let before = read()
        // What stays resident after malloc_trim is what is still in use (or leaked), not free heap
        // pages the allocator kept. glibc's <malloc.h> is not in the Glibc module: looked up by name.
        if let trim = dlsym(nil, "malloc_trim") {
            _ = unsafeBitCast(trim, to: (@convention(c) (Int) -> Int32).self)(0)
        }
        let after = read()
        guard let before, let after else { return "resident memory unknown (no /proc/self/status)" }
        let mb = { (kb: Int) in String(format: "%.1f MB", Double(kb) / 1000) }
        return "resident \(mb(before.rss)) (\(mb(after.rss)) after malloc_trim), peak \(mb(after.peak))"
    }

    /// VmRSS and VmHWM in kB, or nil without `/proc/self/status`.
    public static func read() -> (rss: Int, peak: Int)? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        return parse(status: text)
    }

    /// VmRSS and VmHWM in kB from the text of a `/proc/<pid>/status` file.
    public static func parse(status text: String) -> (rss: Int, peak: Int)? {
        func field(_ name: String) -> Int? {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return nil }
            return line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) }
        }
        guard let rss = field("VmRSS"), let peak = field("VmHWM") else { return nil }
        return (rss, peak)
    }
}
