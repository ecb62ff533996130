# The two quick-start commands, and the builds behind them.
#   make run   — install deps, build, ingest the bundled examples, list the stories, articles,
#                people and some of Peskov's quotes, then serve them (web UI + JSON API)
#   make test  — install deps, build, run every test
BUILD ?= build
ASAN_BUILD ?= build-asan
DB ?= ./storyline-data
JOBS ?= $(shell nproc)

.PHONY: deps build run test asan bench clean

deps:
	@./scripts/install-deps.sh
	@# The browser tests' playwright-core (npm, pinned). Offline outside CI, they are skipped.
	@./tests/browser/install.sh >/dev/null || { [ -z "$$CI" ] && echo "browser tests: npm install failed; they will be skipped" >&2; } || exit 1

build: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	$(BUILD)/storyline ingest --db $(DB) examples/seeds; status=$$?; \
	  [ $$status -le 2 ] || exit $$status
	@echo; $(BUILD)/storyline stories --db $(DB)
	@echo; $(BUILD)/storyline articles --db $(DB)
	@echo; $(BUILD)/storyline people --db $(DB) --limit 10
	@echo; $(BUILD)/storyline quotes --db $(DB) --speaker dmitri-peskov --limit 3
	@echo; $(BUILD)/storyline serve --db $(DB)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

asan: deps
	@cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSTORYLINE_SANITIZE=ON \
	  -DSTORYLINE_BUILD_BENCH=OFF >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS)

bench: build
	$(BUILD)/bench/storyline_bench

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
