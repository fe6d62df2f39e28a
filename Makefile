# The two front doors: `make run` and `make test` (each installs what is missing, then builds).
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
CTEST_JOBS ?= 2
CMAKE_FLAGS ?=

.PHONY: all deps configure build run test test-sanitized bench format clean package package-check translations

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

configure: $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR)

run: deps build
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY$$QT_QPA_PLATFORM" ] && [ "$$(uname -s)" = Linux ]; then \
		echo "make run: no display is available (DISPLAY and WAYLAND_DISPLAY are unset)."; \
		echo "Run it under a virtual display:  xvfb-run -a -s '-screen 0 1440x900x24' make run"; \
		echo "or headless:                      QT_QPA_PLATFORM=offscreen $(BUILD_DIR)/bin/assay"; \
		exit 1; \
	fi
	$(BUILD_DIR)/bin/assay

test: deps build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(CTEST_JOBS)

# Every test under AddressSanitizer + UndefinedBehaviorSanitizer, warnings as errors, in its own
# build folder. Leak reports are off: Qt's and the drivers' process-lifetime allocations drown them.
SANITIZED_DIR ?= build-sanitized
test-sanitized: deps
	cmake -S . -B $(SANITIZED_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DASSAY_SANITIZE=ON -DASSAY_WERROR=ON
	cmake --build $(SANITIZED_DIR)
	cd $(SANITIZED_DIR) && ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
		ctest --output-on-failure -j $(CTEST_JOBS)

bench: build
	cmake --build $(BUILD_DIR) --target run_benchmarks

format:
	git ls-files '*.cpp' '*.h' | xargs clang-format -i

# The Debian package $(BUILD_DIR)/assay_<version>_<arch>.deb (README.md, "Packages").
package: deps build
	cmake --build $(BUILD_DIR) --target package

# Builds that package, installs it into a clean Debian 12 root and starts it there. Needs root;
# not part of `make test`.
package-check: deps configure
	bash packaging/package-check.sh $(BUILD_DIR)

# Updates resources/translations/*.ts from the tr() texts in the sources (lupdate).
translations: configure
	cmake --build $(BUILD_DIR) --target update_translations

clean:
	rm -rf $(BUILD_DIR)
