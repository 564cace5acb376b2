package audit

import (
	"context"
	"net"
	"strings"
	"time"
)

// lookupHost resolves a host name; tests replace it to stand for a
// machine with or without a network.
var lookupHost = net.DefaultResolver.LookupHost

// wellKnownHosts are names that resolve wherever there is a network. Only
// DNS lookups are made, never a request.
var wellKnownHosts = []string{"example.com", "dns.google"}

// unreachableHere reports whether a probe failure is the kind a machine
// without a network gives (the name does not resolve, no route), rather
// than a deployment that is down.
func unreachableHere(reason string) bool {
	for _, s := range []string{"DNS lookup", "no such host", "network is unreachable", "no route to host"} {
		if strings.Contains(reason, s) {
			return true
		}
	}
	return false
}

// noNetwork reports whether this machine can resolve no host name at all:
// then a deployment that could not be reached was not checked, and saying
// it is down would send the candidate to fix a crash that is not there.
func noNetwork(ctx context.Context) bool {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	for _, h := range wellKnownHosts {
		if _, err := lookupHost(ctx, h); err == nil {
			return false
		}
	}
	return true
}
