package secret

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// The gate in front of the generic rule must never turn away a line the
// rule would report: on lines assembled from the parts the rule reads
// (keys, operators, quotes, values with and without digits, prose), every
// line assignment reports passes mayAssignValue.
func TestGateKeepsEveryGenericSecret(t *testing.T) {
	keys := []string{"JWT_SECRET", "api_key", "password", "db.passwd", "authToken", "user", "token_ttl", "SECRET_KEY: str", "val signingKey: String", "export STRIPE_TOKEN", "- apiKey", `"accessKey"`}
	ops := []string{" = ", "=", ": ", ":=", " => ", " ", ""}
	values := []string{genValue, "x7Kp9mQ2wL5v", "x7Kp9mQ2wL5", "x7Kp9mQ2wL5v(", "x7Kp9mQ2wL5v%", "abcdefghijklmnop", "ab(cdefgh1jklmnop", "1234567890ab", "x7Kp$9mQ2wL5vN8", `[]byte("` + genValue + `")`,
		`os.getenv("JWT_SECRET", "` + genValue + `")`, "process.env.TOKEN || '" + genValue + "'", "the user token value", "Zm9vYmFy\tMTIzNDU2Nzg5"}
	quotes := []string{`"`, `'`, "`", ""}
	tails := []string{"", ";", ",", " # note", "  // the user's token"}
	kinds := []fileKind{kindSource, kindConfig}
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	reported := 0
	for range 20000 {
		q := pick(quotes)
		line := pick([]string{"", "  ", "\t", "const "}) + pick(keys) + pick(ops) + q + pick(values) + q + pick(tails)
		if rng.IntN(4) == 0 {
			line = wordyProse + line
		}
		for _, k := range kinds {
			s := &fileScan{kind: k}
			b := []byte(line)
			_, ok := s.assignment(b, asciiLower(b))
			if ok {
				reported++
			}
			if ok && !mayAssignValue(b, asciiLower(b), k == kindSource) {
				t.Fatalf("gate turns away a reported line (kind %d): %q", k, line)
			}
		}
	}
	if reported < 1000 {
		t.Fatalf("only %d generated lines were reported: the test no longer exercises the gate", reported)
	}
}

const wordyProse = "The user sends the token with each request; the password is never stored, only its hash. "

// Prose naming passwords and tokens is turned away before any regexp runs.
func TestGateTurnsAwayProse(t *testing.T) {
	for _, line := range []string{
		strings.Repeat(wordyProse, 10),
		"password_min_length: 12",
		"token_header: Authorization",
		"# the value of the token is rotated every 24 hours",
	} {
		if mayAssignValue([]byte(line), asciiLower([]byte(line)), false) {
			t.Errorf("gate passes %q", line)
		}
	}
	if !mayAssignValue([]byte(`JWT_SECRET = "`+genValue+`"`), []byte(`jwt_secret = "`), true) {
		t.Error("gate turns away a quoted secret in source")
	}
	if mayAssignValue([]byte(`JWT_SECRET = `+genValue), []byte(`jwt_secret = `), true) {
		t.Error("gate passes an unquoted value in source, which the rule never reports")
	}
}
