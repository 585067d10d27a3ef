import AttributionIO
import Testing

@testable import MTACommands

/// The "did you mean" hint: edit distance with swaps, and no hint for a far-off word.
@Suite struct SuggestionTests {
    @Test(arguments: [
        ("shapely", "shapley", 1), ("markov", "markov", 0), ("linaer", "linear", 1),
        ("", "abc", 3), ("kitten", "sitting", 3), ("ab", "ba", 1),
    ])
    func distance(_ a: String, _ b: String, _ edits: Int) {
        #expect(NearestName.distance(Array(a), Array(b)) == edits)
        #expect(NearestName.distance(Array(b), Array(a)) == edits)
    }

    @Test func nearestIsATypoOrAUniqueStartAndNothingElse() {
        let models = ["first-touch", "last-touch", "linear", "markov", "shapley", "shapley-ordered"]
        #expect(Suggestion.nearest("shapely", in: models) == "shapley")
        #expect(Suggestion.nearest("Markow", in: models) == "markov")
        #expect(Suggestion.nearest("first", in: models) == "first-touch")
        #expect(Suggestion.nearest("shap", in: models) == nil, "two words start with it: no guess")
        #expect(Suggestion.nearest("regression", in: models) == nil)
        #expect(
            Suggestion.unknown("model", "shapely", known: ["markov", "shapley"])
                == "unknown model 'shapely'; did you mean 'shapley'? (known: markov, shapley)")
        #expect(Suggestion.unknown("model", "zzz", known: ["markov"]) == "unknown model 'zzz' (known: markov)")
    }
}
