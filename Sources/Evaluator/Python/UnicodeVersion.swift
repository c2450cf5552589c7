// MARK: - Python 3.11's Unicode

/// Python 3.11 uses Unicode 14.0; Swift's tables are newer. Code points assigned later are
/// unassigned to Python: not printable, no case mapping, not identifier characters.
enum PythonUnicode {
    static func known(_ s: Unicode.Scalar) -> Bool {
        guard let age = s.properties.age else { return false }
        return age.major < 14 || (age.major == 14 && age.minor == 0)
    }

    static func isXIDStart(_ s: Unicode.Scalar) -> Bool { known(s) && s.properties.isXIDStart }
    static func isXIDContinue(_ s: Unicode.Scalar) -> Bool { known(s) && s.properties.isXIDContinue }

    /// `str.lower()` for one code point (without the final-sigma context rule).
    static func lowercase(_ s: Unicode.Scalar) -> String {
        known(s) ? s.properties.lowercaseMapping : String(Character(s))
    }
}
