package scan

import (
	"regexp"
	"testing"
)

// RegisteredPatterns returns the source of every pattern made with
// MustCompile in this test binary.
func RegisteredPatterns() []string {
	registry.Lock()
	defer registry.Unlock()
	out := make([]string, 0, len(registry.all))
	for _, r := range registry.all {
		out = append(out, r.pattern)
	}
	return out
}

// DetectorPatterns and SampleInputs expose the equivalence test's helpers.
func DetectorPatterns(t *testing.T) []string { return detectorPatterns(t) }

// SampleInputs is sampleInputs for the external tests.
func SampleInputs(t *testing.T) [][]byte { return sampleInputs(t) }

// AssertSameAnswers fails t when the prefiltered search of pattern differs
// from regexp's on in.
func AssertSameAnswers(t *testing.T, pattern string, in []byte) {
	t.Helper()
	assertSameAnswers(t, compileNow(pattern), regexp.MustCompile(pattern), in)
}
