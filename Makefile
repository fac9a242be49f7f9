# The two commands of the README. Both install what is missing first.
.PHONY: guide test build clean bench

# Build the whole guide (every locale, every format) into _site/.
guide:
	scripts/install-deps.sh build
	swift build -c release --static-swift-stdlib
	.build/release/guidegen build

# Run the whole test suite, validators included.
test:
	scripts/test.sh

build:
	scripts/install-deps.sh build
	swift build

clean:
	rm -rf .build _site

# Benchmarks against cmark and pandoc; writes Benchmarks/RESULTS.md (not part of the tests).
bench:
	scripts/install-deps.sh build
	command -v cmark >/dev/null || apt-get install -y -qq cmark
	command -v pandoc >/dev/null || apt-get install -y -qq pandoc
	Benchmarks/bench.py
