// MARK: - Code-point string equality

extension String {
    /// Equality by Unicode scalars, as Python compares `str` (Swift's `==` folds canonical equivalents).
    /// (UTF-8 encodes each scalar sequence one way only, so comparing the bytes is comparing the scalars.)
    @inlinable
    public func scalarsEqual(_ other: String) -> Bool {
        let a = self.utf8
        let b = other.utf8
        guard a.count == b.count else { return false }
        let same = a.withContiguousStorageIfAvailable { x in b.withContiguousStorageIfAvailable { y in x.elementsEqual(y) } }
        if let same = same ?? nil { return same }
        return a.elementsEqual(b)
    }

    /// A key that distinguishes strings by code points even where Swift's `==` would not.
    var scalarKey: String {
        // Escape each non-ASCII scalar so canonically-equivalent spellings stay distinct.
        if self.utf8.allSatisfy({ $0 < 0x80 }) { return self }
        var out = ""
        for scalar in unicodeScalars {
            if scalar.value < 0x80 { out.unicodeScalars.append(scalar) } else { out += "\\u{\(String(scalar.value, radix: 16))}" }
        }
        return out
    }
}
