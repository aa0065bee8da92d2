# kfq: `make run` to try it, `make test` to test everything. See README.md.
BUILD  ?= build
TBUILD ?= build-test

.PHONY: all deps build web run test fuzz-long format clean

all: build

deps:
	@scripts/install-deps.sh --check || scripts/install-deps.sh

build: deps
	@[ -f $(BUILD)/build.ninja ] || CC=gcc meson setup $(BUILD) --buildtype=release >/dev/null
	@ninja -C $(BUILD) kfq

web: deps
	@scripts/build-web.sh

run: build web
	@scripts/run.sh $(BUILD)/kfq

test: deps
	@scripts/test.sh

# Longer fuzzing by hand: make fuzz-long FUZZ_SECONDS=600
FUZZ_SECONDS ?= 300
fuzz-long: deps
	@[ -f $(TBUILD)/build.ninja ] || CC=clang meson setup $(TBUILD) --buildtype=debug \
		-Db_sanitize=address,undefined -Db_lundef=false -Dfuzz=true >/dev/null
	@ninja -C $(TBUILD)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh $(TBUILD)

format:
	@clang-format -i $$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c')

clean:
	rm -rf $(BUILD) $(TBUILD) test-output web/dist
