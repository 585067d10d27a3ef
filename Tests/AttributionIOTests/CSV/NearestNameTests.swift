import Testing

@testable import AttributionIO

@Suite struct NearestNameTests {
    @Test func suggestsTheClosestNameIgnoringCase() {
        #expect(NearestName.to("userid", in: ["user_id", "event", "timestamp"]) == "user_id")
        #expect(NearestName.to("Timestmp", in: ["user_id", "event", "timestamp"]) == "timestamp")
        #expect(
            NearestName.to("models.markov_ordr", in: ["models.markov_order", "models.markov_max_order", "models.seed"])
                == "models.markov_order")
    }

    @Test func suggestsNothingForAnUnrelatedName() {
        #expect(NearestName.to("revenue", in: ["user_id", "event", "timestamp"]) == nil)
        #expect(NearestName.to("x", in: []) == nil)
    }

    @Test func distanceCountsEdits() {
        #expect(NearestName.distance(Array("kitten"), Array("sitting")) == 3)
        #expect(NearestName.distance(Array(""), Array("abc")) == 3)
        #expect(NearestName.distance(Array("abc"), Array("abc")) == 0)
    }
}
