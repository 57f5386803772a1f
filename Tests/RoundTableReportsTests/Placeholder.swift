import Testing
@Test func reportsTargetBuilds() { #expect(Bool(true)) }
