import Evaluator
import TUICore

// MARK: - Glyphs + verdict

extension Glyphs {
    /// The verdict glyph of a case and its role.
    public func verdict(_ v: CaseVerdict?) -> (String, Role) {
        switch Filter.verdict(v) {
        case .pass: return (pass, .pass)
        case .fail: return (fail, .fail)
        case .format: return (format, .format)
        case .unscored: return (pending, .muted)
        }
    }
}

extension ErrorCategory {
    /// The short name with this terminal's symbols (`F±` is `F+-` in ASCII).
    func shortName(_ g: Glyphs) -> String { shortName.replacingOccurrences(of: "±", with: g.plusMinus) }
}
