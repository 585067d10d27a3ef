import AttributionCore
import Foundation
import Testing

@testable import AttributionIO

@Suite struct ResultFilesTests {
    @Test func attributionCSVListsChannelsByNameRoundedToWhatTheyCarry() {
        let channels = ChannelIndex(names: ["search", "email", "tv, radio"])
        let a = ModelResult(model: "linear", channels: channels, conversions: [1, 2, 1], revenue: [9360.000000000005, 0.1, 1.0 / 3.0])
        let b = ModelResult(model: "first_touch", channels: channels, conversions: [0, 0, 0], revenue: nil)
        #expect(
            ResultFiles.attributionCSV([a, b]) == """
                model,channel,conversions,share,revenue
                linear,email,2,0.5,0.1
                linear,search,1,0.25,9360
                linear,"tv, radio",1,0.25,0.3333333333
                first_touch,email,0,0,
                first_touch,search,0,0,
                first_touch,"tv, radio",0,0,

                """)
    }
}
