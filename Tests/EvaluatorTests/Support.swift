import Evaluator
import Foundation
import Testing

/// The fixtures folder beside these tests (a missing fixture fails the test, never skips it).
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// Reads a JSON Lines fixture; `#require`s that it exists and is not empty.
func jsonLines(_ relative: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [JSONValue] {
    let url = fixtures.appendingPathComponent(relative)
    let data = try #require(try? Data(contentsOf: url), "missing fixture \(relative)", sourceLocation: sourceLocation)
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
    #expect(!lines.isEmpty, "empty fixture \(relative)", sourceLocation: sourceLocation)
    return try lines.map { try JSONReader.parse(String($0)) }
}

typealias SourceLocation = Testing.SourceLocation

/// Decodes the tagged encoding of a Python value used by the reference vectors.
func tagged(_ j: JSONValue) -> PyValue? {
    guard case .array(let a) = j, let tag = a.first?.stringValue else { return nil }
    switch tag {
    case "none": return PyValue.none
    case "ellipsis": return .ellipsis
    case "bool": if case .bool(let b) = a[1] { return .bool(b) }
    case "int": return a[1].stringValue.flatMap { PyInt(decimal: $0) }.map { .int($0) }
    case "float": return a[1].stringValue.map { .float(pyFloat($0)) }
    case "complex":
        if let r = a[1].stringValue, let i = a[2].stringValue { return .complex(pyFloat(r), pyFloat(i)) }
    case "str":
        // A str holding surrogates also lists its code points (JSON would join an adjacent pair).
        if a.count > 2, case .array(let points) = a[2] {
            let values = points.compactMap { p -> UInt32? in if case .number(let n) = p { UInt32(n.text) } else { nil } }
            return .str(CodePointString(codePoints: values))
        }
        return a[1].codePointString.map { .str($0) }
    case "bytes":
        guard let hex = a[1].stringValue else { return nil }
        var out: [UInt8] = []
        var k = hex.startIndex
        while k < hex.endIndex {
            let n = hex.index(k, offsetBy: 2)
            out.append(UInt8(hex[k..<n], radix: 16)!)
            k = n
        }
        return .bytes(out)
    case "list", "tuple", "set":
        guard case .array(let items) = a[1] else { return nil }
        let values = items.compactMap(tagged)
        guard values.count == items.count else { return nil }
        if tag == "list" { return .list(values) }
        if tag == "tuple" { return .tuple(values) }
        var s = PySet()
        for v in values { try? s.insert(v) }
        return .set(s)
    case "dict":
        guard case .array(let pairs) = a[1] else { return nil }
        var d = PyDict()
        for p in pairs {
            guard case .array(let kv) = p, kv.count == 2, let k = tagged(kv[0]), let v = tagged(kv[1]) else { return nil }
            try? d.set(k, v)
        }
        return .dict(d)
    default: return nil
    }
    return nil
}

func pyFloat(_ repr: String) -> Double {
    switch repr {
    case "inf": return .infinity
    case "-inf": return -.infinity
    case "nan", "-nan": return .nan
    default: return Double(repr)!
    }
}

/// Type-exact equality (1, 1.0 and True differ; floats compared by repr; sets by membership).
func strictEqual(_ a: PyValue, _ b: PyValue) -> Bool {
    switch (a, b) {
    case (.none, .none), (.ellipsis, .ellipsis): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.float(let x), .float(let y)): return PyRepr.float(x) == PyRepr.float(y)
    case (.complex(let r, let i), .complex(let r2, let i2)): return PyRepr.complex(r, i) == PyRepr.complex(r2, i2)
    case (.str(let x), .str(let y)): return x == y
    case (.bytes(let x), .bytes(let y)): return x == y
    case (.list(let x), .list(let y)), (.tuple(let x), .tuple(let y)):
        return x.count == y.count && zip(x, y).allSatisfy(strictEqual)
    case (.dict(let x), .dict(let y)):
        return x.count == y.count
            && zip(x.entries, y.entries).allSatisfy { strictEqual($0.key, $1.key) && strictEqual($0.value, $1.value) }
    case (.set(let x), .set(let y)):
        return x.count == y.count && x.elements.allSatisfy { e in y.elements.contains { strictEqual(e, $0) } }
    default: return false
    }
}

/// Reports at most `limit` mismatches with context, then the total.
func expectNoMismatches(
    _ mismatches: [String], of total: Int, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(total > 0, "no \(what) were checked", sourceLocation: sourceLocation)
    if !mismatches.isEmpty {
        let shown = mismatches.prefix(25).joined(separator: "\n")
        Issue.record(
            "\(mismatches.count) of \(total) \(what) differ from the reference:\n\(shown)", sourceLocation: sourceLocation)
    }
}
