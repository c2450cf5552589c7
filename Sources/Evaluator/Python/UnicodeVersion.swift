// MARK: - Python 3.11's Unicode

/// Python 3.11 uses Unicode 14.0; Swift's tables are newer. Code points assigned later are
/// unassigned to Python: not printable, no case mapping, not identifier characters.
enum PythonUnicode {
    static func known(_ s: Unicode.Scalar) -> Bool {
        guard let age = s.properties.age else { return false }
        return age.major < 14 || (age.major == 14 && age.minor == 0)
    }

    /// Whether `s` can start an identifier in Python 3.11 (XID_Start of Unicode 14.0, or `_`).
    static func isXIDStart(_ s: Unicode.Scalar) -> Bool { UnicodeNames.inRanges(s.value, UnicodeTables.xidStart) }
    /// Whether `s` can continue an identifier in Python 3.11 (XID_Continue of Unicode 14.0).
    static func isXIDContinue(_ s: Unicode.Scalar) -> Bool {
        UnicodeNames.inRanges(s.value, UnicodeTables.xidContinue)
    }

    /// `str.lower()` for one code point (without the final-sigma context rule).
    static func lowercase(_ s: Unicode.Scalar) -> String {
        known(s) ? s.properties.lowercaseMapping : String(Character(s))
    }
}
