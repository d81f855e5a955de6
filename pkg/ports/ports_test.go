package ports

import (
	"net"
	"strings"
	"testing"
)

func TestPickFreeIsUniqueAndUsable(t *testing.T) {
	a := NewLocal()
	seen := map[int]bool{}
	for i := 0; i < 20; i++ {
		p, err := a.Pick(0, "x-port")
		if err != nil {
			t.Fatal(err)
		}
		if seen[p] {
			t.Fatalf("port %d handed out twice", p)
		}
		seen[p] = true
	}
}

func TestPickTakenPortNamesTheFlag(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	_, err = NewLocal().Pick(port, "kube-apiserver-port")
	if err == nil || !strings.Contains(err.Error(), "--kube-apiserver-port") {
		t.Fatalf("want an error naming the flag, got %v", err)
	}
}

func TestPickSamePortTwice(t *testing.T) {
	a := NewLocal()
	p, err := a.Pick(0, "a")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Pick(p, "b"); err == nil || !strings.Contains(err.Error(), "both --a and --b") {
		t.Fatalf("want an error naming both flags for a port given twice, got %v", err)
	}
	if _, err := a.Pick(70000, "c"); err == nil {
		t.Fatal("want an error for an out-of-range port")
	}
}
