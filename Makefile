# kmctl — make targets are the documented entry points.
GO       ?= go
BIN      := bin/kmctl
E2E_TIMEOUT ?= 60m

.PHONY: all build test lint components chromium e2e check up bench clean

all: build

## build: compile kmctl into bin/kmctl (static, so it also runs in an empty image)
build:
	CGO_ENABLED=0 $(GO) build -trimpath -o $(BIN) ./cmd/kmctl

## test: unit tests
test:
	$(GO) test -count=1 ./cmd/... ./components/... ./pkg/... ./templates/...

## lint: gofmt and go vet
lint:
	@out="$$(gofmt -l cmd components pkg templates e2e)"; if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

## components: build etcd, Kubernetes, kubectl and Prometheus from source into the cache (first time 10-25 min)
components: build
	$(BIN) build binaries

## chromium: install Debian's chromium, which the e2e tests open reports in
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }

## e2e: end-to-end tests against real clusters (builds the components first)
e2e: components chromium
	$(GO) test -count=1 -timeout $(E2E_TIMEOUT) -v ./e2e/...

## check: everything CI runs
check: lint test e2e

## up: build kmctl and bring up a cluster named kmctl with 100 nodes and 1000 pods
up: build
	$(BIN) create cluster
	$(BIN) scale node --replicas 100
	$(BIN) scale pod --replicas 1000 --wait

## bench: the performance experiment, with figures beside the apiserver's ceiling
bench: components
	$(BIN) benchmark --output docs/benchmarks/latest.md

clean:
	rm -rf bin
