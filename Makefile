# RoundTable: the two commands of the README, and a few more.
.PHONY: setup build plan test bench format clean

# Install GLPK (libglpk-dev) when it is missing.
setup:
	@scripts/setup.sh

build: setup
	swift build -c release --product roundtable

# The main job: a seating plan for the bundled Make It With Mexico conference.
plan: build
	@mkdir -p out
	.build/release/roundtable plan Fixtures/conference.json --time-limit 30 --output out/conference-plan.json
	.build/release/roundtable render Fixtures/conference.json out/conference-plan.json --output out/conference-plan.html
	@echo "Plan written to out/conference-plan.json; printable page: out/conference-plan.html"

# The test suite (unit, end-to-end with real GLPK, CLI, a headless browser for the HTML page).
test: setup
	@scripts/setup-browser.sh
	swift test

# Speed and memory tables (release build); see Benchmarks/README.md.
bench: setup
	swift run -c release --package-path Benchmarks roundtable-bench

clean:
	rm -rf .build Benchmarks/.build out
