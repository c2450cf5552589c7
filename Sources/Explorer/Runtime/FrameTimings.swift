import Dispatch
import Evaluator
import Foundation
import TUICore

// MARK: - FrameTimings

/// Records time to first frame and per-key frame time (reduce + render + flush) to a JSON Lines
/// file, when `PTSCOPE_TIMINGS` names one. What README's figures are measured with.
public final class FrameTimings: @unchecked Sendable {
    let handle: FileHandle
    let processStart: DispatchTime

    public init?(path: String, processStart: DispatchTime) {
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
            return nil
        }
        handle = h
        self.processStart = processStart
    }

    let lock = NSLock()

    func write(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        handle.write(Data((line + "\n").utf8))
    }

    func search(_ query: String, matches: Int, since start: DispatchTime) {
        write(#"{"event":"search","query":\#(JSONText.string(query)),"matches":\#(matches),"ms":\#(ms(start))}"#)
    }

    func ms(_ from: DispatchTime) -> Double { Double(DispatchTime.now().uptimeNanoseconds - from.uptimeNanoseconds) / 1e6 }

    func firstFrame() { write(#"{"event":"first_frame","ms":\#(ms(processStart))}"#) }

    func key(_ key: Key, since start: DispatchTime, reduced: DispatchTime, rendered: DispatchTime) {
        func d(_ a: DispatchTime, _ b: DispatchTime) -> Double { Double(b.uptimeNanoseconds - a.uptimeNanoseconds) / 1e6 }
        let total = ms(start)
        write(
            #"{"event":"key","key":\#(JSONText.string(key.description)),"ms":\#(total),"reduce_ms":\#(d(start, reduced)),"#
                + #""render_ms":\#(d(reduced, rendered)),"draw_ms":\#(d(rendered, DispatchTime.now()))}"#)
    }

    func event(_ action: Action) {
        switch action {
        case .loaded: write(#"{"event":"loaded","ms":\#(ms(processStart))}"#)
        case .scored: write(#"{"event":"scored","ms":\#(ms(processStart))}"#)
        case .triaged: write(#"{"event":"triaged","ms":\#(ms(processStart))}"#)
        case .searchFinished(let q, let m):
            write(#"{"event":"search_finished","query":\#(JSONText.string(q)),"matches":\#(m.count),"ms":\#(ms(processStart))}"#)
        default: break
        }
    }
}
