import Testing
@Test func spreadsheetTargetBuilds() { #expect(Bool(true)) }
