package rules

import (
	"strings"
	"testing"
)

func TestDeploymentLiveMessages(t *testing.T) {
	cold := &Facts{Live: &Live{URL: "https://api.onrender.com", Reachable: true, Status: 200, HTTPS: true,
		TLSDaysLeft: 60, LatencyMS: 90, FirstLatencyMS: 31000, ColdStart: true}}
	r := deployLive(cold)
	if !r.Passed || !strings.Contains(r.Message, "cold start") {
		t.Fatalf("a cold start is not reported as such: %+v", r)
	}

	down := &Facts{Live: &Live{URL: "https://api.example.com", Error: "connection refused"}}
	if r := deployHTTPS(down); !r.Skipped {
		t.Fatalf("an unreachable https:// service was judged on HTTPS: %+v", r)
	}
	if r := deployLive(down); r.Passed || !strings.Contains(r.Message, "connection refused") {
		t.Fatalf("an unreachable service does not fail with its error: %+v", r)
	}

	badCert := &Facts{Live: &Live{URL: "https://api.example.com", TLSError: "TLS certificate not trusted: signed by an unknown authority (self-signed?)"}}
	if r := deployHTTPS(badCert); r.Passed || r.Skipped || !strings.Contains(r.Message, "self-signed") {
		t.Fatalf("a refused certificate is not a failure naming why: %+v", r)
	}

	plain := &Facts{Live: &Live{URL: "http://api.example.com", Reachable: true, Status: 200}}
	if r := deployHTTPS(plain); r.Passed || !strings.Contains(r.Message, "not served over HTTPS") {
		t.Fatalf("plain HTTP passed: %+v", r)
	}
}
