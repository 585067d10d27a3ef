import Testing
@testable import AttributionReport
