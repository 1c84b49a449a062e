/// "Did you mean" for names: the candidate closest to a misspelling, by edit distance.
public enum NameSuggestion {
    /// The candidate with the smallest edit distance to `word`, if that distance is small for
    /// its length (at most a third of it, between 1 and 3).
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let limit = max(1, min(3, word.count / 3 + 1))
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(word, candidate)
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// Levenshtein distance between two strings, in characters.
    public static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs), b = Array(rhs)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

extension Schema {
    /// A best guess at the schema identifier `name` meant (`createdAt` → `created_at`,
    /// `in-progress` → `in_progress`, `9lives` → `_9lives`): capitals become `_` and lowercase,
    /// any other character `_`; empty only for an empty name. Used by the generator's errors and
    /// by `strata pull`'s fixes for invalid names.
    public static func suggestedIdentifier(for name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            if ("A"..."Z").contains(scalar) {
                if !result.isEmpty, result.last != "_" { result += "_" }
                result += String(scalar).lowercased()
            } else if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" {
                result.unicodeScalars.append(scalar)
            } else {
                result += "_"
            }
        }
        if let first = result.unicodeScalars.first, ("0"..."9").contains(first) { result = "_" + result }
        return String(result.prefix(NamingConvention.maximumIdentifierLength))
    }
}
