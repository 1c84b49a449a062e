import StrataSchema

/// ` (did you mean 'x'?)` for the candidate closest to `word`, or an empty string when none is close.
func didYouMean(_ word: String, among candidates: [String]) -> String {
    guard let best = NameSuggestion.closest(to: word, among: candidates) else { return "" }
    return " (did you mean '\(best)'?)"
}
