# The two commands of the README. Both install what is missing first.
.PHONY: guide test build clean

# Build the whole guide (every locale, every format) into _site/.
guide:
	scripts/install-deps.sh build
	swift build -c release
	.build/release/guidegen build

# Run the whole test suite, validators included.
test:
	scripts/test.sh

build:
	scripts/install-deps.sh build
	swift build

clean:
	rm -rf .build _site
