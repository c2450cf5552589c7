import Foundation

// MARK: - ThemeLoader

/// Finds a theme by bundled name or file path; a bad theme falls back to `default` with a warning.
public enum ThemeLoader {
    /// The bundled theme names (`Themes/*.json5`).
    public static var bundledNames: [String] { BundledThemes.files.keys.sorted() }

    /// The theme `spec` names (nil: `default`): a bundled name, or a path to a JSON5 file.
    /// Never throws: problems come back as warnings naming the file, and `default` is used.
    public static func load(_ spec: String?) -> (theme: Theme, warnings: [String]) {
        var warnings: [String] = []
        let spec = spec ?? "default"
        if let text = BundledThemes.files[spec] {
            do {
                return (try Theme.decode(Data(text.utf8), file: "Themes/\(spec).json5", warnings: &warnings), warnings)
            } catch {
                warnings.append("\(error)")
                return (builtinDefault(&warnings), warnings)
            }
        }
        let url = URL(fileURLWithPath: (spec as NSString).expandingTildeInPath)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            warnings.append(
                "\(spec): no such theme (bundled: \(bundledNames.joined(separator: ", "))) and no readable file; using default")
            return (builtinDefault(&warnings), warnings)
        }
        do {
            return (try Theme.decode(data, file: url.path, warnings: &warnings), warnings)
        } catch {
            warnings.append("\(error); using default")
            return (builtinDefault(&warnings), warnings)
        }
    }

    static func builtinDefault(_ warnings: inout [String]) -> Theme {
        if let text = BundledThemes.files["default"],
            let theme = try? Theme.decode(Data(text.utf8), file: "Themes/default.json5", warnings: &warnings)
        {
            return theme
        }
        return Theme(name: "plain", description: "", roles: [:])
    }
}
