package rules

import (
	"fmt"
	"strings"
)

// Checks judged on the live probe alone that no criterion file covered:
// they are listed in the criteria of api-docs and deployment (the headers
// of the running service; the security criterion judges the code).

// liveSkip says why a live check cannot be judged, or "" when it can.
func liveSkip(f *Facts) string {
	if why := notProbed(f); why != "" {
		return why
	}
	if !f.Live.Reachable {
		return "the deployed URL did not answer"
	}
	return ""
}

// notProbed says why there is no live result to judge, or "" when the
// probe ran.
func notProbed(f *Facts) string {
	switch {
	case f.Live != nil:
		return ""
	case f.ProbeSkipped != "":
		return f.ProbeSkipped
	}
	return "no deployed URL was probed"
}

var deploymentSecurityHeaders = &Check{
	ID:    "deployment.security-headers",
	Title: "The deployed API sends the security headers an API should",
	Doc: "A reviewer's browser tools show the headers at once: HSTS on HTTPS, `X-Content-Type-Options: nosniff`, " +
		"no server software version (`Server: nginx/1.18.0`, `X-Powered-By: Express`), and no CORS that lets any " +
		"origin call with credentials. Judged on the live probe's answers; rate-limit headers are reported, not " +
		"demanded. Skipped when no deployed URL was probed.",
	Points: 10,
	Run: func(f *Facts) Result {
		if why := liveSkip(f); why != "" {
			return Skip(why)
		}
		l := f.Live
		h := l.Headers
		if h == nil {
			return Skip("the probe saw no answer to judge headers on")
		}
		ev := Location{URL: l.URL}
		var bad []string
		if l.HTTPS && !h.HSTS {
			bad = append(bad, "no Strict-Transport-Security")
		}
		if !h.NoSniff {
			bad = append(bad, "no X-Content-Type-Options: nosniff")
		}
		if h.ServerVersion != "" {
			bad = append(bad, "discloses "+h.ServerVersion)
		}
		if h.CORSCredentials {
			bad = append(bad, "CORS allows any origin ("+h.CORS+") with credentials")
		}
		rl := "no rate-limit headers seen"
		if h.RateLimit {
			rl = "rate-limit headers seen"
		}
		if len(bad) > 0 {
			return Fail(strings.Join(bad, "; ")+" ("+rl+")", ev)
		}
		return Pass("security headers in place ("+rl+")", ev)
	},
	Fix: func(s Stack) []string {
		return Steps{ID: "deployment.security-headers", Generic: []string{"Send `Strict-Transport-Security` and `X-Content-Type-Options: nosniff` from the app or the proxy, and hide the server version", "Allow credentials in CORS only for an explicit list of origins"}}.For(s)
	},
}

var apiDocsLiveConformance = &Check{
	ID:    "api-docs.live-conformance",
	Title: "The deployed API answers as its OpenAPI document says",
	Doc: "Docs that lie are worse than none: a reviewer who calls an operation from Swagger UI expects the documented " +
		"status, content type and body. The probe calls the GET operations that need no parameters (or have examples) " +
		"and validates each answer with kin-openapi's openapi3filter. Skipped when nothing could be called.",
	Points: 5,
	Run: func(f *Facts) Result {
		if why := liveSkip(f); why != "" {
			return Skip(why)
		}
		l := f.Live
		c := l.Conformance
		if c.Checked == 0 {
			return Skip("no parameterless GET operation of the OpenAPI document could be called")
		}
		ev := Location{URL: l.URL}
		if l.SpecURL != "" {
			ev = Location{URL: l.SpecURL}
		}
		if c.Violations == 0 {
			return Pass(fmt.Sprintf("%d operations answered as documented", c.Checked), ev)
		}
		msg := fmt.Sprintf("%d of %d operations answered otherwise than documented", c.Violations, c.Checked)
		if len(c.Details) > 0 {
			msg += ": " + strings.Join(c.Details[:min(len(c.Details), 3)], "; ")
		}
		return Fail(msg, ev)
	},
	Fix: func(s Stack) []string {
		return Steps{ID: "api-docs.live-conformance", Generic: []string{"Make each answer's status, content type and body match the OpenAPI document, and check it in a test"}}.For(s)
	},
}

var apiDocsLiveDrift = &Check{
	ID:    "api-docs.live-drift",
	Title: "The deployed API serves the operations the repository declares",
	Doc: "When the live OpenAPI document lists operations the repository does not (or the reverse), the deployment " +
		"is stale or the docs are. Compared with the repository's document (any difference fails) or, without one, " +
		"with the routes found in the code (a few differences are tolerated, as routes are read from source). " +
		"Skipped when no live document was found.",
	Points: 5,
	Run: func(f *Facts) Result {
		if why := liveSkip(f); why != "" {
			return Skip(why)
		}
		l := f.Live
		d := l.Drift
		if d == nil {
			return Skip("no live OpenAPI document to compare with the repository")
		}
		ev := Location{URL: l.SpecURL}
		n := len(d.OnlyLive) + len(d.OnlyRepo)
		var parts []string
		if len(d.OnlyLive) > 0 {
			parts = append(parts, "only live: "+strings.Join(d.OnlyLive[:min(len(d.OnlyLive), 5)], ", "))
		}
		if len(d.OnlyRepo) > 0 {
			parts = append(parts, "only in the repository: "+strings.Join(d.OnlyRepo[:min(len(d.OnlyRepo), 5)], ", "))
		}
		against := "the repository's OpenAPI document"
		if d.Against == "routes" {
			against = "the routes in the code"
		}
		switch {
		case n == 0:
			return Pass("the live document matches "+against, ev)
		case d.Against == "routes" && n <= 3:
			return Pass("the live document matches "+against+" but for "+strings.Join(parts, "; "), ev)
		}
		return Fail("the live document differs from "+against+": "+strings.Join(parts, "; "), ev)
	},
	Fix: func(s Stack) []string {
		steps := []string{"Redeploy from the default branch (or deploy on every push from CI) so the service runs the code in the repository"}
		return append(steps, Steps{ID: "api-docs.live-drift", Generic: []string{"Regenerate the committed OpenAPI document from the code in the build"}}.For(s)...)
	},
}
